/**
 * Row counting: a task table has hundreds of rows, not hundreds of thousands, so a sheet's `<row` elements are
 * counted as its XML is inflated, a chunk at a time, and the file is refused as soon as one sheet passes the limit
 * — before exceljs would hold every row in memory.
 */
import { WorkbookError } from "./errors.js";

/** The byte after `<row` that makes it a row element: a space or a line break, `>` or `/` (not `<rows…`). */
const ENDS_TAG = new Set([0x20, 0x09, 0x0a, 0x0d, 0x3e, 0x2f]);
const LT = 0x3c; // "<"
const ROW = [0x72, 0x6f, 0x77]; // "row"

/**
 * Counts `<row` elements in a sheet's XML as it streams by, a chunk at a time (a tag may straddle two). Plain
 * `Uint8Array` work (the page without Excel runs it in a browser, where Node's Buffer is not).
 */
export class RowCounter {
  count = 0;
  /** The last bytes of the chunk before: a tag that began there is decided with this chunk. */
  private tail = new Uint8Array(0);
  push(chunk: Uint8Array): void {
    const data = new Uint8Array(this.tail.length + chunk.length);
    data.set(this.tail);
    data.set(chunk, this.tail.length);
    // each "<" found natively; a tag is decided once the byte after "<row" is here (else it is in the tail)
    for (let at = data.indexOf(LT); at !== -1 && at + 4 < data.length; at = data.indexOf(LT, at + 1)) {
      if (data[at + 1] === ROW[0] && data[at + 2] === ROW[1] && data[at + 3] === ROW[2] && ENDS_TAG.has(data[at + 4]!)) this.count++;
    }
    this.tail = data.slice(Math.max(0, data.length - 4));
  }
}

/** A worksheet's part: the parts whose rows are counted. */
export const SHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/;

export const tooManyRows = (maxRows: number) =>
  new WorkbookError("too-large", `一张工作表超过 ${maxRows} 行（任务分解表一般只有几十到几百行）：请删去表格下方多余的行（含空白但有格式的行），只保留任务分解表后重新另存为 .xlsx。`);
