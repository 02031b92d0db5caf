/**
 * The round's task list: the coordinator's official table, as data (CONTRACT §1). Templates are made from it,
 * copies are validated against it and submissions consolidated against it. The seed's attachment 1 is
 * the built-in sample, used when no table is given.
 */
import { COLUMN_HEADERS, TASK_COLUMNS, type ColumnKey } from "./columns.js";
import { sentenceKey } from "./normalize.js";
import { OFFICIAL_ROWS, OFFICIAL_TITLE, OFFICIAL_YEAR } from "./officialTable.js";
import { fieldText, labelOf, type DecompositionTable } from "./readTable.js";
import { rosterFromNames, type Roster } from "./roster.js";

/** The text of one task row, merged values applied ("" where the table has no such column). */
export interface TaskText {
  level1: string;
  level2: string;
  level3: string;
  measure: string;
  lead: string;
  responsible: string;
  coResponsible: string;
  deadline: string;
}

export type TaskKey = keyof TaskText;
export const TASK_KEYS = TASK_COLUMNS as readonly TaskKey[];

export interface OfficialTask extends TaskText {
  /** Stable within a task list: `T01`, `T02`, … in table order. */
  id: string;
  /** 三级指标, else 二级指标, else the start of the measure. */
  label: string;
  /** The 序号 as written, when the table has one. */
  serial?: string;
  /** Columns whose cell is covered by the cell above (one merged cell in the official table). */
  continued: TaskKey[];
}

export interface TaskList {
  /** The table's title as published (`2022年全旗政务公开工作提升任务分解表`). */
  title: string;
  /** The plan year the title names, if any. */
  year: number | undefined;
  source: "built-in" | "file";
  /** The task columns the official table has, in its order, each with its own header words. */
  columns: { key: TaskKey | "serial"; header: string }[];
  /** The official's header for the progress column, when it has one. */
  progressHeader: string | undefined;
  tasks: OfficialTask[];
  /** Task rows the table holds twice: both are kept (a warning, never a silent merge). */
  duplicates: { first: string; second: string; label: string }[];
}

const id = (i: number, n: number): string => `T${String(i + 1).padStart(Math.max(2, String(n).length), "0")}`;

function finish(
  meta: Omit<TaskList, "tasks" | "duplicates">,
  rows: { text: TaskText; continued: TaskKey[]; serial?: string }[],
): TaskList {
  const tasks = rows.map((r, i): OfficialTask => ({
    id: id(i, rows.length),
    label: labelOf(r.text),
    ...r.text,
    ...(r.serial ? { serial: r.serial } : {}),
    continued: r.continued,
  }));
  const seen = new Map<string, OfficialTask>();
  const duplicates: TaskList["duplicates"] = [];
  for (const t of tasks) {
    const key = [t.level1, t.level2, t.level3, t.measure, t.lead, t.responsible].map(sentenceKey).join("|");
    const first = seen.get(key);
    if (first) duplicates.push({ first: first.id, second: t.id, label: t.label });
    else seen.set(key, t);
  }
  return { ...meta, tasks, duplicates };
}

let builtIn: TaskList | undefined;

/** The seed's attachment 1: the built-in sample and the default task list (made once; treat it as read-only). */
export function builtInTaskList(): TaskList {
  return (builtIn ??= makeBuiltInTaskList());
}

function makeBuiltInTaskList(): TaskList {
  const carry: Partial<Record<TaskKey, string>> = {};
  const keys: TaskKey[] = ["level1", "level2", "level3", "measure", "lead", "responsible", "deadline"];
  return finish(
    {
      title: `${OFFICIAL_YEAR}年${OFFICIAL_TITLE}`,
      year: OFFICIAL_YEAR,
      source: "built-in",
      columns: keys.map((key) => ({ key, header: COLUMN_HEADERS[key] })),
      progressHeader: COLUMN_HEADERS.progress,
    },
    OFFICIAL_ROWS.map((r) => {
      const text = { coResponsible: "" } as TaskText;
      const continued: TaskKey[] = [];
      for (const k of keys) {
        const v = r[k as keyof typeof r];
        if (v === null) continued.push(k);
        else carry[k] = v;
        text[k] = v === null ? (carry[k] ?? "") : v;
      }
      return { text, continued };
    }),
  );
}

/** The task list of a coordinator's official table, as read from their workbook. */
export function taskListFromTable(table: DecompositionTable): TaskList {
  const present = (Object.entries(table.columns) as [ColumnKey, number][]).sort((a, b) => a[1] - b[1]);
  const columns = present.flatMap(([key]) =>
    key === "serial" || (TASK_KEYS as readonly ColumnKey[]).includes(key)
      ? [{ key: key as TaskKey | "serial", header: table.headers[key] ?? COLUMN_HEADERS[key] }]
      : [],
  );
  return finish(
    {
      title: table.title ?? "",
      year: table.year,
      source: "file",
      columns,
      progressHeader: table.columns.progress !== undefined ? table.headers.progress : undefined,
    },
    table.rows.map((r) => {
      const text = {} as TaskText;
      const continued: TaskKey[] = [];
      for (const k of TASK_KEYS) {
        text[k] = fieldText(r, k);
        if (r.fields[k]?.continuation && r.fields[k]!.row !== r.row) continued.push(k);
      }
      const serial = fieldText(r, "serial");
      return { text, continued, ...(serial ? { serial } : {}) };
    }),
  );
}

/** Whether the list has a column (a task column absent from the official table is never required). */
export function hasColumn(list: TaskList, key: ColumnKey): boolean {
  return list.columns.some((c) => c.key === key);
}

/** The header the task list uses for a column (its own words, else the seed's). */
export function headerOf(list: TaskList | undefined, key: ColumnKey): string {
  if (key === "progress") return list?.progressHeader ?? COLUMN_HEADERS.progress;
  return list?.columns.find((c) => c.key === key)?.header ?? COLUMN_HEADERS[key];
}

/** The roster a task list implies when no roster was given: the names in its unit cells. */
export function rosterOfTaskList(list: TaskList, extraUnits: Iterable<string> = []): Roster {
  return rosterFromNames(list.tasks.flatMap((t) => [t.lead, t.responsible, t.coResponsible]), extraUnits);
}
