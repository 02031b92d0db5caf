/**
 * Where a host cannot say which cells are merged (Excel before ExcelApi 1.13), a blank cell under a
 * value in a column whose cells the official table merges is most likely covered by that value.
 * Inferring those merges keeps the checks from flooding the user with false "blank cell" errors; the
 * add-in says that the check is less strict there.
 */
import { isHeaderWord, type ColumnKey } from "./columns.js";
import { findHeader } from "./readHeader.js";
import { SheetReader } from "./sheetReader.js";
import type { CellRange, SheetSnapshot } from "./snapshot.js";

/** Columns the official table merges down a section. */
const MERGED_DOWN: readonly ColumnKey[] = ["level1", "level2", "measure", "lead", "responsible", "coResponsible", "deadline"];

export function inferMerges(sheet: SheetSnapshot): CellRange[] {
  const reader = new SheetReader(sheet);
  const found = findHeader(reader);
  if (found === undefined) return [];
  const header = found.rows.at(-1)!;
  const roles = found.columns;
  const cols = MERGED_DOWN.flatMap((k) => (roles.has(k) ? [roles.get(k)!] : []));
  const hasContent = (r: number) => reader.rowTexts(r).some((t) => t.trim() !== "");
  const merges: CellRange[] = [];
  for (const c of cols) {
    let top: number | undefined;
    let bottom = 0;
    const close = () => {
      if (top !== undefined && bottom > top) merges.push({ top, left: c, bottom, right: c });
      top = undefined;
    };
    for (let r = header + 1; r <= reader.rowCount; r++) {
      const text = reader.own(r, c).trim();
      if (text === "") {
        if (top !== undefined && hasContent(r)) bottom = r;
        else close();
        continue;
      }
      close();
      // A header repeated after a page break starts nothing.
      if (!isHeaderWord(text)) top = bottom = r;
    }
    close();
  }
  return merges;
}
