/** A read-only preview of a sheet with its merged cells and the colours and messages of CONTRACT §3. */
import { MARK_COLORS, MergeIndex, NOTE_HEADER, SEVERITY_LABEL, cellAddress, type CellMark, type MarkStyle, type SheetSnapshot } from "../core/index.js";

/** Each mark's symbol and word: colour is never the only sign (WCAG 1.4.1). */
export const MARK_SIGNS: Record<MarkStyle, { symbol: string; word: string }> = {
  error: { symbol: "✖", word: SEVERITY_LABEL.error },
  warning: { symbol: "⚠", word: SEVERITY_LABEL.warning },
  done: { symbol: "✔", word: "已完成" },
  info: { symbol: "ℹ", word: SEVERITY_LABEL.info },
};

/** Rows shown at most: a preview, not a spreadsheet. */
export const PREVIEW_ROWS = 400;

export function renderPreview(doc: Document, sheet: SheetSnapshot, marks: readonly CellMark[]): HTMLElement {
  const rows = Math.min(sheet.rows.length, PREVIEW_ROWS);
  const cols = sheet.rows.reduce((n, r) => Math.max(n, r.length), 0);
  const merges = new MergeIndex(sheet.merges, rows, cols);
  const byCell = new Map(marks.filter((m) => m.sheet === sheet.name).map((m) => [`${m.row},${m.col}`, m]));
  const table = doc.createElement("table");
  table.className = "preview";
  const head = table.createTHead().insertRow();
  const corner = Object.assign(doc.createElement("th"), { scope: "col" });
  corner.append(Object.assign(doc.createElement("span"), { className: "sr-only", textContent: "行号" }));
  head.append(corner);
  for (let c = 1; c <= cols; c++) head.append(Object.assign(doc.createElement("th"), { scope: "col", textContent: cellAddress(1, c).replace(/\d+$/, "") }));
  const body = table.createTBody();
  for (let r = 1; r <= rows; r++) {
    const tr = body.insertRow();
    tr.append(Object.assign(doc.createElement("th"), { scope: "row", textContent: String(r) }));
    for (let c = 1; c <= cols; c++) {
      const m = merges.at(r, c);
      if (m && (m.top !== r || m.left !== c)) continue; // covered by its merged area's top-left cell
      const td = tr.insertCell();
      td.dataset.cell = cellAddress(r, c);
      td.tabIndex = -1; // a finding's cell takes the focus when the finding is chosen
      td.textContent = sheet.rows[r - 1]?.[c - 1]?.text ?? "";
      if (m) {
        td.rowSpan = Math.min(m.bottom, rows) - m.top + 1;
        td.colSpan = m.right - m.left + 1;
      }
      const mark = byCell.get(`${r},${c}`);
      if (mark) {
        td.classList.add(`mark-${mark.style}`);
        const sign = MARK_SIGNS[mark.style];
        const symbol = Object.assign(doc.createElement("span"), { className: "sym", textContent: sign.symbol });
        symbol.setAttribute("aria-hidden", "true");
        td.prepend(symbol);
        // what a screen reader says of the cell: its mark in words and the message the cell's note carries
        const said = (mark.note ?? "").replace(NOTE_HEADER, "").trim(); // each message already begins with its word (错误：…)
        td.append(Object.assign(doc.createElement("span"), { className: "sr-only", textContent: `（${said || sign.word}）` }));
        if (mark.style !== "info") {
          td.style.background = MARK_COLORS[mark.style].fill;
          td.style.color = MARK_COLORS[mark.style].font;
        }
        if (mark.note) td.title = mark.note;
      }
    }
  }
  const wrap = doc.createElement("div");
  wrap.className = "preview-wrap";
  // a scrolling box the keyboard can reach and scroll (WCAG 2.1.1)
  wrap.tabIndex = 0;
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", `表格预览：${sheet.name}（可用方向键滚动）`);
  wrap.append(table);
  if (sheet.rows.length > rows) wrap.append(Object.assign(doc.createElement("p"), { className: "muted", textContent: `只显示前 ${rows} 行。` }));
  return wrap;
}
