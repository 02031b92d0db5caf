/** The list of laggards as text ready to paste into a notice (通报): each kind of lag with its own request. */
import { BUILT_IN_NOTE, RATE_LABEL, cellOf, isPastLedger, ledgerTotals, type Ledger } from "./consolidate.js";
import { lateText, monthLabel, percentText, rejectedText, roundDayText } from "./ledgerLayout.js";

/**
 * The 通报 of a round. Its counts are `ledgerTotals` (the 汇总 sheet's and the JSON's), stated as of the round's
 * day; its requests fit the month: a past month's 通报 asks for that month's 台账, not "本月".
 */
export function noticeText(ledger: Ledger): string {
  const lines: string[] = [];
  const [y, m] = ledger.round.split("-").map(Number);
  const t = ledgerTotals(ledger);
  const past = isPastLedger(ledger);
  const month = past ? `${y}年${monthLabel(ledger.round)}` : "本月";
  const notReported = ledger.units.filter((u) => u.reportState === "未报送");
  const rejected = ledger.units.filter((u) => u.reportState === "被退回");
  const carried = ledger.units.filter((u) => u.reportState === "沿用");
  const head = [`应报送单位${t.expected}个`, `已报送${t.submitted}个`];
  if (t.carried > 0) head.push(`沿用以前月份台账${t.carried}个`);
  if (t.rejected > 0) head.push(`报送被退回${t.rejected}个`);
  head.push(`未报送${t.notReported}个`);
  lines.push(`${roundDayText(ledger)}，${y}年${m}月政务公开工作台账${head.join("，")}。`);
  if (notReported.length > 0) lines.push(`未报送单位：${notReported.map((u) => u.unit).join("、")}。请于三个工作日内${past ? "补报" : "报送"}${month}台账。`);
  if (rejected.length > 0) {
    lines.push(`报送被退回的单位：${rejected.map((u) => `${u.unit}（${rejectedText(u) || "校验未通过"}）`).join("、")}。请按提示修改后重新报送${month}台账。`);
  }
  if (carried.length > 0) {
    lines.push(`${past ? `${month}` : "本月"}未更新、沿用以前月份台账的单位：${carried.map((u) => `${u.unit}（${monthLabel(u.from)}）`).join("、")}。请更新${month}进展后报送。`);
  }
  const returned = ledger.reviews.filter((r) => r.decision === "returned" && cellOf(ledger.tasks.find((task) => task.id === r.task), r.unit)?.state === "退回");
  // 退回事项 counts the items of a refused file too (as the ledger's 汇总 and the dashboard count them): said apart
  const inRefusedFiles = t.returnedItems - returned.length;
  if (t.returnedItems > 0) {
    const parts = [
      ...(returned.length > 0 ? [`验收未通过、被退回的${returned.length}项：${returned.map((r) => `${r.unit}“${r.label}”${r.comment ? `（${r.comment}）` : ""}`).join("；")}，请按意见整改后重新报送`] : []),
      ...(inRefusedFiles > 0 ? [`被退回的报送文件中的${inRefusedFiles}项（单位见上）`] : []),
    ];
    lines.push(`退回事项${t.returnedItems}项，其中${parts.join("；")}。`);
  }
  const late = ledger.units.filter((u) => u.overdue > 0).sort((a, b) => b.overdue - a.overdue || a.unit.localeCompare(b.unit, "zh"));
  if (late.length > 0) {
    lines.push(`存在逾期未完成事项的单位：${late.map((u) => `${u.unit}（${u.overdue}项）`).join("、")}。请抓紧办理；尚未说明的，请写明逾期原因和计划完成时间。`);
    const explained = ledger.tasks.flatMap((task) =>
      Object.entries(task.units).flatMap(([unit, c]) => (c.overdue && (c.lateReason !== undefined || c.planDate !== undefined) ? [`${unit}“${task.label}”（${lateText(c)}）`] : [])),
    );
    if (explained.length > 0) lines.push(`已说明逾期原因的事项：${explained.join("；")}。`);
  }
  const low = ledger.units.filter((u) => u.submitted && u.responsible > u.notApplicable && u.completionRate < 0.6).sort((a, b) => a.completionRate - b.completionRate);
  if (low.length > 0) lines.push(`${RATE_LABEL}低于60%的单位：${low.map((u) => `${u.unit}（${percentText(u.completionRate)}）`).join("、")}。请加快推进。`);
  if (lines.length === 1) lines.push("各单位均已按时报送，无逾期事项。");
  if (ledger.tasksSource === "built-in") lines.push(`（注：${BUILT_IN_NOTE}。）`);
  return lines.join("\n");
}
