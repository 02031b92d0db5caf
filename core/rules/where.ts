import type { RowAnalysis } from "../analyzeRows.js";
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
 * table's columns need remembering. The list is made once per table and walked by every rule that asks.
 */
export function forEachCell(rows: readonly RowAnalysis[], visit: (f: Field, a: RowAnalysis) => void): void {
  let once = CELLS.get(rows);
  if (!once) CELLS.set(rows, (once = cellsOnce(rows)));
  const { fields, owners } = once;
  for (let i = 0; i < fields.length; i++) visit(fields[i]!, owners[i]!);
}

const CELLS = new WeakMap<readonly RowAnalysis[], { fields: Field[]; owners: RowAnalysis[] }>();

function cellsOnce(rows: readonly RowAnalysis[]): { fields: Field[]; owners: RowAnalysis[] } {
  const fields: Field[] = [];
  const owners: RowAnalysis[] = [];
  let last = 0;
  for (const a of rows) if (a.task.row > last) last = a.task.row;
  const taskRows = new Uint8Array(last + 1); // 1 at each task row
  for (const a of rows) taskRows[a.task.row] = 1;
  const seen = new Set<number>();
  for (const a of rows) {
    for (const f of a.task.cells) {
      if (f.continuation) {
        if (f.row === a.task.row ? a.task.cells.some((g) => !g.continuation && g.col === f.col) : taskRows[f.row] === 1) continue;
        const id = cellKey(f.row, f.col);
        if (seen.has(id)) continue;
        seen.add(id);
      }
      fields.push(f);
      owners.push(a);
    }
  }
  return { fields, owners };
}
