/**
 * Issue 24 item 5: `getMergedAreasOrNullObject` answers a null object above 512 merged areas, as for a range
 * without merges. A null answer is asked again in smaller ranges, never taken for "no merges".
 */
import { describe, expect, it } from "vitest";
import { ALL_CAPABILITIES } from "../../addin/capabilities.js";
import { readWorkbook } from "../../addin/excelRead.js";
import { mergeChecks, MERGE_CHECK_CELLS } from "../../addin/readPlan.js";
import { LIMITS, WorkbookModel, fakeContext } from "./fakeExcel.js";

/** A register whose 序号 (A), 单位 (B) and 备注 (D) cells are merged over every two rows, as unit tables often are. */
function mergedRegister(pairs: number): WorkbookModel {
  const model = new WorkbookModel();
  const ws = model.sheet("任务分解表");
  ws.set("A1", "序号");
  ws.set("B1", "责任单位");
  ws.set("C1", "完成情况");
  for (let i = 0; i < pairs; i++) {
    const top = 2 + i * 2;
    ws.set(`A${top}`, String(i + 1));
    ws.set(`B${top}`, "旗财政局");
    ws.set(`C${top}`, "已完成");
    ws.set(`C${top + 1}`, "已完成");
    ws.set(`D${top}`, "按月更新");
    for (const col of [1, 2, 4]) ws.merges.push({ top, left: col, bottom: top + 1, right: col });
  }
  return model;
}

describe("merged areas beyond 512", () => {
  it("the fake answers a null object above 512 merged areas, as Excel does", async () => {
    const model = mergedRegister(240); // 720 areas
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    const m = ctx.workbook.worksheets.getItem("任务分解表").getRange("A1:D481").getMergedAreasOrNullObject().load("address");
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
