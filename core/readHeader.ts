/**
 * Reading a task table's header as governments write it: one row or two (`责任单位` over `牵头 | 配合`), a header
 * cell merged across the columns under it (`工作任务` over a heading column, a sub-heading column and the text), words
 * outside any list (`负责单位`, `目标要求`). Each column gets a role and a note of how it was read, so that the reading
 * can be shown to the coordinator and corrected (core/tableMapping.ts).
 */
import { CATEGORY_COLUMNS, headerKindOf, isTaskHeader, rolesOfKinds, type ColumnKey, type HeaderKind } from "./columns.js";
import { isBlank, labelKey } from "./normalize.js";
import type { SheetReader } from "./sheetReader.js";
import type { ColumnRole } from "./tableMapping.js";

/** How a column's role was read: a listed word, the header's words, a header merged over it, a correction. */
export type ColumnHow = "vocabulary" | "words" | "merged-header" | "mapping";

/** A correction of a column's role: by letter (the official table itself) or by its header's text. */
export interface ColumnCorrections {
  /** Column letter → role. */
  byLetter?: Readonly<Record<string, ColumnRole>>;
  /** A header's text (the `nth` column, from 1, of those with that text) → role: copies whose columns moved. */
  byHeader?: readonly HeaderRole[];
}

export interface HeaderRole {
  header: string;
  nth: number;
  role: ColumnRole;
}

export interface HeaderReading {
  /** The header's rows (one, or two or three for a header written over several rows). */
  rows: number[];
  /** The column of each role. */
  columns: Map<ColumnKey, number>;
  /** Each column's header as read, by column (`texts[c - 1]`): the rows' words joined, `责任单位/牵头`. */
  texts: string[];
  /** How each column with a role got it. */
  how: Map<number, ColumnHow>;
}

/** How far down a sheet the header row is looked for. */
export const HEADER_SEARCH_ROWS = 40;
/** The most rows a header is written over. */
const MAX_HEADER_ROWS = 3;
/** How many rows under the header are looked at to tell a serial column from a heading or text column. */
const SAMPLE_ROWS = 60;

/** A section heading between tasks: `一、…`, `（二）…`, `第三部分…`. */
export const HEADING = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[部分章节项])/;
/** A serial number cell: `1`, `12.`, `（3）`, `3、`. */
const SERIAL = /^[（(]?\d{1,4}[)）]?[.、．]?$/;

/** The header at `row` when it is a task table's (what, and who), else `undefined`. */
export function readHeaderAt(reader: SheetReader, row: number, corrections: ColumnCorrections = {}): HeaderReading | undefined {
  const rows = headerRows(reader, row);
  const n = reader.colCount;
  const kinds: (HeaderKind | undefined)[] = new Array(n).fill(undefined);
  const how = new Map<number, ColumnHow>();
  const texts: string[] = new Array(n).fill("");
  for (let c = 1; c <= n; c++) {
    const parts = partsOf(reader, rows, c);
    texts[c - 1] = parts.join("/");
    const read = kindOfParts(parts);
    if (read) {
      kinds[c - 1] = read.kind;
      how.set(c, read.how);
    }
  }
  for (const span of mergedSpans(reader, rows)) splitSpan(reader, rows.at(-1)!, span, kinds, how);
  const columns = rolesOfKinds(kinds);
  for (const c of how.keys()) if (![...columns.values()].includes(c)) how.delete(c);
  applyCorrections(columns, how, texts, corrections);
  return isTaskHeader(columns) ? { rows, columns, texts, how } : undefined;
}

/** The first header near the top of a sheet. */
export function findHeader(reader: SheetReader, corrections: ColumnCorrections = {}): HeaderReading | undefined {
  const last = Math.min(reader.rowCount, HEADER_SEARCH_ROWS);
  for (let r = 1; r <= last; r++) {
    if (!namesRoles(reader, r)) continue; // a title, a 附件 line, a 填报单位 line
    const h = readHeaderAt(reader, r, corrections);
    if (h) return h;
  }
  return undefined;
}

/** Whether a row has two cells or more, one of them a header's words: where a header may start. */
function namesRoles(reader: SheetReader, row: number): boolean {
  let filled = 0;
  let named = false;
  for (let c = 1; c <= reader.colCount; c++) {
    const t = reader.own(row, c);
    if (isBlank(t)) continue;
    filled++;
    named ||= headerKindOf(t) !== undefined;
  }
  return filled >= 2 && named;
}

/**
 * The rows a header starting at `row` is written over. A row under it belongs to it when its texts are short and
 * no task's (no numbers, no `一、`), and either a header cell is merged down into it, or every text in it reads as a
 * header, or it stands under a header cell merged across columns with short words (`牵头 | 配合`).
 */
function headerRows(reader: SheetReader, row: number): number[] {
  const rows = [row];
  while (rows.length < MAX_HEADER_ROWS) {
    const above = rows.at(-1)!;
    const next = above + 1;
    if (next > reader.rowCount) break;
    const words: string[] = [];
    let mergedDown = false;
    let underSpan = false;
    for (let c = 1; c <= reader.colCount; c++) {
      const m = reader.merges.at(next, c);
      if (m && m.top <= above) {
        if (m.top >= row) mergedDown = true;
        continue;
      }
      const t = reader.own(next, c).trim();
      if (t === "") continue;
      words.push(t);
      const up = reader.merges.at(above, c);
      if (up && up.left < up.right && up.bottom === above) underSpan = true;
    }
    if (words.length === 0) break;
    if (!words.every((t) => labelKey(t).length <= 16 && !/\d/.test(t) && !HEADING.test(t))) break;
    const allHeaders = words.every((t) => headerKindOf(t) !== undefined);
    const shortWords = words.every((t) => headerKindOf(t) !== undefined || labelKey(t).length <= 6);
    if (!(mergedDown || allHeaders || (underSpan && shortWords))) break;
    rows.push(next);
  }
  return rows;
}

/** A column's header words, top row first: a cell merged over several header rows or columns counts once per row. */
function partsOf(reader: SheetReader, rows: readonly number[], c: number): string[] {
  const parts: string[] = [];
  for (const r of rows) {
    const m = reader.merges.at(r, c);
    if (m && m.top < r && m.top >= rows[0]!) continue; // the row above's cell, merged down
    const t = (m ? reader.own(m.top, m.left) : reader.own(r, c)).trim();
    if (t !== "" && parts.at(-1) !== t) parts.push(t);
  }
  return parts;
}

/** A column's kind from its header words: the deepest word, else the words together, else the top word. */
function kindOfParts(parts: readonly string[]): { kind: HeaderKind; how: ColumnHow } | undefined {
  if (parts.length === 0) return undefined;
  const deepest = parts.at(-1)!;
  const candidates = parts.length === 1 ? [deepest] : [deepest, parts.join(""), [...parts].reverse().join(""), parts[0]!];
  for (const t of candidates) {
    const k = headerKindOf(t);
    if (k) return k;
  }
  return undefined;
}

interface Span {
  left: number;
  right: number;
}

/**
 * Header cells merged across columns with nothing written under them in a lower header row: the columns share one
 * header, and the cells below tell them apart.
 */
function mergedSpans(reader: SheetReader, rows: readonly number[]): Span[] {
  const spans: Span[] = [];
  const last = rows.at(-1)!;
  for (let c = 1; c <= reader.colCount; c++) {
    const m = reader.merges.at(last, c);
    if (!m || m.left !== c || m.right === m.left || m.top < rows[0]!) continue;
    spans.push({ left: m.left, right: Math.min(m.right, reader.colCount) });
  }
  return spans;
}

/**
 * The roles of the columns under one header merged across them (`工作任务` over three columns, `具体要求` over a 序号
 * column and the text): a column of numbers is the serial; of the rest, the last is what the header names and those
 * before it are heading levels. Under a unit header the columns after the first are co-responsible.
 */
function splitSpan(reader: SheetReader, lastHeaderRow: number, span: Span, kinds: (HeaderKind | undefined)[], how: Map<number, ColumnHow>): void {
  const kind = kinds[span.left - 1];
  if (kind === undefined) return;
  const cols: number[] = [];
  for (let c = span.left; c <= span.right; c++) cols.push(c);
  const set = (c: number, k: HeaderKind | undefined) => {
    kinds[c - 1] = k;
    if (k === undefined) how.delete(c);
    else how.set(c, "merged-header");
  };
  if (kind === "measure" || kind === "task" || kind === "category" || (CATEGORY_COLUMNS as readonly string[]).includes(kind)) {
    const rest = cols.filter((c) => {
      if (!kinds.includes("serial") && serialShare(reader, lastHeaderRow, c) >= 0.6) {
        set(c, "serial");
        return false;
      }
      return true;
    });
    rest.forEach((c, i) => set(c, i === rest.length - 1 && (kind === "measure" || kind === "task") ? kind : "category"));
    return;
  }
  const unitKind = kind === "lead" || kind === "responsible" || kind === "coResponsible";
  cols.forEach((c, i) => set(c, i === 0 ? kind : unitKind ? "coResponsible" : undefined));
}

/** The share of a column's filled cells under the header that are serial numbers. */
function serialShare(reader: SheetReader, lastHeaderRow: number, c: number): number {
  let filled = 0;
  let serial = 0;
  const end = Math.min(reader.rowCount, lastHeaderRow + SAMPLE_ROWS);
  for (let r = lastHeaderRow + 1; r <= end; r++) {
    const t = reader.own(r, c).trim();
    if (t === "") continue;
    filled++;
    if (SERIAL.test(t.normalize("NFKC"))) serial++;
  }
  return filled === 0 ? 0 : serial / filled;
}

/** The coordinator's corrections win over every guess: the column takes the role, and no other column keeps it. */
function applyCorrections(columns: Map<ColumnKey, number>, how: Map<number, ColumnHow>, texts: readonly string[], corrections: ColumnCorrections): void {
  const wanted = new Map<number, ColumnRole>();
  // a letter past the sheet's last column corrects nothing here (`mappingProblems` says so to the coordinator)
  for (const [letter, role] of Object.entries(corrections.byLetter ?? {})) if (columnNumber(letter) <= texts.length) wanted.set(columnNumber(letter), role);
  for (const h of corrections.byHeader ?? []) {
    let seen = 0;
    for (let c = 1; c <= texts.length; c++) {
      if (labelKey(texts[c - 1]!) !== labelKey(h.header) || ++seen !== h.nth) continue;
      if (!wanted.has(c)) wanted.set(c, h.role);
      break;
    }
  }
  for (const [c, role] of wanted) {
    for (const [k, col] of columns) if (col === c) columns.delete(k);
    how.delete(c);
    if (role === "ignore") continue;
    const before = columns.get(role);
    if (before !== undefined) how.delete(before);
    columns.set(role, c);
    how.set(c, "mapping");
  }
}

/** `A` → 1, `AB` → 28. */
export function columnNumber(letter: string): number {
  let n = 0;
  for (const ch of letter.trim().toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** The corrections by letter of the official table, as corrections by header text for copies whose columns moved. */
export function correctionsByHeader(texts: readonly string[], byLetter: Readonly<Record<string, ColumnRole>>): HeaderRole[] {
  const out: HeaderRole[] = [];
  for (const [letter, role] of Object.entries(byLetter)) {
    const c = columnNumber(letter);
    const header = texts[c - 1] ?? "";
    if (header === "") continue;
    let nth = 0;
    for (let i = 1; i <= c; i++) if (labelKey(texts[i - 1]!) === labelKey(header)) nth++;
    out.push({ header, nth, role });
  }
  return out;
}
