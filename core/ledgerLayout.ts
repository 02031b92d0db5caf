/** How a ledger reads to people, the same in the ledger workbook and in the sheets the add-in writes. */
import type { LedgerCell, LedgerTask, LedgerUnit } from "./consolidate.js";

/** The users' time zone: "today", rounds and receipt times are theirs, not the server's. */
export const USERS_TIME_ZONE = "Asia/Shanghai";

/** `YYYY-MM-DD` of an instant in the users' time zone. */
export function localDay(at: Date, timeZone = USERS_TIME_ZONE): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** `"2022-03-10T02:00:00.000Z"` → `"2022-03-10 10:00"` (the users' clock); "" for none. */
export function localTime(iso: string | null | undefined, timeZone = USERS_TIME_ZONE): string {
  if (!iso) return "";
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? "";
  return `${p("year")}-${p("month")}-${p("day")} ${p("hour")}:${p("minute")}`;
}

/** The per-unit summary's columns, in order; `summaryRow` gives the values. */
export const SUMMARY_COLUMNS = ["单位", "是否报送", "报送时间", "负责事项", "已完成", "推进中", "未启动", "不涉及", "未填报", "逾期", "校验错误", "完成率"] as const;

export function summaryRow(u: LedgerUnit): (string | number)[] {
  return [
    u.unit, u.submitted ? "已报送" : "未报送", localTime(u.receivedAt), u.responsible, u.completed, u.inProgress,
    u.notStarted, u.notApplicable, u.missing, u.overdue, u.errors, u.completionRate,
  ];
}

/** A unit's cell in the task matrix: its status (`·逾期` when late), or "—" when the task is not its. */
export function ledgerCellText(c: LedgerCell | undefined): string {
  if (!c) return "—";
  return c.overdue ? `${c.status}·逾期` : c.status;
}

/** How a task is named in every ledger sheet, whatever columns the government's table has. */
export const TASK_ID_COLUMNS = ["编号", "类别", "任务", "牵头（责任）单位", "完成时限"] as const;

export function taskIdRow(t: LedgerTask): string[] {
  const category = [t.level1, t.level3 !== "" && t.level3 !== "-" ? t.level2 : ""].filter((x) => x !== "" && x !== "-").join(" · ");
  return [t.id, category, t.label, t.lead || t.responsible, t.deadline];
}
