import type { TaskRow } from "../readTable.js";

/** The cell where a unit acts on a row: its progress cell, else its status or deadline cell, else column A. */
export function actionCell(task: TaskRow): { row: number; col: number } {
  const f = task.fields.progress ?? task.fields.status ?? task.fields.deadline;
  return f ? { row: f.row, col: f.col } : { row: task.row, col: 1 };
}
