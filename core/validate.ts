/** The one entry point every host calls: a workbook snapshot in, findings and a summary out. */
import { analyzeRows, matchRows, type RowAnalysis } from "./analyzeRows.js";
import { ROLE_GROUPS, UNIT_COLUMNS, type ColumnKey } from "./columns.js";
import { compareFindings, type Finding } from "./findings.js";
import { readContacts, type ContactTable } from "./readContacts.js";
import { readRoster } from "./readRoster.js";
import { labelKey } from "./normalize.js";
import { TaskMatcher } from "./matchTasks.js";
import { bestHeaderGuess, fieldText, readTable, taskLabel, type DecompositionTable } from "./readTable.js";
import { planYear } from "./round.js";
import { checkTasks } from "./rules/checkTasks.js";
import { OFFICIAL_TITLE } from "./officialTable.js";
import { headerReadText, readingColumns, type ReadingColumn } from "./readingReport.js";
import { builtInTaskList, headerOf, rosterIndexOfTaskList, type TaskList } from "./taskList.js";
import { DEFAULT_ROSTER_INDEX, RosterIndex, rosterFromNames, type Roster } from "./roster.js";
import { checkContacts } from "./rules/checkContacts.js";
import { checkItems, checkStatusFromItems } from "./rules/checkItems.js";
import { readUnitItems, withItemsStatus, type ItemsReading } from "./unitItems.js";
import { checkDeadline } from "./rules/checkDeadline.js";
import { checkDuplicates } from "./rules/checkDuplicates.js";
import { checkHeader } from "./rules/checkHeader.js";
import { checkProgress } from "./rules/checkProgress.js";
import { checkReportingUnit } from "./rules/checkReportingUnit.js";
import { checkRequired } from "./rules/checkRequired.js";
import { checkText } from "./rules/checkText.js";
import { checkUnits } from "./rules/checkUnits.js";
import { checkUrl } from "./rules/checkUrl.js";
import type { Report, Rule, RuleContext } from "./rules/context.js";
import { cellAddress, type WorkbookSnapshot } from "./snapshot.js";

export interface ValidateOptions {
  /** `YYYY-MM-DD`: the day overdue and due-soon are measured from. */
  today: string;
  /** The reporting unit, when given outside the sheet (`--unit`, the task pane's setting). */
  unit?: string | undefined;
  /** The plan year when the table title does not say it. */
  year?: number | undefined;
  /**
   * The roster to check names against. Given, it wins (the server's configuration: a submitted file
   * cannot bring its own); else a `单位名册` sheet in the workbook (the coordinator's template); else the
   * default roster of the seed.
   */
  roster?: Roster | RosterIndex | undefined;
  /** Stricter: what is a warning while filling in is an error when submitting. */
  submitting?: boolean | undefined;
  /**
   * The task list the copy is checked against (the coordinator's official table). Without one, a copy of
   * the built-in sample is checked against it, and any other table on its own terms.
   */
  tasks?: TaskList | undefined;
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  rows: number;
  responsibleRows: number;
  completed: number;
}

export interface ValidationResult {
  /** `undefined` when no sheet holds the decomposition table (then `findings` holds `table.not-found`). */
  table: DecompositionTable | undefined;
  /** The task list the copy was checked against, if any. */
  tasks: TaskList | undefined;
  contacts: ContactTable | undefined;
  /** The unit's own items (its 细化分解 sheet, `core/unitItems.ts`); `undefined` for a copy without one. */
  items?: ItemsReading | undefined;
  rows: RowAnalysis[];
  /** The reporting unit's canonical name, when known. */
  unit: string | undefined;
  year: number;
  roster: RosterIndex;
  findings: Finding[];
  summary: Summary;
}

/** The rules of CONTRACT §2 that look at the table as a whole, in the order they run (benchmarks time each). */
export const RULES: readonly Rule[] = [
  checkHeader,
  checkRequired,
  checkUnits,
  checkDeadline,
  checkProgress,
  checkDuplicates,
  checkUrl,
  checkText,
  checkContacts,
];

export function summarize(findings: readonly Finding[], rows: readonly RowAnalysis[]): Summary {
  const count = (severity: Finding["severity"]) => findings.filter((f) => f.severity === severity).length;
  const responsible = rows.filter((a) => a.responsible);
  return {
    errors: count("error"),
    warnings: count("warning"),
    infos: count("info"),
    rows: rows.length,
    responsibleRows: responsible.length,
    completed: responsible.filter((a) => a.status === "已完成").length,
  };
}

/** The words of a `table.not-found`: what the best candidate header row has, what it lacks, what is accepted. */
export function tableNotFoundMessage(workbook: WorkbookSnapshot): string {
  const guess = bestHeaderGuess(workbook);
  const has = (keys: readonly ColumnKey[]) => keys.some((k) => guess?.roles.has(k));
  const found = ROLE_GROUPS.filter((g) => has(g.keys)).map((g) => g.label);
  const missing = ROLE_GROUPS.slice(0, 2).filter((g) => !has(g.keys));
  const where = guess && guess.roles.size > 0 ? `最接近的是“${guess.sheet}”第${guess.row}行，认出了：${found.join("、")}；` : "任何工作表的前40行中都没有认出表头；";
  const need = missing.map((g) => `${g.label}列（表头可写作：${g.examples}）`).join("和");
  return `没有找到任务分解表：${where}缺少${need}。请确认打开的是任务分解表，表头在一行内写明任务和责任单位。`;
}

/**
 * The roster names are checked against: the one given (the server's, `--roster`: a submitted file cannot
 * bring its own), else a `单位名册` sheet in the workbook, else the one the task list (or, for a table read
 * on its own terms, the table itself) implies, else the seed's.
 */
export function rosterFor(
  workbook: WorkbookSnapshot,
  table: DecompositionTable | undefined,
  options: Pick<ValidateOptions, "roster" | "unit">,
  /** The task list the copy is checked against (`taskListFor`). */
  tasks: TaskList | undefined,
): RosterIndex {
  const phrases = tasks?.unitPhrases;
  const given = options.roster;
  if (given instanceof RosterIndex) return given.withPhrases(phrases);
  if (given) return rosterIndexOf(given).withPhrases(phrases);
  const roster = readRoster(workbook);
  if (roster) return rosterIndexOf(roster).withPhrases(phrases);
  const reporting = [options.unit ?? "", table?.reportingUnit?.text ?? ""];
  if (tasks) return tasks.source === "built-in" ? DEFAULT_ROSTER_INDEX : rosterIndexOfTaskList(tasks, reporting);
  if (!table) return DEFAULT_ROSTER_INDEX;
  const cells = new Set<string>(); // each distinct cell once: a table repeats its units on every row
  for (const r of table.rows) for (const k of UNIT_COLUMNS) cells.add(fieldText(r, k));
  return new RosterIndex(rosterFromNames(cells, reporting));
}

/**
 * The index of a roster given as plain data or read from a workbook, shared by the checks whose rosters read the
 * same: a parse worker is handed the service's roster with every file, and every unit's copy of a coordinator's
 * template carries the same 单位名册 sheet; an index made once keeps what it has learnt (names read, groups expanded)
 * from one file to the next — a deadline brings hundreds of them. The last few kept.
 */
function rosterIndexOf(roster: Roster): RosterIndex {
  const key = JSON.stringify(roster);
  let index = READ_ROSTERS.get(key);
  if (index) {
    READ_ROSTERS.delete(key); // the most recent last
  } else {
    index = new RosterIndex(roster);
    if (READ_ROSTERS.size >= 8) READ_ROSTERS.delete(READ_ROSTERS.keys().next().value!);
  }
  READ_ROSTERS.set(key, index);
  return index;
}

const READ_ROSTERS = new Map<string, RosterIndex>();

/**
 * The task list a copy is checked against, and which task each row is: the list given, else the built-in sample
 * when the copy is the sample itself (`isBuiltInSample`), else none: the copy is read on its own terms, never
 * checked against another government's tasks.
 */
export function taskListFor(table: DecompositionTable, given: TaskList | undefined): { tasks: TaskList; match: ReturnType<typeof matchRows> } | undefined {
  if (given) return { tasks: given, match: matchRows(table, given) };
  if (!mayBeBuiltInSample(table)) return undefined;
  const builtIn = builtInTaskList();
  const match = matchRows(table, builtIn);
  return isBuiltInSample(table, builtIn.tasks.length - match.missing.length) ? { tasks: builtIn, match } : undefined;
}

/**
 * Whether a copy may be the built-in sample, told before its rows are matched with the sample's tasks: its title is
 * the sample's where it has one, and its rows' labels are alike enough to three in four of the sample's tasks for
 * that many to be found (`TaskMatcher.mostFound`). A copy that fails either is not the sample whatever the match
 * (`isBuiltInSample`), and most tables that are not are told so in one pass over their labels.
 */
export function mayBeBuiltInSample(table: DecompositionTable): boolean {
  return hasSampleTitle(table) && hasMostOfTheSample(TaskMatcher.of(builtInTaskList().tasks).mostFound(table.rows.map(taskLabel)));
}

/**
 * Whether a copy is the built-in sample itself: most of its tasks (three in four: a clerk may delete rows, a host
 * that cannot read merges loses a few; a neighbouring county that copied half of them is not the sample), its units
 * the sample's, and its title the sample's where it has one. `tasksFound`: how many of the sample's tasks its rows
 * were matched with (`matchRows`).
 */
export function isBuiltInSample(table: DecompositionTable, tasksFound: number): boolean {
  if (!hasMostOfTheSample(tasksFound)) return false;
  if (!hasSampleTitle(table)) return false;
  const names = new Set<string>();
  for (const r of table.rows) for (const k of UNIT_COLUMNS) for (const n of DEFAULT_ROSTER_INDEX.names(fieldText(r, k))) names.add(n.text);
  let known = 0;
  for (const n of names) if (DEFAULT_ROSTER_INDEX.resolve(n)) known++;
  return names.size > 0 && known * 10 >= names.size * 9;
}

/** Three in four of the sample's tasks. */
const hasMostOfTheSample = (tasks: number): boolean => tasks * 4 >= builtInTaskList().tasks.length * 3;

/** The sample's title, where the copy has a title. */
const hasSampleTitle = (table: DecompositionTable): boolean => table.title === undefined || labelKey(table.title).includes(labelKey(OFFICIAL_TITLE));

/** Whether a finding says what a report says (the same code and words). */
const saysSame = (f: Finding, r: Report): boolean => f.code === r.code && f.message === r.message;

/** Applies every rule of CONTRACT §2 to a workbook. Never throws for bad user data. */
export function validateWorkbook(workbook: WorkbookSnapshot, options: ValidateOptions): ValidationResult {
  const given = options.tasks;
  const table = readTable(workbook, given ? { columns: { byHeader: given.headerRoles ?? [] }, headingTexts: given.headingTexts ?? [] } : {});
  if (!table) {
    const roster = rosterFor(workbook, undefined, options, options.tasks);
    const findings: Finding[] = [
      {
        code: "table.not-found",
        severity: "error",
        sheet: workbook.sheets[0]?.name ?? "",
        cell: "A1",
        row: 1,
        message: tableNotFoundMessage(workbook),
      },
    ];
    return {
      table: undefined,
      tasks: options.tasks,
      contacts: undefined,
      rows: [],
      unit: undefined,
      year: planYear(options.tasks?.year, options.year, options.today),
      roster,
      findings,
      summary: summarize(findings, []),
    };
  }

  const chosen = taskListFor(table, options.tasks);
  const tasks = chosen?.tasks;
  const roster = rosterFor(workbook, table, options, tasks);
  const year = planYear(table.year ?? tasks?.year, options.year, options.today);
  const declared = table.reportingUnit?.text ? roster.canonicalUnit(table.reportingUnit.text) : undefined;
  const unit = options.unit !== undefined ? roster.canonicalUnit(options.unit) : declared;
  const matched = chosen?.match;
  const analysed = analyzeRows(table, roster, unit, year, matched?.byRow);
  // the unit's own items under its tasks (a 细化分解 sheet): a task broken into items has the status they give it
  const items = readUnitItems(workbook, table.sheet, analysed, unit, year);
  const rows = withItemsStatus(analysed, items);
  const contacts = readContacts(workbook, table.reader);
  const ctx = new Checking({
    table,
    rows,
    contacts,
    roster,
    unit,
    today: options.today,
    year,
    submitting: options.submitting ?? false,
    tasks,
    items,
  });
  checkReportingUnit(ctx, table.reportingUnit, options.unit);
  reportReading(ctx, table, tasks);
  if (matched) checkTasks(ctx, matched.missing, matched.matchedRows);
  for (const rule of RULES) rule(ctx);
  if (items) {
    checkItems(ctx, items);
    checkStatusFromItems(ctx, analysed, rows, items);
  }
  const findings = ctx.findings;
  findings.sort(compareFindings);
  return { table, tasks, contacts, items, rows, unit, year, roster, findings, summary: summarize(findings, rows) };
}

/**
 * What the reading of the copy itself tells its reader: which column got which role where a role was guessed from a
 * header's words or a merged header (`header.read`), and that no task list applies (`tasks.own-terms`).
 */
function reportReading(ctx: RuleContext, table: DecompositionTable, tasks: TaskList | undefined): void {
  const columns = readingColumns(table).filter((c) => c.role !== undefined);
  // a header the task list has under the same role (a template's, a copy of the published file) needs no word
  const listed = (c: ReadingColumn) => {
    const own = labelKey(c.header.split("/").at(-1)!);
    return c.role === "progress" ? labelKey(tasks?.progressHeader ?? "") === own : (tasks?.columns.some((l) => l.key === c.role && labelKey(l.header) === own) ?? false);
  };
  const guessed = columns.filter((c) => (c.how === "words" || c.how === "merged-header") && !listed(c));
  if (guessed.length > 0) {
    ctx.report({
      code: "header.read",
      severity: "info",
      row: table.headerRow,
      col: guessed[0]!.col,
      message: `${headerReadText(columns)}。如有读错，请告诉汇总人更正。`,
      params: { columns: columns.map((c) => `${c.letter}:${c.role}`) },
    });
  }
  if (!tasks) {
    ctx.report({
      code: "tasks.own-terms",
      severity: "info",
      row: table.headerRow,
      col: Math.min(...Object.values(table.columns)),
      message: "没有下发的任务清单可以核对：本表按它自身的内容校验（不核对任务是否齐全、是否改动）。如需核对，请用下发的官方任务分解表（命令行 --tasks，或由汇总人上传）。",
    });
  }
}

/** The context the rules of one validation share, gathering what they report into `findings`. */
class Checking implements RuleContext {
  // the facts as given (every field of RuleContext but the two functions below)
  declare readonly table: DecompositionTable;
  declare readonly rows: readonly RowAnalysis[];
  declare readonly contacts: ContactTable | undefined;
  declare readonly roster: RosterIndex;
  declare readonly unit: string | undefined;
  declare readonly today: string;
  declare readonly year: number;
  declare readonly submitting: boolean;
  declare readonly tasks: TaskList | undefined;
  declare readonly items: ItemsReading | undefined;
  readonly findings: Finding[] = [];
  /** The findings so far at each cell (`D12` on the table's sheet, `sheet!D12` elsewhere). */
  private readonly atCell = new Map<string, Finding[]>();
  /** The row analysis at each sheet row (`rows[i]` is `table.rows[i]`'s). */
  private readonly taskAt: (RowAnalysis | undefined)[] = [];
  /** By sheet row: one task object per row, shared by its findings. */
  private readonly taskOf = new Map<number, NonNullable<Finding["task"]>>();

  constructor(facts: Omit<RuleContext, "header" | "report">) {
    Object.assign(this, facts);
    facts.rows.forEach((a, i) => (this.taskAt[facts.table.rows[i]!.row] = a));
  }

  header(key: ColumnKey): string {
    return this.table.headers[key] ?? headerOf(this.tasks, key);
  }

  report(r: Report): void {
    const sheet = r.sheet ?? this.table.sheet;
    const own = sheet === this.table.sheet;
    const cell = cellAddress(r.row, r.col);
    const id = own ? cell : `${sheet}!${cell}`;
    const here = this.atCell.get(id);
    // one merged cell seen from each row it covers: the same words at the same cell are said once
    if (here?.some((f) => saysSame(f, r))) return;
    const task = r.task ?? (own ? this.taskAtRow(r.row) : undefined);
    // absent parts are `undefined`, which JSON leaves out
    const f: Finding = { code: r.code, severity: r.severity, sheet, cell, row: r.row, message: r.message, task, params: r.params, fix: r.fix };
    this.findings.push(f);
    if (here) here.push(f);
    else this.atCell.set(id, [f]);
  }

  private taskAtRow(row: number): Finding["task"] {
    const a = this.taskAt[row];
    if (!a) return undefined;
    let task = this.taskOf.get(row);
    if (!task) this.taskOf.set(row, (task = a.official ? { id: a.official.id, label: a.label } : { label: a.label }));
    return task;
  }
}
