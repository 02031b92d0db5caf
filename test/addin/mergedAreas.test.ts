/**
 * Issue 24 item 5: `getMergedAreasOrNullObject` answers a null object above 512 merged areas, as for a range
 * without merges. A null answer is asked again in smaller ranges, never taken for "no merges".
 */
import { describe, expect, it } from "vitest";
import { ALL_CAPABILITIES } from "../../addin/capabilities.js";
import { readWorkbook } from "../../addin/excelRead.js";
import { mergeChecks, MERGE_CHECK_CELLS } from "../../addin/readPlan.js";
import { cellAddress, validateWorkbook } from "../../core/index.js";
import { LIMITS, WorkbookModel, fakeContext } from "./fakeExcel.js";

const TODAY = { today: "2022-03-10" };

/**
 * A unit's register of 240 pairs of measures: the 序号 (A), 责任单位 (C) and 完成时限 (D) of each pair merged over its two
 * rows, as unit tables often are — 720 merged areas. Read without its merges, each pair's second row has no unit and
 * no deadline (`cell.required`).
 */
function mergedRegister(pairs: number): WorkbookModel {
  const model = new WorkbookModel();
  const ws = model.sheet("任务分解表");
  ["序号", "具体措施", "责任单位", "完成时限", "进展情况"].forEach((h, i) => ws.set(`${"ABCDE"[i]}1`, h));
  for (let i = 0; i < pairs; i++) {
    const top = 2 + i * 2;
    ws.set(`A${top}`, String(i + 1));
    ws.set(`B${top}`, `在门户网站公开第${i + 1}批预算信息`);
    ws.set(`B${top + 1}`, `在门户网站公开第${i + 1}批决算信息`);
    ws.set(`C${top}`, "旗财政局");
    ws.set(`D${top}`, "2022年6月底前");
    ws.set(`E${top}`, "已完成");
    ws.set(`E${top + 1}`, "已完成");
    for (const col of [1, 3, 4]) ws.merges.push({ top, left: col, bottom: top + 1, right: col });
  }
  return model;
}

/** The cells merged areas cover below their top-left cell: blank in Excel, their value is the area's. */
const covered = (model: WorkbookModel) =>
  new Set(model.sheets[0]!.merges.flatMap((m) => Array.from({ length: m.bottom - m.top }, (_, i) => cellAddress(m.top + 1 + i, m.left))));

describe("merged areas beyond 512", () => {
  it("the fake answers a null object above 512 merged areas, as Excel does", async () => {
    const model = mergedRegister(240); // 720 areas
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    const m = ctx.workbook.worksheets.getItem("任务分解表").getRange("A1:E481").getMergedAreasOrNullObject().load("address");
    await ctx.sync();
    expect(m.isNullObject).toBe(true);
  });

  it("720 merged areas in the first 500 rows: every one is read, none taken for blank cells", async () => {
    const model = mergedRegister(240);
    expect(model.sheets[0]!.merges.length).toBeGreaterThan(LIMITS.mergedAreasPerCall);
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    const read = await readWorkbook(ctx, ALL_CAPABILITIES);
    expect(read.snapshot.sheets[0]!.merges).toHaveLength(720);
    expect(ctx.syncs).toBe(4); // list, locate, the first piece, its merges asked again in small ranges
    // validated as 校验 validates it: no merged cell is reported blank (read without merges: 480 such errors)
    const blank = validateWorkbook(read.snapshot, TODAY).findings.filter((f) => f.code === "cell.required");
    expect(blank).toEqual([]);
    const unmerged = { sheets: read.snapshot.sheets.map((s) => ({ ...s, merges: [] })) };
    const without = validateWorkbook(unmerged, TODAY).findings.filter((f) => f.code === "cell.required");
    expect(without.length).toBe(480);
    expect(without.every((f) => covered(model).has(f.cell))).toBe(true);
  });

  it("a sheet without merges: the null answer is checked once, in ranges of at most 512 cells, and stays empty", async () => {
    const model = new WorkbookModel();
    const ws = model.sheet("表");
    for (let r = 1; r <= 400; r++) ws.set(`C${r}`, "已完成");
    ws.set("A1", "序号");
    const read = await readWorkbook(fakeContext(model, ALL_CAPABILITIES), ALL_CAPABILITIES);
    expect(read.snapshot.sheets[0]!.merges).toEqual([]);
    expect(mergeChecks({ sheet: 0, row: 0, rows: 400 }, 3).every((c) => c.rows * 3 <= MERGE_CHECK_CELLS)).toBe(true);
    expect(mergeChecks({ sheet: 0, row: 0, rows: 100 }, 5)).toEqual([]); // 500 cells: a null answer is certain
  });
});
