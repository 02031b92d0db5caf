import type { RowAnalysis } from "../analyzeRows.js";
import type { ColumnKey } from "../columns.js";
import type { Field, TaskRow } from "../readTable.js";

/** The cell where a unit acts on a row: its progress cell, else its status or deadline cell, else column A. */
export function actionCell(task: TaskRow): { row: number; col: number } {
  const f = task.fields.progress ?? task.fields.status ?? task.fields.deadline;
  return f ? { row: f.row, col: f.col } : { row: task.row, col: 1 };
}

/**
 * Every cell of the table's rows once, with the row it is first seen from: a merged cell shows in each row (and
 * column) it covers and is visited once — from its first row where that is a task row, else from the first task row
 * under it (`TaskRow.firstShown`, worked out as the table was read); all of them, or only those of the columns `keys`
 * names; row by row. `visit` gets `context` as its third argument, so that a rule can be a function of the module.
 */
export function forEachCell<C>(rows: readonly RowAnalysis[], visit: (f: Field, a: RowAnalysis, context: C) => void, context: C, keys?: readonly ColumnKey[]): void {
  const wanted = keys && new Set(keys);
  for (const a of rows) {
    const { cells, firstShown } = a.task;
    for (const f of cells) if ((!f.continuation || firstShown.includes(f)) && (!wanted || wanted.has(f.key))) visit(f, a, context);
  }
}
