/**
 * The record the add-in's first version kept in the workbook (a custom XML part): what each cell it
 * coloured looked like before. Marks are conditional formats now and need no record; a workbook marked by
 * that version still has one, which 清除标记 and 校验 read once to put those cells back, then delete.
 */

export const MARK_NAMESPACE = "urn:gongkai-ledger:marks:1";

export interface SavedCell {
  sheet: string;
  /** The cell, or the whole merged area, that was coloured. */
  range: string;
  /** The top-left cell, where the note is. */
  cell: string;
  /** The fill before: a colour, or `null` for No Fill. */
  fill: string | null;
  font: string;
  /** The user's own note on the cell before, if any; `undefined` when the add-in wrote no note. */
  userNote?: string | null;
  /** True when the message went into a comment of the add-in's own. */
  comment?: boolean;
}

export interface MarkRecord {
  version: 1;
  cells: SavedCell[];
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

export function recordToXml(record: MarkRecord): string {
  return `<marks xmlns="${MARK_NAMESPACE}">${escape(JSON.stringify(record))}</marks>`;
}

/** `undefined` for anything that is not a record this version wrote. */
export function recordFromXml(xml: string): MarkRecord | undefined {
  const m = /<marks[^>]*>([\s\S]*)<\/marks>/.exec(xml);
  if (!m) return undefined;
  try {
    const r = JSON.parse(unescape(m[1]!)) as MarkRecord;
    return r.version === 1 && Array.isArray(r.cells) ? r : undefined;
  } catch {
    return undefined;
  }
}

