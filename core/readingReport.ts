/**
 * How an official table was read, as a report the coordinator confirms (CONTRACT §1, "The reading is data"): each
 * column's role and how it was found, the heading rows, each task's text, lead and responsible units and deadline as
 * understood — and, first, every task with no unit or an unreadable deadline. The same report serves the dashboard,
 * `PUT /api/tasks` and `gongkai tasks`.
 */
import { parseDeadline, CADENCE_LABEL, formatChineseDate, type DeadlineParse } from "./deadline.js";
import type { Finding } from "./findings.js";
import { columnNumber, type ColumnHow } from "./readHeader.js";
import type { DecompositionTable } from "./readTable.js";
import type { RosterIndex } from "./roster.js";
import { cellAddress, columnLetter } from "./snapshot.js";
import { ROLE_LABELS, type ColumnRole, type TableMapping } from "./tableMapping.js";
import { isUnitLikeName } from "./unitPhrases.js";
import { duplicateWarnings, unitTexts, type OfficialTask, type TaskList } from "./taskList.js";

export interface ReadingColumn {
  col: number;
  letter: string;
  header: string;
  role: ColumnRole | undefined;
  /** How the role was found; `unread` for a column with a header and no role (kept, never checked). */
  how: ColumnHow | "unread";
}

export interface ReadingTask {
  id: string;
  row: number;
  label: string;
  measure: string;
  lead: string[];
  responsible: string[];
  /** The unit cells' text as published (lead, responsible, co-responsible joined by ` | `), for people. */
  unitCell: string;
  /** The same cells, each as published (blank ones left out): what a correction (`unitPhrases`) is keyed by. */
  unitCells: string[];
  /** Parts of the unit cells that name no unit. */
  unread: string[];
  deadline: string;
  /** The deadline as the tools understand it, in words (`2023年6月30日`, `每月`, `条件：…`, `无法识别`). */
  deadlineUnderstood: string;
  deadlineOk: boolean;
  /** No unit could be read from the task's unit cells. */
  noUnit: boolean;
  /** Groups the task names that have no member in the roster (`各乡镇人民政府` with no 乡镇 listed). */
  emptyGroups: string[];
  /** Names the task gives that the roster in use does not know (a coordinator's roster without them). */
  unknownNames: string[];
  /** Units are named, but none of them is a unit of the roster that reports (groups without members, unknown names). */
  nobodyReports: boolean;
}

export interface ReadingReport {
  sheet: string;
  headerRows: number[];
  title: string;
  year: number | undefined;
  columns: ReadingColumn[];
  headingRows: { row: number; text: string }[];
  /** Tasks the table holds twice, in words (both are kept). */
  duplicates: string[];
  /** Tasks with no unit or an unreadable deadline first, then the rest in table order. */
  tasks: ReadingTask[];
  /** `task.no-unit`, `deadline.invalid` and `header.read`: what the coordinator should look at. */
  findings: Finding[];
  mapping: TableMapping;
}

const HOW_LABELS: Record<ReadingColumn["how"], string> = {
  vocabulary: "按常用表头",
  words: "按表头用词推断",
  "merged-header": "按合并表头下的内容推断",
  mapping: "按汇总人的更正",
  unread: "未使用",
};

/** The reading of one column in words: `C列“负责单位”：责任单位（按表头用词推断）`. */
export function describeColumn(c: ReadingColumn): string {
  const role = c.role ? ROLE_LABELS[c.role] : "不读";
  return `${c.letter}列“${c.header || "（无表头）"}”：${role}（${HOW_LABELS[c.how]}）`;
}

/** A deadline as understood, in words. */
export function describeDeadline(d: DeadlineParse): string {
  switch (d.kind) {
    case "date":
      return formatChineseDate(d.date);
    case "cadence":
      return `${CADENCE_LABEL[d.cadence]}（频次，无固定日期）`;
    case "rule":
      return `条件：${d.text}（不计逾期）`;
    case "invalid":
      return d.reason === "无法识别" ? "无法识别" : `无法识别（${d.reason}）`;
  }
}

/**
 * Each column of a table with a header or a role, its role and how it was found (`ignore` where a correction says
 * so; `unread` for a header with no role: kept in copies, never checked).
 */
export function readingColumns(table: DecompositionTable, mapping?: TableMapping): ReadingColumn[] {
  const roleAt = new Map<number, ColumnRole>();
  for (const [key, c] of Object.entries(table.columns) as [ColumnRole, number][]) roleAt.set(c, key);
  for (const [letter, role] of Object.entries(mapping?.columns ?? {})) if (role === "ignore") roleAt.set(columnNumber(letter), "ignore");
  const columns: ReadingColumn[] = [];
  for (let c = 1; c <= table.headerTexts.length; c++) {
    const header = table.headerTexts[c - 1]!.trim();
    const role = roleAt.get(c);
    if (header === "" && role === undefined) continue;
    const how = role === "ignore" ? "mapping" : role ? (table.columnHow.get(c) ?? "vocabulary") : "unread";
    columns.push({ col: c, letter: columnLetter(c), header, role, how });
  }
  return columns;
}

/**
 * What in a coordinator's corrections does not fit the table they correct, in words (a column past the table's last,
 * a heading row outside the rows under its header); `undefined` when all fit.
 */
export function mappingProblem(table: DecompositionTable, mapping: TableMapping): string | undefined {
  const width = table.headerTexts.length;
  for (const letter of Object.keys(mapping.columns)) {
    if (columnNumber(letter) > width) return `更正中的${letter}列在表格之外（“${table.sheet}”的表格只到${columnLetter(width)}列）`;
  }
  const first = table.headerRows.at(-1)! + 1;
  const last = table.reader.rowCount;
  for (const row of mapping.headingRows) if (row < first || row > last) return `更正中的标题行第${row}行不在任务表中（表头下的行是第${first}–${last}行）`;
  return undefined;
}

/** `表头的读法：A列“序号”：序号（按常用表头）；…` */
export function headerReadText(columns: readonly ReadingColumn[]): string {
  return `表头的读法：${columns.map(describeColumn).join("；")}`;
}

/**
 * The reading report of an official table and the task list made from it. `roster` is the one in use (the
 * coordinator's, else the one the table implies), with the list's unit phrases.
 */
export function readingReport(table: DecompositionTable, list: TaskList, roster: RosterIndex, mapping: TableMapping, year: number): ReadingReport {
  const index = roster.withPhrases(list.unitPhrases);
  const columns = readingColumns(table, mapping);

  const findings: Finding[] = [];
  const guessed = columns.filter((c) => c.how === "words" || c.how === "merged-header");
  if (guessed.length > 0) {
    findings.push({
      code: "header.read",
      severity: "info",
      sheet: table.sheet,
      cell: cellAddress(table.headerRow, guessed[0]!.col),
      row: table.headerRow,
      message: `${headerReadText(columns)}。如有读错，请在“读取结果”中更正列的角色。`,
      params: { columns: columns.map((c) => `${c.letter}:${c.role ?? ""}`) },
    });
  }

  const unitCol = table.columns.responsible ?? table.columns.lead ?? table.columns.coResponsible ?? 1;
  const hasDeadline = table.columns.deadline !== undefined;
  const tasks = list.tasks.map((t, i): ReadingTask => {
    const row = table.rows[i]!.row;
    const units = unitsOf(index, t);
    const cells = [...new Set([t.lead, t.responsible, t.coResponsible].filter((x) => x.trim() !== ""))];
    const d = t.deadline === "" ? undefined : parseDeadline(t.deadline, year);
    const deadlineOk = d ? d.kind !== "invalid" : !hasDeadline;
    const task: ReadingTask = {
      id: t.id,
      row,
      label: t.label,
      measure: t.measure,
      lead: units.lead,
      responsible: units.responsible,
      unitCell: cells.join(" | "),
      unitCells: cells,
      unread: units.unread,
      deadline: t.deadline,
      deadlineUnderstood: d ? describeDeadline(d) : "（未写）",
      deadlineOk,
      noUnit: units.lead.length + units.responsible.length === 0,
      ...unreportedNames(index, t),
      nobodyReports: false,
    };
    task.nobodyReports = !task.noUnit && index.unitsResponsibleFor(unitTexts(t)).size === 0;
    if (task.noUnit || task.nobodyReports) {
      const why = task.noUnit
        ? `${task.unitCell ? `的单位栏“${task.unitCell}”读不出任何单位` : "没有写责任单位"}：请在“读取结果”中为它指定牵头单位和责任单位${task.unitCell ? "" : `（命令行更正文件里以任务编号“${t.id}”为键）`}，否则没有单位会为它报送。`
        : `${nobodyText(task)}：没有单位会为它报送。请在单位名册中补上这些单位（分组写明成员），或在“读取结果”中为它指定单位。`;
      findings.push({
        code: "task.no-unit",
        severity: "warning",
        sheet: table.sheet,
        cell: cellAddress(row, unitCol),
        row,
        message: `任务“${t.label}”（第${row}行）${why}`,
        params: { taskId: t.id, text: task.unitCell, groups: task.emptyGroups, names: task.unknownNames },
        task: { id: t.id, label: t.label },
      });
    }
    if (d?.kind === "invalid") {
      findings.push({
        code: "deadline.invalid",
        severity: "warning",
        sheet: table.sheet,
        cell: cellAddress(row, table.columns.deadline ?? 1),
        row,
        message: `任务“${t.label}”的完成时限“${t.deadline}”${d.reason}：不会计算逾期。如需计算，请在官方表中写成日期（如“6月30日”“年底前”）或频次（如“每月更新”）。`,
        params: { taskId: t.id, text: t.deadline, reason: d.reason },
        task: { id: t.id, label: t.label },
      });
    }
    return task;
  });
  const attention = (t: ReadingTask) => (t.noUnit || t.nobodyReports || !t.deadlineOk ? 0 : 1);
  return {
    sheet: table.sheet,
    headerRows: table.headerRows,
    title: list.title,
    year: list.year,
    columns,
    headingRows: table.headings,
    duplicates: duplicateWarnings(list),
    tasks: [...tasks].sort((a, b) => attention(a) - attention(b)),
    findings,
    mapping,
  };
}

/** The names a task gives that no reporting unit answers to: groups without members, names the roster lacks. */
function unreportedNames(index: RosterIndex, task: OfficialTask): { emptyGroups: string[]; unknownNames: string[] } {
  const t = unitTexts(task);
  const emptyGroups = new Set<string>();
  const unknownNames = new Set<string>();
  for (const cell of [t.lead, t.responsible, t.coResponsible]) {
    for (const n of index.names(cell)) {
      if (n.resolved?.kind === "group" && n.resolved.members.length === 0) emptyGroups.add(n.resolved.name);
      else if (!n.resolved && isUnitLikeName(n.text)) unknownNames.add(n.text);
    }
  }
  return { emptyGroups: [...emptyGroups], unknownNames: [...unknownNames] };
}

/** Why nobody reports a task, in words: `只写了分组“各村（社区）”，名册中没有其成员；“县政府办”不在单位名册中`. */
export function nobodyText(t: Pick<ReadingTask, "emptyGroups" | "unknownNames">): string {
  return [
    t.emptyGroups.length ? `只写了分组“${t.emptyGroups.join("、")}”，单位名册中没有其成员` : "",
    t.unknownNames.length ? `“${t.unknownNames.join("、")}”不在单位名册中` : "",
  ]
    .filter((x) => x !== "")
    .join("；");
}

/** A task's units by role: its lead column's names lead, its other unit columns' names are responsible unless a phrase says they lead. */
function unitsOf(index: RosterIndex, task: OfficialTask): { lead: string[]; responsible: string[]; unread: string[] } {
  const t = unitTexts(task);
  const lead = new Set<string>();
  const responsible = new Set<string>();
  const unread: string[] = [];
  // in a 牵头单位 column a plain list leads; a phrase there (`X牵头，Y配合`) says who leads itself
  const fromLead = index.rolesOf(t.lead);
  for (const n of fromLead.lead.length > 0 ? fromLead.lead : fromLead.responsible) lead.add(n);
  if (fromLead.lead.length > 0) for (const n of fromLead.responsible) responsible.add(n);
  unread.push(...fromLead.unread);
  for (const cell of [t.responsible, t.coResponsible]) {
    const r = index.rolesOf(cell);
    for (const n of r.lead) lead.add(n);
    for (const n of r.responsible) if (!lead.has(n)) responsible.add(n);
    unread.push(...r.unread);
  }
  return { lead: [...lead], responsible: [...responsible], unread };
}
