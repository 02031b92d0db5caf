/**
 * How the add-in reads a workbook through Excel's limits, decided without Excel (pure, unit-tested):
 * - a request or response of Excel on the web may not exceed 5 MB (RequestPayloadSizeLimitExceeded; Office
 *   Add-ins docs, "Resource limits and performance optimization", OfficeDev/office-js-docs-pr#2846, #5333);
 * - a range read may not exceed 5 million cells (same page);
 * - `Range.getMergedAreasOrNullObject` "will fail to return the result" above 512 merged areas (Excel API
 *   reference, ExcelApi 1.13), and may answer the null object it gives for a range without merges: a null
 *   answer for a range of more than 512 cells proves nothing, so its merges are asked again in ranges of at
 *   most MERGE_CHECK_CELLS cells (which cannot hold more than 512 areas), never taken for "no merges".
 *
 * So rows are read in pieces: each piece asks for its merged areas itself (≤ MERGES_PER_CALL expected), and
 * the pieces of one sync together stay under READ_BYTES, less what the conditional formats' rules loaded in
 * the same sync take (RULE_BYTES each). The first sync shares the budget among the sheets at FIRST_CELL_BYTES
 * a cell, at most FIRST_ROWS rows of each;
 * later pieces are sized by the bytes and merges per row seen so far. A piece that fails is read again in
 * halves (reads change nothing). A piece that comes back empty ends with a probe for where content resumes,
 * so one stray value far below the table costs one small read, not a million empty rows.
 */
import { LIMITS } from "../core/limits.js";

export const READ_BYTES = 3_500_000; // under the 5 MB limit, with room for the request and JSON overhead
export const MERGES_PER_CALL = 400; // under 512, for a piece denser than the rows before it
export const FIRST_ROWS = 500;
/**
 * What a cell of a sheet not read yet is taken to cost in an answer (its text and its formula, JSON): a
 * measure of 30 Chinese characters is ≈ 90 bytes each way. The first sync shares READ_BYTES among all the
 * sheets at this rate, so that a workbook of one sheet per unit does not ask for 500 rows of each at once.
 */
export const FIRST_CELL_BYTES = 200;
/**
 * What one custom conditional format's rule and cells cost in an answer: the add-in writes addresses of up to
 * 8,192 characters, and Excel answers them with the sheet's name before every area (about three times as long).
 */
export const RULE_BYTES = 25_000;
/** A range this small cannot meet more than 512 merged areas (each holds at least one of its cells). */
export const MERGE_CHECK_CELLS = 512;
/** The most rows one piece asks for, merged areas seen or not: a sheet may turn dense past the rows read so far. */
export const MAX_PIECE_ROWS = 1600;
export const MAX_COLUMNS = LIMITS.columns; // a task table has a few dozen at most; anything beyond is stray
export const MAX_ROWS = LIMITS.rowsPerSheet; // the service refuses bigger sheets too (workbook/rowCount.ts)

export interface Extent {
  /** 0-based, as Excel's rowIndex / columnIndex. */
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export interface Piece {
  sheet: number;
  row: number;
  rows: number;
}

/** What is known about one sheet while it is being read. */
export interface SheetProgress {
  extent: Extent | undefined;
  /** The next row to read (0-based). */
  next: number;
  /** Rows read so far. */
  read: number;
  bytesPerRow: number;
  mergesPerRow: number;
  /** A probe for where content resumes is due before the next read. */
  probe: boolean;
}

export function startProgress(extent: Extent | undefined): SheetProgress {
  return { extent, next: extent?.row ?? 0, read: 0, bytesPerRow: 0, mergesPerRow: 0, probe: false };
}

export const columnsRead = (e: Extent) => Math.min(e.columns, MAX_COLUMNS);
const end = (e: Extent) => e.row + e.rows;
export const finished = (p: SheetProgress) => !p.extent || p.next >= end(p.extent) || p.read >= MAX_ROWS;

/**
 * The pieces of the next sync: every unfinished sheet gets its share, the sync stays under the budgets.
 * `reserved`: bytes of the same sync's answer taken by other loads (the conditional formats' rules).
 */
export function nextPieces(sheets: readonly SheetProgress[], first: boolean, scale = 1, reserved = 0): Piece[] {
  const pieces: Piece[] = [];
  let budget = (READ_BYTES - reserved) * scale;
  const open = sheets.filter((p) => !finished(p) && !p.probe).length;
  const share = open > 0 ? budget / open : 0;
  sheets.forEach((p, sheet) => {
    if (finished(p) || p.probe) return;
    const e = p.extent!;
    let next = p.next;
    const last = Math.min(end(e), p.next + (MAX_ROWS - p.read));
    while (next < last && budget > 0) {
      const perRow = Math.max(p.bytesPerRow, columnsRead(e) * (p.read === 0 ? FIRST_CELL_BYTES : 8));
      const byMerges = p.mergesPerRow > 0 ? Math.floor(MERGES_PER_CALL / p.mergesPerRow) : Infinity;
      const byBytes = Math.floor((first ? Math.min(budget, share) : budget) / perRow);
      const cap = Math.max(1, Math.floor(Math.min(first ? FIRST_ROWS : Infinity, byMerges, MAX_PIECE_ROWS) * scale));
      const rows = Math.max(1, Math.min(last - next, cap, byBytes));
      if (byBytes < 1 && pieces.length > 0) break;
      pieces.push({ sheet, row: next, rows });
      budget -= rows * perRow;
      next += rows;
      if (first) break;
    }
  });
  return pieces;
}

/** Learns from a piece read: bytes and merges per row (with a margin), where to go on. */
export function afterPiece(p: SheetProgress, piece: Piece, bytes: number, merges: number, empty: boolean): void {
  p.bytesPerRow = Math.max(p.bytesPerRow, Math.ceil((bytes / piece.rows) * 1.5));
  p.mergesPerRow = Math.max(p.mergesPerRow, (merges / piece.rows) * 1.5);
  p.next = piece.row + piece.rows;
  p.read += piece.rows;
  p.probe = empty && !finished(p);
}

/** After a probe: content resumes at `found` (0-based row), or nothing is left. */
export function afterProbe(p: SheetProgress, found: number | undefined): void {
  p.probe = false;
  p.next = found === undefined ? end(p.extent!) : Math.max(p.next, found);
}

/**
 * The merged areas of pieces read separately → each area once. Excel answers with whole areas; one that crosses a
 * piece boundary may be reported by both pieces, or only by the piece holding its top-left cell
 * (OfficeDev/office-js#3611): either way each area comes out once, and overlapping reports of one are joined.
 */
export function joinMerges<T extends { top: number; left: number; bottom: number; right: number }>(areas: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const a of areas) seen.set(`${a.top},${a.left},${a.bottom},${a.right}`, a);
  const sorted = [...seen.values()].sort((a, b) => a.left - b.left || a.right - b.right || a.top - b.top);
  const out: T[] = [];
  for (const a of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.left === a.left && prev.right === a.right && a.top <= prev.bottom) prev.bottom = Math.max(prev.bottom, a.bottom);
    else out.push({ ...a });
  }
  return out;
}

/** A range whose merged areas are to be asked again: rows of one sheet, all columns read. */
export interface MergeCheck {
  sheet: number;
  row: number;
  rows: number;
}

/** A null merged-area answer for `piece`: nothing if it cannot be over the limit, else the ranges to ask again. */
export function mergeChecks(piece: Piece, columns: number): MergeCheck[] {
  if (piece.rows * columns <= MERGE_CHECK_CELLS) return [];
  const step = Math.max(1, Math.floor(MERGE_CHECK_CELLS / columns));
  const out: MergeCheck[] = [];
  for (let row = piece.row; row < piece.row + piece.rows; row += step) out.push({ sheet: piece.sheet, row, rows: Math.min(step, piece.row + piece.rows - row) });
  return out;
}

/** Learns from the merges found again: later pieces of the sheet are sized by them. */
export function afterMergeCheck(p: SheetProgress, check: MergeCheck, merges: number): void {
  p.mergesPerRow = Math.max(p.mergesPerRow, (merges / check.rows) * 1.5);
}
