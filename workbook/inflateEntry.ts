/**
 * Inflating one entry under a bound: declared sizes can lie, so each entry is inflated and refused as soon as it
 * grows past what it declared (or the budget left), with a sheet's rows counted on the way. Natively where the
 * platform registers an inflater (Node's zlib, workbook/nodeInflate.ts), in JavaScript (fflate) elsewhere.
 */
import { Inflate } from "fflate";
import { WorkbookError } from "./errors.js";
import { bombMessage } from "./preflightLimits.js";
import { RowCounter, SHEET_PART, tooManyRows } from "./rowCount.js";
import { SAVE_AS_XLSX, type ZipEntry } from "./zipDirectory.js";

/** Inflates raw deflate data, throwing once the output would pass `max` bytes. */
export type BoundedInflate = (compressed: Uint8Array, max: number) => Uint8Array;

let boundedInflate: BoundedInflate | undefined;

/**
 * Where the platform has a native inflater (Node's zlib, registered by workbook/nodeInflate.ts), the check
 * uses it: several times faster than inflating in JavaScript, which browsers keep using.
 */
export function useBoundedInflate(f: BoundedInflate | undefined): void {
  boundedInflate = f;
}

/** Whether entries are inflated natively (and so come whole, ready for the stored copy). */
export const inflatesNatively = (): boolean => boundedInflate !== undefined;

/**
 * Inflates one entry, refusing as soon as it grows past what it declared, and gives its inflated bytes where they were
 * made whole (stored, or inflated natively: `boundedInflate`), else only how many there were.
 */
export function verifyEntry(buf: Uint8Array, e: ZipEntry, budget: number, maxRows = Infinity): Uint8Array | number {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const at = e.localOffset;
  if (at + 30 > buf.length || view.getUint32(at, true) !== 0x04034b50) {
    throw new WorkbookError("truncated", `文件不完整或已损坏（“${e.name}”缺失）：请重新另存为 .xlsx。`);
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + e.compressedSize;
  if (end > buf.length) throw new WorkbookError("truncated", "文件不完整（可能下载或复制时中断）：请重新获取原文件。");
  const limit = Math.min(e.uncompressedSize, budget);
  const rows = SHEET_PART.test(e.name) && maxRows < Infinity ? new RowCounter() : undefined;
  if (e.method === 0) {
    if (e.compressedSize !== e.uncompressedSize) throw new WorkbookError("corrupt", `文件已损坏（“${e.name}”大小不符）。`);
    const stored = buf.subarray(start, end);
    // a sheet stored uncompressed is counted like an inflated one
    if (rows) {
      rows.push(stored);
      if (rows.count > maxRows) throw tooManyRows(maxRows);
    }
    return stored;
  }
  if (e.method !== 8) throw new WorkbookError("corrupt", `文件使用了不支持的压缩方式（“${e.name}”）：${SAVE_AS_XLSX}`);
  let produced = 0;
  if (boundedInflate) {
    let out: Uint8Array;
    try {
      // the output is bounded by what the entry declared (itself held to the part caps: preflightLimits.ts)
      out = boundedInflate(buf.subarray(start, end), limit);
    } catch (err) {
      if (err instanceof RangeError) throw new WorkbookError("zip-bomb", bombMessage());
      throw new WorkbookError("corrupt", `文件已损坏（“${e.name}”无法解压）：请重新另存为 .xlsx。`, { cause: err });
    }
    if (out.length > limit) throw new WorkbookError("zip-bomb", bombMessage());
    if (rows) {
      rows.push(out);
      if (rows.count > maxRows) throw tooManyRows(maxRows);
    }
    return out;
  }
  const inflater = new Inflate((chunk) => {
    produced += chunk.length;
    if (produced > limit) throw new WorkbookError("zip-bomb", bombMessage());
    if (rows) {
      rows.push(chunk);
      if (rows.count > maxRows) throw tooManyRows(maxRows);
    }
  });
  // Small steps bound the memory one push may inflate to (deflate expands at most ~1032×).
  const STEP = 16 * 1024;
  for (let p = start; p < end; p += STEP) inflater.push(buf.subarray(p, Math.min(end, p + STEP)), p + STEP >= end);
  return produced;
}
