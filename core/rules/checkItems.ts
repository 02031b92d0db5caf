import { daysBetween, formatChineseDate, parseDeadline } from "../deadline.js";
import { isLate, itemDueDate, lateExplanation } from "../lateWork.js";
import { statusFromColumn } from "../status.js";
import { unitTexts } from "../taskList.js";
import { ITEM_HEADERS, ITEM_STATUSES, type ItemColumn, type ItemTask, type ItemsReading } from "../unitItems.js";
import type { RowAnalysis } from "../analyzeRows.js";
import type { Report, RuleContext } from "./context.js";
import { actionCell } from "./where.js";

/** How many of the unit's tasks a finding lists by id and name. */
const LISTED_TASKS = 12;

const quote = (s: string, n = 20): string => `“${s.length > n ? `${s.slice(0, n)}…` : s}”`;

/**
 * The task an item is under as the coordinator's list says it — its words (label, measure) and deadline — wherever the
 * list is known: a copy's row may have rewritten them (and has `task.missing` for it), but the 任务编号 an item gives
 * is the list's, and a finding names the task the coordinator knows. The copy's own row where no task of the list has
 * its id, or where the unit does not answer for that task (a row's id by its place, not the list's).
 */
function asListed(ctx: Pick<RuleContext, "tasks" | "roster" | "unit" | "year">, ofUnit: boolean): (t: ItemTask) => ItemTask {
  const listed = new Map((ctx.tasks?.tasks ?? []).map((t) => [t.id, t]));
  return (t) => {
    const o = listed.get(t.id);
    if (!o || (ofUnit && ctx.unit !== undefined && !ctx.roster.unitsResponsibleFor(unitTexts(o)).has(ctx.unit))) return t;
    return { ...t, label: o.label, measure: o.measure, due: o.deadline === "" ? undefined : parseDeadline(o.deadline, ctx.year) };
  };
}

/**
 * `item.*`: each item of the 细化分解 sheet names a task of the unit, says what it is, who does it and by when — a date
 * not after its task's —, and a status that can be read; an item past its date and not done is said (a warning, as a
 * late task is: never a refusal). Findings sit on the 细化分解 sheet's cells.
 */
export function checkItems(ctx: Pick<RuleContext, "report" | "today" | "unit" | "year" | "tasks" | "roster">, reading: ItemsReading): void {
  const { sheet, items } = reading;
  const listedAs = asListed(ctx, reading.ofUnit);
  // each task once (a row whose id is by its place may share it with a row the list recognised)
  const tasks = [...new Map(reading.tasks.map((t) => [t.id, listedAs(t)])).values()];
  const at = (row: number, column: ItemColumn, fallback: ItemColumn = "text") => ({ sheet: sheet.sheet, row, col: sheet.columns[column] ?? sheet.columns[fallback] ?? 1 });
  const report = (r: Omit<Report, "sheet" | "row" | "col"> & { row: number; column: ItemColumn }) => {
    const { column, ...rest } = r;
    ctx.report({ ...rest, ...at(r.row, column) });
  };
  if (sheet.headerRow === 0) {
    const lacks = sheet.missing.map((c) => (c === "taskId" ? `“${ITEM_HEADERS.taskId}”（或“${ITEM_HEADERS.task}”）` : `“${ITEM_HEADERS[c]}”`)).join("和");
    ctx.report({
      code: "item.sheet-unread",
      severity: "warning",
      sheet: sheet.sheet,
      row: 1,
      col: 1,
      message: `“${sheet.sheet}”表的前10行中没有找到表头（缺少${lacks}列），其中的细化事项没有读取：请在第一行表头写明 ${Object.values(ITEM_HEADERS).join("、")}，或从本轮模板中复制这张表。`,
      params: { missing: sheet.missing.map((c) => ITEM_HEADERS[c]) },
    });
    return;
  }
  const listed = tasks.slice(0, LISTED_TASKS).map((t) => `${t.id} ${t.label}`).join("；") + (tasks.length > LISTED_TASKS ? `等${tasks.length}项` : "");
  const todayText = formatChineseDate(ctx.today);
  for (const item of items) {
    const { cells, row } = item;
    const task = item.task && listedAs(item.task);
    const named = cells.text !== "" ? quote(cells.text) : `第${row}行`;
    const taskRef = task ? { id: task.id, label: task.label } : undefined;
    if (!task) {
      const byId = cells.taskId !== "";
      const which = cells.text !== "" ? `事项${named}的` : "";
      const said = byId ? `${which}任务编号“${cells.taskId}”` : cells.task !== "" ? `${which}对应任务${quote(cells.task, 30)}` : `${which}任务编号和对应任务都为空`;
      const whose = reading.ofUnit ? `本单位（${ctx.unit}）负责的任务` : "本表的任务";
      report({
        code: "item.unknown-task",
        severity: "error",
        row,
        column: byId || cells.task === "" ? "taskId" : "task",
        message:
          tasks.length === 0
            ? `${said}：本表中没有${whose}，细化事项无处归属。请核对填报单位，或删去这一行。`
            : `${said}${byId || cells.task !== "" ? `对不上${whose}` : ""}：请在“${ITEM_HEADERS.taskId}”中填写${whose}的编号（${listed}），可从该任务的起始行复制。`,
        params: { taskId: cells.taskId, task: cells.task, tasks: tasks.map((t) => t.id) },
      });
    }
    if (cells.text === "") {
      const filled = (["person", "deadline", "measure", "standard", "progress", "status"] as const).filter((c) => cells[c] !== "").map((c) => ITEM_HEADERS[c]);
      report({
        code: "item.no-text",
        severity: "error",
        row,
        column: "text",
        task: taskRef,
        message: `这一行填了${filled.join("、")}，但“${ITEM_HEADERS.text}”为空：请写明这一事项具体做什么；不需要的行请整行删除。`,
      });
      continue;
    }
    if (cells.person === "") {
      report({
        code: "item.no-person",
        severity: "error",
        row,
        column: "person",
        task: taskRef,
        message: `事项${named}没有填写“${ITEM_HEADERS.person}”：请写明由谁负责落实（如“办公室 张三”）。`,
      });
    }
    const due = task?.due?.kind === "date" ? task.due : undefined;
    const d = item.deadline;
    if (d === undefined) {
      report({
        code: "item.no-deadline",
        severity: "error",
        row,
        column: "deadline",
        task: taskRef,
        message: `事项${named}没有填写“${ITEM_HEADERS.deadline}”：请写明完成日期（如“${ctx.year}年6月30日前”）${due ? `，不晚于所属任务的完成时限${formatChineseDate(due.date)}` : ""}。`,
        params: due ? { taskDeadline: due.date } : {},
      });
    } else if (d.kind === "invalid") {
      report({
        code: "item.deadline-invalid",
        severity: "error",
        row,
        column: "deadline",
        task: taskRef,
        message: `事项${named}的${ITEM_HEADERS.deadline}“${d.text}”${d.reason}：请写成日期（如“3月15日”“${ctx.year}年6月底前”）或频次（如“每月”）。`,
        params: { text: d.text, reason: d.reason },
      });
    } else if (d.kind === "date" && due && d.date > due.date) {
      report({
        code: "item.deadline-after-task",
        severity: "error",
        row,
        column: "deadline",
        task: taskRef,
        message: `事项${named}的${ITEM_HEADERS.deadline}${formatChineseDate(d.date)}晚于所属任务“${task!.label}”的完成时限${formatChineseDate(due.date)}（${due.text}）：请改为${formatChineseDate(due.date)}或更早。`,
        params: { deadline: d.date, taskDeadline: due.date },
      });
    }
    const wrongWord = cells.status !== "" && statusFromColumn(cells.status) === undefined;
    if (wrongWord || item.status === undefined) {
      report({
        code: "item.status-unknown",
        severity: "warning",
        row,
        column: wrongWord ? "status" : "progress",
        task: taskRef,
        message: wrongWord
          ? `事项${named}的${ITEM_HEADERS.status}“${cells.status}”不是可选值：请选择 ${ITEM_STATUSES.join(" / ")}。`
          : `从事项${named}的${ITEM_HEADERS.progress}中看不出完成状态：请在“${ITEM_HEADERS.status}”中选择 ${ITEM_STATUSES.join(" / ")}。`,
      });
    }
    const date = itemDueDate(d, due);
    if (date !== undefined && isLate(date, ctx.today, item.status)) {
      const daysLate = daysBetween(date, ctx.today);
      // as a late task: said, never refused; a note where the unit wrote both why and by when
      const late = lateExplanation([cells.progress], ctx.year);
      const explained = late.reason !== undefined && late.planDate !== undefined;
      report({
        code: "item.overdue",
        severity: explained ? "info" : "warning",
        row,
        column: "progress",
        task: taskRef,
        message: `事项${named}已逾期${daysLate}天：${ITEM_HEADERS.deadline}为${formatChineseDate(date)}，截至${todayText}${item.status ? `状态为“${item.status}”` : "看不出完成状态"}。${
          explained
            ? `已说明原因：${late.reason}；计划完成时间：${formatChineseDate(late.planDate!)}。`
            : `完成后请把“${ITEM_HEADERS.status}”选为“已完成”；未按期完成的请在“${ITEM_HEADERS.progress}”中写明原因和计划完成时间（如“因……，计划于8月31日前完成”）。`
        }`,
        params: { deadline: date, daysLate, status: item.status ?? "", ...(late.reason !== undefined ? { reason: late.reason } : {}), ...(late.planDate !== undefined ? { planDate: late.planDate } : {}) },
      });
    }
  }
}

/**
 * `item.status-from-items`: a task broken into items counts as its items make it (done when all are done); where the
 * task's own row says otherwise the clerk is told which counts, on that row (a note: nothing to fix).
 */
export function checkStatusFromItems(ctx: Pick<RuleContext, "report">, written: readonly RowAnalysis[], counted: readonly RowAnalysis[], reading: ItemsReading): void {
  written.forEach((a, i) => {
    const own = a.status;
    const fromItems = counted[i]!.status;
    if (own === undefined || fromItems === undefined || own === fromItems || !reading.statusOf.has(a.task.row)) return;
    const items = reading.items.filter((item) => item.task?.row === a.task.row && item.cells.text !== "");
    const done = items.filter((item) => item.status === "已完成").length;
    const cell = a.statusSource === "column" && a.task.fields.status ? { row: a.task.fields.status.row, col: a.task.fields.status.col } : actionCell(a.task);
    ctx.report({
      code: "item.status-from-items",
      severity: "info",
      ...cell,
      message: `本任务已细化分解，状态按细化事项计为“${fromItems}”（${items.length}项中${done}项已完成），不按本行所写的“${own}”：全部细化事项完成后本任务即为已完成。`,
      params: { written: own, counted: fromItems, items: items.length, done },
    });
  });
}
