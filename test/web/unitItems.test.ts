/**
 * 细化分解 on the dashboard, in Chromium against the real local service: 逐项验收 lists a task's items under it, each with
 * its own 验收 / 退回 named for it, decided by its button (the focus staying on it), the task following them; and the
 * browser page marks an item's finding on the 细化分解 sheet's tab of the preview.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../fixtures/axe.js";
import { startBrowserSite, type BrowserSite, openDashboard } from "../fixtures/browserSite.js";
import { CITY, buildTable } from "../fixtures/otherTables.js";
import { CLEAN_ITEMS, DEFECTIVE_ITEMS, ITEMS_ROUND, ITEMS_UNIT, itemsCopy } from "../fixtures/unitItems.js";

let b: BrowserSite;
beforeAll(async () => {
  // 10 July 2023 in 北京; axe is injected into the page, past its Content-Security-Policy
  b = await startBrowserSite("/", { bypassCSP: true, harness: { clock: "2023-07-10T02:00:00.000Z" } });
  const put = (path: string, body: Uint8Array | string) => fetch(`${b.h.host.url}${path}`, { method: "PUT", body: typeof body === "string" ? body : new Uint8Array(body), headers: { authorization: `Bearer ${b.h.coordinator}` } });
  expect((await put(`/api/tasks?round=${ITEMS_ROUND}`, (await buildTable(CITY)).bytes)).status).toBe(201);
  expect((await put("/api/roster", JSON.stringify(CITY.roster))).status).toBe(201);
  const sent = await b.h.submit(await b.h.token(ITEMS_UNIT), await itemsCopy(CLEAN_ITEMS), ITEMS_ROUND);
  expect(sent.status, JSON.stringify(sent.json.reasons ?? sent.json.message)).toBe(201);
}, 120_000);
afterAll(() => b?.close());

const dashboard = (): Promise<Page> => openDashboard(b, { round: ITEMS_ROUND });

describe("逐项验收 of a unit that broke its tasks into items", () => {
  it("lists each task's items under it; 验收 of one item by its button closes it, and the task once all are", async () => {
    const page = await dashboard();
    await page.click(`tr[data-unit="${ITEMS_UNIT}"] button.review`);
    await page.waitForSelector("#review:not([hidden])");
    const under = (task: string) => page.locator(`#review-items li[data-task="${task}"] li.own-item`);
    expect(await under("T05").allTextContents()).toEqual([
      expect.stringMatching(/^梳理本县26个领域事项清单 已完成 · 责任人：政务公开办 王芳 · 时限：2023年4月30日/),
      expect.stringMatching(/^在县政府网站发布标准目录 逾期 · 责任人：信息中心 李强 · 时限：6月20日前/),
    ]);
    expect(await under("T06").count()).toBe(2);
    expect(await under("T08").count()).toBe(2);
    expect(await under("T02").count()).toBe(0);
    // the task follows its items
    expect(await page.textContent('#review-items li[data-task="T05"] > .item-head')).toContain("逾期");
    // each item's buttons are named for it, as a task's are
    const first = under("T08").nth(0);
    expect(await first.locator("button.accept").getAttribute("aria-label")).toBe("验收销号：编制年度报告初稿");
    expect(await under("T05").nth(1).locator("button.accept").getAttribute("aria-label")).toBe("验收（尚未完成，不销号）：在县政府网站发布标准目录");
    expect(await under("T05").nth(1).locator("button.return").getAttribute("aria-label")).toBe("退回：在县政府网站发布标准目录");
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    // 验收 of T08's first item by its button: that item closed, the keyboard still on it
    await first.locator("button.accept").click();
    await page.waitForFunction(() => document.querySelector("#message")?.textContent?.includes("“编制年度报告初稿”已验收销号"));
    expect(await under("T08").nth(0).textContent()).toMatch(/^编制年度报告初稿 已销号/);
    expect(await under("T08").nth(1).textContent()).toMatch(/^在政府网站发布年度报告 已完成/);
    // closed, the item offers only 退回: the keyboard is there
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("退回：编制年度报告初稿");
    expect(await page.textContent('#review-items li[data-task="T08"] > .item-head')).not.toContain("已销号");
    // the other by the keyboard: the task is 已销号 once both are
    await under("T08").nth(1).locator("button.accept").focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector("#message")?.textContent?.includes("“在政府网站发布年度报告”已验收销号"));
    expect(await page.textContent('#review-items li[data-task="T08"] > .item-head')).toContain("已销号");
    const reviews = await (await b.h.get(`/api/reviews?round=${ITEMS_ROUND}`, b.h.coordinator)).json();
    expect(reviews.inForce.map((r: { task: string; item?: string }) => [r.task, r.item?.slice(0, 4)])).toEqual([["T08", "T08-"], ["T08", "T08-"]]);
    await page.close();
  }, 120_000);
});

describe("the browser page shows an item's finding like any other", () => {
  it("its card names the 细化分解 cell, and the preview's 细化分解 tab marks it", async () => {
    const page = await b.page({ width: 1200 });
    await page.goto(`${b.site.url}/taskpane.html`);
    await page.waitForSelector("#browser-mode:not([hidden])");
    const file = join(b.dir, "某某县人民政府-细化分解.xlsx");
    await writeFile(file, await itemsCopy(DEFECTIVE_ITEMS));
    await page.setInputFiles("#file", file);
    await page.waitForSelector(".finding.error");
    // read without the round's task list (no token given): the copy on its own terms, its items checked all the same
    const card = page.locator('.finding:has(.where:text-matches("^细化分解!"))').first();
    const where = (await card.locator(".where").textContent())!;
    const cell = where.replace("细化分解!", "");
    expect(await card.textContent()).toMatch(/事项|任务编号/);
    await card.click();
    await page.waitForSelector(`#preview td.focus[data-cell="${cell}"]`);
    expect(await page.getAttribute(`#preview td[data-cell="${cell}"]`, "class")).toMatch(/mark-(error|warning)/);
    await page.close();
  }, 120_000);
});
