/**
 * Row counting: a task table has hundreds of rows, not hundreds of thousands, so a sheet's `<row` elements are
 * counted as its XML is inflated, a chunk at a time, and the file is refused as soon as one sheet passes the limit
 * — before exceljs would hold every row in memory.
 */
import { WorkbookError } from "./errors.js";

/** Counts `<row` elements in a sheet's XML as it streams by, a chunk at a time (a tag may straddle two). */
export class RowCounter {
  count = 0;
  private matched = 0;
  private static readonly TAG = [0x3c, 0x72, 0x6f, 0x77]; // "<row"
  push(chunk: Uint8Array): void {
    const tag = RowCounter.TAG;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.matched === tag.length) {
        // "<row " or "<row>" or "<row/>", not "<rows…"
        if (b === 0x20 || b === 0x3e || b === 0x2f || b === 0x09 || b === 0x0a || b === 0x0d) this.count++;
        this.matched = 0;
      }
      this.matched = b === tag[this.matched] ? this.matched + 1 : b === tag[0] ? 1 : 0;
    }
  }
}

/** A worksheet's part: the parts whose rows are counted. */
export const SHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/;

export const tooManyRows = (maxRows: number) =>
  new WorkbookError("too-large", `一张工作表超过 ${maxRows} 行（任务分解表一般只有几十到几百行）：请删去表格下方多余的行（含空白但有格式的行），只保留任务分解表后重新另存为 .xlsx。`);
