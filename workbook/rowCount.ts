/**
 * Row counting: a task table has hundreds of rows, not hundreds of thousands, so a sheet's `<row` elements are
 * counted as its XML is inflated, a chunk at a time, and the file is refused as soon as one sheet passes the limit
 * — before exceljs would hold every row in memory.
 */
import { WorkbookError } from "./errors.js";

/** The byte after `<row` that makes it a row element: a space or a line break, `>` or `/` (not `<rows…`). */
const ENDS_TAG = new Set([0x20, 0x09, 0x0a, 0x0d, 0x3e, 0x2f]);
const TAG = Buffer.from("<row");

/** Counts `<row` elements in a sheet's XML as it streams by, a chunk at a time (a tag may straddle two). */
export class RowCounter {
  count = 0;
  /** The last bytes of the chunk before: a tag that began there is decided with this chunk. */
  private tail: Uint8Array = new Uint8Array(0);
  push(chunk: Uint8Array): void {
    const data = Buffer.concat([this.tail, chunk]);
    // a tag is counted once the byte after it is here; one ending the data is in the tail, counted next time
    for (let at = data.indexOf(TAG); at !== -1 && at + TAG.length < data.length; at = data.indexOf(TAG, at + TAG.length)) {
      if (ENDS_TAG.has(data[at + TAG.length]!)) this.count++;
    }
    this.tail = data.subarray(Math.max(0, data.length - TAG.length));
  }
}

/** A worksheet's part: the parts whose rows are counted. */
export const SHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/;

export const tooManyRows = (maxRows: number) =>
  new WorkbookError("too-large", `一张工作表超过 ${maxRows} 行（任务分解表一般只有几十到几百行）：请删去表格下方多余的行（含空白但有格式的行），只保留任务分解表后重新另存为 .xlsx。`);
