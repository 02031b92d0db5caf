/**
 * The board's charts — each unit's rate, overdue units per task, the trend over the last months — each with a
 * sentence and its numbers as a table, drawn for the width of its box and again when the window's width changes.
 */
import { RATE_LABEL, monthLabel, percentText as pct, type Ledger } from "../../core/index.js";
import { barChart, overdueBars, rateLine, round1, svgEl, textWidth, withDataTable, type ChartSize, type TrendMonth } from "../charts.js";
import { onBoard } from "./board.js";
import { $ } from "./page.js";

/** The box a chart is drawn in, measured now (the board is shown first), and the page's text size (大字模式 too). */
function chartSize(id: string): ChartSize {
  const box = $(id);
  const padding = parseFloat(getComputedStyle(box).paddingLeft) + parseFloat(getComputedStyle(box).paddingRight);
  const width = Math.floor(box.clientWidth - padding);
  return { width: width > 0 ? width : 560, font: Math.round(parseFloat(getComputedStyle(document.documentElement).fontSize)) || 14 };
}

/** What a month without data is called, in the table and in the sentence. */
const NO_DATA = "无数据（没有计入的报表）";
const yearMonth = (round: string) => `${round.slice(0, 4)}年${monthLabel(round)}`;

/**
 * Does any unit's report count in this month? One with none (before any task list or submission, or every file
 * refused) has no rate to show: its units are all 0 by the ledger's rule, which would draw a 0 % line that looks like
 * data — on the board's trend and on each unit's sparkline alike.
 */
export const monthHasData = (l: Ledger): boolean => l.units.some((u) => u.reportState === "已报送" || u.reportState === "沿用");

function trendMonths(trend: readonly Ledger[]): TrendMonth[] {
  return trend.map((l) => {
    if (!monthHasData(l)) return { round: l.round, rate: null, overdue: null };
    return { round: l.round, rate: l.units.reduce((n, u) => n + u.completionRate, 0) / l.units.length, overdue: l.units.reduce((n, u) => n + u.overdue, 0) };
  });
}

/** Runs of consecutive months that all have data, or all have none, in order. */
function runs(months: readonly TrendMonth[]): { data: boolean; months: TrendMonth[] }[] {
  const out: { data: boolean; months: TrendMonth[] }[] = [];
  for (const m of months) {
    const data = m.rate !== null;
    if (out.at(-1)?.data === data) out.at(-1)!.months.push(m);
    else out.push({ data, months: [m] });
  }
  return out;
}

/** The chart in one sentence a month (months without data as one span): what a screen reader reads. */
function trendSummary(months: readonly TrendMonth[]): string {
  if (months.length === 0) return "没有数据。";
  const span = `近${months.length}个月（${yearMonth(months[0]!.round)}至${yearMonth(months.at(-1)!.round)}）`;
  if (months.every((m) => m.rate === null)) return `${span}都没有计入的报表，无数据。`;
  const parts = runs(months).map((r) => {
    if (r.data) return r.months.map((m) => `${yearMonth(m.round)}完成率${pct(m.rate!)}、逾期${m.overdue}项`).join("；");
    const first = yearMonth(r.months[0]!.round);
    return `${r.months.length > 1 ? `${first}至${yearMonth(r.months.at(-1)!.round)}` : first}没有计入的报表，图中标为无数据`;
  });
  return `${span}各月平均${RATE_LABEL}（下称完成率，折线）与逾期事项（柱）：${parts.join("；")}。`;
}

/** How wide a text is drawn in the box's own font: what decides which month labels fit side by side. */
function measurer(box: HTMLElement, font: number): (text: string) => number {
  const context = document.createElement("canvas").getContext("2d");
  // near enough where there is no canvas (the bar chart's own estimate)
  if (!context) return (text) => textWidth(text, font);
  context.font = `${font}px ${getComputedStyle(box).fontFamily}`;
  return (text) => context.measureText(text).width;
}

/**
 * The months' average rate (a line with a dot a month) and late items (bars). Months without data have no dot and
 * no bar, the line is broken over them, and they are shaded and marked 无数据 — an empty stretch said in words, never
 * a 0 %. Month labels are as many as fit without touching: every month at 1280 px, every second or third at 360 px,
 * the month shown always; the year under the first label and where it changes.
 */
function monthTrendChart(months: readonly TrendMonth[], size: ChartSize, measure: (text: string) => number): SVGElement {
  const { width, font } = size;
  // the year's row is taken from the plot on a phone (the page no taller than before), added to it on a desktop
  const height = Math.round(Math.min(font * 18, Math.max(font * 12, width * 0.32 + font * 1.4)));
  const pad = { l: font * 3, r: font, t: font, b: font * 3.4 };
  const summary = trendSummary(months);
  const svg = svgEl(document, "svg", { viewBox: `0 0 ${width} ${height}`, "font-size": font, role: "img", "aria-label": summary });
  svg.append(svgEl(document, "title", {}, summary));
  if (months.length === 0) return svg;
  const slot = (width - pad.l - pad.r) / months.length;
  const plotHeight = height - pad.t - pad.b;
  const x = (i: number) => round1(pad.l + i * slot + slot / 2);
  const y = (v: number) => round1(pad.t + (1 - v) * plotHeight);
  for (const r of runs(months)) {
    if (r.data) continue;
    const first = months.indexOf(r.months[0]!);
    svg.append(svgEl(document, "rect", { class: "no-data", x: round1(pad.l + first * slot), y: pad.t, width: round1(r.months.length * slot), height: round1(plotHeight), fill: "#f3f3f3" }));
    svg.append(noDataLabel(x(first) + ((r.months.length - 1) * slot) / 2, pad.t + plotHeight / 2, r.months.length * slot, font, measure));
  }
  // the axis: 100 %, 50 % light, and the 0 % line a gap is told from
  for (const [v, label] of [[1, "100%"], [0.5, ""], [0, "0%"]] as const) {
    svg.append(svgEl(document, "line", { x1: pad.l, x2: width - pad.r, y1: y(v), y2: y(v), stroke: v === 0 ? "#767676" : "#e1e1e1", "stroke-width": 1 }));
    if (label) svg.append(svgEl(document, "text", { class: "axis", x: pad.l - 4, y: round1(y(v) + font / 3), "text-anchor": "end" }, label));
  }
  svg.append(...overdueBars(document, months, { left: pad.l, slot, bottom: height - pad.b, tall: plotHeight }));
  svg.append(rateLine(document, months, x, y, 2));
  months.forEach((m, i) => {
    if (m.rate !== null) svg.append(svgEl(document, "circle", { cx: x(i), cy: y(m.rate), r: Math.max(3, Math.round(font / 4)), fill: "#107c10", "data-month": m.round }));
  });
  // as many month labels as fit with room between them, counted back from the month shown
  const gap = font * 0.6;
  const widest = Math.max(...months.map((m) => measure(monthLabel(m.round))));
  const step = [1, 2, 3, 4, 6].find((s) => s * slot >= widest + gap) ?? months.length;
  const labelled = months.map((_, i) => i).filter((i) => (months.length - 1 - i) % step === 0);
  const monthBaseline = height - pad.b + font * 1.4;
  for (const i of labelled) svg.append(svgEl(document, "text", { class: "month", x: x(i), y: round1(monthBaseline), "text-anchor": "middle", "data-month": months[i]!.round }, monthLabel(months[i]!.round)));
  // the year under the first label and under the first of each new year; of two that would touch, the later stays
  const years: { x: number; w: number; text: string }[] = [];
  labelled.forEach((i, k) => {
    const year = months[i]!.round.slice(0, 4);
    if (k > 0 && months[labelled[k - 1]!]!.round.slice(0, 4) === year) return;
    const text = `${year}年`;
    const w = measure(text);
    const at = Math.min(Math.max(x(i), w / 2), width - w / 2);
    const last = years.at(-1);
    if (last && last.x + last.w / 2 + gap > at - w / 2) years.pop();
    years.push({ x: at, w, text });
  });
  for (const yr of years) svg.append(svgEl(document, "text", { class: "year", x: round1(yr.x), y: round1(monthBaseline + font * 1.3), "text-anchor": "middle" }, yr.text));
  return svg;
}

/** 无数据 across a stretch of months where it fits, else down it, a character a line (a single month on a phone). */
function noDataLabel(cx: number, cy: number, room: number, font: number, measure: (text: string) => number): SVGElement {
  const words = "无数据";
  const attrs = { class: "no-data", x: round1(cx), "text-anchor": "middle", fill: "#595959" };
  if (measure(words) + font / 2 <= room) return svgEl(document, "text", { ...attrs, y: round1(cy + font / 3) }, words);
  const label = svgEl(document, "text", { ...attrs, y: round1(cy - font * 1.1 + font / 3) });
  [...words].forEach((ch, i) => label.append(svgEl(document, "tspan", { x: round1(cx), dy: i === 0 ? 0 : "1.1em" }, ch)));
  return label;
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
  const months = trendMonths(trend);
  const trendBox = $("chart-trend");
  const size = chartSize("chart-trend");
  trendBox.replaceChildren(
    withDataTable(
      document,
      monthTrendChart(months, size, measurer(trendBox, size.font)),
      `近${months.length}个月平均${RATE_LABEL}与逾期事项`,
      ["月份", `平均${RATE_LABEL}`, "逾期事项"],
      months.map((m) => [yearMonth(m.round), m.rate === null ? NO_DATA : pct(m.rate), m.overdue === null ? "—" : String(m.overdue)]),
    ),
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
