import type { RowAnalysis } from "../analyzeRows.js";
import type { ColumnKey } from "../columns.js";
import type { Field, TaskRow } from "../readTable.js";
import { cellKey } from "../snapshot.js";

/** The cell where a unit acts on a row: its progress cell, else its status or deadline cell, else column A. */
export function actionCell(task: TaskRow): { row: number; col: number } {
  const f = task.fields.progress ?? task.fields.status ?? task.fields.deadline;
  return f ? { row: f.row, col: f.col } : { row: task.row, col: 1 };
}

/**
 * Every cell of the table's rows once, with the row it is first seen from: a merged cell shows in each row (and
 * column) it covers and is visited once. A merge whose first cell is a task row's own is visited there (its other
 * cells are skipped without a lookup); only merges starting above the rows, on a skipped row or outside the
 * table's columns need remembering. Which cells of each row are visited is worked out once per table (a bit per
 * cell) and used by every rule that asks: all cells, or only those of the columns `keys` names; row by row.
 * `visit` gets `context` as its third argument: a function made once (not a closure per call) keeps this loop's
 * optimised code, which V8 drops when a new closure arrives at a call it had seen one function at.
 */
export function forEachCell<C>(rows: readonly RowAnalysis[], visit: (f: Field, a: RowAnalysis, context: C) => void, context: C, keys?: readonly ColumnKey[]): void {
  let own = OWN.get(rows);
  if (!own) OWN.set(rows, (own = ownCells(rows)));
  let wanted = ALL;
  if (keys) {
    wanted = 0;
    const columns = rows[0]?.task.cells ?? [];
    for (let k = 0; k < columns.length; k++) if (keys.includes(columns[k]!.key)) wanted |= 1 << k;
  }
  for (let i = 0; i < rows.length; i++) {
    const a = rows[i]!;
    const cells = a.task.cells;
    const bits = own[i]! & wanted;
    if (bits === 0) continue;
    for (let k = 0; k < cells.length; k++) if (bits & (1 << k)) visit(cells[k]!, a, context);
  }
}

const ALL = 0xffffffff | 0;

/** For each row, a bit for each of its cells (in the table's column order) that is visited from it. */
const OWN = new WeakMap<readonly RowAnalysis[], Int32Array>();

function ownCells(rows: readonly RowAnalysis[]): Int32Array {
  const own = new Int32Array(rows.length);
  let last = 0;
  for (let i = 0; i < rows.length; i++) last = Math.max(last, rows[i]!.task.row);
  const taskRows = new Uint8Array(last + 1); // 1 at each task row
  for (let i = 0; i < rows.length; i++) taskRows[rows[i]!.task.row] = 1;
  const seen = new Set<number>();
  for (let i = 0; i < rows.length; i++) {
    const a = rows[i]!;
    const cells = a.task.cells;
    let bits = 0;
    for (let k = 0; k < cells.length; k++) {
      const f = cells[k]!;
      if (f.continuation) {
        if (f.row === a.task.row ? cells.some((g) => !g.continuation && g.col === f.col) : taskRows[f.row] === 1) continue;
        const id = cellKey(f.row, f.col);
        if (seen.has(id)) continue;
        seen.add(id);
      }
      bits |= 1 << k;
    }
    own[i] = bits;
  }
  return own;
}
