/** The consolidated ledger (CONTRACT §6 `consolidate --json`): every unit's latest report against the task list. */
import { daysBetween, parseDeadline } from "./deadline.js";
import { TaskMatcher } from "./matchTasks.js";
import { labelOf } from "./readTable.js";
import { TASK_KEYS, unitTexts, type OfficialTask, type TaskText } from "./taskList.js";
import { orderUnits, type RosterIndex } from "./roster.js";
import type { MarkStyle } from "./formatPlan.js";
import { isSettled, reportedStatus, type Status } from "./status.js";
import type { UnitReport } from "./unitReport.js";
import { returnStands, reviewOf, reviewsInForce, type Review } from "./reviews.js";
import { remindersOf, type UnitReminders } from "./reminders.js";
import { lateExplanation } from "./lateWork.js";
import { isPastRound, roundDay as roundDayOf } from "./round.js";
import { acceptCloses, itemsByTask, itemsProgress, itemsVerdict, ledgerItems, type LedgerItem } from "./itemsLedger.js";
import type { ReportItem } from "./unitItems.js";

/** A unit's status on a task: its own, or 未填报 (submitted, no status given or readable) or 未报送 (not submitted). */
export type LedgerStatus = Status | "未填报" | "未报送";

/**
 * What an item is, for counting: exactly one of these, so that late work, missing reports, returned and
 * closed items are never mixed. In order of precedence: an accepted item is 已销号 whatever else; a unit
 * whose file was refused is 退回 on all its items, as is an item the coordinator returned (until the unit
 * reports again); a unit with no report is 未报送; a reported item past its deadline and not done is 逾期.
 */
export type CellState = "已销号" | "退回" | "未报送" | "逾期" | "未填报" | "未启动" | "推进中" | "按期推进" | "已完成" | "不涉及";

/** The states in the order they are shown (worst first). */
export const CELL_STATES: readonly CellState[] = ["未报送", "退回", "逾期", "未填报", "未启动", "推进中", "按期推进", "已完成", "已销号", "不涉及"];

/** What a unit's rate measures, in words: a task with a cadence (每月更新, 持续推进…) is never 已完成, it is on track. */
export const RATE_LABEL = "完成或按期推进率";

export type Counts = Record<CellState, number>;
export const noCounts = (): Counts => Object.fromEntries(CELL_STATES.map((s) => [s, 0])) as Counts;

export interface LedgerCell {
  /** What the unit reported (or 未报送). */
  status: LedgerStatus;
  /**
   * What the item is now, counted once (see CellState). A task with a cadence or 持续推进/长期坚持 whose progress
   * was reported this round is 按期推进; an item accepted (验收) while still under way keeps its state (推进中, or
   * 逾期 past its deadline) and shows the decision in `review`; only a done item accepted is 已销号.
   */
  state: CellState;
  progress: string;
  evidence: string;
  /** Reported, not done, past its deadline, not closed. */
  overdue: boolean;
  /** The coordinator's decision in force on this item, if any. */
  review: Review | null;
  /** The round the reported status comes from: this one, an earlier one (carried forward), or "" (none). */
  from: string;
  /** Carried from an earlier round although the task wants an update in this one (monthly, quarterly…). */
  stale: boolean;
  /** An overdue item: why it is late, as the unit wrote it in its progress or 备注. */
  lateReason?: string;
  /** An overdue item: when the unit plans to finish it (`YYYY-MM-DD`), as it wrote it. */
  planDate?: string;
  /**
   * The unit's own items under the task (its 细化分解 sheet), when it listed any: the cell's status and state then follow
   * them (done when all are, overdue when one is, 已销号 when all are closed, 退回 while one is returned).
   */
  items?: LedgerItem[];
}

/** How a unit stands in the round: reported; relying on an earlier round's table; file refused; nothing. */
export type ReportState = "已报送" | "沿用" | "被退回" | "未报送";

export interface LedgerTask extends TaskText {
  id: string;
  /** The task's short name (三级指标, else 二级指标, else the start of its measure). */
  label: string;
  /** One entry per responsible unit (read it with `cellOf`: a unit may be called anything, `constructor` too). */
  units: Record<string, LedgerCell>;
  /** Its units by state. */
  counts: Counts;
}

/** A unit's cell of a task: an own entry only, so that no unit's name reaches an object's built-in properties. */
export function cellOf(task: Pick<LedgerTask, "units"> | undefined, unit: string): LedgerCell | undefined {
  return task && Object.hasOwn(task.units, unit) ? task.units[unit] : undefined;
}

export interface LedgerUnit {
  unit: string;
  /** An accepted report of this round is in. */
  submitted: boolean;
  reportState: ReportState;
  /** The round of the report used ("" when none). */
  from: string;
  /** Why the unit's file was refused this round ("" unless 被退回). */
  rejectedReason: string;
  /** The refused file's first findings, each as `D12：message` (empty unless 被退回). */
  rejectedReasons: string[];
  /** Items by state, each counted once. */
  counts: Counts;
  /** When the report counted was received; for a unit whose file was refused, when that file was. */
  receivedAt: string | null;
  submissionId: string | null;
  responsible: number;
  /**
   * Items done (已完成) or closed (已销号); a task with a cadence is never done, it is on track. An item the coordinator
   * returned (退回, until the unit reports again) is not done: it counts as 推进中 (未启动 where the unit said 不涉及).
   */
  completed: number;
  /** Items on track (按期推进): with a cadence or 持续推进 and reported this round, or dated and under way before their deadline. */
  onTrack: number;
  inProgress: number;
  notStarted: number;
  notApplicable: number;
  overdue: number;
  missing: number;
  /** Items closed by 验收销号 (in this round or before). */
  closed: number;
  /** Items returned by the coordinator and not reported again since. */
  returned: number;
  /** Items carried from an earlier round that want an update in this one. */
  stale: number;
  errors: number;
  warnings: number;
  /** (completed + on track) ÷ (responsible − not applicable), 0…1: the 完成或按期推进率 (`RATE_LABEL`). */
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
  /** The day the ledger was made. */
  today: string;
  /** What overdue and due-soon are measured from: `today` for the current round, the round's last day for a past one. */
  roundDay: string;
  /** The counts every output states (汇总, 通报, dashboard), defined once (`ledgerTotals`). */
  totals: LedgerTotals;
  units: LedgerUnit[];
  /** Units with no accepted report for the round (not reported, or refused). */
  missingUnits: string[];
  /** Of those, the units whose file was refused. */
  rejectedUnits: string[];
  /** Units counted on an earlier round's report (not missing, not up to date). */
  carriedUnits: string[];
  tasks: LedgerTask[];
  /** Rows units added or changed beyond recognition: reported, never dropped. */
  unmatched: UnmatchedRow[];
  /** The reviews in force on this round's items (the coordinator's decisions, newest last). */
  reviews: Review[];
  /** What is due within `remindDays` days, per unit. */
  remindDays: number;
  reminders: UnitReminders[];
  /** What the counts are made against: the built-in sample (no task list was given: said beside every count), or a table given. */
  tasksSource?: TasksSource;
}

export type TasksSource = "built-in" | "file";

/** The words said beside a count made against the built-in sample. */
export const BUILT_IN_NOTE = "尚未给出本地区的任务分解表，按内置示例表（正镶白旗2022年）统计";

export interface ConsolidateInput {
  round: string;
  /** `YYYY-MM-DD`: the day the ledger is made; overdue is measured from the round's day (`roundDay`). */
  today: string;
  /** The plan year for deadlines such as `3月15日`. */
  year: number;
  tasks: readonly OfficialTask[];
  roster: RosterIndex;
  /** The latest accepted report of each unit that submitted (a later report of the same unit wins). */
  reports: readonly UnitReport[];
  /** Units whose file was refused this round and that have no accepted one: why, in words; its first findings; when. */
  rejected?: readonly { unit: string; reason: string; reasons?: readonly string[]; receivedAt?: string; errors?: number; warnings?: number }[];
  /** For units without a report this round: their latest accepted report of an earlier round. */
  carried?: readonly (UnitReport & { round: string })[];
  /** Every review taken (of any round): the ones in force apply. */
  reviews?: readonly Review[];
  /** How far ahead reminders look (days, default 7). */
  remindDays?: number;
}

/** Does a task with this deadline want a new report in `round` when the last one is from `from`? */
function wantsUpdate(deadline: ReturnType<typeof parseDeadline>, from: string, round: string): boolean {
  if (deadline.kind !== "cadence") return false;
  const quarter = (r: string) => `${r.slice(0, 4)}Q${Math.ceil(Number(r.slice(5, 7)) / 3)}`;
  if (deadline.cadence === "monthly") return from !== round;
  if (deadline.cadence === "quarterly") return quarter(from) !== quarter(round);
  if (deadline.cadence === "yearly") return from.slice(0, 4) !== round.slice(0, 4);
  return false;
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/** The units expected to report on a task list: each unit responsible for at least one of its tasks. */
export function expectedUnits(tasks: readonly OfficialTask[], roster: RosterIndex): Set<string> {
  const out = new Set<string>();
  for (const t of tasks) for (const u of roster.unitsResponsibleFor(unitTexts(t))) out.add(u);
  return out;
}

export interface LedgerTotals {
  /** 应报: units responsible for at least one task. */
  expected: number;
  /** 已报: an accepted report of this round. */
  submitted: number;
  /** 沿用: counted on an earlier round's report. */
  carried: number;
  /** 被退回: the file refused, no accepted one. */
  rejected: number;
  /** 未报送: nothing received (被退回 not included). */
  notReported: number;
  responsibleItems: number;
  completedItems: number;
  onTrackItems: number;
  /** Late items (reported, not done, past the deadline on the round’s day, not closed (已销号)). */
  overdueItems: number;
  /** 已销号 items. */
  closedItems: number;
  /** Items the coordinator returned (退回) and not reported again since. */
  returnedItems: number;
}

/** The counts of a ledger, defined once: the 汇总 sheet, the 通报, the JSON and the dashboard all state these. */
export function ledgerTotals(l: Pick<Ledger, "units">): LedgerTotals {
  const sum = (f: (u: LedgerUnit) => number) => l.units.reduce((n, u) => n + f(u), 0);
  const by = (s: ReportState) => l.units.filter((u) => u.reportState === s).length;
  return {
    expected: l.units.length,
    submitted: by("已报送"),
    carried: by("沿用"),
    rejected: by("被退回"),
    notReported: by("未报送"),
    responsibleItems: sum((u) => u.responsible),
    completedItems: sum((u) => u.completed),
    onTrackItems: sum((u) => u.onTrack),
    overdueItems: sum((u) => u.overdue),
    closedItems: sum((u) => u.closed),
    returnedItems: sum((u) => u.returned),
  };
}

/** What a unit reported on the row matched to a task. */
interface ReportedTask {
  status: Status | undefined;
  progress: string;
  evidence: string;
  remark: string;
}

/**
 * A unit's report as the ledger uses it: its rows matched to the task list, keeping what the ledger shows of each
 * and none of the rows' task text. The service reads a round's reports a few at a time into these, so that a round
 * of thousands of units is never held as reports all at once.
 */
export interface UnitReading {
  unit: string;
  /** The round of the report: the ledger's own, or an earlier one carried forward (沿用). */
  round: string;
  submissionId?: string | undefined;
  receivedAt?: string | undefined;
  errors: number;
  warnings: number;
  /** What the unit reported on each task it has a row for, by the task's index in the list. */
  byTask: Map<number, ReportedTask>;
  /** Its own items (细化分解) by the task's index. */
  items: Map<number, ReportItem[]>;
  /** Its rows that match no task, in the report's order. */
  unmatched: UnmatchedRow[];
}

/** A unit's report of `round` matched to `tasks` (`consolidate` reads each report once, with this). */
export function readReport(report: UnitReport, round: string, tasks: readonly OfficialTask[]): UnitReading {
  const m = TaskMatcher.of(tasks).match(report.rows);
  const byTask = new Map<number, ReportedTask>();
  for (const [rowIndex, taskIndex] of m.byRow) {
    const r = report.rows[rowIndex]!;
    byTask.set(taskIndex, { status: r.status, progress: r.progress, evidence: r.evidence ?? "", remark: r.remark ?? "" });
  }
  const unmatched = m.unmatched.map((i) => {
    const r = report.rows[i]!;
    return { unit: report.unit, row: r.row, label: labelOf(r.text), measure: r.text.measure, progress: r.progress };
  });
  const { unit, submissionId, receivedAt, errors, warnings } = report;
  return { unit, round, submissionId, receivedAt, errors, warnings, byTask, items: itemsByTask(report, m.byRow), unmatched };
}

/** `ConsolidateInput` with its reports already read (`readReport`). */
export interface ReadingsInput extends Omit<ConsolidateInput, "reports" | "carried"> {
  /** The latest accepted report of each unit that submitted, read (a later reading of the same unit wins). */
  reports: readonly UnitReading[];
  /** For units without a report this round: their latest accepted report of an earlier round, read. */
  carried?: readonly UnitReading[];
}

export function consolidate(input: ConsolidateInput): Ledger {
  const { reports, carried, ...rest } = input;
  return consolidateReadings({
    ...rest,
    reports: reports.map((r) => readReport(r, input.round, input.tasks)),
    carried: (carried ?? []).map((r) => readReport(r, r.round, input.tasks)),
  });
}

/** The ledger of reports already read: what `consolidate` makes of the same reports. */
export function consolidateReadings(input: ReadingsInput): Ledger {
  const { tasks, roster, today, round } = input;
  const roundDay = roundDayOf(round, today);
  const latest = new Map<string, UnitReading>();
  for (const r of input.carried ?? []) if (!latest.has(r.unit) || r.round > latest.get(r.unit)!.round) latest.set(r.unit, r);
  for (const r of input.reports) latest.set(r.unit, { ...r, round });
  const rejected = new Map((input.rejected ?? []).filter((r) => latest.get(r.unit)?.round !== round).map((r) => [r.unit, r]));
  const inForce = reviewsInForce(input.reviews ?? [], round);

  const unitOrder = orderUnits(roster, [...roster.unitNames, ...latest.keys(), ...rejected.keys()]);
  const responsibleFor = tasks.map((t) => roster.unitsResponsibleFor(unitTexts(t)));
  const deadlines = tasks.map((t) => parseDeadline(t.deadline, input.year));
  const isPast = deadlines.map((d) => d.kind === "date" && daysBetween(roundDay, d.date) < 0);

  const ledgerTasks: LedgerTask[] = tasks.map((t) => ({
    id: t.id,
    label: t.label,
    ...(Object.fromEntries(TASK_KEYS.map((k) => [k, t[k]])) as unknown as TaskText),
    // no prototype: a unit named `__proto__` is an entry like any other (and stays in the JSON)
    units: Object.create(null) as Record<string, LedgerCell>,
    counts: noCounts(),
  }));
  const unmatched: UnmatchedRow[] = [];
  const units: LedgerUnit[] = [];

  for (const unit of unitOrder) {
    const report = latest.get(unit);
    const byTask = report?.byTask ?? new Map<number, ReportedTask>();
    const ownItems = report?.items ?? new Map<number, ReportItem[]>();
    const current = report?.round === round;
    if (current) for (const r of report.unmatched) unmatched.push({ ...r, unit });
    const refused = rejected.get(unit);
    const reportState: ReportState = current ? "已报送" : refused ? "被退回" : report ? "沿用" : "未报送";
    const u: LedgerUnit = {
      unit,
      submitted: current,
      reportState,
      from: report?.round ?? "",
      rejectedReason: refused?.reason ?? "",
      rejectedReasons: refused ? [...(refused.reasons ?? [])] : [],
      counts: noCounts(),
      // a refused file was received too: when is always shown
      receivedAt: (refused ? refused.receivedAt : undefined) ?? report?.receivedAt ?? null,
      submissionId: report?.submissionId ?? null,
      responsible: 0,
      completed: 0,
      onTrack: 0,
      inProgress: 0,
      notStarted: 0,
      notApplicable: 0,
      overdue: 0,
      missing: 0,
      closed: 0,
      returned: 0,
      stale: 0,
      // the refused file's own counts where that is the unit's latest word (as the status says)
      errors: current ? report.errors : (refused?.errors ?? 0),
      warnings: current ? report.warnings : (refused?.warnings ?? 0),
      completionRate: 0,
    };
    const cells: [number, LedgerCell][] = [];
    tasks.forEach((task, t) => {
      if (!responsibleFor[t]!.has(unit)) return;
      u.responsible++;
      const own = byTask.get(t);
      // the unit's own items under the task (细化分解): the task's status follows them
      const items = report && ownItems.has(t) ? ledgerItems(ownItems.get(t)!, task.id, deadlines[t]!, { unit, year: input.year, roundDay, inForce, current, receivedAt: report.receivedAt }) : undefined;
      const verdict = items && itemsVerdict(items, ownItems.get(t)!);
      const progress = own?.progress || (items ? itemsProgress(items) : "");
      // read as validation reads it (core/status.ts): text no status can be read from is 未填报, as it is empty
      const status: LedgerStatus = !report ? "未报送" : (verdict?.status ?? (own && reportedStatus(own)) ?? "未填报");
      const review = reviewOf(inForce, task.id, unit) ?? null;
      const accepted = review?.decision === "accepted";
      // 验收 of an item still under way records the decision; it does not make the item done
      // (an item left blank, or of a unit that has not reported, is not done either: nothing to close)
      // a task of items is closed when each of them is
      const closed = (accepted && acceptCloses(status)) || (verdict?.closed ?? false);
      // A return stands until the unit reports again after it; a task is returned while one of its items is.
      const returned = returnStands(review, current, report?.receivedAt) || (verdict?.returned ?? false);
      const stale = report !== undefined && !current && wantsUpdate(deadlines[t]!, report.round, round);
      // On track (按期推进): a task with a cadence (每月更新, 持续推进…, never done) reported this round, and a dated task
      // under way before its deadline — neither is behind, and the rate does not count them as unfinished.
      const due = deadlines[t]!;
      const onSchedule = due.kind === "cadence" ? status === "推进中" || status === "已完成" : due.kind === "date" && !isPast[t]! && status === "推进中";
      // Late work and missing reports are counted apart: a unit that has not reported is 未报送, not overdue. 验收 of
      // an item still under way is recorded (·已验收), not a pardon: past its deadline it stays 逾期, in every month.
      const overdue = !closed && report !== undefined && reportState !== "被退回" && ((isPast[t]! && !isSettled(status === "未填报" ? undefined : (status as Status))) || (verdict?.overdue ?? false));
      // a task late through one of its own items is not on track, though its own deadline is still ahead
      const onTrack = onSchedule && current && !returned && !overdue;
      const state: CellState = closed
        ? "已销号"
        : reportState === "被退回" || returned
          ? "退回"
          : !report
            ? "未报送"
            : overdue
              ? "逾期"
              : onTrack
                ? "按期推进"
                : (status as CellState);
      // A task the coordinator returned (退回) is not accepted as reported until the unit reports again: neither done
      // nor on track, it is work still to do — reported done it counts as 推进中, 不涉及 as 未启动 — in the unit's
      // counts and so in its 完成或按期推进率, as its state says (one definition for the JSON, 汇总, 通报 and dashboard).
      const counted = returned && !closed ? (status === "已完成" ? "推进中" : status === "不涉及" ? "未启动" : status) : status;
      if (closed || (counted === "已完成" && !onTrack)) u.completed++;
      else if (onTrack) u.onTrack++;
      else if (counted === "推进中") u.inProgress++;
      else if (counted === "未启动") u.notStarted++;
      else if (counted === "不涉及") u.notApplicable++;
      else u.missing++;
      if (overdue) u.overdue++;
      if (closed) u.closed++;
      if (state === "退回") u.returned++; // a returned item, or an item of a refused file: 退回 in the matrix, counted alike
      if (stale) u.stale++;
      u.counts[state]++;
      const cell: LedgerCell = { status, state, progress, evidence: own?.evidence ?? "", overdue, review, from: report?.round ?? "", stale };
      if (items) cell.items = items;
      if (overdue) {
        // the reason and plan date, as the unit wrote them on the task's row or on its late items
        const lateItems = (items ?? []).filter((i) => i.overdue).map((i) => i.progress);
        const late = lateExplanation([progress, own?.remark ?? "", ...lateItems], input.year);
        if (late.reason !== undefined) cell.lateReason = late.reason;
        if (late.planDate !== undefined) cell.planDate = late.planDate;
      }
      cells.push([t, cell]);
    });
    // a unit that answers for no task is not expected to report: it is in no count (应报, 未报送, rates)
    if (u.responsible === 0) continue;
    for (const [t, cell] of cells) {
      ledgerTasks[t]!.counts[cell.state]++;
      ledgerTasks[t]!.units[unit] = cell;
    }
    const denominator = u.responsible - u.notApplicable;
    u.completionRate = denominator > 0 ? round4((u.completed + u.onTrack) / denominator) : 0;
    units.push(u);
  }

  const remindDays = input.remindDays ?? 7;
  const ledger: Ledger = {
    round,
    today,
    roundDay,
    totals: ledgerTotals({ units }),
    units,
    missingUnits: units.filter((u) => u.reportState === "未报送" || u.reportState === "被退回").map((u) => u.unit),
    rejectedUnits: units.filter((u) => u.reportState === "被退回").map((u) => u.unit),
    carriedUnits: units.filter((u) => u.reportState === "沿用").map((u) => u.unit),
    tasks: ledgerTasks,
    unmatched,
    reviews: [...inForce.values()].filter((r) => ledgerTasks.some((t) => t.id === r.task && cellOf(t, r.unit))).sort((a, b) => a.at.localeCompare(b.at)),
    remindDays,
    reminders: [],
  };
  ledger.reminders = remindersOf(ledger, deadlines, remindDays);
  return ledger;
}

/** Whether the ledger is of a month already over (its counts are as of that month's last day). */
export const isPastLedger = (l: Pick<Ledger, "round" | "today">): boolean => isPastRound(l.round, l.today);

/** How a unit's status on a task is coloured in a ledger (CONTRACT §3 colours). */
export function ledgerCellStyle(c: LedgerCell): MarkStyle | undefined {
  if (c.state === "已完成" || c.state === "已销号") return "done";
  if (c.state === "逾期" || c.state === "未报送" || c.state === "未填报" || c.state === "退回") return "error";
  if (c.state === "按期推进") return "done";
  if (c.state === "推进中" || c.state === "未启动") return "warning";
  return undefined;
}
