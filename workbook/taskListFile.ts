/** The coordinator's official table, as published, read into the round's task list — as the coordinator corrected it. */
import {
  EMPTY_MAPPING,
  LIMITS,
  duplicateWarnings,
  RosterIndex,
  readOfficialTable,
  mappingProblem,
  readingReport,
  rosterIndexOfTaskList,
  tableNotFoundMessage,
  type ReadingReport,
  type Roster,
  type TableMapping,
  type TaskList,
} from "../core/index.js";
import { WorkbookError } from "./errors.js";
import type { PreflightLimits } from "./preflightLimits.js";
import { readWorkbook } from "./readWorkbook.js";

export interface TaskListReading {
  /** The roster units are read against: the coordinator's, else the one the table implies. */
  roster?: Roster | RosterIndex | undefined;
  /** The plan year where the title names none (deadlines are read in it). */
  year?: number | undefined;
}

/** A file that is not a task table says so in one line: which header roles it has, which it lacks. */
export async function readTaskListXlsx(bytes: Uint8Array, limits?: PreflightLimits, mapping?: TableMapping): Promise<TaskList> {
  return (await readTaskListWithReport(bytes, limits, mapping)).list;
}

/** The task list and the report of how it was read (columns, headings, units, deadlines, what could not be read). */
export async function readTaskListWithReport(
  bytes: Uint8Array,
  limits?: PreflightLimits,
  mapping: TableMapping = EMPTY_MAPPING,
  options: TaskListReading = {},
): Promise<{ list: TaskList; report: ReadingReport }> {
  const snapshot = await readWorkbook(bytes, limits);
  const read = readOfficialTable(snapshot, mapping);
  if (!read) throw new WorkbookError("not-task-table", `这不是任务分解表。${tableNotFoundMessage(snapshot)}`);
  const { table, list } = read;
  const problem = mappingProblem(table, mapping);
  if (problem) throw new WorkbookError("corrupt", `${problem}：请改正更正文件。`);
  if (list.tasks.length === 0) throw new WorkbookError("not-task-table", `任务分解表“${table.sheet}”第${table.headerRow}行表头下没有任务行。`);
  if (list.tasks.length > LIMITS.tasksPerList) {
    throw new WorkbookError("too-large", `任务分解表“${table.sheet}”有 ${list.tasks.length} 项任务，超过 ${LIMITS.tasksPerList} 项的上限（单位按它填报的表也会过大）：请检查表格下方是否混入了其他内容，或把任务分解表拆开上传。`);
  }
  const given = options.roster;
  const roster = given instanceof RosterIndex ? given : given ? new RosterIndex(given) : rosterIndexOfTaskList(list);
  const year = list.year ?? options.year ?? new Date().getFullYear();
  return { list, report: readingReport(table, list, roster, mapping, year) };
}

/** Warnings about a task list the coordinator should see when giving it (duplicate rows are kept, never merged). */
export const taskListWarnings = (list: TaskList): string[] => duplicateWarnings(list);
