/** 提醒: what falls due within a few days, per unit, and the text to send them. */
import { cellOf, type CellState, type Ledger } from "./consolidate.js";
import { daysBetween, formatChineseDate, type DeadlineParse } from "./deadline.js";
import { isPastRound } from "./round.js";

export interface Reminder {
  task: string;
  label: string;
  deadline: string;
  /** `YYYY-MM-DD`. */
  due: string;
  daysLeft: number;
  state: CellState;
}

export interface UnitReminders {
  unit: string;
  items: Reminder[];
}

/** States that need no reminder: done, closed, not the unit's. */
// (按期推进 is not settled: a dated item under way before its deadline is what a reminder is for; a 每月 item reported
// this month is passed over below)
const SETTLED = new Set<CellState>(["已完成", "已销号", "不涉及"]);

const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/**
 * When an item of the round is next due: its date; for a monthly task the last day of the round's month,
 * for a quarterly one the last day of the quarter (when the round is in it). Undefined for the rest.
 */
function dueIn(deadline: DeadlineParse, round: string): string | undefined {
  if (deadline.kind === "date") return deadline.date;
  if (deadline.kind !== "cadence") return undefined;
  const [y, m] = round.split("-").map(Number) as [number, number];
  if (deadline.cadence === "monthly") return lastDayOf(y, m);
  if (deadline.cadence === "quarterly") return lastDayOf(y, Math.ceil(m / 3) * 3);
  return undefined;
}

/** The items of each unit, not done, due between the round's day and `days` days after it (the most urgent first). */
export function remindersOf(ledger: Pick<Ledger, "round" | "today" | "roundDay" | "units" | "tasks">, deadlines: readonly DeadlineParse[], days: number): UnitReminders[] {
  // a month that is over has nothing coming due: what it left undone is overdue, not a reminder
  if (isPastRound(ledger.round, ledger.today)) return [];
  const due = deadlines.map((d) => dueIn(d, ledger.round));
  const out: UnitReminders[] = [];
  for (const u of ledger.units) {
    const items: Reminder[] = [];
    ledger.tasks.forEach((t, i) => {
      const c = cellOf(t, u.unit);
      const d = due[i];
      if (!c || !d || SETTLED.has(c.state)) return;
      // a monthly item the unit has already reported this month is not due again this month
      if (deadlines[i]!.kind === "cadence" && c.from === ledger.round && c.state !== "未填报" && c.state !== "退回") return;
      const left = daysBetween(ledger.roundDay, d);
      if (left < 0 || left > days) return;
      items.push({ task: t.id, label: t.label, deadline: t.deadline, due: d, daysLeft: left, state: c.state });
    });
    if (items.length > 0) out.push({ unit: u.unit, items: items.sort((a, b) => a.daysLeft - b.daysLeft || a.task.localeCompare(b.task)) });
  }
  return out;
}

const when = (r: Reminder) => (r.daysLeft === 0 ? "今天到期" : `还有${r.daysLeft}天`);

/** The reminders as a notice to paste (提醒), like the 通报. */
export function reminderText(ledger: Pick<Ledger, "roundDay" | "round" | "remindDays" | "reminders">): string {
  if (ledger.reminders.length === 0) return `截至${formatChineseDate(ledger.roundDay)}，未来${ledger.remindDays}天内没有到期未完成的事项。`;
  const lines = [`截至${formatChineseDate(ledger.roundDay)}，以下事项将在${ledger.remindDays}天内到期、尚未完成，请相关单位抓紧办理，按时报送进展：`];
  for (const u of ledger.reminders) {
    lines.push(`${u.unit}：${u.items.map((r) => `${r.label}（${r.deadline}，${when(r)}）`).join("；")}。`);
  }
  return lines.join("\n");
}
