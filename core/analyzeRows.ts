/** What each task row means for the reporting unit: its task, its deadline, whether the unit answers for it, its status. */
import { parseDeadline, type DeadlineParse } from "./deadline.js";
import { Keys, TaskMatcher } from "./matchTasks.js";
import { taskLabel, textOf, type DecompositionTable, type TaskRow } from "./readTable.js";
import type { RosterIndex } from "./roster.js";
import { statusFromColumn, statusFromText, type Status } from "./status.js";
import { unitTexts, type OfficialTask, type TaskList, type TaskText } from "./taskList.js";

export interface RowAnalysis {
  task: TaskRow;
  /** The task of the list in use this row was recognised as (by content, not position). */
  official: OfficialTask | undefined;
  /** The task's short name for people. */
  label: string;
  /** The deadline the copy's own cell says (what `deadline.invalid` looks at). */
  deadline: DeadlineParse | undefined;
  /** The deadline the row is held to: the task list's where the row was recognised, else its own. */
  due: DeadlineParse | undefined;
  /** The units the row names as lead, responsible or co-responsible (groups expanded, aliases resolved). */
  units: ReadonlySet<string>;
  /** Whether the reporting unit answers for this row; `undefined` when the unit is not known. */
  responsible: boolean | undefined;
  status: Status | undefined;
  /** Where the status came from. */
  statusSource: "column" | "progress" | undefined;
}

/** A row's task text as the copy has it. */
export function rowText(task: TaskRow): TaskText {
  const f = task.fields;
  return {
    level1: textOf(f.level1),
    level2: textOf(f.level2),
    level3: textOf(f.level3),
    measure: textOf(f.measure),
    lead: textOf(f.lead),
    responsible: textOf(f.responsible),
    coResponsible: textOf(f.coResponsible),
    deadline: textOf(f.deadline),
  };
}

/** Which task of the list each row is (index into `table.rows` → task), and the tasks no row is. */
export function matchRows(
  table: DecompositionTable,
  list: TaskList,
): { byRow: (OfficialTask | undefined)[]; missing: OfficialTask[]; matchedRows: number[] } {
  const keys = table.rows.map((row) => new Keys(taskLabel(row), textOf(row.fields.measure), textOf(row.fields.lead), textOf(row.fields.responsible)));
  const m = TaskMatcher.of(list.tasks).matchKeys(keys);
  const byRow = table.rows.map((_, i) => {
    const t = m.byRow.get(i);
    return t === undefined ? undefined : list.tasks[t];
  });
  const found = new Set(m.byRow.values());
  const missing = list.tasks.filter((_, t) => !found.has(t));
  const matchedRows = [...m.byRow.keys()].sort((a, b) => a - b); // the rows a task was found for, in order
  return { byRow, missing, matchedRows };
}

/**
 * Deadlines and unit sets of one analysis, each made once: rows share deadline cells through merges (each distinct
 * text is parsed once) and repeat the same lead / responsible / co-responsible cells (their union is made once per
 * combination).
 *
 * An object read by functions of the module, not closures made per call: V8 throws away the optimised code of a
 * closure that dies at a full garbage collection, and each validation after one would start its row loop
 * unoptimised.
 */
interface Meanings {
  readonly roster: RosterIndex;
  readonly year: number;
  readonly deadlines: Map<string, DeadlineParse>;
  lastText: string | undefined;
  last: DeadlineParse | undefined;
  readonly together: Map<string, Map<string, Map<string, ReadonlySet<string>>>>;
  previous: { lead: string; responsible: string; coResponsible: string; units: ReadonlySet<string> } | undefined;
}

function meanings(roster: RosterIndex, year: number): Meanings {
  return { roster, year, deadlines: new Map(), lastText: undefined, last: undefined, together: new Map(), previous: undefined };
}

function deadlineIn(m: Meanings, s: string): DeadlineParse {
  if (s === m.lastText) return m.last!; // a merged cell: the row above's text
  let d = m.deadlines.get(s);
  if (d === undefined) m.deadlines.set(s, (d = parseDeadline(s, m.year)));
  m.lastText = s;
  return (m.last = d);
}

function unitsIn(m: Meanings, lead: string, responsible: string, coResponsible: string): ReadonlySet<string> {
  // merged cells: most rows name the units of the row above
  const previous = m.previous;
  if (previous && previous.lead === lead && previous.responsible === responsible && previous.coResponsible === coResponsible) return previous.units;
  let byResponsible = m.together.get(lead);
  if (!byResponsible) m.together.set(lead, (byResponsible = new Map()));
  let byCo = byResponsible.get(responsible);
  if (!byCo) byResponsible.set(responsible, (byCo = new Map()));
  let units = byCo.get(coResponsible);
  if (!units) byCo.set(coResponsible, (units = m.roster.unitsResponsibleFor({ lead, responsible, coResponsible })));
  m.previous = { lead, responsible, coResponsible, units };
  return units;
}

/**
 * Who answers for a row and by when come from the task list where the row was recognised (a copy cannot
 * change its own duties by editing them), else from the row itself.
 */
export function analyzeRows(
  table: DecompositionTable,
  roster: RosterIndex,
  unit: string | undefined,
  year: number,
  official: readonly (OfficialTask | undefined)[] = [],
): RowAnalysis[] {
  const m = meanings(roster, year);
  const out: RowAnalysis[] = [];
  for (let i = 0; i < table.rows.length; i++) out.push(analyzeRow(table.rows[i]!, official[i], m, unit));
  return out;
}

function analyzeRow(task: TaskRow, o: OfficialTask | undefined, m: Meanings, unit: string | undefined): RowAnalysis {
  const f = task.fields;
  const given = o && unitTexts(o);
  const units = given ? unitsIn(m, given.lead, given.responsible, given.coResponsible) : unitsIn(m, textOf(f.lead), textOf(f.responsible), textOf(f.coResponsible));
  const ownDeadline = textOf(f.deadline);
  const dueText = o ? o.deadline : ownDeadline;
  const fromColumn = statusFromColumn(textOf(f.status));
  const fromProgress = fromColumn ? undefined : statusFromText(textOf(f.progress));
  return {
    task,
    official: o,
    label: o?.label ?? taskLabel(task),
    deadline: ownDeadline === "" ? undefined : deadlineIn(m, ownDeadline),
    due: dueText === "" ? undefined : deadlineIn(m, dueText),
    units,
    responsible: unit === undefined ? undefined : units.has(unit),
    status: fromColumn ?? fromProgress,
    statusSource: fromColumn ? "column" : fromProgress ? "progress" : undefined,
  };
}
