/** What each task row means for the reporting unit: its deadline, whether the unit answers for it, its status. */
import { parseDeadline, type DeadlineParse } from "./deadline.js";
import { fieldText, type DecompositionTable, type TaskRow } from "./readTable.js";
import type { RosterIndex } from "./roster.js";
import { statusFromColumn, statusFromText, type Status } from "./status.js";

export interface RowAnalysis {
  task: TaskRow;
  deadline: DeadlineParse | undefined;
  /** The units the row names as lead or responsible (groups expanded, aliases resolved). */
  units: ReadonlySet<string>;
  /** Whether the reporting unit answers for this row; `undefined` when the unit is not known. */
  responsible: boolean | undefined;
  status: Status | undefined;
  /** Where the status came from. */
  statusSource: "column" | "progress" | undefined;
}

/** Rows share lead/responsible/deadline cells through merges; the cache parses each distinct text once. */
class Memo<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly compute: (s: string) => T) {}
  get(s: string): T {
    let v = this.map.get(s);
    if (v === undefined) {
      v = this.compute(s);
      this.map.set(s, v);
    }
    return v;
  }
}

export function analyzeRows(
  table: DecompositionTable,
  roster: RosterIndex,
  unit: string | undefined,
  year: number,
): RowAnalysis[] {
  const deadlines = new Memo((s) => parseDeadline(s, year));
  const named = new Memo((s) => roster.unitsNamedIn(s));
  return table.rows.map((task) => {
    const lead = named.get(fieldText(task, "lead"));
    const resp = named.get(fieldText(task, "responsible"));
    const units = lead.size === 0 ? resp : resp.size === 0 ? lead : new Set([...lead, ...resp]);
    const deadlineText = fieldText(task, "deadline");
    const fromColumn = statusFromColumn(fieldText(task, "status"));
    const fromProgress = fromColumn ? undefined : statusFromText(fieldText(task, "progress"));
    return {
      task,
      deadline: deadlineText === "" ? undefined : deadlines.get(deadlineText),
      units,
      responsible: unit === undefined ? undefined : units.has(unit),
      status: fromColumn ?? fromProgress,
      statusSource: fromColumn ? "column" : fromProgress ? "progress" : undefined,
    };
  });
}
