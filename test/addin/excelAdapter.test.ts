import { describe, expect, it } from "vitest";
import { ALL_CAPABILITIES, type Capabilities } from "../../addin/capabilities.js";
import { applyFixes, clearMarks, validateInPlace } from "../../addin/excelAdapter.js";
import { MARK_NAMESPACE } from "../../addin/markRecord.js";
import { MAX_ADDRESS_LENGTH, NOTE_HEADER, type Finding, type WorkbookSnapshot } from "../../core/index.js";
import { readWorkbook } from "../../workbook/index.js";
import { bigTable } from "../../bench/bigTable.js";
import { allDone, buildCopy, type CopyOptions } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";
import { WorkbookModel, fakeContext, modelFromSnapshot, modelState } from "./fakeExcel.js";

const TODAY = { today: "2022-03-10" };

const modelOf = (snapshot: WorkbookSnapshot): WorkbookModel => modelFromSnapshot(snapshot);

async function copyModel(o: CopyOptions = {}) {
  const built = await buildCopy({ rows: CLEAN_ROWS, ...o });
  return { model: modelOf(await readWorkbook(built.bytes)), built };
}

const state = modelState;

const faulty = { ...allDone(FINANCE_TASKS), 统计信息: {}, 基础信息公开: { progress: "正在整理" } };

describe("validateInPlace", () => {
  it("colours and notes the cells in four syncs, keeping a user's note above the message", async () => {
    const { model, built } = await copyModel({ filled: faulty });
    const sheet = model.sheets[0]!;
    const stats = `H${built.rowOf["统计信息"]}`;
    sheet.notes.set(stats, "待统计局回复");
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    const { result, mergesKnown } = await validateInPlace(ctx, ALL_CAPABILITIES, TODAY);
    expect(ctx.syncs).toBe(4);
    expect(mergesKnown).toBe(true);
    expect(result.summary.errors).toBeGreaterThan(0);
    expect(sheet.lookAt(stats)).toEqual({ fill: "#FFC7CE", font: "#9C0006" });
    expect(sheet.lookAt(`H${built.rowOf["基础信息公开"]}`)).toEqual({ fill: "#FFEB9C", font: "#9C5700" });
    expect(sheet.lookAt(`H${built.rowOf["财政资金"]}`)).toEqual({ fill: "#C6EFCE", font: "#006100" });
    expect(sheet.notes.get(stats)).toMatch(new RegExp(`^待统计局回复\\n\\n${NOTE_HEADER}\\n错误：`));
    expect(model.parts).toHaveLength(1);
    expect(model.parts[0]!.xml).toContain(MARK_NAMESPACE);
  });

  it("validating again replaces the marks instead of stacking them, and unmarks what was fixed", async () => {
    const { model, built } = await copyModel({ filled: faulty });
    const sheet = model.sheets[0]!;
    const stats = `H${built.rowOf["统计信息"]}`;
    sheet.notes.set(stats, "待统计局回复");
    const pristine = state(model);
    await validateInPlace(fakeContext(model, ALL_CAPABILITIES), ALL_CAPABILITIES, TODAY);
    await validateInPlace(fakeContext(model, ALL_CAPABILITIES), ALL_CAPABILITIES, TODAY);
    expect(sheet.notes.get(stats)!.split(NOTE_HEADER)).toHaveLength(2);
    expect(model.parts).toHaveLength(1);
    // the user fills the cell in; the next validation takes its mark away
    sheet.set(stats, "已发布2月统计数据，已完成");
    await validateInPlace(fakeContext(model, ALL_CAPABILITIES), ALL_CAPABILITIES, TODAY);
    expect(sheet.lookAt(stats)).toEqual({ fill: "#C6EFCE", font: "#006100" });
    expect(sheet.notes.get(stats)).toBe("待统计局回复");
    await clearMarks(fakeContext(model, ALL_CAPABILITIES), ALL_CAPABILITIES);
    sheet.set(stats, ""); // undo the user's own edit to compare with the start
    sheet.cells.delete(`${built.rowOf["统计信息"]},8`);
    expect(state(model)).toBe(pristine);
  });

  it("清除标记 restores every touched cell exactly: No Fill stays No Fill, a user's colour and note come back", async () => {
    const { model, built } = await copyModel({ filled: faulty });
    const sheet = model.sheets[0]!;
    const basic = `H${built.rowOf["基础信息公开"]}`;
    sheet.looks.set(`${built.rowOf["基础信息公开"]},8`, { fill: "#00B0F0", font: "#1F4E79" });
    sheet.notes.set(`H${built.rowOf["统计信息"]}`, "用户批注");
    const pristine = state(model);
    await validateInPlace(fakeContext(model, ALL_CAPABILITIES), ALL_CAPABILITIES, TODAY);
    expect(state(model)).not.toBe(pristine);
    expect(sheet.lookAt(basic).fill).toBe("#FFEB9C");
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    const restored = await clearMarks(ctx, ALL_CAPABILITIES);
    expect(restored).toBeGreaterThan(0);
    expect(ctx.syncs).toBeLessThanOrEqual(4);
    expect(state(model)).toBe(pristine);
  });

  it("restores after the file was saved, closed and reopened", async () => {
    const { model } = await copyModel({ filled: faulty });
    const pristine = state(model);
    await validateInPlace(fakeContext(model, ALL_CAPABILITIES), ALL_CAPABILITIES, TODAY);
    const reopened = model.clone();
    await clearMarks(fakeContext(reopened, ALL_CAPABILITIES), ALL_CAPABILITIES);
    expect(state(reopened)).toBe(pristine);
  });

  it("5,000 rows with 2,000 findings: four syncs, a few calls, every address under Excel's limit", async () => {
    const model = modelOf(bigTable(5000));
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    const { result, marks } = await validateInPlace(ctx, ALL_CAPABILITIES, TODAY);
    expect(result.findings.length).toBeGreaterThanOrEqual(2000);
    expect(ctx.syncs).toBe(4);
    expect(ctx.calls.get("getRanges")).toBeLessThan(30);
    expect(ctx.addresses.every((a) => a.length <= MAX_ADDRESS_LENGTH)).toBe(true);
    const painted = ctx.addresses.join(", ").split(", ").length;
    expect(painted).toBe(marks.filter((m) => m.style !== "info").length);
    const clear = fakeContext(model, ALL_CAPABILITIES);
    await clearMarks(clear, ALL_CAPABILITIES);
    expect(clear.syncs).toBe(4);
    expect(model.sheets[0]!.looks.size === 0 || [...model.sheets[0]!.looks.values()].every((l) => l.fill === null)).toBe(true);
  });
});

describe("on older Excel", () => {
  const EXCEL_2019: Capabilities = { rangeAreas: false, comments: false, mergedAreas: false, notes: false };

  it("ExcelApi 1.8: no merged areas, no notes, no getRanges — still validates, colours and restores", async () => {
    const { model } = await copyModel({ filled: allDone(FINANCE_TASKS) });
    const pristine = state(model);
    const ctx = fakeContext(model, EXCEL_2019);
    const { result, mergesKnown } = await validateInPlace(ctx, EXCEL_2019, TODAY);
    expect(mergesKnown).toBe(false);
    // merges inferred: the cells a merged value covers are not reported blank
    expect(result.findings.filter((f) => f.code === "cell.required")).toEqual([]);
    expect(result.summary).toMatchObject({ errors: 0, completed: 21 });
    expect(ctx.calls.get("getRanges")).toBeUndefined();
    await clearMarks(fakeContext(model, EXCEL_2019), EXCEL_2019);
    expect(state(model)).toBe(pristine);
  });

  it("ExcelApi 1.10 without notes: messages go into comments of the add-in's own, removed on clear", async () => {
    const caps: Capabilities = { rangeAreas: true, comments: true, mergedAreas: true, notes: false };
    const { model } = await copyModel({ filled: faulty });
    model.comments.push({ sheet: "Sheet1", cell: "D5", content: "用户的讨论" });
    const pristine = state(model);
    await validateInPlace(fakeContext(model, caps), caps, TODAY);
    expect(model.comments.filter((c) => c.content.startsWith(NOTE_HEADER)).length).toBeGreaterThan(0);
    await validateInPlace(fakeContext(model, caps), caps, TODAY);
    const ours = model.comments.filter((c) => c.content.startsWith(NOTE_HEADER));
    expect(new Set(ours.map((c) => c.cell)).size).toBe(ours.length); // not stacked
    await clearMarks(fakeContext(model, caps), caps);
    expect(state(model)).toBe(pristine);
  });
});

describe("applyFixes", () => {
  it("writes each certain fix into its cell in one sync", async () => {
    const rows = CLEAN_ROWS.map((r) => (r.level3 === "社会救助" ? { ...r, responsible: "民政局" } : r));
    const { model, built } = await copyModel({ rows, filled: allDone(FINANCE_TASKS) });
    const { result } = await validateInPlace(fakeContext(model, ALL_CAPABILITIES), ALL_CAPABILITIES, TODAY);
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    expect(await applyFixes(ctx, result.findings)).toBe(1);
    expect(ctx.syncs).toBe(1);
    expect(model.sheets[0]!.cells.get(`${built.rowOf["社会救助"]},6`)).toMatchObject({ text: "旗民政局" });
  });

  it("writes a fix as text: a date-like or formula-like value is never parsed by Excel", async () => {
    const model = new WorkbookModel();
    const ws = model.sheet("任务分解表");
    ws.set("G5", "3 月 15 日");
    ws.set("G6", " 2022-03-15");
    ws.set("D7", "＝1+1");
    const fix = (cell: string, value: string): Finding => ({ code: "task.altered", severity: "warning", sheet: "任务分解表", cell, row: Number(cell.slice(1)), message: "", fix: { value, label: "" } });
    await applyFixes(fakeContext(model, ALL_CAPABILITIES), [fix("G5", "3月15日"), fix("G6", "2022-03-15"), fix("D7", "=1+1")]);
    expect(ws.cells.get("5,7")).toEqual({ text: "3月15日", numberFormat: "@" });
    expect(ws.cells.get("6,7")).toEqual({ text: "2022-03-15", numberFormat: "@" });
    expect(ws.cells.get("7,4")).toEqual({ text: "=1+1", numberFormat: "@" });
  });
});

describe("writeLedgerSheets (拉取汇总台账)", () => {
  it("writes the summary and the task matrix into the workbook, coloured, in two syncs, replacing earlier copies", async () => {
    const { DEFAULT_ROSTER_INDEX, builtInTaskList, consolidate, unitReport, validateWorkbook } = await import("../../core/index.js");
    const { writeLedgerSheets, LEDGER_SHEETS } = await import("../../addin/excelAdapter.js");
    const built = await buildCopy({ rows: CLEAN_ROWS, filled: { ...allDone(FINANCE_TASKS), 统计信息: { progress: "正在整理", status: "推进中" } } });
    const result = validateWorkbook(await readWorkbook(built.bytes), { today: "2022-04-01" });
    const ledger = consolidate({ round: "2022-04", today: "2022-04-01", year: 2022, tasks: builtInTaskList().tasks, roster: DEFAULT_ROSTER_INDEX, reports: [unitReport(result, "旗财政局")] });
    const model = new WorkbookModel();
    model.sheet("Sheet1");
    for (let i = 0; i < 2; i++) {
      const ctx = fakeContext(model, ALL_CAPABILITIES);
      await writeLedgerSheets(ctx, ALL_CAPABILITIES, ledger);
      expect(ctx.syncs).toBe(2);
    }
    expect(model.sheets.map((s) => s.name)).toEqual(["Sheet1", LEDGER_SHEETS.summary, LEDGER_SHEETS.matrix]);
    const summary = model.sheet(LEDGER_SHEETS.summary);
    const financeRow = [...summary.cells].find(([, c]) => c.text === "旗财政局")![0].split(",")[0];
    expect(summary.cells.get(`${financeRow},2`)).toEqual({ text: "已报送" });
    expect(summary.lookAt("B3")).toEqual({ fill: "#FFC7CE", font: "#9C0006" }); // 旗政府办公室: not submitted
    const matrix = model.sheet(LEDGER_SHEETS.matrix);
    const col = [...matrix.cells].find(([k, c]) => k.startsWith("1,") && c.text === "旗财政局")![0].split(",")[1];
    const statsRow = [...matrix.cells].find(([, c]) => c.text === "统计信息")![0].split(",")[0];
    expect(matrix.cells.get(`${statsRow},${col}`)).toMatchObject({ text: "推进中" });
    expect(matrix.look(Number(statsRow), Number(col))).toEqual({ fill: "#FFEB9C", font: "#9C5700" });
  });
});

describe("writeLedgerSheets where the ledger sheets are all the workbook has", () => {
  it("replaces them without ever deleting the last sheet", async () => {
    const { DEFAULT_ROSTER_INDEX, builtInTaskList, consolidate } = await import("../../core/index.js");
    const { writeLedgerSheets, LEDGER_SHEETS } = await import("../../addin/excelAdapter.js");
    const ledger = consolidate({ round: "2022-04", today: "2022-04-01", year: 2022, tasks: builtInTaskList().tasks, roster: DEFAULT_ROSTER_INDEX, reports: [] });
    const model = new WorkbookModel();
    model.sheet(LEDGER_SHEETS.summary);
    model.sheet(LEDGER_SHEETS.matrix);
    await writeLedgerSheets(fakeContext(model, ALL_CAPABILITIES), ALL_CAPABILITIES, ledger);
    expect(model.sheets.map((s) => s.name)).toEqual([LEDGER_SHEETS.summary, LEDGER_SHEETS.matrix]);
    expect([...model.sheet(LEDGER_SHEETS.summary).cells.values()].some((c) => c.text.includes("2022-04 政务公开工作台账汇总"))).toBe(true);
  });
});

describe("reading what Excel shows", () => {
  it("takes a date shown as ######## (column too narrow) from its value", async () => {
    const { readWorkbook: readExcel, serialToIso } = await import("../../addin/excelAdapter.js");
    expect(serialToIso(44635)).toBe("2022-03-15");
    const { shownText } = await import("../../addin/excelAdapter.js");
    expect(shownText("15-Mar", 44635)).toBe("2022-03-15");
    expect(shownText("3/15", 44635)).toBe("2022-03-15");
    expect(shownText("2022/3/15", 44635)).toBe("2022/3/15");
    expect(shownText("44635", 44635)).toBe("44635");
    expect(shownText("¥44,635.00", 44635)).toBe("¥44,635.00");
    expect(shownText("###", 3.5)).toBe("3.5");
    const { model, built } = await copyModel({ filled: allDone(FINANCE_TASKS) });
    const row = built.rowOf["专栏设置"]!;
    model.sheets[0]!.cells.set(`${row},7`, { text: "########", value: 44635 });
    const read = await readExcel(fakeContext(model, ALL_CAPABILITIES), ALL_CAPABILITIES);
    expect(read.snapshot.sheets[0]!.rows[row - 1]![6]).toEqual({ text: "2022-03-15" });
  });
});

describe("a cell whose finding drops to an info", () => {
  it("gets its own look back, and its message stays in the note", async () => {
    const { model, built } = await copyModel({ filled: allDone(FINANCE_TASKS) });
    const sheet = model.sheets[0]!;
    const cell = `H${built.rowOf["稳岗就业"]}`; // not 旗财政局's row
    sheet.set(cell, "已协助", 'CONCATENATE("已","协助")'); // a formula: a warning, coloured
    await validateInPlace(fakeContext(model, ALL_CAPABILITIES), ALL_CAPABILITIES, TODAY);
    expect(sheet.lookAt(cell)).toEqual({ fill: "#FFEB9C", font: "#9C5700" });
    sheet.set(cell, "已协助人社局公开"); // plain text now: only an info (not this unit's row)
    await validateInPlace(fakeContext(model, ALL_CAPABILITIES), ALL_CAPABILITIES, TODAY);
    expect(sheet.lookAt(cell)).toEqual({ fill: null, font: "#000000" });
    expect(sheet.notes.get(cell)).toMatch(/提示：本单位（旗财政局）不是此项/);
  });
});
