/**
 * The built task pane in a real browser (Debian's chromium, driven by playwright-core) on the fake
 * Excel host, talking to the real local function on Azurite.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_CAPABILITIES, EXCEL_API_1_8, type Capabilities } from "../../addin/capabilities.js";
import type { LocalHost } from "../../functions/localHost.js";
import type { Harness } from "../functions/harness.js";
import { ARTIFACTS, startBrowserSite, type BrowserSite } from "../fixtures/browserSite.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";
import { fake, openExcelPane } from "../fixtures/excelPane.js";

let b: BrowserSite;
let h: Harness;
let site: LocalHost;
let token: string;

beforeAll(async () => {
  // the pane and the API from one origin, as npm start serves them
  b = await startBrowserSite("/addin/");
  ({ h, site } = b);
  token = await h.token("旗财政局");
}, 120_000);

afterAll(() => b?.close());

const open = (bytes: Buffer, caps: Capabilities = ALL_CAPABILITIES): Promise<Page> => openExcelPane(b, bytes, { caps, prefix: "/addin/" });

/** Reloads the pane and waits until the fake Office.js has mounted it: a click before that is lost. */
async function reloadPane(page: Page): Promise<void> {
  await page.reload();
  await page.waitForFunction(() => (window as unknown as { __paneMounted?: boolean }).__paneMounted === true, undefined, { timeout: 60_000 });
}

describe("the task pane in a browser", () => {
  it("校验 lists findings, a click selects the cell, 清除标记 restores, settings persist, submit is refused with marks", async () => {
    const faulty = (await buildCopy({ rows: CLEAN_ROWS, filled: { ...allDone(FINANCE_TASKS), 统计信息: {}, 社会救助: {} } })).bytes;
    const page = await open(faulty);
    const before = await fake<string>(page, "state");

    await page.click("#validate");
    await page.waitForSelector(".finding");
    expect(await page.textContent("#n-errors")).toBe("1");
    expect(await page.textContent("#message")).toContain("发现 1 处错误");
    const first = page.locator(".finding.error").first();
    expect(await first.textContent()).toContain("进展情况为空");
    expect(await fake<{ fill: string }>(page, "look", "Sheet1", "H10")).toEqual({ fill: "#FFC7CE", font: "#9C0006" });
    expect((await fake<number[]>(page, "syncs"))[0]).toBe(4); // the validation; then the change watch is set up
    await page.screenshot({ path: join(ARTIFACTS, "taskpane-validated.png"), fullPage: true });

    await first.click();
    await page.waitForFunction(() => (window as unknown as { __fake: { calls(n: string): number } }).__fake.calls("select") === 1);

    await page.click("#clear");
    await page.waitForFunction(() => document.querySelector("#message")?.textContent?.includes("已清除标记"));
    expect(await fake<string>(page, "state")).toBe(before);

    await page.click("#settings summary");
    await page.fill("#server", site.url);
    await page.fill("#token", token);
    // the month the service takes (its today is 2022-03-10; this browser's clock is the machine's)
    await page.fill("#round", "2022-03");
    await page.click("#save-settings");
    await reloadPane(page);
    await page.click("#settings summary");
    expect(await page.inputValue("#server")).toBe(site.url);
    expect(await page.inputValue("#token")).toBe(token);

    await page.click("#submit");
    await page.waitForSelector("#receipt:not([hidden])");
    expect(await page.textContent("#receipt")).toContain("校验未通过");
    // the server's findings are marked (a batch, then what the coordinator returned is fetched) before the message
    await page.waitForFunction(() => document.querySelector("#message")?.textContent?.includes("错误"));
    // the server's findings are marked in place
    expect(await fake<{ fill: string }>(page, "look", "Sheet1", "H10")).toEqual({ fill: "#FFC7CE", font: "#9C0006" });
    await page.screenshot({ path: join(ARTIFACTS, "taskpane-rejected.png"), fullPage: true });
    await page.close();
  }, 120_000);

  it("says before 提交 what the server will decide: a copy refused only on submitting is not called submittable; 提交 is held in a workbook with no task table", async () => {
    const noContacts = (await buildCopy({ rows: CLEAN_ROWS, filled: allDone(FINANCE_TASKS), contacts: null })).bytes;
    const page = await open(noContacts);
    await page.click("#validate");
    await page.waitForSelector("#verdict:not([hidden])");
    expect(await page.textContent("#n-errors")).toBe("0");
    expect(await page.textContent("#message")).toMatch(/^没有错误，有 \d+ 条提醒；但提交时会被退回：.*联络人/);
    expect(await page.textContent("#verdict")).toContain("现在提交会被服务器退回");
    expect(await page.isDisabled("#submit")).toBe(false); // the server still takes it in, marked rejected, and answers why
    await page.close();

    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("会议记录").addRow(["旗政务服务局政务公开工作会议记录"]);
    const minutes = await open(Buffer.from(await wb.xlsx.writeBuffer()));
    await minutes.click("#validate");
    await minutes.waitForSelector("#verdict:not([hidden])");
    expect(await minutes.textContent("#verdict")).toContain("不能提交：这不是任务分解表");
    expect(await minutes.textContent("#message")).not.toContain("可以提交");
    expect(await minutes.isDisabled("#submit")).toBe(true);
    await minutes.close();
  }, 120_000);

  it("while the server has only the built-in sample, another government's copy is checked on its own terms, not against the sample", async () => {
    const { CITY, buildTable } = await import("../fixtures/otherTables.js");
    const copy = (await buildTable(CITY, { unitLine: "填报单位：市财政局", progress: { 0: "已完成", 2: "已完成", 7: "正在编制" } })).bytes;
    const page = await open(copy);
    await page.evaluate(({ server, token }) => localStorage.setItem("gongkai-ledger.settings.v1", JSON.stringify({ server, token, unit: "", round: "2023-09", live: false })), { server: site.url, token });
    await reloadPane(page);
    await page.click("#validate");
    await page.waitForFunction(() => /校验通过|错误|提醒/.test(document.querySelector("#message")?.textContent ?? ""));
    const text = (await page.textContent("body")) ?? "";
    expect(text).toContain("没有下发的任务清单可以核对");
    expect(text).not.toMatch(/缺少任务|正镶白旗|提升措施/);
    // the token is 旗财政局's: the page says, as the server would answer, that this is another unit's table
    expect(text).toContain("表中填报单位是“市财政局”，但本次按“旗财政局”校验");
    await page.close();
  }, 120_000);

  it("at ExcelApi 1.8 (Microsoft 365 from version 1808; no Office 2021, which is at 1.14): says the check is less strict, validates and clears all the same", async () => {
    const faulty = (await buildCopy({ rows: CLEAN_ROWS, filled: { ...allDone(FINANCE_TASKS), 统计信息: {} } })).bytes;
    const page = await open(faulty, EXCEL_API_1_8);
    await page.waitForSelector("#notice:not([hidden])");
    expect(await page.textContent("#notice")).toContain("无法读取合并单元格");
    expect(await page.isVisible("#live")).toBe(false);
    expect(await page.isVisible("#live-why")).toBe(false);
    const before = await fake<string>(page, "state");
    await page.click("#validate");
    await page.waitForSelector(".finding.error");
    expect(await page.textContent("#n-errors")).toBe("1"); // no false "blank cell" errors from merges
    expect(await fake<{ fill: string }>(page, "look", "Sheet1", "H10")).toEqual({ fill: "#FFC7CE", font: "#9C0006" });
    await page.click("#clear");
    await page.waitForFunction(() => document.querySelector("#message")?.textContent?.includes("已清除标记"));
    expect(await fake<string>(page, "state")).toBe(before);
    await page.close();
  }, 120_000);

  it("re-validating on every edit is off unless chosen, and says why (undo emptied before ExcelApi 1.20, taken by the re-marking after)", async () => {
    const clean = (await buildCopy({ rows: CLEAN_ROWS, filled: allDone(FINANCE_TASKS) })).bytes;
    const older = await open(clean, { ...ALL_CAPABILITIES, keepsUndo: false });
    await older.click("#settings summary");
    expect(await older.isChecked("#live")).toBe(false);
    expect(await older.textContent("#live-why")).toContain("清空“撤销”（Ctrl+Z）记录");
    await older.close();
    const current = await open(clean);
    await current.click("#settings summary");
    // ExcelApi 1.20+: off too, since Ctrl+Z would take back the re-marking before the user's edit (issue 24 item 2)
    expect(await current.isChecked("#live")).toBe(false);
    expect(await current.textContent("#live-why")).toContain("先撤回的是标注");
    await current.close();
  }, 120_000);

  it("sorting a sheet 校验 coloured: the pane says the colours no longer match the rows and asks for 校验 again; no sort, or no colours, no word", async () => {
    const faulty = (await buildCopy({ rows: CLEAN_ROWS, filled: { ...allDone(FINANCE_TASKS), 统计信息: {} } })).bytes;
    const page = await open(faulty);
    await page.click("#validate");
    await page.waitForFunction(() => document.querySelector("#message")?.textContent?.includes("发现 1 处错误"));
    // no sort: nothing said about one
    await page.waitForTimeout(500);
    expect(await page.textContent("#message")).not.toContain("排过序");

    // the user swaps rows 10 and 11: the message goes with its row, the colour stays on row 10
    await fake(page, "sortRows", "Sheet1", 10, 11);
    await page.waitForFunction(() => document.querySelector("#message")?.textContent?.includes("排过序"));
    expect(await page.textContent("#message")).toBe("工作表“Sheet1”刚刚排过序：校验标出的颜色留在原来的位置，不随行移动（批注会随行移动），现在颜色已和各行对不上。请再点一次“校验”，重新标注。");
    expect(await fake<string | null>(page, "note", "Sheet1", "H11")).toContain("进展情况为空");
    expect(await fake<{ fill: string }>(page, "look", "Sheet1", "H10")).toEqual({ fill: "#FFC7CE", font: "#9C0006" });
    await page.click("#validate");
    await page.waitForFunction(() => document.querySelector("#message")?.textContent?.includes("发现 1 处错误"));
    expect(await fake<{ fill: string }>(page, "look", "Sheet1", "H11")).toEqual({ fill: "#FFC7CE", font: "#9C0006" });
    expect(await fake<{ fill: string | null }>(page, "look", "Sheet1", "H10")).not.toEqual({ fill: "#FFC7CE", font: "#9C0006" });

    // the marks cleared: a sort leaves nothing astray, and nothing is said
    await page.click("#clear");
    await page.waitForFunction(() => document.querySelector("#message")?.textContent?.includes("已清除标记"));
    await fake(page, "sortRows", "Sheet1", 10, 11);
    await page.waitForTimeout(500);
    expect(await page.textContent("#message")).toContain("已清除标记");
    await page.close();
  }, 120_000);

  it("校验 clicked while the user is typing in a cell waits for the edit to end (delayForCellEdit), then marks", async () => {
    const faulty = (await buildCopy({ rows: CLEAN_ROWS, filled: { ...allDone(FINANCE_TASKS), 统计信息: {} } })).bytes;
    const page = await open(faulty);
    await fake(page, "startEdit");
    await page.click("#validate");
    await page.waitForTimeout(500);
    // still waiting, not failed with InvalidOperationInCellEditMode ("Excel 正在编辑单元格")
    expect(await page.isVisible("#busy")).toBe(true);
    expect(await page.textContent("#message")).toBe("");
    expect(await fake<{ fill: string | null }>(page, "look", "Sheet1", "H10")).toEqual({ fill: null, font: "#000000" });
    await fake(page, "endEdit");
    await page.waitForFunction(() => document.querySelector("#message")?.textContent?.includes("发现 1 处错误"));
    expect(await fake<{ fill: string }>(page, "look", "Sheet1", "H10")).toEqual({ fill: "#FFC7CE", font: "#9C0006" });
    await page.close();
  }, 120_000);

  it("下载本轮模板 in Excel served under /addin/: the template is downloaded, and the browser page it names is the one beside the pane", async () => {
    const clean = (await buildCopy({ rows: CLEAN_ROWS, filled: allDone(FINANCE_TASKS) })).bytes;
    const page = await open(clean);
    await page.evaluate(({ token }) => localStorage.setItem("gongkai-ledger.settings.v1", JSON.stringify({ server: "", token, unit: "", round: "2022-03" })), { token });
    await reloadPane(page);
    await page.click("#settings summary");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#get-template")]);
    expect(download.suggestedFilename()).toBe("任务分解表-2022-03.xlsx");
    await page.waitForFunction(() => document.querySelector("#message")?.textContent?.includes("已开始下载本轮模板"));
    // the pane's own folder (/addin/), not the origin's root, where nothing is served
    expect(await page.textContent("#message")).toContain(`请在浏览器中打开 ${site.url}/addin/taskpane.html，`);
    expect((await fetch(`${site.url}/addin/taskpane.html`)).status).toBe(200);
    await page.close();
  }, 120_000);

  it("the coordinator pulls the consolidated ledger into sheets of the workbook", async () => {
    const clean = (await buildCopy({ rows: CLEAN_ROWS, filled: allDone(FINANCE_TASKS) })).bytes;
    const page = await open(clean);
    await page.evaluate(({ token }) => localStorage.setItem("gongkai-ledger.settings.v1", JSON.stringify({ server: "", token, unit: "", round: "2022-03", live: false })), { token: h.coordinator });
    await reloadPane(page);
    await page.click("#settings summary");
    await page.click("#pull-ledger");
    await page.waitForFunction(() => document.querySelector("#message")?.textContent?.includes("汇总台账"));
    expect(await page.textContent("#message")).toMatch(/应报 18 个单位/);
    expect(await fake<string[]>(page, "sheetNames")).toEqual(["Sheet1", "附件2", "汇总台账", "任务台账"]);
    // a unit's token is told plainly that it may not
    await page.evaluate(({ token }) => localStorage.setItem("gongkai-ledger.settings.v1", JSON.stringify({ server: "", token, unit: "", round: "2022-03", live: false })), { token });
    await reloadPane(page);
    await page.click("#settings summary");
    await page.click("#pull-ledger");
    await page.waitForFunction(() => document.querySelector("#message")?.textContent?.includes("不是汇总人令牌"));
    await page.close();
  }, 120_000);

  it("a clean table is submitted and the receipt shown; editing re-validates by itself", async () => {
    const clean = (await buildCopy({ rows: CLEAN_ROWS, filled: allDone(FINANCE_TASKS) })).bytes;
    const page = await open(clean);
    await page.evaluate(({ server, token }) => localStorage.setItem("gongkai-ledger.settings.v1", JSON.stringify({ server, token, unit: "", round: "2022-03", live: true })), { server: site.url, token });
    await reloadPane(page);
    await page.click("#validate");
    await page.waitForFunction(() => document.querySelector("#message")?.textContent?.includes("校验通过"));

    await page.click("#submit");
    await page.waitForSelector("#receipt:not([hidden])");
    // the marks were taken off before the file was sent
    expect(await fake<{ fill: string | null }>(page, "look", "Sheet1", "H9")).toEqual({ fill: null, font: "#000000" });
    const receipt = await page.textContent("#receipt");
    expect(receipt).toContain("提交成功");
    expect(receipt).toContain("旗财政局");
    const status = await (await h.get("/api/status?round=2022-03", h.coordinator)).json();
    const finance = status.units.find((u: { unit: string }) => u.unit === "旗财政局");
    expect(finance.submitted).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, "taskpane-submitted.png"), fullPage: true });

    // the coordinator returns one item: on the next 校验 the unit reads why
    const { builtInTaskList } = await import("../../core/index.js");
    const task = builtInTaskList().tasks.find((t) => t.level3 === "财政资金")!;
    const returned = await fetch(`${site.url}/api/reviews?round=2022-03`, { method: "POST", headers: { authorization: `Bearer ${h.coordinator}` }, body: JSON.stringify({ task: task.id, unit: "旗财政局", decision: "returned", comment: "请补充预算公开的链接", submission: finance.latestId }) });
    expect(returned.status).toBe(201);
    await page.click("#validate");
    await page.waitForSelector("#reviews:not([hidden])");
    expect(await page.textContent("#reviews")).toContain("财政资金：请补充预算公开的链接");

    // one-click fix: shows what will change, then writes it
    await fake(page, "edit", "Sheet1", "F12", "财政局"); // 建议提案办理's 责任单位, typed short
    await page.waitForFunction(() => !(document.querySelector("#fix") as HTMLButtonElement).disabled, undefined, { timeout: 10_000 });
    await page.click("#fix");
    expect(await page.textContent("#fix-list")).toContain("“财政局” → “旗财政局”");
    expect(await page.textContent("#fix-title")).toContain("以下 1 个单元格");
    await page.click("#fix-apply");
    await page.waitForFunction(() => document.querySelector("#message")?.textContent?.includes("已修复 1 个单元格"));
    expect(await fake<{ text: string }>(page, "cellText", "Sheet1", "F12")).toBe("旗财政局");
    // the add-in's own write is no edit of the user's: no re-validation overwrites what the pane said
    await page.waitForTimeout(1500);
    expect(await page.textContent("#message")).toContain("已修复 1 个单元格");

    // the user clears a progress cell: the pane notices and validates again
    const errors = Number(await page.textContent("#n-errors"));
    await fake(page, "edit", "Sheet1", "H10", "");
    await page.waitForFunction((n) => document.querySelector("#n-errors")?.textContent === String(n + 1), errors, { timeout: 10_000 });
    await page.close();
  }, 120_000);
});
