/**
 * The core's view of a worksheet: what both exceljs and Office.js can produce.
 * Rows and columns are 1-based as in Excel; `rows[r - 1][c - 1]` is the cell at (r, c).
 * A merged area keeps its text in the top-left cell only; `merges` says which cells it covers.
 */
export interface SheetSnapshot {
  name: string;
  rows: CellSnapshot[][];
  merges: CellRange[];
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
}

export interface CellSnapshot {
  /** What the user sees. Dates are written `YYYY-MM-DD` by the adapters when the display text is not usable. */
  text: string;
  /** The formula, without the leading `=`, when the cell holds one. */
  formula?: string;
}

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export const EMPTY_CELL: CellSnapshot = Object.freeze({ text: "" });

/** `1 → "A"`, `28 → "AB"`. */
export function columnLetter(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  }
  return s;
}

/** The letters of the first columns, made once: addresses are made for every finding. */
const LETTERS = Array.from({ length: 1024 }, (_, i) => columnLetter(i));

/** `(12, 4) → "D12"`. */
export function cellAddress(row: number, col: number): string {
  return (LETTERS[col] ?? columnLetter(col)) + row;
}

/** `"D12" → { row: 12, col: 4 }`; `undefined` when not an A1 address. */
export function parseAddress(address: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/** `"B2:C5" → { top: 2, left: 2, bottom: 5, right: 3 }`; a single address is a one-cell range. */
export function parseRange(ref: string): CellRange | undefined {
  const [a, b = a] = ref.split(":");
  const p = parseAddress(a ?? "");
  const q = parseAddress(b ?? "");
  if (!p || !q) return undefined;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

export function rangeAddress(r: CellRange): string {
  const a = cellAddress(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? a : `${a}:${cellAddress(r.bottom, r.right)}`;
}

export function cellAt(sheet: SheetSnapshot, row: number, col: number): CellSnapshot {
  return sheet.rows[row - 1]?.[col - 1] ?? EMPTY_CELL;
}

/** Above this many cells a sheet's merges are indexed row by row (a grid would cost 4 bytes per cell). */
const GRID_CELLS = 4_000_000;

/**
 * For every cell covered by a merge, the merge it belongs to. Built once per sheet so that
 * looking a cell up is O(1) whatever the number of merges.
 */
export class MergeIndex {
  /**
   * The merge's number + 1 at each cell, row-major over the data's extent: one block of memory, no object per
   * row (every cell of a table is looked up, most of them several times). `undefined` for a sheet too large.
   */
  private readonly grid: Int32Array | undefined;
  private readonly width: number;
  /** By row, then by column (the merge's number + 1), for sheets too large for the grid. */
  private readonly byRow: (number[] | undefined)[] = [];
  private readonly merges: readonly CellRange[];
  private readonly maxRow: number;

  /**
   * Cells beyond `maxRow`/`maxCol` (the extent of the sheet's data) are not indexed, so that a merge
   * over a whole column costs no more than the data it covers.
   */
  constructor(merges: readonly CellRange[], maxRow: number, maxCol: number, gridCells = GRID_CELLS) {
    this.merges = merges.slice();
    this.maxRow = maxRow;
    this.width = maxCol + 1;
    const cells = (maxRow + 1) * this.width;
    this.grid = merges.length > 0 && cells <= gridCells ? new Int32Array(cells) : undefined;
    merges.forEach((m, i) => {
      const bottom = Math.min(m.bottom, maxRow);
      const right = Math.min(m.right, maxCol);
      for (let r = Math.max(1, m.top); r <= bottom; r++) {
        const cols = this.grid ? undefined : (this.byRow[r] ??= []);
        for (let c = Math.max(1, m.left); c <= right; c++) {
          if (this.grid) this.grid[r * this.width + c] = i + 1;
          else cols![c] = i + 1;
        }
      }
    });
  }

  /** The number of the merge covering (row, col) — its place in the sheet's list —, or -1. */
  numberAt(row: number, col: number): number {
    if (this.grid) {
      if (row > this.maxRow || col >= this.width || row < 0 || col < 0) return -1;
      return this.grid[row * this.width + col]! - 1;
    }
    return (this.byRow[row]?.[col] ?? 0) - 1;
  }

  /** The merge covering (row, col), if any. */
  at(row: number, col: number): CellRange | undefined {
    return this.numbered(this.numberAt(row, col));
  }

  /** The merge of a number `numberAt` gave (`undefined` for -1). */
  numbered(n: number): CellRange | undefined {
    return n < 0 ? undefined : this.merges[n];
  }

  /** How many merges there are (numbers run from 0 to one less). */
  get count(): number {
    return this.merges.length;
  }

  /** The top-left cell whose value shows at (row, col). */
  master(row: number, col: number): { row: number; col: number } {
    const m = this.at(row, col);
    return m ? { row: m.top, col: m.left } : { row, col };
  }
}
