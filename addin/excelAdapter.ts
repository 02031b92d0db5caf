/**
 * Office.js ⇄ core: the only code that talks to Excel. Reads the workbook into the core's snapshot,
 * applies the core's format plan in place, and restores every touched cell exactly on 清除标记.
 *
 * Every call is batched: a validation costs four `context.sync()` round trips whatever the sheet size
 * (read the sheet list, read the cells, read what the marked cells looked like, write everything).
 */
import {
  MARK_COLORS,
  NOTE_HEADER,
  addressChunks,
  cellAddress,
  formatPlan,
  SUMMARY_COLUMNS,
  ledgerCellStyle,
  TASK_ID_COLUMNS,
  ledgerCellText,
  taskIdRow,
  summaryRow,
  inferMerges,
  parseRange,
  summarize,
  validateWorkbook,
  type CellMark,
  type CellRange,
  type CellSnapshot,
  type Finding,
  type Ledger,
  type SheetSnapshot,
  type ValidateOptions,
  type ValidationResult,
  type WorkbookSnapshot,
} from "../core/index.js";
import type { Capabilities } from "./capabilities.js";
import { MARK_NAMESPACE, recordFromXml, recordToXml, savedKey, type MarkRecord, type SavedCell } from "./markRecord.js";

export interface WorkbookRead {
  snapshot: WorkbookSnapshot;
  /** False when Excel could not say which cells are merged and they were inferred. */
  mergesKnown: boolean;
  record: MarkRecord | undefined;
  parts: Excel.CustomXmlPart[];
}

/** `"'任务分解表'!A5:A8, 任务分解表!B9"` → the ranges without their sheet names. */
export function parseAreas(address: string): CellRange[] {
  return address
    .split(",")
    .map((a) => parseRange(a.slice(a.lastIndexOf("!") + 1).trim()))
    .filter((r): r is CellRange => r !== undefined);
}

/** Excel's date serial → `YYYY-MM-DD` (the 1900 system; serials after 1900-03-01). */
export function serialToIso(serial: number): string {
  const d = new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

const isDateSerial = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 20000 && v < 80000;

/**
 * What a cell shows, as the core can read it. Excel shows "########" for a number or date too wide for
 * its column, and dates in formats without the year or with English month names ("15-Mar", "3/15"):
 * for those the value is used (a serial in the range of plausible dates is a date).
 */
export function shownText(text: string, value: unknown): string {
  if (typeof value !== "number") return text;
  if (/^#+$/.test(text)) return isDateSerial(value) ? serialToIso(value) : String(value);
  if (isDateSerial(value) && (/[A-Za-z]/.test(text) || /^\d{1,2}[/-]\d{1,2}$/.test(text))) return serialToIso(value);
  return text;
}

function toSheetSnapshot(name: string, range: Excel.Range, merges: CellRange[]): SheetSnapshot {
  const rows: CellSnapshot[][] = Array.from({ length: range.rowIndex }, () => []);
  range.text.forEach((line, r) => {
    const row: CellSnapshot[] = [];
    line.forEach((raw, c) => {
      const text = shownText(raw, range.values[r]?.[c]);
      const f = range.formulas[r]?.[c];
      const formula = typeof f === "string" && f.startsWith("=") ? f.slice(1) : undefined;
      if (text !== "" || formula !== undefined) row[range.columnIndex + c] = formula === undefined ? { text } : { text, formula };
    });
    rows.push(row);
  });
  return { name, rows, merges };
}

/** Reads every sheet (values as shown, formulas, merges) and the record of earlier marks: two syncs. */
export async function readWorkbook(context: Excel.RequestContext, caps: Capabilities): Promise<WorkbookRead> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  const parts = context.workbook.customXmlParts.getByNamespace(MARK_NAMESPACE);
  parts.load("items/id");
  await context.sync();

  const reads = sheets.items.map((ws) => {
    const used = ws.getUsedRange(true);
    used.load("text,values,formulas,rowIndex,columnIndex");
    const merged = caps.mergedAreas ? used.getMergedAreasOrNullObject() : undefined;
    merged?.load("address");
    return { name: ws.name, used, merged };
  });
  const xmls = parts.items.map((p) => p.getXml());
  await context.sync();

  const snapshot: WorkbookSnapshot = {
    sheets: reads.map(({ name, used, merged }) => {
      const merges = merged && !merged.isNullObject ? parseAreas(merged.address) : [];
      const sheet = toSheetSnapshot(name, used, merges);
      return caps.mergedAreas ? sheet : { ...sheet, merges: inferMerges(sheet) };
    }),
  };
  const record = xmls.map((x) => recordFromXml(x.value)).find((r) => r !== undefined);
  return { snapshot, mergesKnown: caps.mergedAreas, record, parts: parts.items };
}

const upper = (c: string | null | undefined) => (c ? c.toUpperCase() : c);

/** Formats many ranges of one sheet alike: a few `getRanges` calls, or one call per range on ExcelApi 1.8. */
function formatRanges(ws: Excel.Worksheet, caps: Capabilities, ranges: string[], fill: string | null, font: string): void {
  const targets: (Excel.Range | Excel.RangeAreas)[] = caps.rangeAreas
    ? addressChunks(ranges).map((chunk) => ws.getRanges(chunk))
    : ranges.map((r) => ws.getRange(r));
  for (const t of targets) {
    if (fill === null) t.format.fill.clear();
    else t.format.fill.color = fill;
    t.format.font.color = font;
  }
}

/** Groups cells by sheet and by look, so each look is written once per sheet. */
function groupByLook<T>(items: readonly T[], key: (t: T) => { sheet: string; range: string; fill: string | null; font: string }) {
  const groups = new Map<string, { sheet: string; fill: string | null; font: string; ranges: string[] }>();
  for (const item of items) {
    const k = key(item);
    const id = `${k.sheet}\u0000${k.fill}\u0000${k.font}`;
    const g = groups.get(id);
    if (g) g.ranges.push(k.range);
    else groups.set(id, { sheet: k.sheet, fill: k.fill, font: k.font, ranges: [k.range] });
  }
  return [...groups.values()];
}

/** Puts a cell's note back: the user's own text, or none where the add-in added it. */
function restoreNote(note: Excel.Note | undefined, userNote: string | null | undefined): void {
  if (userNote === undefined || !note || note.isNullObject) return;
  if (userNote === null) note.delete();
  else note.content = userNote;
}

/** Puts back what the add-in changed on these cells (queued; the caller syncs). */
function restore(context: Excel.RequestContext, caps: Capabilities, cells: readonly SavedCell[], notes: Map<string, Excel.Note>): void {
  for (const g of groupByLook(cells, (c) => c)) formatRanges(context.workbook.worksheets.getItem(g.sheet), caps, g.ranges, g.fill, g.font);
  for (const c of cells) restoreNote(notes.get(savedKey(c)), c.userNote);
}

/** Deletes the add-in's own comments (they start with its header); the user's are left alone. */
function deleteOwnComments(comments: Excel.CommentCollection | undefined): void {
  for (const c of comments?.items ?? []) if (c.content.startsWith(NOTE_HEADER)) c.delete();
}

function writeRecord(context: Excel.RequestContext, parts: Excel.CustomXmlPart[], record: MarkRecord | undefined): void {
  for (const p of parts) p.delete();
  if (record && record.cells.length > 0) context.workbook.customXmlParts.add(recordToXml(record));
}

export interface ValidateInPlace {
  result: ValidationResult;
  marks: CellMark[];
  mergesKnown: boolean;
}

/**
 * 校验: reads, validates with the core, replaces earlier marks by the new ones, and records what every
 * marked cell looked like before. Four syncs.
 */
export async function validateInPlace(
  context: Excel.RequestContext,
  caps: Capabilities,
  options: ValidateOptions,
  /** The findings to mark instead of the local ones (what the server answered to a submission). */
  findings?: Finding[],
): Promise<ValidateInPlace> {
  const read = await readWorkbook(context, caps);
  const local = validateWorkbook(read.snapshot, options);
  const result = findings ? { ...local, findings, summary: summarize(findings, local.rows) } : local;
  const marks = formatPlan(read.snapshot, result);
  const old = new Map((read.record?.cells ?? []).map((c) => [savedKey(c), c]));
  const marked = new Set(marks.map(savedKey));

  // Sync 3: how the newly marked cells look now; the notes on cells that get (or had) one.
  const probes = marks
    .filter((m) => !old.has(savedKey(m)))
    .map((m) => {
      const range = context.workbook.worksheets.getItem(m.sheet).getRange(m.range);
      const props = caps.rangeAreas ? range.getCellProperties({ format: { fill: { color: true, pattern: true }, font: { color: true } } }) : undefined;
      if (!caps.rangeAreas) {
        range.format.fill.load("color");
        range.format.font.load("color");
      }
      return { m, range, props };
    });
  const notes = new Map<string, Excel.Note>();
  if (caps.notes) {
    const probe = (c: { sheet: string; range: string; cell: string }) => {
      const n = context.workbook.worksheets.getItem(c.sheet).notes.getItemOrNullObject(c.cell);
      n.load("content");
      notes.set(savedKey(c), n);
    };
    for (const m of marks) if (m.note !== "") probe(m);
    for (const c of old.values()) if (c.userNote !== undefined && !notes.has(savedKey(c))) probe(c);
  }
  const oldComments = !caps.notes && caps.comments && read.record?.cells.some((c) => c.comment) ? context.workbook.comments : undefined;
  oldComments?.load("items/content");
  await context.sync();

  // Sync 4: restore what is no longer marked, mark what is, record how it all looked before.
  if (caps.rangeAreas) context.application.suspendScreenUpdatingUntilNextSync();
  restore(context, caps, [...old.values()].filter((c) => !marked.has(savedKey(c))), notes);
  deleteOwnComments(oldComments);
  const saved: SavedCell[] = [];
  for (const { m, range, props } of probes) {
    const first = props?.value[0]?.[0]?.format;
    const fill = props ? (first?.fill?.pattern === "None" ? null : (first?.fill?.color ?? null)) : range.format.fill.color === "#FFFFFF" ? null : range.format.fill.color;
    const font = (props ? first?.font?.color : range.format.font.color) ?? "#000000";
    saved.push({ sheet: m.sheet, range: m.range, cell: m.cell, fill: upper(fill) ?? null, font: upper(font)! });
  }
  for (const m of marks) {
    const before = old.get(savedKey(m));
    if (before) saved.push({ sheet: before.sheet, range: before.range, cell: before.cell, fill: before.fill, font: before.font, ...(before.userNote !== undefined ? { userNote: before.userNote } : {}) });
  }
  const byKey = new Map(saved.map((s) => [savedKey(s), s]));
  for (const g of groupByLook(marks.filter((m) => m.style !== "info"), (m) => ({ sheet: m.sheet, range: m.range, ...lookOf(m) }))) {
    formatRanges(context.workbook.worksheets.getItem(g.sheet), caps, g.ranges, g.fill, g.font);
  }
  // An info mark has no colour: a cell that was coloured before gets its own look back.
  const uncoloured = marks.filter((m) => m.style === "info" && old.has(savedKey(m))).map((m) => byKey.get(savedKey(m))!);
  restore(context, caps, uncoloured, new Map()); // looks only: the notes are handled with every mark below
  for (const m of marks) {
    const s = byKey.get(savedKey(m))!;
    if (caps.notes) {
      const note = notes.get(savedKey(m));
      const userNote = s.userNote !== undefined ? s.userNote : note && !note.isNullObject ? note.content : null;
      if (m.note === "") {
        restoreNote(note, s.userNote);
        delete s.userNote;
        continue;
      }
      const content = userNote ? `${userNote}\n\n${m.note}` : m.note;
      if (note && !note.isNullObject) note.content = content;
      else context.workbook.worksheets.getItem(m.sheet).notes.add(m.cell, content);
      s.userNote = userNote;
    } else if (caps.comments && m.note !== "") {
      context.workbook.comments.add(`'${m.sheet.replace(/'/g, "''")}'!${m.cell}`, m.note);
      s.comment = true;
    }
  }
  writeRecord(context, read.parts, { version: 1, cells: [...byKey.values()] });
  await context.sync();
  return { result, marks, mergesKnown: read.mergesKnown };
}

function lookOf(m: CellMark): { fill: string; font: string } {
  const c = MARK_COLORS[m.style as Exclude<CellMark["style"], "info">];
  return { fill: c.fill, font: c.font };
}

/** 清除标记: every touched cell back as it was, the add-in's notes and comments gone. Four syncs at most. */
export async function clearMarks(context: Excel.RequestContext, caps: Capabilities): Promise<number> {
  const parts = context.workbook.customXmlParts.getByNamespace(MARK_NAMESPACE);
  parts.load("items/id");
  await context.sync();
  const xmls = parts.items.map((p) => p.getXml());
  await context.sync();
  const record = xmls.map((x) => recordFromXml(x.value)).find((r) => r !== undefined);
  if (!record) {
    writeRecord(context, parts.items, undefined);
    await context.sync();
    return 0;
  }
  const notes = new Map<string, Excel.Note>();
  if (caps.notes) {
    for (const c of record.cells) {
      if (c.userNote === undefined) continue;
      const n = context.workbook.worksheets.getItem(c.sheet).notes.getItemOrNullObject(c.cell);
      n.load("content");
      notes.set(savedKey(c), n);
    }
  }
  const comments = !caps.notes && caps.comments && record.cells.some((c) => c.comment) ? context.workbook.comments : undefined;
  comments?.load("items/content");
  await context.sync();
  if (caps.rangeAreas) context.application.suspendScreenUpdatingUntilNextSync();
  restore(context, caps, record.cells, notes);
  deleteOwnComments(comments);
  writeRecord(context, parts.items, undefined);
  await context.sync();
  return record.cells.length;
}

/** 一键修复: writes the certain fixes of these findings (one value per cell), one sync. */
export async function applyFixes(context: Excel.RequestContext, findings: readonly Finding[]): Promise<number> {
  const byCell = new Map<string, { sheet: string; cell: string; value: string }>();
  for (const f of findings) if (f.fix) byCell.set(`${f.sheet}!${f.cell}`, { sheet: f.sheet, cell: f.cell, value: f.fix.value });
  for (const { sheet, cell, value } of byCell.values()) {
    const range = context.workbook.worksheets.getItem(sheet).getRange(cell);
    // Text stays text: written into a cell formatted as text, `3月15日` is not made a date nor `=…` a formula.
    range.numberFormat = [["@"]];
    range.values = [[value]];
  }
  await context.sync();
  return byCell.size;
}

/** Takes the user to a cell. */
export async function selectCell(context: Excel.RequestContext, sheet: string, cell: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(cell).select();
  await context.sync();
}

export const LEDGER_SHEETS = { summary: "汇总台账", matrix: "任务台账" } as const;

/**
 * 拉取汇总台账: writes the consolidated ledger into two sheets of the current workbook (replacing
 * earlier copies), coloured as in SPEC §4. Two syncs.
 */
export async function writeLedgerSheets(context: Excel.RequestContext, caps: Capabilities, ledger: Ledger): Promise<void> {
  const sheets = context.workbook.worksheets;
  const existing = Object.values(LEDGER_SHEETS).map((n) => sheets.getItemOrNullObject(n));
  for (const e of existing) e.load("name");
  await context.sync();
  // Earlier copies step aside and go only once the new ones are there: a workbook must keep one sheet.
  const old = existing.filter((e) => !e.isNullObject);
  old.forEach((e, i) => (e.name = `旧台账-${Date.now().toString(36)}-${i}`));

  const summary = sheets.add(LEDGER_SHEETS.summary);
  const head: string[] = [...SUMMARY_COLUMNS];
  const blank = head.slice(1).map(() => "");
  const rows: (string | number)[][] = [
    [`${ledger.round} 政务公开工作台账汇总（截至${ledger.today}）`, ...blank],
    head,
    ...ledger.units.map(summaryRow),
    ["", ...blank],
    [`未报送单位（${ledger.missingUnits.length}个）：${ledger.missingUnits.join("、") || "无"}`, ...blank],
  ];
  const body = summary.getRangeByIndexes(0, 0, rows.length, head.length);
  body.numberFormat = rows.map((r) => r.map((_, c) => (c === 2 || c === 0 ? "@" : c === 11 ? "0.0%" : "General")));
  body.values = rows;
  summary.getRangeByIndexes(1, 0, 1, head.length).format.font.bold = true;
  summary.getRangeByIndexes(0, 0, 1, 1).format.font.bold = true;
  const missing = ledger.units.flatMap((u, i) => (u.submitted ? [] : [`B${i + 3}`]));
  const late = ledger.units.flatMap((u, i) => (u.overdue > 0 ? [`J${i + 3}`] : []));
  const paint = (ws: Excel.Worksheet, cells: string[], style: Exclude<CellMark["style"], "info">) => {
    if (cells.length > 0) formatRanges(ws, caps, cells, MARK_COLORS[style].fill, MARK_COLORS[style].font);
  };
  paint(summary, [...missing, ...late], "error");
  summary.freezePanes.freezeRows(2);
  summary.getRange("A:A").format.columnWidth = 150;

  const matrix = sheets.add(LEDGER_SHEETS.matrix);
  const units = ledger.units.map((u) => u.unit);
  const grid: string[][] = [
    [...TASK_ID_COLUMNS, ...units],
    ...ledger.tasks.map((t) => [...taskIdRow(t), ...units.map((u) => ledgerCellText(t.units[u]))]),
  ];
  const range = matrix.getRangeByIndexes(0, 0, grid.length, grid[0]!.length);
  range.numberFormat = grid.map((r) => r.map(() => "@"));
  range.values = grid;
  matrix.getRangeByIndexes(0, 0, 1, grid[0]!.length).format.font.bold = true;
  const byStyle = new Map<string, string[]>();
  ledger.tasks.forEach((t, i) =>
    units.forEach((u, j) => {
      const c = t.units[u];
      const style = c && ledgerCellStyle(c);
      if (!style || style === "info") return;
      const list = byStyle.get(style) ?? [];
      list.push(cellAddress(i + 2, j + TASK_ID_COLUMNS.length + 1));
      byStyle.set(style, list);
    }),
  );
  for (const [style, cells] of byStyle) paint(matrix, cells, style as Exclude<CellMark["style"], "info">);
  matrix.freezePanes.freezeAt(matrix.getRange("A1:D1"));
  for (const e of old) e.delete();
  summary.activate();
  await context.sync();
}
