/** Charts as inline SVG — horizontal bars, and a trend's rate line and late-item bars: no chart library, no CDN, works offline. */

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

/** A month of a trend: its rate (0…1) and its late items, or null where no report counts in it (no data, never 0). */
export interface TrendMonth {
  round: string;
  rate: number | null;
  overdue: number | null;
}

/** A coordinate to a tenth of a pixel: what an SVG attribute needs, no more. */
export const round1 = (n: number): number => Math.round(n * 10) / 10;

/** An SVG element with these attributes (and text). */
export function svgEl(doc: Document, name: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = doc.createElementNS(SVG, name) as SVGElement;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * The rate line through the months with data, broken over months without: one polyline (its `data-rates` a value a
 * month, empty where there is none) whose dashes leave out each segment that would bridge a gap.
 */
export function rateLine(doc: Document, months: readonly TrendMonth[], x: (i: number) => number, y: (v: number) => number, strokeWidth: number): SVGElement {
  const points = months.flatMap((m, i) => (m.rate === null ? [] : [{ i, x: x(i), y: y(m.rate) }]));
  const line = svgEl(doc, "polyline", {
    points: points.map((p) => `${p.x},${p.y}`).join(" "),
    fill: "none",
    stroke: "#107c10",
    "stroke-width": strokeWidth,
    "data-rates": months.map((m) => (m.rate === null ? "" : String(m.rate))).join(","),
  });
  // drawn lengths and gaps alternate, starting with a drawn one (0 where the first segment is a gap)
  const dashes: number[] = [0];
  points.slice(1).forEach((p, k) => {
    const q = points[k]!;
    const length = Math.hypot(p.x - q.x, p.y - q.y);
    const bridges = p.i - q.i > 1;
    if (bridges === (dashes.length % 2 === 0)) dashes[dashes.length - 1]! += length;
    else dashes.push(length);
  });
  if (dashes.length > 1) {
    // SVG repeats the pattern past its end: it ends on a gap longer than the whole line
    const whole = dashes.reduce((a, b) => a + b, 0);
    if (dashes.length % 2 === 1) dashes.push(whole);
    else dashes[dashes.length - 1]! += whole;
    line.setAttribute("stroke-dasharray", dashes.map((d) => Math.round(d * 100) / 100).join(" "));
  }
  return line;
}

/**
 * The months' late items as bars in slots of `slot` from `left`, up from `bottom`, the month with the most `tall`;
 * none for a month without data.
 */
export function overdueBars(doc: Document, months: readonly TrendMonth[], p: { left: number; slot: number; bottom: number; tall: number }): SVGElement[] {
  const most = Math.max(1, ...months.map((m) => m.overdue ?? 0));
  return months.flatMap((m, i) => {
    if (m.overdue === null) return [];
    const h = round1((m.overdue / most) * p.tall);
    return [svgEl(doc, "rect", { x: round1(p.left + i * p.slot + p.slot * 0.25), y: round1(p.bottom - h), width: round1(p.slot * 0.5), height: h, fill: "#f4a09c", "data-month": m.round, "data-overdue": m.overdue })];
  });
}

/**
 * A unit's months as a sparkline for a table cell: its rate (a line, broken over months without data, as the board's
 * trend is) and its late items (bars); `summary` its numbers in words, the cell's title and the image's label.
 */
export function sparkline(doc: Document, months: readonly TrendMonth[], summary: string): Element {
  const width = 90;
  const height = 22;
  const pad = 2;
  const svg = svgEl(doc, "svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": summary || "没有数据" });
  svg.append(svgEl(doc, "title", {}, summary || "没有数据"));
  if (months.length === 0) return svg;
  const slot = (width - 2 * pad) / months.length;
  const y = (v: number) => pad + (1 - v) * (height - 2 * pad);
  svg.append(...overdueBars(doc, months, { left: pad, slot, bottom: height - pad, tall: height - 2 * pad }));
  svg.append(rateLine(doc, months, (i) => pad + i * slot + slot / 2, y, 1.5));
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
