/** An annotated copy: the core's format plan applied with exceljs, everything else left as it was. */
import type ExcelJS from "exceljs";
import { MARK_COLORS, parseRange, type CellMark } from "../core/index.js";
import { argb } from "./styles.js";


/** A note's plain text, whether exceljs holds it as a string or as rich text. */
export function noteOf(cell: ExcelJS.Cell): string | undefined {
  const n = cell.note as string | ExcelJS.Comment | undefined;
  if (n === undefined || n === null) return undefined;
  if (typeof n === "string") return n;
  return (n.texts ?? []).map((t) => t.text).join("");
}

/**
 * Colours and notes every mark in place. A user's note is kept and the message added below it.
 * Styles are replaced, never mutated: exceljs shares one style object between cells loaded with
 * the same style, so mutating one would colour them all.
 */
export function applyMarks(wb: ExcelJS.Workbook, marks: readonly CellMark[]): void {
  for (const m of marks) {
    const ws = wb.getWorksheet(m.sheet);
    if (!ws) continue;
    if (m.style !== "info") {
      const colors = MARK_COLORS[m.style];
      const r = parseRange(m.range)!;
      for (let row = r.top; row <= r.bottom; row++) {
        for (let col = r.left; col <= r.right; col++) {
          const cell = ws.getCell(row, col);
          const style = cell.style ?? {};
          cell.style = {
            ...style,
            fill: { type: "pattern", pattern: "solid", fgColor: { argb: argb(colors.fill) } },
            font: { ...(style.font ?? {}), color: { argb: argb(colors.font) } },
          };
        }
      }
    }
    if (m.note !== "") {
      const cell = ws.getCell(m.row, m.col);
      const user = noteOf(cell);
      cell.note = user ? `${user}\n\n${m.note}` : m.note;
    }
  }
}
