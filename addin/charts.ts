/** Horizontal bar charts as inline SVG: no chart library, no CDN, works offline. */

export interface Bar {
  label: string;
  value: number;
  /** Shown at the bar's end. */
  text: string;
  color: string;
}

const SVG = "http://www.w3.org/2000/svg";

export function barChart(doc: Document, bars: readonly Bar[], max: number, empty: string): Element {
  if (bars.length === 0) return Object.assign(doc.createElement("p"), { className: "muted", textContent: empty });
  const rowH = 22;
  const labelW = 170;
  const width = 560;
  const svg = doc.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${bars.length * rowH + 6}`);
  svg.setAttribute("role", "img");
  bars.forEach((b, i) => {
    const y = i * rowH + 4;
    const g = doc.createElementNS(SVG, "g");
    g.setAttribute("data-label", b.label);
    g.setAttribute("data-value", String(b.value));
    const label = doc.createElementNS(SVG, "text");
    label.setAttribute("x", String(labelW - 6));
    label.setAttribute("y", String(y + 13));
    label.setAttribute("text-anchor", "end");
    label.textContent = b.label.length > 12 ? `${b.label.slice(0, 12)}…` : b.label;
    const w = max > 0 ? Math.max(0, (b.value / max) * (width - labelW - 60)) : 0;
    const rect = doc.createElementNS(SVG, "rect");
    rect.setAttribute("x", String(labelW));
    rect.setAttribute("y", String(y));
    rect.setAttribute("width", String(w));
    rect.setAttribute("height", String(rowH - 6));
    rect.setAttribute("fill", b.color);
    const value = doc.createElementNS(SVG, "text");
    value.setAttribute("x", String(labelW + w + 4));
    value.setAttribute("y", String(y + 13));
    value.textContent = b.text;
    const title = doc.createElementNS(SVG, "title");
    title.textContent = `${b.label}：${b.text}`;
    g.append(title, label, rect, value);
    svg.append(g);
  });
  return svg;
}
