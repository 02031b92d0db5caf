/** The coordinator's official table, as published, read into the round's task list. */
import { readTable, tableNotFoundMessage, taskListFromTable, type TaskList } from "../core/index.js";
import { WorkbookError } from "./errors.js";
import type { PreflightLimits } from "./preflight.js";
import { readWorkbook } from "./readWorkbook.js";

/** A file that is not a task table says so in one line: which header roles it has, which it lacks. */
export async function readTaskListXlsx(bytes: Uint8Array, limits?: PreflightLimits): Promise<TaskList> {
  const snapshot = await readWorkbook(bytes, limits);
  const table = readTable(snapshot);
  if (!table) throw new WorkbookError("not-task-table", `这不是任务分解表。${tableNotFoundMessage(snapshot)}`);
  const list = taskListFromTable(table);
  if (list.tasks.length === 0) throw new WorkbookError("not-task-table", `任务分解表“${table.sheet}”第${table.headerRow}行表头下没有任务行。`);
  return list;
}

/** Warnings about a task list the coordinator should see when giving it (duplicate rows are kept, never merged). */
export function taskListWarnings(list: TaskList): string[] {
  return list.duplicates.map((d) => `任务“${d.label}”出现两次（${d.first} 与 ${d.second}）：两行都保留；如是重复录入，请在官方表中删去一行。`);
}
