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

/** The deadlines of one analysis, each distinct text parsed once (rows share deadline cells through merges). */
class Meanings {
  private readonly deadlines = new Map<string, DeadlineParse>();

  constructor(
    readonly roster: RosterIndex,
    private readonly year: number,
  ) {}

  deadline(text: string): DeadlineParse {
    let d = this.deadlines.get(text);
    if (d === undefined) this.deadlines.set(text, (d = parseDeadline(text, this.year)));
    return d;
  }
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
  const meanings = new Meanings(roster, year);
  return table.rows.map((row, i) => analyzeRow(row, official[i], meanings, unit));
}

function analyzeRow(task: TaskRow, o: OfficialTask | undefined, m: Meanings, unit: string | undefined): RowAnalysis {
  const f = task.fields;
  const given = o && unitTexts(o);
  // (the roster joins each combination of the three cells once: rows repeat them)
  const units = m.roster.unitsResponsibleFor(given ?? { lead: textOf(f.lead), responsible: textOf(f.responsible), coResponsible: textOf(f.coResponsible) });
  const ownDeadline = textOf(f.deadline);
  const dueText = o ? o.deadline : ownDeadline;
  const fromColumn = statusFromColumn(textOf(f.status));
  const fromProgress = fromColumn ? undefined : statusFromText(textOf(f.progress));
  return {
    task,
    official: o,
    label: o?.label ?? taskLabel(task),
    deadline: ownDeadline === "" ? undefined : m.deadline(ownDeadline),
    due: dueText === "" ? undefined : m.deadline(dueText),
    units,
    responsible: unit === undefined ? undefined : units.has(unit),
    status: fromColumn ?? fromProgress,
    statusSource: fromColumn ? "column" : fromProgress ? "progress" : undefined,
  };
}
