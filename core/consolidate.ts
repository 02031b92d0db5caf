/** The consolidated ledger (SPEC §5 `consolidate --json`): every unit's latest report against the task list. */
import { daysBetween, parseDeadline } from "./deadline.js";
import { TaskMatcher } from "./matchTasks.js";
import { labelOf } from "./readTable.js";
import { TASK_KEYS, type OfficialTask, type TaskText } from "./taskList.js";
import { orderUnits, type RosterIndex } from "./roster.js";
import type { MarkStyle } from "./formatPlan.js";
import { isSettled, type Status } from "./status.js";
import type { UnitReport } from "./unitReport.js";

/** A unit's status on a task: its own, or 未填报 (submitted, nothing said) or 未报送 (not submitted). */
export type LedgerStatus = Status | "未填报" | "未报送";

export interface LedgerCell {
  status: LedgerStatus;
  progress: string;
  overdue: boolean;
}

export interface LedgerTask extends TaskText {
  id: string;
  /** The task's short name (三级指标, else 二级指标, else the start of its measure). */
  label: string;
  /** One entry per responsible unit. */
  units: Record<string, LedgerCell>;
}

export interface LedgerUnit {
  unit: string;
  submitted: boolean;
  receivedAt: string | null;
  submissionId: string | null;
  responsible: number;
  completed: number;
  inProgress: number;
  notStarted: number;
  notApplicable: number;
  overdue: number;
  missing: number;
  errors: number;
  warnings: number;
  /** completed ÷ (responsible − not applicable), 0…1. */
  completionRate: number;
}

export interface UnmatchedRow {
  unit: string;
  row: number;
  label: string;
  measure: string;
  progress: string;
}

export interface Ledger {
  round: string;
  today: string;
  units: LedgerUnit[];
  missingUnits: string[];
  tasks: LedgerTask[];
  /** Rows units added or changed beyond recognition: reported, never dropped. */
  unmatched: UnmatchedRow[];
}

export interface ConsolidateInput {
  round: string;
  /** `YYYY-MM-DD`. */
  today: string;
  /** The plan year for deadlines such as `3月15日`. */
  year: number;
  tasks: readonly OfficialTask[];
  roster: RosterIndex;
  /** The latest accepted report of each unit that submitted (a later report of the same unit wins). */
  reports: readonly UnitReport[];
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

export function consolidate(input: ConsolidateInput): Ledger {
  const { tasks, roster, today } = input;
  const matcher = new TaskMatcher(tasks);
  const latest = new Map<string, UnitReport>();
  for (const r of input.reports) latest.set(r.unit, r);

  const unitOrder = orderUnits(roster, [...roster.unitNames, ...latest.keys()]);
  const responsibleFor = tasks.map(
    (t) => new Set([...roster.unitsNamedIn(t.lead), ...roster.unitsNamedIn(t.responsible), ...roster.unitsNamedIn(t.coResponsible)]),
  );
  const due = tasks.map((t) => {
    const d = parseDeadline(t.deadline, input.year);
    return d.kind === "date" ? d.date : undefined;
  });
  const isPast = due.map((d) => d !== undefined && daysBetween(today, d) < 0);

  const ledgerTasks: LedgerTask[] = tasks.map((t) => ({
    id: t.id,
    label: t.label,
    ...(Object.fromEntries(TASK_KEYS.map((k) => [k, t[k]])) as unknown as TaskText),
    units: {},
  }));
  const unmatched: UnmatchedRow[] = [];
  const units: LedgerUnit[] = [];

  for (const unit of unitOrder) {
    const report = latest.get(unit);
    const byTask = new Map<number, { status: Status | undefined; progress: string }>();
    if (report) {
      const m = matcher.match(report.rows);
      for (const [rowIndex, taskIndex] of m.byRow) {
        const r = report.rows[rowIndex]!;
        byTask.set(taskIndex, { status: r.status, progress: r.progress });
      }
      for (const i of m.unmatched) {
        const r = report.rows[i]!;
        unmatched.push({ unit, row: r.row, label: labelOf(r.text), measure: r.text.measure, progress: r.progress });
      }
    }
    const u: LedgerUnit = {
      unit,
      submitted: report !== undefined,
      receivedAt: report?.receivedAt ?? null,
      submissionId: report?.submissionId ?? null,
      responsible: 0,
      completed: 0,
      inProgress: 0,
      notStarted: 0,
      notApplicable: 0,
      overdue: 0,
      missing: 0,
      errors: report?.errors ?? 0,
      warnings: report?.warnings ?? 0,
      completionRate: 0,
    };
    tasks.forEach((_, t) => {
      if (!responsibleFor[t]!.has(unit)) return;
      u.responsible++;
      const own = byTask.get(t);
      const progress = own?.progress ?? "";
      let status: LedgerStatus;
      if (!report) status = "未报送";
      else if (own?.status) status = own.status;
      else status = progress === "" ? "未填报" : "推进中";
      if (status === "已完成") u.completed++;
      else if (status === "推进中") u.inProgress++;
      else if (status === "未启动") u.notStarted++;
      else if (status === "不涉及") u.notApplicable++;
      else u.missing++;
      // Late work and missing reports are counted apart: a unit that has not reported is 未报送, not overdue.
      const overdue = report !== undefined && isPast[t]! && !isSettled(status === "未填报" ? undefined : (status as Status));
      if (overdue) u.overdue++;
      ledgerTasks[t]!.units[unit] = { status, progress, overdue };
    });
    const denominator = u.responsible - u.notApplicable;
    u.completionRate = denominator > 0 ? round4(u.completed / denominator) : 0;
    units.push(u);
  }

  return {
    round: input.round,
    today,
    units,
    missingUnits: units.filter((u) => !u.submitted).map((u) => u.unit),
    tasks: ledgerTasks,
    unmatched,
  };
}

/** How a unit's status on a task is coloured in a ledger (SPEC §4 colours). */
export function ledgerCellStyle(c: LedgerCell): MarkStyle | undefined {
  if (c.status === "已完成") return "done";
  if (c.overdue || c.status === "未报送" || c.status === "未填报") return "error";
  if (c.status === "推进中" || c.status === "未启动") return "warning";
  return undefined;
}
