/**
 * Reading the open workbook through Office.js: its sheets, the cells of each (in pieces sized by
 * `readPlan.ts`), their merges, and the marks the add-in left in it before (`markPlan.ts` FoundMarks).
 *
 * Syncs: 1 (sheets, notes, comments) + 1 (extents, conditional formats, where the notes are) + R reads,
 * where R = 1 + ⌈(rows − 500) × 1.5 × bytes per row ÷ 3.5 MB⌉ in the usual case (the conditional formats'
 * rules ride on the reads), plus one per failed piece read again in halves, one per gap probed and one for
 * merged areas asked again; R = 0 when every sheet is empty and there is no custom conditional format.
 * 清除标记 reads no cells: 2 syncs, then one per 140 custom conditional formats (RULE_BYTES), to find the marks.
 */
import { inferMerges, parseRange, type CellRange, type CellSnapshot, type SheetSnapshot, type WorkbookSnapshot } from "../core/index.js";
import type { Capabilities } from "./capabilities.js";
import { MARK_NAMESPACE, recordFromXml } from "./markRecord.js";
import { NOTHING_FOUND, styleOfRule, type FoundMarks } from "./markPlan.js";
import { afterMergeCheck, afterPiece, afterProbe, columnsRead, finished, joinMerges, MAX_COLUMNS, MAX_ROWS, mergeChecks, nextPieces, READ_BYTES, RULE_BYTES, startProgress, type MergeCheck, type Piece, type SheetProgress } from "./readPlan.js";

/** The Excel objects behind FoundMarks' indexes, for the executor to act on. */
export interface MarkHandles {
  formats: Map<string, Excel.ConditionalFormat[]>;
  notes: Excel.Note[];
  comments: Excel.Comment[];
  parts: Excel.CustomXmlPart[];
}

export interface WorkbookRead {
  snapshot: WorkbookSnapshot;
  /** False when Excel could not say which cells are merged and they were inferred. */
  mergesKnown: boolean;
  found: FoundMarks;
  handles: MarkHandles;
  /** What the user must know about the read: columns or rows left out. */
  notices: string[];
}

/** `"'任务分解表'!A5:A8, 任务分解表!B9"` → the ranges without their sheet names. */
export function parseAreas(address: string): CellRange[] {
  return splitAreas(address)
    .map((a) => parseRange(a))
    .filter((r): r is CellRange => r !== undefined);
}

/** An address list → its areas without sheet names (sheet names may hold commas inside quotes). */
export function splitAreas(address: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let part = "";
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      out.push(part);
      part = "";
    } else part += ch;
  }
  out.push(part);
  return out.map((a) => a.slice(a.lastIndexOf("!") + 1).trim().replace(/\$/g, "")).filter((a) => a !== "");
}

/** The sheet name of an address such as `'任务 分解''表'!A1`. */
export function sheetOfAddress(address: string): string {
  const at = address.lastIndexOf("!");
  const name = at < 0 ? "" : address.slice(0, at);
  return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
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

/** UTF-8 size of what a piece's answer carries (what Excel on the web counts against its 5 MB). */
const payloadBytes = (x: unknown) => new TextEncoder().encode(JSON.stringify(x)).length;

interface Listing {
  sheets: Excel.WorksheetCollection;
  notes: Excel.NoteCollection | undefined;
  comments: Excel.CommentCollection | undefined;
  parts: Excel.CustomXmlPartScopedCollection;
}

/** Sync 1's requests: the sheets (names, protection), all notes and comments, earlier records. */
function list(context: Excel.RequestContext, caps: Capabilities): Listing {
  const wb = context.workbook;
  const sheets = wb.worksheets;
  sheets.load("items/name,items/protection/protected");
  const notes = caps.notes ? wb.notes : undefined;
  notes?.load("items/content");
  const comments = caps.comments ? wb.comments : undefined;
  comments?.load("items/content");
  const parts = wb.customXmlParts.getByNamespace(MARK_NAMESPACE);
  parts.load("items/id"); // the smallest load that lists the parts (their XML is fetched in sync 2)
  return { sheets, notes, comments, parts };
}

interface Located {
  formats: { sheet: string; items: Excel.ConditionalFormatCollection }[];
  notes: Excel.Range[];
  comments: { at: Excel.Range; replies: Excel.CommentReplyCollection }[];
  xmls: OfficeExtension.ClientResult<string>[];
}

/** Sync 2's requests: each sheet's conditional formats, where each note and comment is, the records. */
function locate(l: Listing): Located {
  return {
    formats: l.sheets.items.map((ws) => {
      const items = ws.getRange().conditionalFormats;
      items.load("items/type");
      return { sheet: ws.name, items };
    }),
    notes: (l.notes?.items ?? []).map((n) => n.getLocation().load("address")),
    comments: (l.comments?.items ?? []).map((c) => {
      const replies = c.replies;
      replies.load("items/content");
      return { at: c.getLocation().load("address"), replies };
    }),
    xmls: l.parts.items.map((p) => p.getXml()),
  };
}

/** The custom conditional formats listed in sync 2, whose rules tell the add-in's from the user's. */
interface CustomFormat {
  sheet: string;
  index: number;
  cf: Excel.ConditionalFormat;
}

function customFormats(located: Located): CustomFormat[] {
  return located.formats.flatMap(({ sheet, items }) => items.items.flatMap((cf, index) => (cf.type === "Custom" ? [{ sheet, index, cf }] : [])));
}

/**
 * The rule and the cells of the next custom formats, as many as fit in `budget` bytes of answer at RULE_BYTES
 * each (at least one): a workbook marked many times over must not pass 5 MB in rules alone.
 */
function loadRules(caps: Capabilities, waiting: CustomFormat[], budget: number) {
  return waiting.splice(0, Math.max(1, Math.floor(budget / RULE_BYTES))).map((c) => ({
    ...c,
    rule: c.cf.custom.rule.load("formula"),
    where: caps.rangeAreas ? c.cf.getRanges().load("address") : c.cf.getRangeOrNullObject().load("address"),
  }));
}
type Rule = ReturnType<typeof loadRules>[number];

function found(l: Listing, located: Located, custom: Rule[]): { found: FoundMarks; handles: MarkHandles } {
  const ours = custom.filter((c) => styleOfRule(c.rule.formula) !== undefined);
  const handles: MarkHandles = {
    formats: new Map(located.formats.map((f) => [f.sheet, f.items.items])),
    notes: l.notes?.items ?? [],
    comments: l.comments?.items ?? [],
    parts: l.parts.items,
  };
  const record = located.xmls.map((x) => recordFromXml(x.value)).find((r) => r !== undefined);
  const address = (r: Excel.Range | Excel.RangeAreas) => ("isNullObject" in r && r.isNullObject ? "" : r.address);
  return {
    handles,
    found: {
      ...NOTHING_FOUND,
      sheets: l.sheets.items.map((ws) => ({ name: ws.name, protected: ws.protection.protected })),
      formats: ours.map((c) => ({ sheet: c.sheet, index: c.index, areas: splitAreas(address(c.where)).join(",") })),
      notes: located.notes.map((at, index) => ({ sheet: sheetOfAddress(at.address), cell: splitAreas(at.address)[0]!, content: handles.notes[index]!.content, index })),
      comments: located.comments.map(({ at, replies }, index) => ({
        sheet: sheetOfAddress(at.address),
        cell: splitAreas(at.address)[0]!,
        content: handles.comments[index]!.content,
        index,
        replies: replies.items.map((r, i) => ({ content: r.content, index: i })),
      })),
      legacy: record?.cells ?? [],
    },
  };
}

/** 清除标记's read: the marks only: 2 syncs, then one per READ_BYTES of rules (none when there are no custom formats). */
export async function findMarks(context: Excel.RequestContext, caps: Capabilities): Promise<{ found: FoundMarks; handles: MarkHandles }> {
  const l = list(context, caps);
  await context.sync();
  const located = locate(l);
  await context.sync();
  const waiting = customFormats(located);
  const custom: Rule[] = [];
  while (waiting.length > 0) {
    custom.push(...loadRules(caps, waiting, READ_BYTES));
    // one sync per READ_BYTES of rules, by design: the 5 MB answer limit
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
  }
  return found(l, located, custom);
}

interface PieceRead {
  piece: Piece;
  cells: Excel.Range;
  merged: Excel.RangeAreas | undefined;
}

/** Reads every sheet (values as shown, formulas, merges) and the marks found in the workbook. */
export async function readWorkbook(context: Excel.RequestContext, caps: Capabilities): Promise<WorkbookRead> {
  const l = list(context, caps);
  await context.sync();

  const located = locate(l);
  const used = l.sheets.items.map((ws) => ws.getUsedRangeOrNullObject(true).load("rowIndex,columnIndex,rowCount,columnCount"));
  await context.sync();

  const sheets = l.sheets.items;
  const progress: SheetProgress[] = used.map((u) => startProgress(u.isNullObject ? undefined : { row: u.rowIndex, column: u.columnIndex, rows: u.rowCount, columns: u.columnCount }));
  const rows: CellSnapshot[][][] = sheets.map(() => []);
  const merges: CellRange[][] = sheets.map(() => []);
  const waiting = customFormats(located);
  const custom: Rule[] = [];
  let scale = 1;
  // pieces whose merged-area answer was null over more than 512 cells: asked again, smaller, in the next sync
  let checks: MergeCheck[] = [];
  while (progress.some((p) => !finished(p)) || checks.length > 0 || waiting.length > 0) {
    const probes = progress.flatMap((p, sheet) => {
      if (!p.probe) return [];
      const e = p.extent!;
      const rest = sheets[sheet]!.getRangeByIndexes(p.next, e.column, e.row + e.rows - p.next, columnsRead(e));
      return [{ sheet, found: rest.getUsedRangeOrNullObject(true).load("rowIndex") }];
    });
    // the rules' answers share this sync's 5 MB with the cells (issue 24 item 6)
    const pendingRules = waiting.length > 0 ? loadRules(caps, waiting, READ_BYTES * scale) : [];
    const reserved = pendingRules.length * RULE_BYTES;
    // until a piece is read, sheets share the budget at the first reads' estimate
    const first = progress.every((p) => p.read === 0);
    const reads: PieceRead[] = nextPieces(progress, first, scale, reserved).map((piece) => {
      const e = progress[piece.sheet]!.extent!;
      const cells = sheets[piece.sheet]!.getRangeByIndexes(piece.row, e.column, piece.rows, columnsRead(e)).load("text,formulas");
      const merged = caps.mergedAreas ? cells.getMergedAreasOrNullObject().load("address") : undefined;
      return { piece, cells, merged };
    });
    const checking = checks.map((check) => {
      const e = progress[check.sheet]!.extent!;
      const merged = sheets[check.sheet]!.getRangeByIndexes(check.row, e.column, check.rows, columnsRead(e)).getMergedAreasOrNullObject().load("address");
      return { check, merged };
    });
    checks = [];
    try {
      // one sync per read of pieces, by design: the 5 MB answer limit (readPlan.ts) bounds what one may carry
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (e) {
      // A read changes nothing: the same rows again, in smaller pieces (payload or merged-area limits).
      if (probes.length > 0 || reads.every((r) => r.piece.rows === 1) || scale < 1 / 64) throw e;
      checks = checking.map((c) => c.check);
      waiting.unshift(...pendingRules.map(({ sheet, index, cf }) => ({ sheet, index, cf })));
      scale /= 2;
      continue;
    }
    for (const { check, merged } of checking) {
      const areas = merged.isNullObject ? [] : parseAreas(merged.address);
      merges[check.sheet]!.push(...areas);
      afterMergeCheck(progress[check.sheet]!, check, areas.length);
    }
    custom.push(...pendingRules);
    for (const { sheet, found } of probes) afterProbe(progress[sheet]!, found.isNullObject ? undefined : found.rowIndex);
    for (const { piece, cells, merged } of reads) {
      const e = progress[piece.sheet]!.extent!;
      const areas = merged && !merged.isNullObject ? parseAreas(merged.address) : [];
      merges[piece.sheet]!.push(...areas);
      // null: no merges, or more than 512 (Excel answers both alike): asked again in smaller ranges
      if (merged?.isNullObject) checks.push(...mergeChecks(piece, columnsRead(e)));
      let empty = true;
      const sheetRows = rows[piece.sheet]!;
      cells.text.forEach((line, r) => {
        const row: CellSnapshot[] = [];
        line.forEach((raw, c) => {
          const f = cells.formulas[r]?.[c];
          const formula = typeof f === "string" && f.startsWith("=") ? f.slice(1) : undefined;
          const text = shownText(raw, f);
          if (text !== "" || formula !== undefined) row[e.column + c] = formula === undefined ? { text } : { text, formula };
        });
        if (row.length > 0) empty = false;
        sheetRows[piece.row + r] = row;
      });
      afterPiece(progress[piece.sheet]!, piece, payloadBytes(cells.text) + payloadBytes(cells.formulas), areas.length, empty);
    }
    scale = Math.min(1, scale * 2);
  }

  const notices: string[] = [];
  const snapshot: WorkbookSnapshot = {
    sheets: sheets.map((ws, i) => {
      const e = progress[i]!.extent;
      if (e && e.columns > MAX_COLUMNS) notices.push(`工作表“${ws.name}”有内容远在表格右侧（共 ${e.columns} 列），只读取了前 ${MAX_COLUMNS} 列。`);
      if (e && progress[i]!.read >= MAX_ROWS && progress[i]!.next < e.row + e.rows) notices.push(`工作表“${ws.name}”超过 ${MAX_ROWS} 行，只校验了前 ${MAX_ROWS} 行。`);
      const all = rows[i]!;
      const dense = Array.from({ length: all.length }, (_, r) => all[r] ?? []);
      const sheet: SheetSnapshot = { name: ws.name, rows: dense, merges: joinMerges(merges[i]!) };
      return caps.mergedAreas ? sheet : { ...sheet, merges: inferMerges(sheet) };
    }),
  };
  return { snapshot, mergesKnown: caps.mergedAreas, ...found(l, located, custom), notices };
}
