/**
 * The dashboard's 通报 as a Word document: 下载通报（Word） beside 复制通报, and 通报版头设置 folded on the same line (no
 * height added to the page) — unfolded, its fields labelled and filled as the service has them, a bad 发文字号 refused in
 * words, 保存 kept by the service, the downloaded document laid out in it. Debian's chromium, the real local service,
 * a city's own table; axe-core on the panel unfolded at a phone's 360 px and a desktop's 1280 px.
 */
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../fixtures/axe.js";
import { startBrowserSite, type BrowserSite, openDashboard } from "../fixtures/browserSite.js";
import { docxParts } from "../fixtures/docxParts.js";
import { CITY, buildTable } from "../fixtures/otherTables.js";

let b: BrowserSite;
beforeAll(async () => {
  // axe-core is injected as a script of its own, which the page's Content-Security-Policy rightly refuses
  b = await startBrowserSite("/", { bypassCSP: true });
  const put = (path: string, body: Uint8Array | string) => fetch(`${b.h.host.url}${path}`, { method: "PUT", body: typeof body === "string" ? body : new Uint8Array(body), headers: { authorization: `Bearer ${b.h.coordinator}` } });
  expect((await put("/api/tasks?round=2022-03", (await buildTable(CITY)).bytes)).status).toBe(201);
  expect((await put("/api/roster", JSON.stringify(CITY.roster))).status).toBe(201);
}, 120_000);
afterAll(() => b?.close());

const dashboard = (width: number): Promise<Page> => openDashboard(b, { width });

const unfold = async (page: Page) => {
  await page.click("#letterhead-box summary");
  await page.waitForFunction(() => document.querySelector<HTMLInputElement>("#lh-issuer")?.placeholder !== "");
};

describe("通报（Word） on the dashboard", () => {
  for (const width of [360, 1280]) {
    it(`at ${width} px: folded on the buttons' line; unfolded, every field labelled and no WCAG 2.1 AA violation`, async () => {
      const page = await dashboard(width);
      const box = async (s: string) => (await page.locator(s).boundingBox())!;
      const [copy, download, summary] = [await box("#copy-notice"), await box("#download-notice"), await box("#letterhead-box summary")];
      // one line: nothing below the buttons when folded
      expect(Math.abs(summary.y + summary.height / 2 - (download.y + download.height / 2))).toBeLessThan(4);
      expect(download.y).toBe(copy.y);
      expect(await page.isVisible("#lh-issuer")).toBe(false);
      await unfold(page);
      for (const id of ["lh-issuer", "lh-number", "lh-to", "lh-cc", "lh-printer", "lh-date-style"]) {
        const label = await page.locator(`#${id}`).evaluate((e) => (e as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? "");
        expect(label, id).not.toBe("");
      }
      const found = await axeViolations(page);
      expect(found, describeViolations(found)).toEqual([]);
      await page.close();
    }, 120_000);
  }

  it("shows what the document has where nothing is set, refuses a bad 发文字号 in words, keeps 保存, and downloads the 通报 laid out in it", async () => {
    const page = await dashboard(1280);
    await unfold(page);
    // nothing set: the issuer from the city's own table's title, the rest as placeholders to fill
    expect(await page.getAttribute("#lh-issuer", "placeholder")).toBe("某某市人民政府办公室");
    expect(await page.getAttribute("#lh-number", "placeholder")).toBe("〔发文字号〕");
    expect(await page.textContent("#letterhead-note")).toBe("尚未设置。发文字号、主送机关未填：通报中以〔发文字号〕〔主送机关〕标出。");

    await page.fill("#lh-number", "某政办2022年7号");
    await page.click("#save-letterhead");
    await page.waitForSelector("#message.error");
    expect(await page.textContent("#message")).toContain("发文字号“某政办2022年7号”写法不对：应写作 机关代字〔年份〕序号号");
    expect(await b.h.services.store.configVersions("letterhead")).toEqual([]);

    await page.fill("#lh-number", "某政办〔2022〕7号");
    await page.fill("#lh-to", "各县（市、区）人民政府，市直各部门");
    await page.fill("#lh-cc", "市委办公室");
    await page.selectOption("#lh-date-style", "arabic");
    await page.click("#save-letterhead");
    await page.waitForFunction(() => document.querySelector("#message")?.textContent?.startsWith("通报版头已保存"));
    expect(await page.textContent("#message")).toBe("通报版头已保存：2022年3月及以后各月的通报都使用它。");
    expect(await page.textContent("#letterhead-note")).toBe("2022年3月起使用此设置。");
    const kept = await (await b.h.get("/api/letterhead?round=2022-04", b.h.coordinator)).json();
    expect(kept.letterhead).toMatchObject({ number: "某政办〔2022〕7号", to: "各县（市、区）人民政府，市直各部门", cc: "市委办公室", dateStyle: "arabic" });

    const [file] = await Promise.all([page.waitForEvent("download"), page.click("#download-notice")]);
    expect(file.suggestedFilename()).toBe("通报-2022-03.docx");
    const doc = docxParts(await readFile((await file.path())!));
    expect(doc.paragraphs.slice(0, 4)).toEqual(["某某市人民政府办公室", "某政办〔2022〕7号", "关于2022年3月政务公开工作台账报送情况的通报", "各县（市、区）人民政府，市直各部门："]);
    // the same sentences as the text beside the button
    const text = await page.inputValue("#notice");
    for (const line of text.split("\n")) expect(doc.paragraphs.some((p) => p.replace(/^（[一二三四五六七八九十]+）/, "") === line), line).toBe(true);
    await page.close();
  }, 120_000);
});
