/** The limits table (core/limits.ts) is what the readers enforce: one place says them, every way in keeps them. */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { LIMITS, LIMIT_BYTES } from "../../core/index.js";
import { DEFAULT_LIMITS, WorkbookError, readTaskListXlsx } from "../../workbook/index.js";
import { MAX_COLUMNS, MAX_ROWS } from "../../addin/readPlan.js";

async function listOf(tasks: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("任务分解表");
  ws.addRow(["某某市政务公开工作任务分解表"]);
  ws.addRow(["序号", "重点任务", "责任单位", "完成时限"]);
  for (let i = 1; i <= tasks; i++) ws.addRow([i, `第${i}项任务：按要求公开相关信息`, "市财政局", "12月31日前"]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("one limits table", () => {
  it("is the readers' own: file, inflated size and rows (workbook), rows and columns (add-in)", () => {
    expect(DEFAULT_LIMITS).toMatchObject({ maxFileBytes: LIMIT_BYTES.file, maxUncompressedBytes: LIMIT_BYTES.inflated, maxRowsPerSheet: LIMITS.rowsPerSheet });
    expect([MAX_ROWS, MAX_COLUMNS]).toEqual([LIMITS.rowsPerSheet, LIMITS.columns]);
  });

  it(`a task list of ${LIMITS.tasksPerList} tasks is read; one more is refused at upload, saying the limit`, async () => {
    expect((await readTaskListXlsx(await listOf(LIMITS.tasksPerList))).tasks).toHaveLength(LIMITS.tasksPerList);
    const err = await readTaskListXlsx(await listOf(LIMITS.tasksPerList + 1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkbookError);
    expect((err as WorkbookError).kind).toBe("too-large");
    expect((err as WorkbookError).message).toMatch(new RegExp(`${LIMITS.tasksPerList + 1} 项任务，超过 ${LIMITS.tasksPerList} 项`));
  }, 60_000);
});
