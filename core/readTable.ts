/** Finds and reads the 任务分解表 in a workbook the way units' copies really look. */
import { OFFICIAL_COLUMNS, columnForHeader, type ColumnKey } from "./columns.js";
import { isBlank } from "./normalize.js";
import { SheetReader, type EffectiveCell } from "./sheetReader.js";
import type { SheetSnapshot, WorkbookSnapshot } from "./snapshot.js";

/** How far down a sheet the header row is looked for. */
const HEADER_SEARCH_ROWS = 40;
/** A row naming at least this many official columns is a header row. */
const HEADER_MIN_COLUMNS = 4;

export interface Field extends EffectiveCell {
  key: ColumnKey;
}

export interface TaskRow {
  /** The sheet row. */
  row: number;
  fields: Partial<Record<ColumnKey, Field>>;
}

export interface Located {
  text: string;
  row: number;
  col: number;
}

export interface DecompositionTable {
  sheet: string;
  headerRow: number;
  /** Column index of each recognised column. */
  columns: Partial<Record<ColumnKey, number>>;
  /** Columns the tools do not know (kept, ignored). */
  extraColumns: { col: number; header: string }[];
  rows: TaskRow[];
  /** The `填报单位：X` line: where it is and what it says (`text` is "" when left blank). */
  reportingUnit: Located | undefined;
  /** The plan year from the title (`2022年…`), if any. */
  year: number | undefined;
  title: string | undefined;
  reader: SheetReader;
}

/** The columns a row names, when it looks like the header. */
function headerColumns(reader: SheetReader, row: number): Map<ColumnKey, number> | undefined {
  const found = new Map<ColumnKey, number>();
  let official = 0;
  for (let c = 1; c <= reader.colCount; c++) {
    const key = columnForHeader(reader.own(row, c));
    if (key && !found.has(key)) {
      found.set(key, c);
      if (OFFICIAL_COLUMNS.includes(key)) official++;
    }
  }
  return official >= HEADER_MIN_COLUMNS ? found : undefined;
}

/** The first row, near the top, that holds the decomposition header. */
export function findHeaderRow(reader: SheetReader): number | undefined {
  const last = Math.min(reader.rowCount, HEADER_SEARCH_ROWS);
  for (let r = 1; r <= last; r++) if (headerColumns(reader, r)) return r;
  return undefined;
}

const REPORTING_UNIT = /^填报单位\s*[:：]?\s*(.*)$/s;

/** `填报单位：X` (or `填报单位：` with X in a cell to its right) within the given rows. */
export function findReportingUnit(reader: SheetReader, firstRow: number, lastRow: number): Located | undefined {
  for (let r = firstRow; r <= lastRow; r++) {
    for (let c = 1; c <= reader.colCount; c++) {
      const m = REPORTING_UNIT.exec(reader.own(r, c).trim());
      if (!m) continue;
      const inline = m[1]!.trim();
      if (inline !== "") return { text: inline, row: r, col: c };
      for (let c2 = c + 1; c2 <= reader.colCount; c2++) {
        const t = reader.own(r, c2).trim();
        if (t !== "") return { text: t, row: r, col: c2 };
      }
      // Blank: point at the cell where the name should go.
      return { text: "", row: r, col: reader.merges.at(r, c + 1) ? c + 1 : c };
    }
  }
  return undefined;
}

const YEAR_IN_TITLE = /((?:19|20)\d{2})\s*年/;
/** A title repeated after a page break: it ends in 任务分解表 and is no sentence; or 附件N; or a closing 备注. */
const SECTION_TITLE = /^[^，。；,;]*任务分解表$|^附件\s*\d+$|^(备注|注)\s*[:：]/;
const END_OF_TABLE = /^附件\s*[2-9２-９]|联络人(明细)?表$/;

/** Reads the decomposition table from one sheet, or `undefined` when the sheet has none. */
export function readTableFromSheet(sheet: SheetSnapshot): DecompositionTable | undefined {
  const reader = new SheetReader(sheet);
  const headerRow = findHeaderRow(reader);
  if (headerRow === undefined) return undefined;
  const headerMap = headerColumns(reader, headerRow)!;
  const columns = Object.fromEntries(headerMap) as Partial<Record<ColumnKey, number>>;
  const extraColumns: { col: number; header: string }[] = [];
  const known = new Set(headerMap.values());
  for (let c = 1; c <= reader.colCount; c++) {
    const h = reader.own(headerRow, c).trim();
    if (h !== "" && !known.has(c)) extraColumns.push({ col: c, header: h });
  }

  let title: string | undefined;
  let year: number | undefined;
  for (let r = 1; r < headerRow; r++) {
    for (const t of reader.rowTexts(r)) {
      const s = t.trim();
      if (s === "" || REPORTING_UNIT.test(s) || /^附件\s*\d+$/.test(s)) continue;
      title ??= s;
      const y = YEAR_IN_TITLE.exec(s);
      if (y && year === undefined) year = Number(y[1]);
    }
  }
  if (year === undefined) {
    const y = YEAR_IN_TITLE.exec(sheet.name);
    if (y) year = Number(y[1]);
  }

  const tableCols = [...headerMap.values()];
  const left = Math.min(...tableCols);
  const right = Math.max(...tableCols);
  const rows: TaskRow[] = [];
  for (let r = headerRow + 1; r <= reader.rowCount; r++) {
    if (headerColumns(reader, r)) continue; // header repeated on every page
    const ownTexts: string[] = [];
    for (let c = left; c <= right; c++) {
      const t = reader.own(r, c).trim();
      if (t !== "") ownTexts.push(t);
    }
    if (ownTexts.length === 0) continue;
    const first = ownTexts[0]!;
    if (ownTexts.length === 1 && END_OF_TABLE.test(first)) break;
    if (ownTexts.length === 1 && isSectionTitle(reader, r, left, right, first)) continue;
    const fields: Partial<Record<ColumnKey, Field>> = {};
    for (const [key, c] of headerMap) {
      const f = reader.cell(r, c) as Field;
      f.key = key;
      fields[key] = f;
    }
    rows.push({ row: r, fields });
  }

  return {
    sheet: sheet.name,
    headerRow,
    columns,
    extraColumns,
    rows,
    reportingUnit: findReportingUnit(reader, 1, headerRow - 1),
    year,
    title,
    reader,
  };
}

/** A title repeated mid-table after a page break: one cell across most of the table, or a known title. */
function isSectionTitle(reader: SheetReader, row: number, left: number, right: number, text: string): boolean {
  if (SECTION_TITLE.test(text)) return true;
  for (let c = left; c <= right; c++) {
    const m = reader.merges.at(row, c);
    if (m && m.top === row && m.right - m.left + 1 >= Math.ceil((right - left + 1) / 2)) return true;
  }
  return false;
}

/** The first sheet holding the decomposition table, if any. */
export function readTable(workbook: WorkbookSnapshot): DecompositionTable | undefined {
  for (const sheet of workbook.sheets) {
    const t = readTableFromSheet(sheet);
    if (t) return t;
  }
  return undefined;
}

/** The effective text of a field, "" when the column is absent. */
export function fieldText(row: TaskRow, key: ColumnKey): string {
  return row.fields[key]?.text.trim() ?? "";
}

export function hasValue(row: TaskRow, key: ColumnKey): boolean {
  return !isBlank(row.fields[key]?.text);
}


/** A row's name for people: its 三级指标, or its 二级指标 where 三级 is "-" or blank. */
export function taskLabel(row: TaskRow): string {
  const l3 = fieldText(row, "level3");
  return l3 === "" || l3 === "-" ? fieldText(row, "level2") : l3;
}
