import { daysBetween, formatChineseDate } from "../deadline.js";
import { lateExplanation } from "../lateWork.js";
import { labelKey } from "../normalize.js";
import { textOf } from "../readTable.js";
import { isSettled } from "../status.js";
import type { Rule } from "./context.js";
import { actionCell } from "./where.js";

/** Days ahead within which an open item is `deadline.due-soon`. */
export const DUE_SOON_DAYS = 7;

/**
 * `deadline.invalid` for every row; `deadline.overdue` / `deadline.due-soon` for the unit's own rows, measured from
 * `ctx.today` (the round's day on the server). Late work is reported, never refused: `deadline.overdue` is a warning
 * that asks for the reason and a plan date, and a note (`info`, carrying them) where the progress or 备注 gives both.
 */
export const checkDeadline: Rule = (ctx) => {
  const todayText = formatChineseDate(ctx.today);
  // a table names a few dates on many rows: each is counted and written once
  const dates = new Map<string, { left: number; text: string }>();
  for (let i = 0; i < ctx.rows.length; i++) {
    const a = ctx.rows[i]!;
    const f = a.task.fields.deadline;
    const own = a.deadline;
    // A deadline the task list itself words so is the coordinator's to mend, not the unit's.
    if (own?.kind === "invalid" && f && !(a.official && labelKey(a.official.deadline) === labelKey(own.text))) {
      const d = own;
      ctx.report({
        code: "deadline.invalid",
        severity: "error",
        row: f.row,
        col: f.col,
        message: `${ctx.header("deadline")}“${d.text}”${d.reason}：请写成日期（如“3月15日”“${ctx.year}年6月底前”“年底前”）或频次（如“每月更新”“按季度公开”“持续更新”）。`,
        params: { text: d.text, reason: d.reason },
      });
      continue;
    }
    const d = a.due;
    if (d?.kind !== "date" || a.responsible !== true || isSettled(a.status)) continue;
    let day = dates.get(d.date);
    if (!day) dates.set(d.date, (day = { left: daysBetween(ctx.today, d.date), text: formatChineseDate(d.date) }));
    const { left, text: dateText } = day;
    const status = a.status ? `“${a.status}”` : "未填写";
    const at = actionCell(a.task);
    if (left < 0) {
      const late = lateExplanation([textOf(a.task.fields.progress), textOf(a.task.fields.remark)], ctx.year);
      const explained = late.reason !== undefined && late.planDate !== undefined;
      const said = [late.reason !== undefined ? `原因：${late.reason}` : "", late.planDate !== undefined ? `计划完成时间：${formatChineseDate(late.planDate)}` : ""].filter(Boolean).join("；");
      const ask = explained
        ? `已说明${said}。`
        : `完成后请写明结果并标为“已完成”；确不涉及的请填“不涉及”；未按期完成的请在${ctx.header("progress")}或备注中写明逾期原因和计划完成时间（如“因……，计划于6月30日前完成”）${said ? `，已写明${said}` : ""}。`;
      ctx.report({
        row: at.row,
        col: at.col,
        code: "deadline.overdue",
        severity: explained ? "info" : "warning",
        message: `已逾期${-left}天：${ctx.header("deadline")}为${dateText}，截至${todayText}，本单位状态为${status}。${ask}`,
        params: { deadline: d.date, daysLate: -left, status: a.status ?? "", ...(late.reason !== undefined ? { reason: late.reason } : {}), ...(late.planDate !== undefined ? { planDate: late.planDate } : {}) },
      });
    } else if (left <= DUE_SOON_DAYS) {
      ctx.report({
        row: at.row,
        col: at.col,
        code: "deadline.due-soon",
        severity: "warning",
        message: `即将到期：${ctx.header("deadline")}为${dateText}，${left === 0 ? "就是今天" : `还有${left}天`}，本单位状态为${status}。`,
        params: { deadline: d.date, daysLeft: left, status: a.status ?? "" },
      });
    }
  }
};
