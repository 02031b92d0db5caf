/**
 * Every clerk can use it (GB/T 37668, aligned with WCAG 2.1 AA; 适老化): axe-core on every page as served, at a
 * task pane's 350 px and a desktop's 1280 px; keyboard-only flows; what screen readers are told; 200 % zoom
 * and the larger-text setting. Debian's chromium, the real local service on Azurite.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { FileChooser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { percentText } from "../../core/index.js";
import { axeViolations, describeViolations } from "../fixtures/axe.js";
import { ARTIFACTS, startBrowserSite, type BrowserSite } from "../fixtures/browserSite.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";
import { openExcelPane } from "../fixtures/excelPane.js";
import { buildTable, countyOwnList } from "../fixtures/otherTables.js";

let b: BrowserSite;
/**
 * A second installation, given a county's own list: once any list is given the sample is never used again in an
 * installation, so the sample's months (2022-03 on `b`) and a list of one's own cannot share one.
 */
let own: BrowserSite;
let unitToken: string;
/** A copy with one error (统计信息 left blank) and one certain fix (责任单位 typed short: 财政局). */
let faulty: Buffer;
/** A copy whose only finding is the certain fix. */
let fixable: Buffer;
/** The month a county's own list is given for on `own` (one unit cell a phrase nobody can read): the reading panel's. */
const OWN_ROUND = "2024-03";
const OWN = countyOwnList(2024, "视情况另行明确", "10月下旬");

beforeAll(async () => {
  // axe-core is injected as a script of its own, which the pages' Content-Security-Policy rightly refuses
  [b, own] = await Promise.all([startBrowserSite("/", { bypassCSP: true }), startBrowserSite("/", { bypassCSP: true })]);
  unitToken = await b.h.token("旗财政局");
  faulty = (await buildCopy({ rows: CLEAN_ROWS, filled: { ...allDone(FINANCE_TASKS), 统计信息: {} }, set: { E9: "财政局" } })).bytes;
  fixable = (await buildCopy({ rows: CLEAN_ROWS, filled: allDone(FINANCE_TASKS), set: { E9: "财政局" } })).bytes;
  // a month with submissions, for the dashboard
  await b.h.submit(unitToken, (await buildCopy({ rows: CLEAN_ROWS, filled: allDone(FINANCE_TASKS) })).bytes, "2022-03");
  const given = await fetch(`${own.h.host.url}/api/tasks?round=${OWN_ROUND}`, { method: "PUT", body: new Uint8Array((await buildTable(OWN)).bytes), headers: { authorization: `Bearer ${own.h.coordinator}` } });
  if (given.status !== 201) throw new Error(`PUT /api/tasks: ${given.status} ${await given.text()}`);
}, 120_000);

afterAll(() => Promise.all([b?.close(), own?.close()]));

async function expectAccessible(page: Page, what: string): Promise<void> {
  const found = await axeViolations(page);
  expect(found, `${what}:\n${describeViolations(found)}`).toEqual([]);
}

const settings = (token: string, round = "2022-03") => JSON.stringify({ server: "", token, unit: "", round, live: false });

async function browserPage(width: number, file?: Buffer): Promise<Page> {
  const page = await b.page({ width });
  await page.goto(`${b.site.url}/taskpane.html`);
  await page.evaluate((s) => localStorage.setItem("gongkai-ledger.settings.v1", s), settings(unitToken));
  await page.reload();
  await page.waitForSelector("#browser-mode:not([hidden])");
  if (file) {
    const path = join(b.dir, `copy-${width}-${Math.random().toString(36).slice(2)}.xlsx`);
    await writeFile(path, file);
    await page.setInputFiles("#file", path);
    await page.waitForSelector(".finding");
  }
  return page;
}

/** The dashboard for a month: `OWN_ROUND` on the installation given its own list, any other on `b`. */
async function dashboard(width: number, loaded = true, round = "2022-03"): Promise<Page> {
  const site = round === OWN_ROUND ? own : b;
  const page = await site.page({ width });
  await page.goto(`${site.site.url}/dashboard.html`);
  if (!loaded) return page;
  await page.fill("#token", site.h.coordinator);
  await page.fill("#round", round);
  await page.click("#refresh");
  await page.waitForSelector("#board:not([hidden])");
  await page.waitForSelector("#loading", { state: "hidden" });
  return page;
}

const announced = (page: Page, words: string) =>
  page.waitForFunction((w) => document.querySelector("#announce")?.textContent?.includes(w), words, { timeout: 60_000 });

describe("axe-core finds no WCAG 2.1 A/AA violation on any page", () => {
  for (const width of [350, 1280]) {
    it(`the task pane in Excel at ${width} px: empty, with findings, settings open, after 提交`, async () => {
      const page = await openExcelPane(b, faulty, { width });
      await page.waitForSelector("#validate");
      await expectAccessible(page, "empty");
      await page.click("#validate");
      await page.waitForSelector(".finding");
      await expectAccessible(page, "with findings");
      await page.click("#fix");
      await expectAccessible(page, "一键修复's confirmation");
      await page.click("#fix-cancel");
      await page.click("#settings summary");
      await expectAccessible(page, "settings open");
      await page.fill("#server", b.site.url);
      await page.fill("#token", unitToken);
      await page.fill("#round", "2022-03");
      await page.click("#save-settings");
      await page.click("#submit");
      await page.waitForSelector("#receipt:not([hidden])");
      await expectAccessible(page, "after 提交");
      await page.close();
    }, 120_000);

    it(`the page without Excel at ${width} px: with a file, its findings and the preview`, async () => {
      const page = await browserPage(width);
      await expectAccessible(page, "no file yet");
      await page.close();
      const withFile = await browserPage(width, faulty);
      await expectAccessible(withFile, "with a file");
      await withFile.locator(".finding.error").first().click();
      await withFile.waitForSelector("#preview td.focus");
      await expectAccessible(withFile, "a finding's cell shown");
      await withFile.close();
    }, 120_000);

    it(`the ribbon's notice and the help page at ${width} px`, async () => {
      const page = await b.page({ width });
      await page.goto(`${b.site.url}/notice.html?m=${encodeURIComponent("发现 1 处错误、1 条提醒，已在表中标出。\n打开任务面板可查看问题清单。")}`);
      await page.waitForSelector("#text br", { state: "attached" });
      await expectAccessible(page, "notice");
      await page.goto(`${b.site.url}/help.html`);
      await expectAccessible(page, "help");
      await page.close();
    }, 60_000);

    it(`the dashboard at ${width} px: empty, loaded, a review open`, async () => {
      const empty = await dashboard(width, false);
      await expectAccessible(empty, "empty");
      await empty.close();
      const page = await dashboard(width);
      await expectAccessible(page, "loaded");
      for (const d of await page.locator(".chart-data summary").all()) await d.click();
      await expectAccessible(page, "charts' data tables open");
      await page.click('tr[data-unit="旗财政局"] button.review');
      await page.waitForSelector("#review:not([hidden])");
      await expectAccessible(page, "a review open");
      expect(await page.isVisible("#sample-notice"), "the sample's notice beside the counts").toBe(true);
      await page.click("#issue-tokens");
      await page.waitForSelector("#issued:not([hidden])");
      await expectAccessible(page, "the tokens just issued");
      await page.close();
    }, 120_000);

    it(`the dashboard's reading of the official table at ${width} px: a task to look at, corrected, saved`, async () => {
      const page = await dashboard(width, true, OWN_ROUND);
      await page.click("#show-reading");
      await page.waitForSelector("#reading:not([hidden])");
      await page.locator("#reading-findings-box summary").click();
      await expectAccessible(page, "the reading open");
      await page.locator("#reading-tasks li.problem input.phrase-responsible").fill("县财政局");
      await page.click("#save-mapping");
      await page.waitForFunction(() => document.querySelector("#message")?.textContent?.includes("已保存更正"));
      await expectAccessible(page, "after 保存更正");
      // put back as it was for the other tests
      await page.locator('#reading-tasks li.reading-task:has-text("组织开展政务公开业务培训。") input.phrase-responsible').fill("");
      await page.click("#save-mapping");
      await page.waitForFunction(() => document.querySelector("#message")?.textContent?.includes("仍有1项读不出单位"));
      await page.close();
    }, 120_000);
  }
});

/** Presses Tab (Shift+Tab when `back`) until the focus is on `selector`; fails when it never gets there. */
async function tabTo(page: Page, selector: string, back = false, most = 120): Promise<void> {
  for (let i = 0; i < most; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`Tab never reached ${selector} (focus on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))})`);
}
/**
 * Tabs to the file input and opens its chooser with Space, as a keyboard user does. The browser opens a chooser only
 * for the tab in front: under a full test run another test's page can come in front meanwhile, and the key press is
 * then not a gesture on this page — it is brought in front again and the key pressed again, three times at most.
 */
async function chooserByKeyboard(page: Page, selector: string): Promise<FileChooser> {
  for (let attempt = 1; ; attempt++) {
    await page.bringToFront();
    await tabTo(page, selector);
    try {
      const [chooser] = await Promise.all([page.waitForEvent("filechooser", { timeout: 15_000 }), page.keyboard.press("Space")]);
      return chooser;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}
const focusMatches = (page: Page, selector: string) => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

describe("with the keyboard alone", () => {
  it("the page without Excel: pick a file, 校验, ↑↓ through the findings, a finding's cell in the preview, 一键修复 confirmed (Esc closes), 提交", async () => {
    const page = await browserPage(1280);
    const path = join(b.dir, "键盘.xlsx");
    await writeFile(path, faulty);
    const chooser = await chooserByKeyboard(page, "#file");
    await chooser.setFiles(path); // 校验 runs by itself once a file is chosen
    await page.waitForSelector(".finding");
    await announced(page, "发现 1 处错误、1 条提醒");
    // 校验 again from the keyboard
    await tabTo(page, "#validate");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#busy", { state: "hidden" });
    await announced(page, "发现 1 处错误、1 条提醒");

    await tabTo(page, "button.finding");
    const cards = await page.locator("button.finding").count();
    expect(cards).toBe(2);
    await page.keyboard.press("ArrowDown");
    expect(await focusMatches(page, "button.finding.warning")).toBe(true);
    await page.keyboard.press("ArrowUp");
    expect(await focusMatches(page, "button.finding.error")).toBe(true);
    await page.keyboard.press("End");
    expect(await focusMatches(page, "button.finding.warning")).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.matches('#preview td[data-cell="E9"]'), undefined, { timeout: 5000 }).catch(async (e: Error) => {
      throw new Error(`${e.message}: focus on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200))}`);
    });
    expect(await page.evaluate(() => document.activeElement!.textContent)).toContain("提醒"); // its mark in words

    // 一键修复: Enter asks first, with the keyboard on 确定修复; Esc closes and gives the focus back
    await tabTo(page, "#fix", true);
    await page.keyboard.press("Enter");
    await page.waitForSelector("#fix-confirm:not([hidden])");
    expect(await focusMatches(page, "#fix-apply")).toBe(true);
    expect(await page.textContent("#fix-list")).toContain("“财政局” → “旗财政局”");
    await page.keyboard.press("Escape");
    await page.waitForSelector("#fix-confirm", { state: "hidden" });
    expect(await focusMatches(page, "#fix")).toBe(true);
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter"); // 确定修复
    await announced(page, "已修复 1 个单元格");
    expect(await page.locator("button.finding").count()).toBe(1);

    // 提交: refused (the blank 统计信息 remains), and said so
    await tabTo(page, "#submit");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#receipt:not([hidden])");
    await announced(page, "错误");
    await page.close();

    // a clean copy: the submission's success is said too
    const clean = await browserPage(1280, fixable);
    await tabTo(clean, "#fix");
    await clean.keyboard.press("Enter");
    await clean.keyboard.press("Enter");
    await announced(clean, "已修复 1 个单元格");
    await tabTo(clean, "#submit");
    await clean.keyboard.press("Enter");
    await announced(clean, "提交成功");
    expect(await clean.textContent("#receipt")).toContain("提交成功");
    await clean.close();
  }, 120_000);

  it("the dashboard: refresh, open a unit, return an item with a comment, Esc closes the review, copy the 通报", async () => {
    const page = await dashboard(1280, false);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: b.site.url });
    await tabTo(page, "#token");
    await page.keyboard.type(b.h.coordinator);
    await tabTo(page, "#round");
    await page.fill("#round", "2022-03"); // a month input's parts are typed differently per locale: filled directly
    await tabTo(page, "#refresh");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#board:not([hidden])");
    await announced(page, "已刷新");

    await tabTo(page, 'tr[data-unit="旗财政局"] button.review');
    await page.keyboard.press("Enter");
    await page.waitForSelector("#review:not([hidden])");
    expect(await focusMatches(page, "#review-title")).toBe(true);
    await tabTo(page, "#review-items li.item input.comment");
    const task = await page.evaluate(() => document.activeElement!.closest("li")!.getAttribute("data-task"));
    await page.keyboard.type("请补充发布链接");
    await page.keyboard.press("Tab"); // 验收销号
    await page.keyboard.press("Tab"); // 退回
    expect(await focusMatches(page, "button.return")).toBe(true);
    await page.keyboard.press("Enter");
    await announced(page, "已退回");
    // the list is drawn anew; the keyboard stays where it was
    expect(await focusMatches(page, `li[data-task="${task}"] button.return`)).toBe(true);
    expect(await page.textContent(`#review-items li[data-task="${task}"]`)).toContain("验收：退回：请补充发布链接");
    await page.keyboard.press("Escape");
    await page.waitForSelector("#review", { state: "hidden" });
    expect(await focusMatches(page, 'tr[data-unit="旗财政局"] button.review')).toBe(true);

    await tabTo(page, "#copy-notice");
    await page.keyboard.press("Enter");
    await announced(page, "通报已复制");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.inputValue("#notice"));
    await page.close();
  }, 120_000);

  it("the dashboard's reading: 查看读取结果, a column's role chosen, the unit typed for a phrase, 保存更正, Esc closes", async () => {
    const page = await dashboard(1280, true, OWN_ROUND);
    expect(await page.isVisible("#sample-notice")).toBe(false); // the month has its own list
    await tabTo(page, "#show-reading");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#reading:not([hidden])");
    expect(await focusMatches(page, "#reading-title")).toBe(true);
    // every control says what it is for
    const names = await page.$$eval("#reading select, #reading input", (els) => els.map((e) => (e as HTMLElement).getAttribute("aria-label") ?? (e as HTMLInputElement).labels?.[0]?.textContent ?? ""));
    expect(names.every((n) => n.trim() !== "")).toBe(true);
    expect(names).toContain("更正为：D列“其他”");

    await tabTo(page, '#reading-columns select[data-letter="D"]');
    await page.selectOption('#reading-columns select[data-letter="D"]', "coResponsible"); // a select's list opens differently per platform: chosen directly
    await tabTo(page, "#reading-tasks li.problem input.phrase-lead");
    expect(await page.getAttribute("#reading-tasks li.problem input.phrase-lead", "aria-label")).toBe("牵头单位：第6行单位格“视情况另行明确”");
    await page.keyboard.type("县政府办");
    await page.keyboard.press("Tab");
    expect(await focusMatches(page, "input.phrase-responsible")).toBe(true);
    await page.keyboard.type("县财政局");
    await tabTo(page, "#save-mapping");
    await page.keyboard.press("Enter");
    await announced(page, "已保存更正");
    expect(await focusMatches(page, "#save-mapping")).toBe(true);
    expect(await page.locator("#reading-tasks li.problem").count()).toBe(0);
    const list = await (await own.h.get(`/api/tasks?round=${OWN_ROUND}`, own.h.coordinator)).json();
    expect(list.unitPhrases).toEqual({ 视情况另行明确: { lead: ["县政府办"], responsible: ["县财政局"] } });
    await page.keyboard.press("Escape");
    await page.waitForSelector("#reading", { state: "hidden" });
    expect(await focusMatches(page, "#show-reading")).toBe(true);

    // and back, from the keyboard too: the corrections emptied and saved
    await page.keyboard.press("Enter");
    await page.waitForSelector("#reading:not([hidden])");
    await page.selectOption('#reading-columns select[data-letter="D"]', "");
    for (const cls of ["phrase-lead", "phrase-responsible"]) await page.fill(`#reading-tasks input.${cls}`, "");
    await tabTo(page, "#save-mapping");
    await page.keyboard.press("Enter");
    await announced(page, "仍有1项读不出单位");
    await page.close();
  }, 120_000);

  /**
   * Tab from the top through every control and back to the first: each one gets the focus (no trap, none
   * skipped) and shows it (an outline of at least 2 px, on the control or, for the hidden file input, on its
   * visible button).
   */
  async function tabCycle(page: Page, what: string): Promise<void> {
    const controls = await page.evaluate(() => {
      const all = document.querySelectorAll<HTMLElement>('a[href], button, input, textarea, select, summary, [tabindex]:not([tabindex="-1"])');
      const folded = (e: HTMLElement) => !e.matches("summary") && e.closest("details:not([open])") !== null;
      return [...all].filter((e) => !(e as HTMLButtonElement).disabled && e.getClientRects().length > 0 && e.tabIndex >= 0 && !folded(e)).map((e) => e.id || `${e.tagName}.${e.className}`);
    });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const seen: string[] = [];
    let cameRound = false;
    for (let i = 0; i < controls.length + 10; i++) {
      await page.keyboard.press("Tab");
      const state = await page.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        if (!e || e === document.body) return null;
        const shown = (e.matches("input[type=file]") && e.closest("label")?.querySelector(".file-button")) || e;
        const s = getComputedStyle(shown);
        const ring = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
        const id = e.id || `${e.tagName}:${e.className}:${e.textContent?.slice(0, 20)}:${[...document.querySelectorAll(e.tagName)].indexOf(e)}`;
        return { id, ring, how: `${s.outlineStyle} ${s.outlineWidth} focus=${e.matches(":focus")} visible=${e.matches(":focus-visible")}` };
      });
      if (!state) continue; // past the last control the browser itself has the focus once
      expect(state.ring, `${what}: no visible focus on ${state.id} (${state.how})`).toBe(true);
      if (seen[0] === state.id && seen.length > 1) {
        cameRound = true;
        break;
      }
      if (seen.at(-1) !== state.id) seen.push(state.id); // a month field takes a Tab for each of its parts
    }
    expect(new Set(seen).size, `${what}: Tab reached ${new Set(seen).size} of ${controls.length} controls: ${seen.join(", ")} — of ${controls.join(", ")}`).toBe(controls.length);
    expect(seen.length, `${what}: a control came twice before the round ended: ${seen.join(", ")}`).toBe(controls.length);
    expect(cameRound, `${what}: Tab did not come round to the first control again`).toBe(true);
  }

  it("every control shows its focus and Tab passes through each page and out again", async () => {
    const pane = await openExcelPane(b, faulty, { width: 350 });
    await pane.click("#validate");
    await pane.waitForSelector(".finding");
    await pane.click("#settings summary");
    await tabCycle(pane, "task pane");
    await pane.close();
    const page = await browserPage(350, faulty);
    await tabCycle(page, "page without Excel");
    await page.close();
    const dash = await dashboard(1280);
    await dash.click('tr[data-unit="旗财政局"] button.review');
    await tabCycle(dash, "dashboard");
    await dash.close();
  }, 120_000);
});

describe("what a screen reader is told", () => {
  it("the result of 校验 in the pane, in the live region that is always in the page", async () => {
    const page = await openExcelPane(b, faulty, { width: 350 });
    expect(await page.getAttribute("#announce", "role")).toBe("status");
    expect(await page.isHidden("#announce")).toBe(false); // in the accessibility tree, only visually hidden
    await page.click("#validate");
    await announced(page, "发现 1 处错误、1 条提醒");
    await page.close();
  }, 60_000);

  it("colour is never the only sign: each finding says 错误 or 提醒 in words, each marked cell of the preview has a symbol", async () => {
    const page = await browserPage(350, faulty);
    expect(await page.locator(".finding.error .sev").textContent()).toBe("错误");
    expect(await page.locator(".finding.warning .sev").textContent()).toBe("提醒");
    expect(await page.locator('#preview td[data-cell="E9"] .sym').textContent()).toBe("⚠");
    expect(await page.locator("#preview td.mark-done .sym").first().textContent()).toBe("✔");
    expect(await page.locator("#preview td.mark-error .sym").first().textContent()).toBe("✖");
    expect(await page.locator('#preview td[data-cell="E9"] .sr-only').textContent()).toMatch(/^（提醒：牵头单位中的“财政局”是“旗财政局”的简称/);
    await page.close();
  }, 60_000);

  it("each chart has a sentence and its numbers as a table", async () => {
    const page = await dashboard(1280);
    const rate = page.locator("#chart-rate");
    // 旗财政局's rate as the ledger has it (an item returned by an earlier test here is work to do: under 100 %)
    const ledger = (await (await b.h.get("/api/ledger?round=2022-03", b.h.coordinator)).json()) as { units: { unit: string; completionRate: number }[] };
    const finance = percentText(ledger.units.find((u) => u.unit === "旗财政局")!.completionRate);
    expect(await rate.locator("svg").getAttribute("aria-label")).toMatch(new RegExp(`^各单位完成或按期推进率：18个单位，最高旗财政局 ${finance.replace(".", "\\.")}`));
    expect(await rate.locator("table caption").textContent()).toBe("各单位完成或按期推进率");
    expect(await rate.locator("table tbody tr").count()).toBe(18);
    expect(await rate.locator('table tbody tr:has(th:text-is("旗财政局")) td').textContent()).toBe(finance);
    expect(await page.locator("#chart-trend svg").getAttribute("aria-label")).toContain("完成率");
    expect(await page.locator("#chart-trend table tbody tr").count()).toBe(12);
    await page.close();
  }, 60_000);
});

describe("the dashboard on a phone's 360 px and a desktop's 1280 px", () => {
  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  /** Each unit's row of 报送情况: how many lines its name takes, how wide and tall its box is. */
  const unitRows = (page: Page) =>
    page.$$eval("#units tbody tr", (rows) =>
      rows.map((tr) => {
        const name = tr.querySelector("td")!;
        const range = document.createRange();
        range.selectNodeContents(name);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        return { unit: name.textContent, text: tr.textContent, lines, width: name.getBoundingClientRect().width, height: tr.getBoundingClientRect().height, font: parseFloat(getComputedStyle(name).fontSize) };
      }),
    );
  /** The height of the charts' words as drawn: never scaled below the page's own small text. */
  const chartTextHeights = (page: Page) => page.$$eval(".chart svg text", (ts) => ts.map((t) => t.getBoundingClientRect().height).filter((h) => h > 0));

  it("at 360 px: no WCAG violation, nothing sideways, each unit a card whose name reads on a line, charts' words full size, the page no taller than it must be", async () => {
    const page = await dashboard(360);
    await expectAccessible(page, "dashboard at 360 px");
    expect(await noSidewaysScroll(page), "scrolls sideways").toBe(true);
    const rows = await unitRows(page);
    expect(rows).toHaveLength(18);
    for (const r of rows) {
      expect(r.lines, `${r.unit} takes ${r.lines} lines`).toBeLessThanOrEqual(2);
      expect(r.width, `${r.unit}'s box`).toBeGreaterThan(r.font * Math.min(3, r.unit!.length) * 0.45);
      expect(r.height, `${r.unit}'s card: ${r.text}`).toBeLessThanOrEqual(100);
    }
    // a card's numbers say what they are, where the column headers are not shown
    expect(await page.locator('tr[data-unit="旗财政局"] td[data-label="逾期"]').evaluate((td) => getComputedStyle(td, "::before").content)).toBe('"逾期 "');
    for (const h of await chartTextHeights(page)) expect(h).toBeGreaterThanOrEqual(12);
    const shot = await page.screenshot({ path: join(ARTIFACTS, "dashboard-360.png"), fullPage: true });
    const height = shot.readUInt32BE(20); // the PNG's IHDR height
    expect(height, "the 360 px page's height (it was 4,815 px with one character a line)").toBeLessThan(3_800);
    await page.close();
  }, 120_000);

  it("at 1280 px: the completion chart spans the page and the others half of it, their words at the page's size", async () => {
    const page = await dashboard(1280);
    const main = (await page.locator("main").boundingBox())!;
    const rate = (await page.locator("#chart-rate svg").boundingBox())!;
    const trendBox = (await page.locator("#chart-trend svg").boundingBox())!;
    expect(rate.width).toBeGreaterThan(main.width * 0.85);
    expect(trendBox.width).toBeGreaterThan(main.width * 0.4);
    expect(trendBox.height).toBeGreaterThanOrEqual(170);
    for (const h of await chartTextHeights(page)) expect(h).toBeGreaterThanOrEqual(12);
    // drawn anew for a narrower window
    await page.setViewportSize({ width: 700, height: 1000 });
    await page.waitForFunction(() => document.querySelector("#chart-rate svg")!.getAttribute("viewBox")!.split(" ")[2]! === String(Math.floor(document.querySelector("#chart-rate")!.clientWidth - 16)));
    for (const h of await chartTextHeights(page)) expect(h).toBeGreaterThanOrEqual(12);
    await page.close();
  }, 60_000);

  it("the setup (task list, roster, tokens) is at the top while the sample is in use, else at the end with a link at the top", async () => {
    const top = async (page: Page, selector: string) => (await page.locator(selector).boundingBox())!.y;
    const sample = await dashboard(360);
    expect(await top(sample, "#config")).toBeLessThan(await top(sample, ".tiles"));
    expect(await sample.textContent("#config-title")).toContain("任务分解表");
    await sample.close();
    const mine = await dashboard(1280, true, OWN_ROUND);
    expect(await top(mine, "#config")).toBeGreaterThan(await top(mine, "#units"));
    const link = mine.locator('nav.jump a[href="#config-title"]');
    expect(await top(mine, "nav.jump")).toBeLessThan(await top(mine, ".tiles"));
    await link.click();
    await mine.waitForFunction(() => {
      const y = document.querySelector("#config-title")!.getBoundingClientRect().top;
      return window.scrollY > 0 && y >= 0 && y < window.innerHeight - 40;
    });
    // an upload in the month does not move it from under the coordinator's hands
    await mine.click("#refresh");
    await mine.waitForSelector("#loading", { state: "hidden" });
    expect(await top(mine, "#config")).toBeGreaterThan(await top(mine, "#units"));
    await mine.close();
  }, 60_000);
});

describe("适老化", () => {
  const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  it("at 200 % zoom in a 350 px pane (175 CSS px) nothing scrolls sideways: pane, page without Excel, dashboard", async () => {
    const pane = await openExcelPane(b, faulty, { width: 175 });
    await pane.click("#validate");
    await pane.waitForSelector(".finding");
    await pane.click("#settings summary");
    expect(await noSidewaysScroll(pane), "task pane").toBe(true);
    await pane.close();
    const page = await browserPage(175, faulty);
    expect(await noSidewaysScroll(page), "page without Excel").toBe(true);
    await page.close();
    const dash = await dashboard(175);
    await dash.click('tr[data-unit="旗财政局"] button.review');
    expect(await noSidewaysScroll(dash), "dashboard").toBe(true);
    await dash.close();
    const reading = await dashboard(175, true, OWN_ROUND);
    await reading.click("#show-reading");
    await reading.waitForSelector("#reading:not([hidden])");
    expect(await noSidewaysScroll(reading), "dashboard's reading").toBe(true);
    await reading.close();
  }, 120_000);

  it("大字模式 in 设置 makes the pane's text larger, and is remembered", async () => {
    const page = await openExcelPane(b, faulty, { width: 350 });
    const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector(".finding .msg") ?? document.body).fontSize));
    await page.click("#validate");
    await page.waitForSelector(".finding");
    const normal = await size();
    await page.click("#settings summary");
    await page.check("#large-text");
    expect(await size()).toBeGreaterThanOrEqual(normal * 1.3);
    await page.reload();
    // the fake Office.js mounts the pane after the page's load: a click before that is lost
    await page.waitForFunction(() => (window as unknown as { __paneMounted?: boolean }).__paneMounted === true, undefined, { timeout: 60_000 });
    await page.click("#validate");
    await page.waitForSelector(".finding");
    expect(await page.isChecked("#large-text")).toBe(true);
    expect(await size()).toBeGreaterThanOrEqual(normal * 1.3);
    await page.close();
  }, 60_000);
});
