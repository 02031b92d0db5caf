/** What each task row means for the reporting unit: its task, its deadline, whether the unit answers for it, its status. */
import { parseDeadline, type DeadlineParse } from "./deadline.js";
import { Keys, TaskMatcher } from "./matchTasks.js";
import { taskLabel, textOf, type DecompositionTable, type TaskRow } from "./readTable.js";
import type { RosterIndex } from "./roster.js";
import { statusFromColumn, statusFromText, type Status } from "./status.js";
import { type OfficialTask, type TaskList, type TaskText } from "./taskList.js";

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
): { byRow: (OfficialTask | undefined)[]; missing: OfficialTask[]; measureNumbers: number[] } {
  const keys = table.rows.map((r) => new Keys(taskLabel(r), textOf(r.fields.measure), textOf(r.fields.lead), textOf(r.fields.responsible)));
  const m = TaskMatcher.of(list.tasks).matchKeys(keys);
  const byRow = table.rows.map((_, i) => {
    const t = m.byRow.get(i);
    return t === undefined ? undefined : list.tasks[t];
  });
  const found = new Set(m.byRow.values());
  // every row's measure was numbered to look it up: the duplicate check reuses the numbers
  return { byRow, missing: list.tasks.filter((_, i) => !found.has(i)), measureNumbers: keys.map((k) => k.measureHash) };
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
  // rows share deadline cells through merges: each distinct text is parsed once
  const deadlines = new Map<string, DeadlineParse>();
  let lastText: string | undefined;
  let last: DeadlineParse | undefined;
  const deadline = (s: string): DeadlineParse => {
    if (s === lastText) return last!; // a merged cell: the row above's text
    let d = deadlines.get(s);
    if (d === undefined) deadlines.set(s, (d = parseDeadline(s, year)));
    lastText = s;
    return (last = d);
  };
  // rows repeat the same lead / responsible / co-responsible cells: their union is made once per combination
  const together = new Map<string, Map<string, Map<string, ReadonlySet<string>>>>();
  let previous: { lead: string; responsible: string; coResponsible: string; units: ReadonlySet<string> } | undefined;
  const unitsOf = (lead: string, responsible: string, coResponsible: string): ReadonlySet<string> => {
    // merged cells: most rows name the units of the row above
    if (previous && previous.lead === lead && previous.responsible === responsible && previous.coResponsible === coResponsible) return previous.units;
    let byResponsible = together.get(lead);
    if (!byResponsible) together.set(lead, (byResponsible = new Map()));
    let byCo = byResponsible.get(responsible);
    if (!byCo) byResponsible.set(responsible, (byCo = new Map()));
    let units = byCo.get(coResponsible);
    if (!units) byCo.set(coResponsible, (units = roster.unitsResponsibleFor({ lead, responsible, coResponsible })));
    previous = { lead, responsible, coResponsible, units };
    return units;
  };
  return table.rows.map((task, i) => {
    const o = official[i];
    const f = task.fields;
    const units = o ? unitsOf(o.lead, o.responsible, o.coResponsible) : unitsOf(textOf(f.lead), textOf(f.responsible), textOf(f.coResponsible));
    const ownDeadline = textOf(f.deadline);
    const dueText = o ? o.deadline : ownDeadline;
    const fromColumn = statusFromColumn(textOf(f.status));
    const fromProgress = fromColumn ? undefined : statusFromText(textOf(f.progress));
    return {
      task,
      official: o,
      label: o?.label ?? taskLabel(task),
      deadline: ownDeadline === "" ? undefined : deadline(ownDeadline),
      due: dueText === "" ? undefined : deadline(dueText),
      units,
      responsible: unit === undefined ? undefined : units.has(unit),
      status: fromColumn ?? fromProgress,
      statusSource: fromColumn ? "column" : fromProgress ? "progress" : undefined,
    };
  });
}
