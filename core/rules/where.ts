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
 * table's columns need remembering.
 */
export function forEachCell(rows: readonly RowAnalysis[], visit: (f: Field, a: RowAnalysis) => void): void {
  const taskRows = new Set<number>();
  for (const a of rows) taskRows.add(a.task.row);
  const seen = new Set<number>();
  for (const a of rows) {
    for (const f of a.task.cells) {
      if (f.continuation) {
        if (f.row === a.task.row ? a.task.cells.some((g) => !g.continuation && g.col === f.col) : taskRows.has(f.row)) continue;
        const id = cellKey(f.row, f.col);
        if (seen.has(id)) continue;
        seen.add(id);
      }
      visit(f, a);
    }
  }
}
