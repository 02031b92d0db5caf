import { parseDeadline } from "../deadline.js";
import { textOf } from "../readTable.js";
import { STATUSES } from "../status.js";
import type { Rule } from "./context.js";
import { actionCell } from "./where.js";

/** `progress.missing`, `progress.status-unknown`, `progress.unexpected`, `progress.stale`. */
export const checkProgress: Rule = (ctx) => {
  const { unit } = ctx;
  if (unit === undefined) return;
  const month = ctx.today.slice(0, 7);
  // the same words on every such row: made once
  const notOurs = `本单位（${unit}）不是此项的牵头或责任单位，这里的进展不计入本单位；如确属本单位职责，请与汇总人核对责任单位。`;
  const missing = `本单位（${unit}）负责此项，${ctx.header("progress")}为空：请写明做了什么、在哪里公开、何时完成；不涉及的请填“不涉及”。`;
  const params = { unit };
  for (let i = 0; i < ctx.rows.length; i++) {
    const a = ctx.rows[i]!;
    const { task } = a;
    const progress = textOf(task.fields.progress);
    const statusText = textOf(task.fields.status);
    if (!a.responsible) {
      if (progress !== "" && task.fields.progress && !task.fields.progress.continuation) {
        const at = actionCell(task);
        ctx.report({
          row: at.row,
          col: at.col,
          code: "progress.unexpected",
          severity: "info",
          message: notOurs,
          params,
        });
      }
      continue;
    }
    if (statusText !== "" && a.statusSource !== "column") { // (the analysis read the column: "column" when it holds one of the four)
      const f = task.fields.status!;
      ctx.report({
        code: "progress.status-unknown",
        severity: "warning",
        row: f.row,
        col: f.col,
        message: `完成状态“${statusText}”不是可选值：请选择 ${STATUSES.join(" / ")}。`,
      });
    }
    if (progress === "") {
      // a task broken into the unit's own items (细化分解) is reported through them
      if (a.status === "不涉及" || ctx.items?.statusOf.has(task.row)) continue;
      const at = actionCell(task);
      ctx.report({
        row: at.row,
        col: at.col,
        code: "progress.missing",
        severity: "error",
        message: missing,
        params,
      });
      continue;
    }
    if (a.status === undefined && statusText === "") {
      const at = actionCell(task);
      ctx.report({
        row: at.row,
        col: at.col,
        code: "progress.status-unknown",
        severity: "warning",
        message: `从${ctx.header("progress")}中看不出完成状态：请在进展中写明“已完成”“推进中”“未启动”或“不涉及”${task.fields.status ? "，或填写“完成状态”列" : ""}。`,
      });
    }
    const monthly = a.due?.kind === "cadence" && a.due.cadence === "monthly";
    const updated = task.fields.updated;
    if (monthly && updated && a.status !== "不涉及") {
      const text = updated.value;
      const parsed = text === "" ? undefined : parseDeadline(text, ctx.year);
      const date = parsed?.kind === "date" ? parsed.date : undefined;
      if (date === undefined || date.slice(0, 7) < month) {
        const [y, m] = month.split("-").map(Number);
        ctx.report({
          code: "progress.stale",
          severity: "warning",
          row: updated.row,
          col: updated.col,
          message:
            text === ""
              ? `此项每月更新，但未填写更新日期：请更新进展并填写本月日期（${y}年${m}月）。`
              : date === undefined
                ? `更新日期“${text}”无法识别：请填写日期，如“${y}-${String(m).padStart(2, "0")}-01”。`
                : `此项每月更新，上次更新日期为${text}，早于本月（${y}年${m}月）：请更新进展并改为本月日期。`,
        });
      }
    }
  }
};
