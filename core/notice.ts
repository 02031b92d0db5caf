/** The list of laggards as text ready to paste into a notice (通报): each kind of lag with its own request. */
import { formatChineseDate } from "./deadline.js";
import { BUILT_IN_NOTE, type Ledger } from "./consolidate.js";
import { monthLabel, percentText } from "./ledgerLayout.js";

export function noticeText(ledger: Ledger): string {
  const lines: string[] = [];
  const [y, m] = ledger.round.split("-").map(Number);
  const submitted = ledger.units.filter((u) => u.submitted);
  const notReported = ledger.units.filter((u) => u.reportState === "未报送");
  const rejected = ledger.units.filter((u) => u.reportState === "被退回");
  const carried = ledger.units.filter((u) => u.reportState === "沿用");
  const head = [`应报送单位${ledger.units.length}个`, `已报送${submitted.length}个`];
  if (carried.length > 0) head.push(`沿用以前月份台账${carried.length}个`);
  if (rejected.length > 0) head.push(`报送被退回${rejected.length}个`);
  head.push(`未报送${notReported.length}个`);
  lines.push(`截至${formatChineseDate(ledger.today)}，${y}年${m}月政务公开工作台账${head.join("，")}。`);
  if (notReported.length > 0) lines.push(`未报送单位：${notReported.map((u) => u.unit).join("、")}。请于三个工作日内报送本月台账。`);
  if (rejected.length > 0) {
    lines.push(`报送被退回的单位：${rejected.map((u) => `${u.unit}（${u.rejectedReason || "校验未通过"}）`).join("、")}。请按提示修改后重新报送。`);
  }
  if (carried.length > 0) lines.push(`本月未更新、沿用以前月份台账的单位：${carried.map((u) => `${u.unit}（${monthLabel(u.from)}）`).join("、")}。请更新本月进展后报送。`);
  const returned = ledger.reviews.filter((r) => r.decision === "returned" && ledger.tasks.find((t) => t.id === r.task)?.units[r.unit]?.state === "退回");
  if (returned.length > 0) {
    lines.push(`验收未通过、被退回的事项：${returned.map((r) => `${r.unit}“${r.label}”${r.comment ? `（${r.comment}）` : ""}`).join("；")}。请按意见整改后重新报送。`);
  }
  const late = ledger.units.filter((u) => u.overdue > 0).sort((a, b) => b.overdue - a.overdue || a.unit.localeCompare(b.unit, "zh"));
  if (late.length > 0) lines.push(`存在逾期未完成事项的单位：${late.map((u) => `${u.unit}（${u.overdue}项）`).join("、")}。请抓紧办理，并说明逾期原因。`);
  const low = submitted.filter((u) => u.responsible > 0 && u.completionRate < 0.6).sort((a, b) => a.completionRate - b.completionRate);
  if (low.length > 0) lines.push(`完成率低于60%的单位：${low.map((u) => `${u.unit}（${percentText(u.completionRate)}）`).join("、")}。请加快推进。`);
  if (lines.length === 1) lines.push("各单位均已按时报送，无逾期事项。");
  if (ledger.tasksSource === "built-in") lines.push(`（注：${BUILT_IN_NOTE}。）`);
  return lines.join("\n");
}
