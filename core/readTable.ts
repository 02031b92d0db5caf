/** Finds and reads the 任务分解表 in a workbook the way units' copies really look. */
import { isHeaderWord, rolesOfHeaderRow, type ColumnKey } from "./columns.js";
import { isBlank, isSpaceCode, labelKey } from "./normalize.js";
import { HEADER_SEARCH_ROWS, HEADING, findHeader, type ColumnCorrections, type ColumnHow } from "./readHeader.js";
import { SheetReader, type EffectiveCell } from "./sheetReader.js";
import { cellAddress, type SheetSnapshot, type WorkbookSnapshot } from "./snapshot.js";

export type Field = EffectiveCell & { key: ColumnKey };

export interface TaskRow {
  /** The sheet row. */
  row: number;
  fields: Partial<Record<ColumnKey, Field>>;
  /** The same fields as a list, in the table's column order (for rules that look at every cell). */
  cells: readonly Field[];
  /**
   * The merged-in cells (`continuation`) `forEachCell` looks at from this row besides its own: those no task row above
   * shows (a merge begun on a heading, or across columns from one that has no role). Usually none.
   */
  firstShown: readonly Field[];
  /** The heading rows above it, outermost first (`一、…`, `（二）…`, a title across the table): its groups. */
  headings: readonly string[];
}

export interface Located {
  text: string;
  row: number;
  col: number;
}

export interface DecompositionTable {
  sheet: string;
  /** The header's first row. */
  headerRow: number;
  /** Every row the header is written over (two or three where a header cell stands over others). */
  headerRows: number[];
  /** How each column with a role got it (a listed word, the header's words, a merged header, a correction). */
  columnHow: Map<number, ColumnHow>;
  /** Rows between tasks that are headings or titles, not tasks. */
  headings: { row: number; text: string }[];
  /** Column index of each recognised column. */
  columns: Partial<Record<ColumnKey, number>>;
  /** Each recognised column's header as the table writes it (`工 作 任 务` → `工作任务`). */
  headers: Partial<Record<ColumnKey, string>>;
  /** Each column's header as read, by column (`headerTexts[c - 1]`; rows' words joined by `/`). */
  headerTexts: string[];
  /** Columns the tools do not know (kept, ignored). */
  extraColumns: { col: number; header: string }[];
  rows: TaskRow[];
  /** The `填报单位：X` line: where it is and what it says (`text` is "" when left blank). */
  reportingUnit: Located | undefined;
  /** The plan year from the title (`2022年…`), if any. */
  year: number | undefined;
  title: string | undefined;
  /** The 附件 line above the title as published (`附件1`, `附件`), if there is one. */
  attachmentLine: string | undefined;
  reader: SheetReader;
}

/** The first row, near the top, that holds the decomposition header. */
export function findHeaderRow(reader: SheetReader): number | undefined {
  return findHeader(reader)?.rows[0];
}

/** The roles the most header-like row near the top of any sheet names: what a table that was not found has. */
export function bestHeaderGuess(workbook: WorkbookSnapshot): { sheet: string; row: number; roles: Map<ColumnKey, number> } | undefined {
  let best: { sheet: string; row: number; roles: Map<ColumnKey, number> } | undefined;
  for (const sheet of workbook.sheets) {
    const reader = new SheetReader(sheet);
    const last = Math.min(reader.rowCount, HEADER_SEARCH_ROWS);
    for (let r = 1; r <= last; r++) {
      const roles = rolesOfHeaderRow(reader.rowTexts(r));
      if (roles.size > (best?.roles.size ?? 0)) best = { sheet: sheet.name, row: r, roles };
    }
  }
  return best;
}

/** `填报单位：X`, `填报单位（盖章）：X`, `报送单位:X`: the label, then the name (or nothing). */
const REPORTING_UNIT = /^(?:填报|报送)(?:单位|部门)\s*(?:[（(][^）)]*[）)])?\s*[:：]?\s*(.*)$/s;
/** What may follow the name on the same line: `填报人：…`, `填报日期：…`, `联系电话：…`. */
const AFTER_NAME = /\s{2,}|\s*(?:填报人|填报日期|报送日期|联系人|联系电话|日期|时间)\s*[:：]/;

/** The unit named after a `填报单位` label (the rest of a line that carries other fields is cut off). */
export function reportingUnitName(text: string): string | undefined {
  const m = REPORTING_UNIT.exec(text.trim());
  if (!m) return undefined;
  return m[1]!.split(AFTER_NAME)[0]!.trim();
}

/** `填报单位：X` (or `填报单位：` with X in a cell to its right) within the given rows. */
export function findReportingUnit(reader: SheetReader, firstRow: number, lastRow: number): Located | undefined {
  for (let r = firstRow; r <= lastRow; r++) {
    for (let c = 1; c <= reader.colCount; c++) {
      const inline = reportingUnitName(reader.own(r, c));
      if (inline === undefined) continue;
      if (inline !== "") return { text: inline, row: r, col: c };
      for (let c2 = c + 1; c2 <= reader.colCount; c2++) {
        const t = reader.own(r, c2).trim();
        if (t !== "") return { text: t.split(AFTER_NAME)[0]!.trim(), row: r, col: c2 };
      }
      // Blank: point at the cell where the name should go.
      return { text: "", row: r, col: reader.merges.at(r, c + 1) ? c + 1 : c };
    }
  }
  return undefined;
}

const YEAR_IN_TITLE = /((?:19|20)\d{2})\s*年/;
/** A table's title: `…任务分解表`, `…任务清单`, `…工作要点`, `…分工方案`. */
const TITLE_LIKE = /(表|清单|方案|台账|要点|计划|分工)$/;
/** A document number line: `白政办发〔2022〕30号`, `城政办〔2024〕5号附件`. */
const DOCUMENT_NUMBER = /[〔[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d*\s*号/;
/** A title repeated after a page break: it ends in 任务分解表 and is no sentence; or 附件N; or a closing 备注. */
const SECTION_TITLE = /^[^，。；,;]*(任务分解表|任务清单|任务分工表|分工方案|工作台账|任务表)$|^附件\s*\d+$|^(备注|注)\s*[:：]/;
const END_OF_TABLE = /^附件\s*[2-9２-９]|联络人(明细)?表$/;
/** A cell that is only a serial number (`5`, `（3）`): a row holding nothing else is left over, not a heading. */
const SERIAL_ONLY = /^[（(]?\d{1,4}[)）]?[.、．]?$/;

/** What a reading of a table may be told: the coordinator's corrections (core/tableMapping.ts). */
export interface ReadOptions {
  columns?: ColumnCorrections;
  /** Rows that are headings, not tasks: where given, these and no rows guessed alike (titles across the table stay titles). */
  headingRows?: readonly number[];
  /** Texts of rows that are headings (a copy of a table whose headings the coordinator named): such rows are headings. */
  headingTexts?: readonly string[];
}

/** Reads the decomposition table from one sheet, or `undefined` when the sheet has none. */
export function readTableFromSheet(sheet: SheetSnapshot, options: ReadOptions = {}): DecompositionTable | undefined {
  const reader = new SheetReader(sheet);
  const header = findHeader(reader, options.columns);
  if (header === undefined) return undefined;
  const headerRow = header.rows[0]!;
  const lastHeaderRow = header.rows.at(-1)!;
  const headerTexts = header.texts;
  const headerMap = header.columns;
  const columns = Object.fromEntries(headerMap) as Partial<Record<ColumnKey, number>>;
  const headers: Partial<Record<ColumnKey, string>> = {};
  for (const [key, c] of headerMap) headers[key] = headerTexts[c - 1]!.replace(/\s+/g, "");
  const extraColumns: { col: number; header: string }[] = [];
  const known = new Set(headerMap.values());
  for (let c = 1; c <= reader.colCount; c++) {
    const h = (headerTexts[c - 1] ?? "").trim();
    if (h !== "" && !known.has(c)) extraColumns.push({ col: c, header: h });
  }

  // the lines above the header: the title is the one that reads as a table's title, else the first that is not a
  // 附件 line or a document number (`城政办〔2024〕5号附件`)
  const lines: string[] = [];
  let attachmentLine: string | undefined;
  for (let r = 1; r < headerRow; r++) {
    for (const t of reader.rowTexts(r)) {
      const s = t.trim();
      const attachment = /^附件\s*[\d一二三四五六七八九]*\s*[:：]?$/.test(s);
      if (attachment) attachmentLine ??= s;
      if (s === "" || REPORTING_UNIT.test(s) || attachment) continue;
      lines.push(s);
    }
  }
  const title = lines.find((s) => TITLE_LIKE.test(s)) ?? lines.find((s) => !DOCUMENT_NUMBER.test(s)) ?? lines[0];
  let year: number | undefined;
  for (const s of title === undefined ? lines : [title, ...lines]) {
    const y = YEAR_IN_TITLE.exec(s);
    if (y) {
      year = Number(y[1]);
      break;
    }
  }
  if (year === undefined) {
    const y = YEAR_IN_TITLE.exec(sheet.name);
    if (y) year = Number(y[1]);
  }

  const headings: { row: number; text: string }[] = [];
  const rows = taskRows(reader, headerMap, lastHeaderRow, headerTexts, options, headings);

  return {
    sheet: sheet.name,
    headerRow,
    headerRows: header.rows,
    headerTexts,
    columnHow: header.how,
    headings,
    columns,
    headers,
    extraColumns,
    rows,
    reportingUnit: findReportingUnit(reader, 1, headerRow - 1),
    year,
    title,
    attachmentLine,
    reader,
  };
}

/** The task rows under the header; the headings between them go to `headings`. */
function taskRows(
  reader: SheetReader,
  headerMap: ReadonlyMap<ColumnKey, number>,
  lastHeaderRow: number,
  headerTexts: readonly string[],
  given: ReadOptions,
  headings: { row: number; text: string }[],
): TaskRow[] {
  const sheet = reader.sheet;
  const rows: TaskRow[] = [];
  const tableCols = [...headerMap.values()];
  const left = Math.min(...tableCols);
  const right = Math.max(...tableCols);
  const roleKeys = [...headerMap.keys()];
  const roleCols = [...headerMap.values()];
  const continued = new Array<Field | undefined>(reader.merges.count).fill(undefined); // by the merge's number: the field its rows below the first share
  const isTableCol = new Uint8Array(right + 1);
  for (const c of tableCols) isTableCol[c] = 1;
  const headerWords = Math.min(2, tableCols.length);
  const isTaskRow = new Uint8Array(reader.rowCount + 1); // 1 at each task row read so far
  const seen = new Set<string>(); // merged cells looked at from a row other than their first (`firstShown`)
  const headerKeys = headerTexts.map((t) => labelKey(t.split("/").at(-1) ?? ""));
  const givenHeadings = given.headingRows && given.headingRows.length > 0 ? new Set(given.headingRows) : undefined;
  const headingTexts = new Set((given.headingTexts ?? []).map(labelKey));
  let groups: string[] = []; // the headings above the row, outermost first
  const heading = (row: number, text: string) => {
    headings.push({ row, text });
    const depth = /^[（(][一二三四五六七八九十]+[）)]/.test(text) ? 1 : 0;
    groups = [...groups.slice(0, depth), text];
  };
  for (let r = lastHeaderRow + 1; r <= reader.rowCount; r++) {
    const own = sheet.rows[r - 1] ?? []; // the row's own cells (a merged area's text is in its first)
    // The row's own texts, looked at once without gathering them: how many, the first, whether all close the
    // table, whether those in the table's columns are all header words (the header repeated after a page break).
    let filled = 0;
    let first = "";
    let allClosing = true;
    let allHeader = true;
    let words = 0;
    for (let c = left; c <= right; c++) {
      const t = own[c - 1]?.text;
      if (t === undefined || isBlank(t)) continue;
      if (filled++ === 0) first = t.trim();
      if (allClosing && !isClosingLine(t)) allClosing = false;
      if (allHeader && isTableCol[c] === 1) {
        allHeader = isHeaderWord(t) || labelKey(t) === headerKeys[c - 1];
        words++;
      }
    }
    if (allHeader && words >= headerWords) continue; // header repeated on every page
    if (filled === 0) continue;
    if (filled === 1 && END_OF_TABLE.test(first)) break;
    if (filled === 1 && SECTION_TITLE.test(first)) continue; // the title repeated after a page break, a note
    if (filled === 1 && isAcross(reader, r, left, right)) {
      heading(r, first); // one cell across the table: a section's heading
      continue;
    }
    const cells: Field[] = [];
    const fields: Partial<Record<ColumnKey, Field>> = {};
    for (let k = 0; k < roleKeys.length; k++) {
      const key = roleKeys[k]!;
      const c = roleCols[k]!;
      // A merged cell's rows below its first share one field per column (merged columns repeat on every row).
      const n = reader.merges.numberAt(r, c);
      const m = reader.merges.numbered(n);
      let f: Field;
      if (m && m.top !== r) {
        const shared = continued[n];
        f = shared?.key === key ? shared : reader.fieldIn(r, c, key, m);
        if (shared === undefined) continued[n] = f;
      } else f = reader.fieldIn(r, c, key, m);
      cells.push(f);
      fields[key] = f;
    }
    if (allClosing) break;
    // A heading (`一、加强政策解读`, no one named, no deadline) or a row with nothing of a task is no task; where the
    // coordinator said which rows are headings, those are.
    const measure = fields.measure && !isBlank(fields.measure.text) ? fields.measure.value : undefined;
    const namesNoOne = WHO_AND_WHEN.every((key) => isBlank(fields[key]?.text));
    const looksLikeHeading = namesNoOne && (measure === undefined || HEADING.test(measure));
    const listed = headingTexts.size > 0 && headingTexts.has(labelKey(measure ?? first));
    if (listed || (givenHeadings ? givenHeadings.has(r) || (namesNoOne && measure === undefined) : looksLikeHeading)) {
      const text = measure ?? first;
      if (!SERIAL_ONLY.test(text.normalize("NFKC"))) heading(r, text);
      continue;
    }
    rows.push({ row: r, fields, cells, firstShown: firstShown(cells, r, isTaskRow, seen), headings: groups });
    isTaskRow[r] = 1;
  }
  return rows;
}

/**
 * The merged-in cells of a task row that `forEachCell` looks at from it: a merged cell is looked at from the first row
 * that shows it — the merge's first row where that is a task row, else the first task row under it (remembered in
 * `seen`); a merge over columns of one row, in its first cell.
 */
function firstShown(cells: readonly Field[], row: number, isTaskRow: Uint8Array, seen: Set<string>): readonly Field[] {
  let out: Field[] | undefined;
  for (const f of cells) {
    if (!f.continuation || (f.row === row ? ownsColumn(cells, f.col) : isTaskRow[f.row] === 1)) continue;
    const id = cellAddress(f.row, f.col);
    if (seen.has(id)) continue;
    seen.add(id);
    (out ??= []).push(f);
  }
  return out ?? NONE;
}

const NONE: readonly Field[] = [];

/** Whether a row's own (not merged-in) cells include one in column `col`. */
function ownsColumn(cells: readonly Field[], col: number): boolean {
  for (let k = 0; k < cells.length; k++) if (!cells[k]!.continuation && cells[k]!.col === col) return true;
  return false;
}

/** The cells that say who answers for a task or by when: a row naming none of them may be a heading. */
const WHO_AND_WHEN = ["lead", "responsible", "coResponsible", "deadline"] as const;

/** The lines under a table: `填表人：`, `审核人：`, `联系电话：`, `填报日期：`. */
const CLOSING_LINE = /^\s*(?:填表人|填报人|审核人|审核|联系人|联系电话|负责人|单位负责人|填报日期|报送日期|日期)\s*[:：]/;
/** The characters a closing line's label starts with. */
const CLOSING_FIRST = new Set([..."填审联负单报日"].map((c) => c.charCodeAt(0)));

/** `CLOSING_LINE.test(t)`, with most texts (every row's first cell is asked) ruled out by their first character. */
function isClosingLine(t: string): boolean {
  let i = 0;
  while (i < t.length && isSpaceCode(t.charCodeAt(i))) i++;
  return i < t.length && CLOSING_FIRST.has(t.charCodeAt(i)) && CLOSING_LINE.test(t);
}

/** One cell across most of the table: a section heading, or a title repeated after a page break. */
function isAcross(reader: SheetReader, row: number, left: number, right: number): boolean {
  for (let c = left; c <= right; c++) {
    const m = reader.merges.at(row, c);
    if (m && m.top === row && m.right - m.left + 1 >= Math.ceil((right - left + 1) / 2)) return true;
  }
  return false;
}

/** The first sheet holding the decomposition table, if any. */
export function readTable(workbook: WorkbookSnapshot, options: ReadOptions = {}): DecompositionTable | undefined {
  for (const sheet of workbook.sheets) {
    const t = readTableFromSheet(sheet, options);
    if (t) return t;
  }
  return undefined;
}

/** The effective text of a field, "" when the column is absent. */
export function fieldText(row: TaskRow, key: ColumnKey): string {
  return textOf(row.fields[key]);
}

/** `fieldText` of a field the caller has (`textOf(task.fields.progress)`): its value, "" when the column is absent. */
export function textOf(f: Field | undefined): string {
  return f === undefined ? "" : f.value;
}

export function hasValue(row: TaskRow, key: ColumnKey): boolean {
  return !isBlank(row.fields[key]?.text);
}


/** A row's name for people: its 三级指标, else its 二级指标, else the start of its measure. */
export function taskLabel(row: TaskRow): string {
  const f = row.fields;
  return labelOf({ level2: textOf(f.level2), level3: textOf(f.level3), measure: textOf(f.measure) });
}

const LABEL_CHARS = 24;

/** A task's short name: 三级指标 unless blank or "-", else 二级指标, else its measure cut to a phrase. */
export function labelOf(t: { level2: string; level3: string; measure: string }): string {
  if (t.level3 !== "" && t.level3 !== "-") return t.level3;
  if (t.level2 !== "" && t.level2 !== "-") return t.level2;
  const m = t.measure.replace(/\s+/g, "");
  const phrase = m.split(/[，。；：,;:]/)[0] ?? m;
  return phrase.length <= LABEL_CHARS ? phrase : `${phrase.slice(0, LABEL_CHARS)}…`;
}
