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
 * under it. Which cells each row visits was worked out as the table was read (`TaskRow.visit`, a bit per cell); this
 * visits all of them, or only those of the columns `keys` names; row by row.
 * `visit` gets `context` as its third argument: a function made once (not a closure per call) keeps this loop's
 * optimised code, which V8 drops when a new closure arrives at a call it had seen one function at.
 */
export function forEachCell<C>(rows: readonly RowAnalysis[], visit: (f: Field, a: RowAnalysis, context: C) => void, context: C, keys?: readonly ColumnKey[]): void {
  const wanted = keys ? cellBits(rows, keys) : ALL;
  for (let i = 0; i < rows.length; i++) {
    const a = rows[i]!;
    const bits = a.task.visit & wanted;
    if (bits === 0) continue;
    const cells = a.task.cells;
    for (let k = 0; k < cells.length; k++) if (bits & (1 << k)) visit(cells[k]!, a, context);
  }
}

const ALL = 0xffffffff | 0;

/**
 * The bits, in a row's `cells` (and its `visit` and `blank`), of the columns `keys` names: every row of a table has its
 * columns in one order.
 */
export function cellBits(rows: readonly RowAnalysis[], keys: readonly ColumnKey[]): number {
  let bits = 0;
  const columns = rows[0]?.task.cells ?? [];
  for (let k = 0; k < columns.length; k++) if (keys.includes(columns[k]!.key)) bits |= 1 << k;
  return bits;
}
