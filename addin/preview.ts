/** A read-only preview of a sheet with its merged cells and the colours and messages of CONTRACT §3. */
import { MARK_COLORS, MergeIndex, cellAddress, type CellMark, type SheetSnapshot } from "../core/index.js";

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
  head.append(doc.createElement("th"));
  for (let c = 1; c <= cols; c++) head.append(Object.assign(doc.createElement("th"), { textContent: cellAddress(1, c).replace(/\d+$/, "") }));
  const body = table.createTBody();
  for (let r = 1; r <= rows; r++) {
    const tr = body.insertRow();
    tr.append(Object.assign(doc.createElement("th"), { textContent: String(r) }));
    for (let c = 1; c <= cols; c++) {
      const m = merges.at(r, c);
      if (m && (m.top !== r || m.left !== c)) continue; // covered by its merged area's top-left cell
      const td = tr.insertCell();
      td.dataset.cell = cellAddress(r, c);
      td.textContent = sheet.rows[r - 1]?.[c - 1]?.text ?? "";
      if (m) {
        td.rowSpan = Math.min(m.bottom, rows) - m.top + 1;
        td.colSpan = m.right - m.left + 1;
      }
      const mark = byCell.get(`${r},${c}`);
      if (mark) {
        td.classList.add(`mark-${mark.style}`);
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
  wrap.append(table);
  if (sheet.rows.length > rows) wrap.append(Object.assign(doc.createElement("p"), { className: "muted", textContent: `只显示前 ${rows} 行。` }));
  return wrap;
}
