/**
 * The round's task list: the coordinator's official table, as data (CONTRACT §1). Templates are made from it,
 * copies are validated against it and submissions consolidated against it. The seed's attachment 1 is
 * the built-in sample, used when no table is given.
 */
import { COLUMN_HEADERS, TASK_COLUMNS, rolesOfHeaderRow, type ColumnKey } from "./columns.js";
import { sentenceKey } from "./normalize.js";
import { OFFICIAL_ROWS, OFFICIAL_TITLE, OFFICIAL_YEAR } from "./officialTable.js";
import { readContacts } from "./readContacts.js";
import { correctionsByHeader, type HeaderRole } from "./readHeader.js";
import { fieldText, labelOf, readTable, type DecompositionTable } from "./readTable.js";
import { DEFAULT_ROSTER, RosterIndex, rosterFromNames, type Roster } from "./roster.js";
import type { WorkbookSnapshot } from "./snapshot.js";
import { EMPTY_MAPPING, type TableMapping, type UnitPhrase } from "./tableMapping.js";

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
  /** Who answers for the task as the coordinator said it by the task's id (its unit cells blank or unreadable). */
  units?: UnitPhrase;
  /** The heading rows above the task, outermost first, in a table grouped by headings rather than category columns. */
  groups?: string[];
}

export interface TaskList {
  /** The table's title as published (`2022年全旗政务公开工作提升任务分解表`). */
  title: string;
  /** The 附件 line above the title as published (`附件1`), which the template repeats; none where the table has none. */
  attachmentLine?: string;
  /** The plan year the title names, if any. */
  year: number | undefined;
  source: "built-in" | "file";
  /** The task columns the official table has, in its order, each with its own header words. */
  columns: { key: TaskKey | "serial"; header: string }[];
  /** The official's header for the progress column, when it has one. */
  progressHeader: string | undefined;
  /**
   * Whether units are asked for a contact sheet (联络人明细表) beside the table: the built-in sample asks (its 附件2); a
   * coordinator's table asks when its workbook has one (`readContacts`), or when the coordinator's setting says so
   * (`withContactSheet`). The 联络人 rules apply, and templates carry the sheet, only where it is asked for.
   */
  contactSheet: boolean;
  tasks: OfficialTask[];
  /** Task rows the table holds twice: both are kept (a warning, never a silent merge). */
  duplicates: { first: string; second: string; label: string }[];
  /** The coordinator's corrections of who a unit cell names (`TableMapping.unitPhrases`), applied wherever units are read. */
  unitPhrases?: Record<string, UnitPhrase>;
  /** The coordinator's column corrections, by the official header's text: applied to copies whose columns moved. */
  headerRoles?: HeaderRole[];
  /** Texts of the rows the coordinator said are headings: such a row in a copy is a heading too. */
  headingTexts?: string[];
}

/** The id of the `i`-th of `n` tasks (0-based): `T01`, `T02`, … — a list read from a table, or the rows of a copy read on its own terms. */
export const taskIdAt = (i: number, n: number): string => `T${String(i + 1).padStart(Math.max(2, String(n).length), "0")}`;

function finish(
  meta: Omit<TaskList, "tasks" | "duplicates">,
  rows: { text: TaskText; continued: TaskKey[]; serial?: string; groups?: string[] }[],
): TaskList {
  // a 二级指标 that several tasks share (`（一）财政信息公开` over three measures) names none of them: their measures do
  const level2Labels = new Map<string, number>();
  for (const r of rows) if (labelOf(r.text) !== r.text.level3) level2Labels.set(r.text.level2, (level2Labels.get(r.text.level2) ?? 0) + 1);
  const labelFor = (t: TaskText) => {
    const label = labelOf(t);
    return label !== t.level3 && label === t.level2 && (level2Labels.get(t.level2) ?? 0) > 1 ? labelOf({ level2: "", level3: "", measure: t.measure }) : label;
  };
  const tasks = rows.map((r, i): OfficialTask => ({
    id: taskIdAt(i, rows.length),
    label: labelFor(r.text),
    ...r.text,
    ...(r.serial ? { serial: r.serial } : {}),
    ...(r.groups ? { groups: r.groups } : {}),
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
      attachmentLine: "附件1",
      year: OFFICIAL_YEAR,
      source: "built-in",
      columns: keys.map((key) => ({ key, header: COLUMN_HEADERS[key] })),
      progressHeader: COLUMN_HEADERS.progress,
      contactSheet: true,
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

/**
 * The official table of a workbook read as the coordinator corrected it (`mapping`), and its task list; `undefined`
 * when no sheet holds a task table.
 */
export function readOfficialTable(workbook: WorkbookSnapshot, mapping: TableMapping = EMPTY_MAPPING): { table: DecompositionTable; list: TaskList } | undefined {
  const table = readTable(workbook, { columns: { byLetter: mapping.columns }, headingRows: mapping.headingRows });
  if (!table) return undefined;
  // a sheet headed 序号 | 姓名 | 职务 | 联系电话 … beside the table: the coordinator asks units for their contacts too
  return { table, list: taskListFromTable(table, mapping, readContacts(workbook, table.reader) !== undefined) };
}

/**
 * The task list of a coordinator's official table, as read from their workbook (with their corrections, if any);
 * `contactSheet`: whether the workbook has a contact sheet beside the table.
 */
export function taskListFromTable(table: DecompositionTable, mapping: TableMapping = EMPTY_MAPPING, contactSheet = false): TaskList {
  const present = (Object.entries(table.columns) as [ColumnKey, number][]).sort((a, b) => a[1] - b[1]);
  const columns = present.flatMap(([key]) =>
    key === "serial" || (TASK_KEYS as readonly ColumnKey[]).includes(key)
      ? [{ key: key as TaskKey | "serial", header: table.headers[key] ?? COLUMN_HEADERS[key] }]
      : [],
  );
  const progressHeader = table.columns.progress !== undefined ? table.headers.progress : undefined;
  templateHeaders(columns, progressHeader);
  const hasCategory = columns.some((c) => c.key === "level1" || c.key === "level2" || c.key === "level3");
  const headingSet = new Set(mapping.headingRows);
  const list = finish(
    {
      title: table.title ?? "",
      ...(table.attachmentLine ? { attachmentLine: table.attachmentLine } : {}),
      year: table.year,
      source: "file",
      columns,
      progressHeader,
      contactSheet,
    },
    table.rows.map((r) => {
      const text = {} as TaskText;
      const continued: TaskKey[] = [];
      for (const k of TASK_KEYS) {
        text[k] = fieldText(r, k);
        if (r.fields[k]?.continuation && r.fields[k]!.row !== r.row) continued.push(k);
      }
      // a table grouped by heading rows (`一、…` across the table) keeps its groups, though it has no category column
      // (with a category column too, the headings are kept as groups: the template writes them where they were)
      const groups = r.headings.length > 0 ? [...r.headings] : undefined;
      if (groups && !hasCategory) text.level1 = groups.join(" / ");
      const serial = fieldText(r, "serial");
      return { text, continued, ...(serial ? { serial } : {}), ...(groups ? { groups } : {}) };
    }),
  );
  if (Object.keys(mapping.unitPhrases).length > 0) list.unitPhrases = mapping.unitPhrases;
  for (const t of list.tasks) if (mapping.unitPhrases[t.id]) t.units = mapping.unitPhrases[t.id];
  const byHeader = correctionsByHeader(table.headerTexts, mapping.columns);
  if (byHeader.length > 0) list.headerRoles = byHeader;
  const headingTexts = table.headings.filter((h) => headingSet.has(h.row)).map((h) => h.text);
  if (headingTexts.length > 0) list.headingTexts = headingTexts;
  return list;
}

/**
 * The headers a template writes, read back to the same roles: a header that alone would read otherwise (one of the
 * columns under a merged header, a corrected column, `责任单位/牵头` written over two rows) is written as the role's
 * usual word.
 */
function templateHeaders(columns: { key: TaskKey | "serial"; header: string }[], progressHeader: string | undefined): void {
  for (const c of columns) c.header = c.header.split("/").at(-1)!;
  const mismatched = () => {
    const roles = rolesOfHeaderRow([...columns.map((c) => c.header), progressHeader ?? COLUMN_HEADERS.progress]);
    return columns.filter((c, i) => roles.get(c.key) !== i + 1);
  };
  // the measure keeps the table's word where the columns beside it can be told apart by theirs
  for (const c of mismatched()) if (c.key !== "measure") c.header = FALLBACK_HEADERS[c.key];
  for (const c of mismatched()) c.header = FALLBACK_HEADERS[c.key];
}

/** Role words a template falls back on, the generic ones (not the built-in sample's own `提升措施`). */
const FALLBACK_HEADERS: Record<TaskKey | "serial", string> = { ...COLUMN_HEADERS, measure: "工作措施" };

/** The tasks a list holds twice, in words for the coordinator (both rows are kept, never merged). */
export function duplicateWarnings(list: TaskList): string[] {
  return list.duplicates.map((d) => `任务“${d.label}”出现两次（${d.first} 与 ${d.second}）：两行都保留；如是重复录入，请在官方表中删去一行。`);
}

/**
 * The list as the coordinator's setting has it (`GONGKAI_CONTACT_SHEET`): `true` asks units of a coordinator's table for
 * a contact sheet though the table has none, `false` asks for none though it has one; `undefined` leaves the table to
 * say. The built-in sample always asks (its 附件2 is part of it).
 */
export function withContactSheet(list: TaskList, asked: boolean | undefined): TaskList {
  return asked === undefined || list.source === "built-in" || list.contactSheet === asked ? list : { ...list, contactSheet: asked };
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

/**
 * A task's unit cells as they are read: its own, or the names the coordinator gave for it by its id (a task whose
 * cells are blank).
 */
export function unitTexts(t: OfficialTask): { lead: string; responsible: string; coResponsible: string } {
  return t.units ? { lead: t.units.lead.join("、"), responsible: t.units.responsible.join("、"), coResponsible: "" } : t;
}

/**
 * Whether a list is the built-in sample given as a file (its template uploaded, say): the sample's title and three in
 * four of its tasks. Its short unit names (`金融办`) are then the sample roster's aliases, not units of their own.
 */
function isSampleList(list: TaskList): boolean {
  if (list.source === "built-in") return true;
  if (!list.title.includes(OFFICIAL_TITLE)) return false;
  const sample = new Set(builtInTaskList().tasks.map((t) => sentenceKey(t.measure)));
  const found = list.tasks.filter((t) => sample.has(sentenceKey(t.measure))).length;
  return found * 4 >= sample.size * 3;
}

/** The roster a task list implies when no roster was given: the names in its unit cells (the sample's roster for the sample). */
export function rosterOfTaskList(list: TaskList, extraUnits: Iterable<string> = []): Roster {
  if (isSampleList(list)) return DEFAULT_ROSTER;
  const cells = list.tasks.flatMap((t) => {
    const u = unitTexts(t);
    return [u.lead, u.responsible, u.coResponsible];
  });
  return rosterFromNames(cells, extraUnits, list.unitPhrases);
}

/** `rosterOfTaskList`, indexed, reading unit cells with the list's corrections (`unitPhrases`). */
export function rosterIndexOfTaskList(list: TaskList, extraUnits: Iterable<string> = []): RosterIndex {
  return new RosterIndex(rosterOfTaskList(list, extraUnits), list.unitPhrases);
}
