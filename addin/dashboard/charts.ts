/**
 * The board's charts — each unit's rate, overdue units per task, the trend over the last months — each with a
 * sentence and its numbers as a table, drawn for the width of its box and again when the window's width changes.
 */
import { RATE_LABEL, monthLabel, percentText as pct, type Ledger, type LedgerUnit } from "../../core/index.js";
import { barChart, trendChart, withDataTable, type ChartSize } from "../charts.js";
import { onBoard } from "./board.js";
import { $ } from "./page.js";

const total = (l: Ledger, f: (u: LedgerUnit) => number) => l.units.reduce((n, u) => n + f(u), 0);

/** The box a chart is drawn in, measured now (the board is shown first), and the page's text size (大字模式 too). */
function chartSize(id: string): ChartSize {
  const box = $(id);
  const padding = parseFloat(getComputedStyle(box).paddingLeft) + parseFloat(getComputedStyle(box).paddingRight);
  const width = Math.floor(box.clientWidth - padding);
  return { width: width > 0 ? width : 560, font: Math.round(parseFloat(getComputedStyle(document.documentElement).fontSize)) || 14 };
}

/** The charts, drawn for the width of their boxes: again when the window's width changes. */
export function renderCharts(ledger: Ledger, trend: Ledger[]): void {
  // Each chart says what it shows in a sentence and carries its numbers as a table (screen readers, colour blindness).
  const rates = [...ledger.units].sort((a, b) => b.completionRate - a.completionRate || a.unit.localeCompare(b.unit, "zh"));
  const rateBars = rates.map((u) => ({ label: u.unit, value: u.completionRate, text: u.reportState === "未报送" || u.reportState === "被退回" ? u.reportState : pct(u.completionRate), color: u.submitted ? "#63be7b" : u.reportState === "沿用" ? "#ffeb9c" : "#ffc7ce" }));
  const rateSummary = rates.length
    ? `各单位${RATE_LABEL}：${rates.length}个单位，最高${rates[0]!.unit} ${pct(rates[0]!.completionRate)}，最低${rates.at(-1)!.unit} ${pct(rates.at(-1)!.completionRate)}；未报送或被退回的${ledger.missingUnits.length}个单位按0计。`
    : "没有单位。";
  $("chart-rate").replaceChildren(
    withDataTable(document, barChart(document, rateBars, 1, "没有单位", rateSummary, chartSize("chart-rate")), `各单位${RATE_LABEL}`, ["单位", `${RATE_LABEL}或状态`], rateBars.map((b) => [b.label, b.text])),
  );
  // Only reported items can be late: units that have not reported are counted under 未报送, never here.
  const byTask = ledger.tasks.map((t) => ({ label: `${t.id} ${t.label}`, value: t.counts.逾期 })).filter((t) => t.value > 0).sort((a, b) => b.value - a.value);
  const maxOverdue = Math.max(0, ...byTask.map((t) => t.value));
  const overdueSummary = byTask.length ? `${byTask.length}项任务有单位逾期，最多的是${byTask[0]!.label}（${byTask[0]!.value}个单位）。` : "没有逾期事项。";
  $("chart-overdue").replaceChildren(
    withDataTable(
      document,
      barChart(document, byTask.map((t) => ({ ...t, text: `${t.value}个单位`, color: "#f4a09c" })), maxOverdue, "没有逾期事项。", overdueSummary, chartSize("chart-overdue")),
      "各项任务逾期单位数",
      ["任务", "逾期单位数"],
      byTask.map((t) => [t.label, String(t.value)]),
    ),
  );
  const points = trend.map((l) => ({ label: `${monthLabel(l.round)}`, rate: l.units.length ? total(l, (u) => u.completionRate) / l.units.length : 0, overdue: total(l, (u) => u.overdue) }));
  $("chart-trend").replaceChildren(
    withDataTable(document, trendChart(document, points, false, chartSize("chart-trend")), `近几个月平均${RATE_LABEL}与逾期事项`, ["月份", `平均${RATE_LABEL}`, "逾期事项"], points.map((p) => [p.label, pct(p.rate), String(p.overdue)])),
  );
  drawnFor = window.innerWidth;
}
let drawnFor = 0;
let redraw: ReturnType<typeof setTimeout> | undefined;
/** The charts drawn anew for a window of another width. */
export function redrawChartsOnResize(): void {
  window.addEventListener("resize", () => {
    clearTimeout(redraw);
    redraw = setTimeout(() => {
      const current = onBoard();
      if (current && window.innerWidth !== drawnFor) renderCharts(current.ledger, current.trend);
    }, 150);
  });
}
