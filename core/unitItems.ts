/**
 * 细化分解: a unit's own items under the official tasks it answers for (issue 26: "细化分解工作任务，明确具体责任人、推进时限、
 * 推进措施、标准要求"). They live on a sheet of their own, keyed by task, so that the official table's rows and merges
 * stay exactly as published: a clerk adds as many rows per task as the unit needs in a plain list. A copy without
 * the sheet has no items and is read as before.
 */
import type { RowAnalysis } from "./analyzeRows.js";
import { parseDeadline, type DeadlineParse } from "./deadline.js";
import { fnv1a, labelKey, sentenceKey } from "./normalize.js";
import { SheetReader } from "./sheetReader.js";
import type { WorkbookSnapshot } from "./snapshot.js";
import { isSettled, statusFromColumn, statusFromText, type Status } from "./status.js";
import { taskIdAt } from "./taskList.js";

/** The sheet's name in a template; a copy's sheet is found by it (`细化分解表`, `细化分解（本单位）` too). */
export const ITEMS_SHEET = "细化分解";

export const ITEM_COLUMNS = ["taskId", "task", "text", "person", "deadline", "measure", "standard", "progress", "status"] as const;
export type ItemColumn = (typeof ITEM_COLUMNS)[number];

/** The template's header of each column, in its order. */
export const ITEM_HEADERS: Readonly<Record<ItemColumn, string>> = {
  taskId: "任务编号",
  task: "对应任务",
  text: "具体事项",
  person: "具体责任人",
  deadline: "推进时限",
  measure: "推进措施",
  standard: "标准要求",
  progress: "进展情况",
  status: "完成状态",
};

/** What 完成状态 offers on the sheet (an item the unit set itself is never 不涉及: it would not list it). */
export const ITEM_STATUSES: readonly Status[] = ["已完成", "推进中", "未启动"];

/**
 * Headers read by their words, as clerks retype them: the first rule whose pattern a header matches gives its column.
 * Order matters: `任务编号` is the id before `任务` could be the task; `推进时限` is a deadline and `推进措施` a measure
 * before `推进` could be progress; `完成状态` is the status before `完成` could be progress.
 */
export const ITEM_HEADER_RULES: readonly { column: ItemColumn; pattern: RegExp; examples: readonly string[] }[] = [
  // a 序号 of the items themselves is no task's id
  { column: "taskId", pattern: /任务(?:编号|序号|代码|id)|^编号$/i, examples: ["任务编号", "编号", "任务序号"] },
  { column: "status", pattern: /状态$|是否完成/, examples: ["完成状态", "状态", "是否完成"] },
  { column: "deadline", pattern: /时限|期限|节点|截止|完成时间|时间安排|^时间$/, examples: ["推进时限", "完成时限", "时限", "完成时间", "时间节点"] },
  { column: "progress", pattern: /进展|进度|(完成|落实|推进|办理)情况/, examples: ["进展情况", "推进情况", "完成情况", "工作进展"] },
  { column: "person", pattern: /责任人|负责人|经办人|承办人/, examples: ["具体责任人", "责任人", "负责人"] },
  { column: "measure", pattern: /措施|举措|办法|方式/, examples: ["推进措施", "工作措施", "具体举措"] },
  { column: "standard", pattern: /标准|要求|目标|成效/, examples: ["标准要求", "工作标准", "目标要求"] },
  { column: "task", pattern: /任务/, examples: ["对应任务", "所属任务", "任务名称"] },
  { column: "text", pattern: /事项|内容|工作/, examples: ["具体事项", "细化事项", "工作内容"] },
];

/** The column a header names, `undefined` for none. */
export function itemColumnOf(header: string): ItemColumn | undefined {
  const key = labelKey(header).replace(/[（(][^）)]*[）)]/g, "").replace(/[*＊:：]+$/, "");
  if (key === "" || key.length > 12) return undefined;
  return ITEM_HEADER_RULES.find((r) => r.pattern.test(key))?.column;
}

/** One row of the sheet as written: each column's text, trimmed ("" where blank or where the sheet has no such column). */
export interface ItemRow {
  row: number;
  cells: Readonly<Record<ItemColumn, string>>;
}

export interface ItemsSheet {
  sheet: string;
  /** 0 when no header row could be found (then `missing` says what it lacks and there are no rows). */
  headerRow: number;
  /** Each column's number, where the sheet has it. */
  columns: Partial<Record<ItemColumn, number>>;
  /** The columns a header row must have that none has (`text`, and `taskId` or `task`). */
  missing: ItemColumn[];
  /** The items: rows with more than a task's id and name (starter rows and blank rows are none). */
  rows: ItemRow[];
}

/** How far down the header is looked for (a title and a note above it). */
const HEADER_SEARCH_ROWS = 10;

/** Whether a sheet's name is the items sheet's. */
export const isItemsSheetName = (name: string): boolean => labelKey(name).includes(ITEMS_SHEET);

/**
 * The 细化分解 sheet of a unit's copy, read by its header words; `undefined` when the copy has none. A row with only
 * 任务编号 and 对应任务 filled is a starter row the template wrote, not an item; blank rows are skipped. A merged cell
 * (one 任务编号 over a task's items) counts for every row it covers. `tableSheet`: the task table's own sheet, never
 * this one, whatever its name (`任务细化分解表` is a published table's name too).
 */
export function readItemsSheet(workbook: WorkbookSnapshot, tableSheet?: string): ItemsSheet | undefined {
  const candidates = workbook.sheets.filter((s) => s.name !== tableSheet && isItemsSheetName(s.name));
  const sheet = candidates.find((s) => labelKey(s.name) === ITEMS_SHEET) ?? candidates[0];
  if (!sheet) return undefined;
  const reader = new SheetReader(sheet);
  let best: { row: number; columns: Partial<Record<ItemColumn, number>> } | undefined;
  for (let r = 1; r <= Math.min(reader.rowCount, HEADER_SEARCH_ROWS); r++) {
    const columns: Partial<Record<ItemColumn, number>> = {};
    for (let c = 1; c <= reader.colCount; c++) {
      const column = itemColumnOf(reader.own(r, c));
      if (column && columns[column] === undefined) columns[column] = c;
    }
    if (columns.text !== undefined && (columns.taskId !== undefined || columns.task !== undefined)) {
      best = { row: r, columns };
      break;
    }
    if (!best || Object.keys(columns).length > Object.keys(best.columns).length) best = { row: r, columns };
  }
  const columns = best?.columns ?? {};
  const missing: ItemColumn[] = [];
  if (columns.text === undefined) missing.push("text");
  if (columns.taskId === undefined && columns.task === undefined) missing.push("taskId");
  if (missing.length > 0) return { sheet: sheet.name, headerRow: 0, columns, missing, rows: [] };
  const headerRow = best!.row;
  const rows: ItemRow[] = [];
  for (let r = headerRow + 1; r <= reader.rowCount; r++) {
    const cells = Object.fromEntries(ITEM_COLUMNS.map((k) => [k, columns[k] === undefined ? "" : reader.cell(r, columns[k]).value])) as Record<ItemColumn, string>;
    // a starter row (the task named, nothing of the unit's own) and a blank row are no item
    if (ITEM_COLUMNS.every((k) => k === "taskId" || k === "task" || cells[k] === "")) continue;
    rows.push({ row: r, cells });
  }
  return { sheet: sheet.name, headerRow, columns, missing: [], rows };
}

/** A task an item may be under: a row of the copy, with the id the ledger knows it by. */
export interface ItemTask {
  id: string;
  label: string;
  measure: string;
  /** The task's row on the copy's table sheet. */
  row: number;
  /** The deadline the task is held to (the task list's). */
  due: DeadlineParse | undefined;
}

/** `t5`, `T05`, `５`, `5` → `5`; other ids as written (NFKC, no white space, upper case). */
const idKey = (id: string): string => {
  const k = labelKey(id).toUpperCase();
  const n = /^(?:T|任务)?0*(\d+)$/.exec(k);
  return n ? n[1]! : k;
};

/**
 * The task an item names: by its 任务编号 (`T05`, `t5`, `5`), else by its 对应任务 text — a task's label or measure
 * written out, or the start of its measure. `undefined` when no task of `tasks` is named.
 */
export function taskOfItem(cells: Pick<ItemRow["cells"], "taskId" | "task">, tasks: readonly ItemTask[]): ItemTask | undefined {
  if (cells.taskId !== "") {
    const key = idKey(cells.taskId);
    return tasks.find((t) => idKey(t.id) === key);
  }
  const said = sentenceKey(cells.task);
  if (said === "") return undefined;
  const exact = tasks.find((t) => sentenceKey(t.label) === said || sentenceKey(t.measure) === said);
  if (exact) return exact;
  const label = (t: ItemTask) => sentenceKey(t.label.replace(/…$/, ""));
  const starts = tasks.filter((t) => said.length >= 4 && (sentenceKey(t.measure).startsWith(said) || said.startsWith(label(t))));
  return starts.length === 1 ? starts[0] : undefined;
}

/** One item of the unit, read: its task (`undefined` when none of the unit's is named), deadline and status. */
export interface UnitItem {
  row: number;
  cells: Readonly<Record<ItemColumn, string>>;
  task: ItemTask | undefined;
  /** The 推进时限 read (`undefined` when blank). */
  deadline: DeadlineParse | undefined;
  /** From 完成状态, else from 进展情况; an item with neither filled is 未启动; `undefined` when text says no status. */
  status: Status | undefined;
}

/**
 * The items of a sheet, each under the task it names among `tasks` (the unit's own, or every task of the copy when
 * the unit is not known). Deadlines are read as the official ones are (`parseDeadline`, the plan year `year`).
 */
export function resolveItems(sheet: ItemsSheet, tasks: readonly ItemTask[], year: number): UnitItem[] {
  return sheet.rows.map((r) => ({
    row: r.row,
    cells: r.cells,
    task: taskOfItem(r.cells, tasks),
    deadline: r.cells.deadline === "" ? undefined : parseDeadline(r.cells.deadline, year),
    status: itemStatus(r.cells),
  }));
}

/** 完成状态 if it is one of the four, else what 进展情况 says; an item with both blank has not started. */
export function itemStatus(cells: Pick<ItemRow["cells"], "status" | "progress">): Status | undefined {
  if (cells.status === "" && cells.progress === "") return "未启动";
  return statusFromColumn(cells.status) ?? statusFromText(cells.progress);
}

/** FNV-1a of a text, as 6 base-36 characters. */
const shortHash = (s: string): string => fnv1a(s).toString(36).padStart(7, "0").slice(-6);

/**
 * An item's key in the ledger and in reviews: the task's id and a short hash of its 具体事项 as a sentence (spaces and
 * punctuation aside), so it stays the same while the item's text does — from one month's copy to the next, whatever
 * rows are added above it. A second item with the same text under the same task is `…-2`.
 */
export function itemKeys(taskId: string, texts: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return texts.map((t) => {
    const base = `${taskId}-${shortHash(sentenceKey(t))}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

/** What an item carries into a unit's report (the ledger reads it again with the round's year and day). */
export interface ReportItem {
  /** The sheet row of the item's task on the copy's table (which the ledger matches to the task list). */
  taskRow: number;
  /** The task's id as the copy's validation knew it. */
  task: string;
  /** The item's row on the 细化分解 sheet. */
  row: number;
  text: string;
  person: string;
  deadline: string;
  measure: string;
  standard: string;
  progress: string;
  status: Status | undefined;
}

/** The items of a validated copy that name one of its tasks, as a report keeps them. */
export function reportItems(items: readonly UnitItem[]): ReportItem[] {
  return items.flatMap((i) =>
    i.task && i.cells.text !== ""
      ? [{ taskRow: i.task.row, task: i.task.id, row: i.row, text: i.cells.text, person: i.cells.person, deadline: i.cells.deadline, measure: i.cells.measure, standard: i.cells.standard, progress: i.cells.progress, status: i.status }]
      : [],
  );
}

/** A copy's 细化分解 as validation read it: the sheet, its items, and the tasks they may be under. */
export interface ItemsReading {
  sheet: ItemsSheet;
  items: UnitItem[];
  /** The tasks an item may name: the reporting unit's own (every task of the copy when the unit is not known). */
  tasks: ItemTask[];
  /** Whether `tasks` are the unit's own (else every task of the copy: the unit is not known). */
  ofUnit: boolean;
  /** The status each task with items has from them (by the task's row on the table's sheet). */
  statusOf: ReadonlyMap<number, Status>;
}

/**
 * The status a task has from its items: 已完成 when every item is done (or 不涉及), 未启动 when none has started, else
 * 推进中 — what validation and the ledger (`itemsVerdict`) both say of it.
 */
export function statusOfItems(statuses: readonly (Status | undefined)[]): Status {
  if (statuses.every((s) => isSettled(s))) return "已完成";
  if (statuses.every((s) => s === "未启动")) return "未启动";
  return "推进中";
}

/**
 * The 细化分解 sheet of a copy, its items each under one of the copy's task rows (`rows`, analysed): `undefined` for a
 * copy without the sheet. A row's id is its task's in the list in use, else its place among the rows (`T01`, …: the
 * ids a list read from the copy itself would give).
 */
export function readUnitItems(workbook: WorkbookSnapshot, tableSheet: string, rows: readonly RowAnalysis[], unit: string | undefined, year: number): ItemsReading | undefined {
  const sheet = readItemsSheet(workbook, tableSheet);
  if (!sheet) return undefined;
  const all = rows.map((a, i): ItemTask & { responsible: boolean | undefined } => ({
    id: a.official?.id ?? taskIdAt(i, rows.length),
    label: a.label,
    measure: a.official?.measure ?? a.task.fields.measure?.value ?? "",
    row: a.task.row,
    due: a.due,
    responsible: a.responsible,
  }));
  const ofUnit = unit !== undefined;
  const tasks = (ofUnit ? all.filter((t) => t.responsible) : all).map(({ responsible: _, ...t }) => t);
  const items = resolveItems(sheet, tasks, year);
  const byTask = new Map<number, (Status | undefined)[]>();
  for (const i of items) if (i.task && i.cells.text !== "") byTask.set(i.task.row, [...(byTask.get(i.task.row) ?? []), i.status]);
  const statusOf = new Map([...byTask].map(([row, statuses]) => [row, statusOfItems(statuses)]));
  return { sheet, items, tasks, ofUnit, statusOf };
}

/** The rows of a copy with each task that has items given the status its items make (`statusOf`); the rest as they are. */
export function withItemsStatus(rows: readonly RowAnalysis[], reading: ItemsReading | undefined): RowAnalysis[] {
  if (!reading || reading.statusOf.size === 0) return rows as RowAnalysis[];
  return rows.map((a) => {
    const status = reading.statusOf.get(a.task.row);
    return status === undefined ? a : { ...a, status };
  });
}
