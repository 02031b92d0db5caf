/** The list of laggards as text ready to paste into a notice (通报). */
import { formatChineseDate } from "./deadline.js";
import type { Ledger } from "./consolidate.js";

const pct = (r: number) => `${Math.round(r * 1000) / 10}%`;

export function noticeText(ledger: Ledger): string {
  const lines: string[] = [];
  const [y, m] = ledger.round.split("-").map(Number);
  const submitted = ledger.units.filter((u) => u.submitted);
  lines.push(`截至${formatChineseDate(ledger.today)}，${y}年${m}月政务公开工作台账应报送单位${ledger.units.length}个，已报送${submitted.length}个，未报送${ledger.missingUnits.length}个。`);
  if (ledger.missingUnits.length > 0) lines.push(`未报送单位：${ledger.missingUnits.join("、")}。`);
  const late = ledger.units.filter((u) => u.overdue > 0 && u.submitted).sort((a, b) => b.overdue - a.overdue || a.unit.localeCompare(b.unit, "zh"));
  if (late.length > 0) lines.push(`存在逾期未完成事项的单位：${late.map((u) => `${u.unit}（${u.overdue}项）`).join("、")}。`);
  const low = submitted.filter((u) => u.responsible > 0 && u.completionRate < 0.6).sort((a, b) => a.completionRate - b.completionRate);
  if (low.length > 0) lines.push(`完成率低于60%的单位：${low.map((u) => `${u.unit}（${pct(u.completionRate)}）`).join("、")}。`);
  if (ledger.missingUnits.length === 0 && late.length === 0 && low.length === 0) lines.push("各单位均已按时报送，无逾期事项。");
  else lines.push("请上述单位对照任务分解表抓紧整改落实，并于三个工作日内重新报送。");
  return lines.join("\n");
}
