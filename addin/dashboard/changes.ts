/**
 * What changed since the month before, unit by unit, in words (rate, newly done, overdue, newly closed, report
 * state), as the board's "与上月相比" list.
 */
import { RATE_LABEL, percentText as pct, reportStateText, type Ledger } from "../../core/index.js";
import { $, el } from "./page.js";

/** What changed since the month before, per unit, in words. */
function changes(prev: Ledger | undefined, cur: Ledger): string[] {
  if (!prev) return [];
  const lines: string[] = [];
  for (const u of cur.units) {
    const p = prev.units.find((x) => x.unit === u.unit);
    if (!p) continue;
    const parts: string[] = [];
    if (Math.round(p.completionRate * 1000) !== Math.round(u.completionRate * 1000)) parts.push(`${RATE_LABEL} ${pct(p.completionRate)} → ${pct(u.completionRate)}`);
    if (u.completed > p.completed) parts.push(`新完成 ${u.completed - p.completed} 项`);
    if (u.overdue !== p.overdue) parts.push(`逾期 ${p.overdue} → ${u.overdue} 项`);
    if (u.closed > p.closed) parts.push(`新销号 ${u.closed - p.closed} 项`);
    if (p.reportState !== u.reportState) parts.push(`${reportStateText(p)} → ${reportStateText(u)}`);
    if (parts.length > 0) lines.push(`${u.unit}：${parts.join("，")}`);
  }
  return lines;
}

/** The list, against the trend's month before the one shown. */
export function renderChanges(trend: Ledger[], ledger: Ledger): void {
  const changed = changes(trend.at(-2), ledger);
  $("changes").replaceChildren(...(changed.length ? changed.map((c) => el("li", { textContent: c })) : [el("li", { className: "muted", textContent: "与上月相比没有变化（或上月没有数据）。" })]));
}
