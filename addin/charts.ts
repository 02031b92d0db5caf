/** Horizontal bar charts as inline SVG: no chart library, no CDN, works offline. */

export interface Bar {
  label: string;
  value: number;
  /** Shown at the bar's end. */
  text: string;
  color: string;
}

const SVG = "http://www.w3.org/2000/svg";

/**
 * The box a chart is drawn for, in CSS pixels, and the page's text size: a chart is drawn at the size it is shown,
 * never scaled down, so its words are as large as the page's own at 360 px and at 1280 px alike.
 */
export interface ChartSize {
  width: number;
  font: number;
}
const DEFAULT_SIZE: ChartSize = { width: 560, font: 12 };

/** How wide a text is drawn, near enough: a Chinese character one em, a Latin letter or digit a little over half. */
export const textWidth = (text: string, font: number): number => [...text].reduce((w, ch) => w + (ch.codePointAt(0)! >= 0x2e80 ? font : font * 0.6), 0);

/** `text` cut with … to fit `width`. */
function fitText(text: string, width: number, font: number): string {
  if (textWidth(text, font) <= width) return text;
  let out = "";
  for (const ch of text) {
    if (textWidth(`${out}${ch}…`, font) > width) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * `summary`: the chart in one sentence, its text alternative for screen readers (the numbers themselves go in
 * `withDataTable`).
 */
export function barChart(doc: Document, bars: readonly Bar[], max: number, empty: string, summary: string, size: ChartSize = DEFAULT_SIZE): Element {
  if (bars.length === 0) return Object.assign(doc.createElement("p"), { className: "muted", textContent: empty });
  const { width, font } = size;
  const rowH = Math.round(font * 1.7);
  const gap = Math.round(font / 2);
  const valueW = Math.max(...bars.map((b) => textWidth(b.text, font))) + gap;
  // the labels take what they need, up to two fifths of the box (never under six characters)
  const labelW = Math.min(Math.max(...bars.map((b) => textWidth(b.label, font))) + gap, Math.max(font * 6, width * 0.4));
  const barMax = Math.max(0, width - labelW - gap - valueW);
  const svg = doc.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${bars.length * rowH + gap}`);
  svg.setAttribute("font-size", String(font));
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", summary);
  bars.forEach((b, i) => {
    const y = i * rowH + gap;
    const baseline = y + Math.round(rowH * 0.55);
    const g = doc.createElementNS(SVG, "g");
    g.setAttribute("data-label", b.label);
    g.setAttribute("data-value", String(b.value));
    const label = doc.createElementNS(SVG, "text");
    label.setAttribute("x", String(labelW - gap));
    label.setAttribute("y", String(baseline));
    label.setAttribute("text-anchor", "end");
    label.textContent = fitText(b.label, labelW - gap, font);
    const w = max > 0 ? Math.max(0, (b.value / max) * barMax) : 0;
    const rect = doc.createElementNS(SVG, "rect");
    rect.setAttribute("x", String(labelW));
    rect.setAttribute("y", String(y));
    rect.setAttribute("width", String(w));
    rect.setAttribute("height", String(rowH - gap));
    rect.setAttribute("fill", b.color);
    const value = doc.createElementNS(SVG, "text");
    value.setAttribute("x", String(labelW + w + gap));
    value.setAttribute("y", String(baseline));
    value.textContent = b.text;
    const title = doc.createElementNS(SVG, "title");
    title.textContent = `${b.label}：${b.text}`;
    g.append(title, label, rect, value);
    svg.append(g);
  });
  return svg;
}

export interface TrendPoint {
  label: string;
  /** 0…1. */
  rate: number;
  overdue: number;
}

/**
 * Completion (a line, 0–100%) and lateness (bars) over months. `mini`: a sparkline for a table cell, its
 * numbers in its title.
 */
export function trendChart(doc: Document, points: readonly TrendPoint[], mini = false, size: ChartSize = DEFAULT_SIZE): Element {
  const { font } = size;
  const width = mini ? 90 : size.width;
  const height = mini ? 22 : Math.round(Math.min(font * 18, Math.max(font * 12, width * 0.32)));
  const pad = mini ? { l: 2, r: 2, t: 2, b: 2 } : { l: font * 3, r: font, t: font, b: font * 2 };
  const svg = doc.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  if (!mini) svg.setAttribute("font-size", String(font));
  svg.setAttribute("role", "img");
  const summary = points.map((p) => `${p.label}：完成率${Math.round(p.rate * 1000) / 10}%，逾期${p.overdue}项`).join("；");
  svg.setAttribute("aria-label", summary || "没有数据");
  const title = doc.createElementNS(SVG, "title");
  title.textContent = summary || "没有数据";
  svg.append(title);
  if (points.length === 0) return svg;
  const w = (width - pad.l - pad.r) / points.length;
  const y = (v: number) => pad.t + (1 - v) * (height - pad.t - pad.b);
  const most = Math.max(1, ...points.map((p) => p.overdue));
  points.forEach((p, i) => {
    const h = (p.overdue / most) * (height - pad.t - pad.b);
    const bar = doc.createElementNS(SVG, "rect");
    bar.setAttribute("x", String(pad.l + i * w + w * 0.25));
    bar.setAttribute("y", String(height - pad.b - h));
    bar.setAttribute("width", String(w * 0.5));
    bar.setAttribute("height", String(h));
    bar.setAttribute("fill", "#f4a09c");
    bar.setAttribute("data-overdue", String(p.overdue));
    svg.append(bar);
    if (!mini) {
      const label = doc.createElementNS(SVG, "text");
      label.setAttribute("x", String(pad.l + i * w + w / 2));
      label.setAttribute("y", String(height - Math.round(font / 2)));
      label.setAttribute("text-anchor", "middle");
      label.textContent = p.label;
      svg.append(label);
    }
  });
  const line = doc.createElementNS(SVG, "polyline");
  line.setAttribute("points", points.map((p, i) => `${pad.l + i * w + w / 2},${y(p.rate)}`).join(" "));
  line.setAttribute("fill", "none");
  line.setAttribute("stroke", "#107c10");
  line.setAttribute("stroke-width", mini ? "1.5" : "2");
  line.setAttribute("data-rates", points.map((p) => p.rate).join(","));
  svg.append(line);
  if (!mini) {
    for (const [v, text] of [[1, "100%"], [0, "0%"]] as const) {
      const t = doc.createElementNS(SVG, "text");
      t.setAttribute("x", String(pad.l - 4));
      t.setAttribute("y", String(y(v) + font / 3));
      t.setAttribute("text-anchor", "end");
      t.textContent = text;
      svg.append(t);
    }
  }
  return svg;
}

/**
 * A chart with its numbers as a table under it (folded, one keypress away): what a screen reader reads, and
 * what anyone who cannot tell the colours apart can check (WCAG 1.1.1, 1.4.1).
 */
export function withDataTable(doc: Document, chart: Element, caption: string, head: readonly string[], rows: readonly (readonly string[])[]): HTMLElement {
  const box = doc.createElement("div");
  box.append(chart);
  if (rows.length === 0) return box;
  const details = Object.assign(doc.createElement("details"), { className: "chart-data" });
  details.append(Object.assign(doc.createElement("summary"), { textContent: `查看数据表（${rows.length}行）` }));
  const table = Object.assign(doc.createElement("table"), { className: "list" });
  table.createCaption().textContent = caption;
  const tr = table.createTHead().insertRow();
  for (const h of head) tr.append(Object.assign(doc.createElement("th"), { scope: "col", textContent: h }));
  const body = table.createTBody();
  for (const r of rows) {
    const row = body.insertRow();
    r.forEach((text, i) => row.append(Object.assign(doc.createElement(i === 0 ? "th" : "td"), i === 0 ? { scope: "row", textContent: text } : { textContent: text })));
  }
  details.append(table);
  box.append(details);
  return box;
}
