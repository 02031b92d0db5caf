/**
 * What 校验 and 清除标记 must do to a workbook, decided without Excel: the marks found in it now (the
 * add-in's conditional formats, notes and comments) and the new marks → a list of operations, which
 * `excelAdapter.ts` carries out in one batch.
 *
 * Marks never touch a cell's own format. A colour is a conditional format of the add-in's own (its rule
 * names the tool), on top of whatever the cell looks like; a message is a note (ExcelApi 1.18) or a reply
 * in someone's threaded comment (1.10) that starts with NOTE_HEADER. So:
 * - restoring is deleting: patterns, theme colours, tints and Automatic come back exactly, on every level;
 * - a mark travels with its cell when rows are inserted or the sheet is renamed, as Excel moves both;
 * - every mark is recognisable by itself: a batch that fails halfway leaves nothing that 清除标记 cannot
 *   find, so no record has to be written first (there is none to lose).
 */
import { NOTE_HEADER, SEVERITY_LABEL, addressChunks, parseRange, rangeAddress, type CellMark, type CellRange, type MarkStyle } from "../core/index.js";
import type { Capabilities } from "./capabilities.js";
import type { SavedCell } from "./markRecord.js";

export type ColourStyle = Exclude<MarkStyle, "info">;

const TAG = "gongkai-ledger";

/** The rule of a mark's conditional format: always true, and it says whose it is and which look. */
export const markRule = (style: ColourStyle): string => `=ISTEXT("${TAG}:${style}")`;

/** The look a conditional format's rule stands for, or `undefined` when it is not the add-in's. */
export function styleOfRule(formula: string | null | undefined): ColourStyle | undefined {
  const m = new RegExp(`${TAG}:(error|warning|done)`).exec(formula ?? "");
  return m ? (m[1] as ColourStyle) : undefined;
}

/** A line of the add-in's message after its header: each starts with its severity word (错误：…, 提醒：…, 提示：…). */
const MESSAGE_LINE = new RegExp(`^(${Object.values(SEVERITY_LABEL).join("|")})：`);

/**
 * The user's text in a note the add-in wrote into: what is above the message, and what someone typed below its last
 * line (`before` and `after` both `""` when the whole note is the add-in's).
 */
export function userParts(content: string): { before: string; after: string } {
  const at = content.indexOf(NOTE_HEADER);
  if (at < 0) return { before: content, after: "" };
  const lines = content.slice(at).split("\n");
  let end = 1;
  while (end < lines.length && MESSAGE_LINE.test(lines[end]!)) end++;
  return { before: content.slice(0, at).replace(/\s+$/, ""), after: lines.slice(end).join("\n").trim() };
}

/** The note with the add-in's message replaced by `message` (`""`: taken out), the user's text kept around it. */
export function withMessage(content: string, message: string): string {
  const { before, after } = userParts(content);
  return [before, message, after].filter((part) => part !== "").join("\n\n");
}

export const isOurs = (content: string): boolean => content.includes(NOTE_HEADER);

/** What the workbook holds now, as read by the executor. Addresses without sheet names, upper case. */
export interface FoundMarks {
  /** Sheets by name, in workbook order, with their protection. */
  sheets: { name: string; protected: boolean }[];
  /** The add-in's conditional formats (`index`: position in the sheet's collection as listed; `areas`: what they cover). */
  formats: { sheet: string; index: number; areas: string }[];
  /** Every note (ExcelApi 1.18), the user's too. */
  notes: { sheet: string; cell: string; content: string; index: number }[];
  /** Every threaded comment (ExcelApi 1.10) with its replies (the add-in's own comments are from earlier versions). */
  comments: { sheet: string; cell: string; content: string; index: number; replies: { content: string; index: number }[] }[];
  /** Cells coloured by an earlier version of the add-in, which changed their own format (record v1). */
  legacy: SavedCell[];
}

export const NOTHING_FOUND: FoundMarks = { sheets: [], formats: [], notes: [], comments: [], legacy: [] };

export type MarkOp =
  | { op: "deleteFormat"; sheet: string; index: number }
  /** One conditional format over these areas (one area each on ExcelApi 1.8, which has no RangeAreas). */
  | { op: "addFormat"; sheet: string; style: ColourStyle; areas: string }
  | { op: "addNote"; sheet: string; cell: string; content: string }
  | { op: "setNote"; index: number; content: string }
  | { op: "deleteNote"; index: number }
  /** A cell that holds someone's comment gets the message as a reply: a second comment or a note there fails. */
  | { op: "reply"; comment: number; content: string }
  | { op: "deleteComment"; index: number }
  | { op: "deleteReply"; comment: number; reply: number }
  /** Puts back the fill and font colour an earlier version of the add-in overwrote. */
  | { op: "restoreLook"; sheet: string; ranges: string[]; fill: string | null; font: string };

export interface MarkPlan {
  ops: MarkOp[];
  /** Cells marked, by look (what was really written). */
  coloured: number;
  /** Things the user must be told: protected sheets, marks lost with a deleted sheet. */
  notices: string[];
  /** How many cells had a colour or a message of the add-in that is taken away. */
  removed: number;
  /**
   * The earlier version's record, what of it must stay: the cells on protected sheets, whose looks could not be
   * put back this time (empty: the record goes).
   */
  keepLegacy: SavedCell[];
}

const key = (sheet: string, cell: string) => `${sheet}!${cell}`;

/**
 * Single cells of one column and look in consecutive rows → one rectangle: on ExcelApi 1.8 each area is
 * a conditional format of its own, so fewer areas is fewer formats. Merged areas stay as they are.
 */
export function joinRuns(ranges: readonly string[]): string[] {
  const cells: CellRange[] = [];
  const out: string[] = [];
  for (const r of ranges) {
    const p = parseRange(r);
    if (p && p.top === p.bottom && p.left === p.right) cells.push(p);
    else out.push(r);
  }
  cells.sort((a, b) => a.left - b.left || a.top - b.top);
  let run: CellRange | undefined;
  for (const c of cells) {
    if (run && c.left === run.left && c.top === run.bottom + 1) run.bottom = c.top;
    else {
      if (run) out.push(rangeAddress(run));
      run = { ...c };
    }
  }
  if (run) out.push(rangeAddress(run));
  return out;
}

/** The operations that replace the marks found by `marks` (none: 清除标记). */
export function planMarks(found: FoundMarks, marks: readonly CellMark[], caps: Capabilities): MarkPlan {
  const ops: MarkOp[] = [];
  const notices: string[] = [];
  const locked = new Set(found.sheets.filter((s) => s.protected).map((s) => s.name));
  const exists = new Set(found.sheets.map((s) => s.name));
  const writable = (sheet: string) => exists.has(sheet) && !locked.has(sheet);

  // Earlier marks go: conditional formats, and cells an earlier version coloured directly.
  const removed = new Set<string>();
  const unmark = (sheet: string, areas: string) => {
    for (const a of areas.split(",")) {
      const r = parseRange(a.trim());
      if (r) for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) removed.add(`${sheet}!${row},${col}`);
    }
  };
  for (const f of found.formats) {
    if (!writable(f.sheet)) continue;
    ops.push({ op: "deleteFormat", sheet: f.sheet, index: f.index });
    unmark(f.sheet, f.areas);
  }
  const gone = new Map<string, number>();
  const legacyBySheet = new Map<string, SavedCell[]>();
  const keepLegacy: SavedCell[] = [];
  for (const c of found.legacy) {
    if (!exists.has(c.sheet)) gone.set(c.sheet, (gone.get(c.sheet) ?? 0) + 1);
    else if (locked.has(c.sheet)) keepLegacy.push(c);
    else legacyBySheet.set(c.sheet, [...(legacyBySheet.get(c.sheet) ?? []), c]);
  }
  for (const [sheet, cells] of legacyBySheet) {
    const looks = new Map<string, { fill: string | null; font: string; ranges: string[] }>();
    for (const c of cells) {
      const k = `${c.fill}\u0000${c.font}`;
      const g = looks.get(k) ?? { fill: c.fill, font: c.font, ranges: [] };
      g.ranges.push(c.range);
      looks.set(k, g);
    }
    for (const g of looks.values()) ops.push({ op: "restoreLook", sheet, ...g });
    for (const c of cells) unmark(sheet, c.range);
  }
  for (const [sheet, n] of gone) notices.push(`工作表“${sheet}”已不在工作簿中，它上面的 ${n} 处旧标记随表一起删除了，无需恢复。`);
  for (const sheet of new Set(keepLegacy.map((c) => c.sheet))) {
    notices.push(`工作表“${sheet}”设有保护，旧版本加载项在上面留下的底色未能恢复（记录仍保留）。请在“审阅”选项卡点“撤消工作表保护”后再点“清除标记”。`);
  }

  // New colours, only where the sheet can take them.
  const skipped = new Map<string, number>();
  const paint = marks.filter((m) => {
    if (locked.has(m.sheet)) skipped.set(m.sheet, (skipped.get(m.sheet) ?? 0) + 1);
    return writable(m.sheet);
  });
  for (const [sheet, n] of skipped) {
    notices.push(`工作表“${sheet}”设有保护，${n} 处问题未能标在表中，只列在本面板里。要在表中标出，请在“审阅”选项卡点“撤消工作表保护”后再校验。`);
  }
  const groups = new Map<string, { sheet: string; style: ColourStyle; ranges: string[] }>();
  for (const m of paint) {
    if (m.style === "info") continue;
    const k = `${m.sheet}\u0000${m.style}`;
    const g = groups.get(k) ?? { sheet: m.sheet, style: m.style, ranges: [] };
    g.ranges.push(m.range);
    groups.set(k, g);
  }
  let coloured = 0;
  for (const g of groups.values()) {
    coloured += g.ranges.length;
    const areas = caps.rangeAreas ? addressChunks(g.ranges) : joinRuns(g.ranges);
    for (const a of areas) ops.push({ op: "addFormat", sheet: g.sheet, style: g.style, areas: a });
  }

  // Messages. Excel keeps a note or a threaded comment on a cell, never both (a comment is stored with a
  // fallback note): adding the other fails, and with it the whole batch. So the add-in's old comments go
  // first (wherever comments can be read, also after an upgrade to notes), then each message goes where it
  // can be: a reply where someone's comment is (that cell can hold no note); else a note on 1.18+, which
  // sees every note; else, on 1.10–1.17, which cannot see notes (a legacy 批注 from WPS or old Excel may be
  // on any cell), in the pane only.
  const messages = new Map(paint.filter((m) => m.note !== "").map((m) => [key(m.sheet, m.cell), m]));
  const userComment = new Map<string, number>();
  if (caps.comments) {
    for (const c of found.comments) {
      if (!writable(c.sheet)) continue;
      if (c.content.startsWith(NOTE_HEADER)) {
        ops.push({ op: "deleteComment", index: c.index });
        unmark(c.sheet, c.cell);
        continue;
      }
      userComment.set(key(c.sheet, c.cell), c.index);
      // replies are deleted from the last, so that the indexes of the others stay true
      for (const r of [...c.replies].reverse()) {
        if (!r.content.startsWith(NOTE_HEADER)) continue;
        ops.push({ op: "deleteReply", comment: c.index, reply: r.index });
        unmark(c.sheet, c.cell);
      }
    }
    for (const [at, m] of messages) {
      const on = userComment.get(at);
      if (on !== undefined) ops.push({ op: "reply", comment: on, content: m.note });
    }
  }
  if (caps.notes) {
    const noteAt = new Map(found.notes.map((n) => [key(n.sheet, n.cell), n]));
    for (const n of found.notes) {
      if (!isOurs(n.content) || !writable(n.sheet) || messages.has(key(n.sheet, n.cell))) continue;
      const user = withMessage(n.content, "");
      ops.push(user === "" ? { op: "deleteNote", index: n.index } : { op: "setNote", index: n.index, content: user });
      unmark(n.sheet, n.cell);
    }
    for (const [at, m] of messages) {
      if (userComment.has(at)) continue;
      const n = noteAt.get(at);
      if (!n) {
        ops.push({ op: "addNote", sheet: m.sheet, cell: m.cell, content: m.note });
        continue;
      }
      const content = withMessage(n.content, m.note);
      if (content !== n.content) ops.push({ op: "setNote", index: n.index, content });
    }
  }
  return { ops, coloured, notices, removed: removed.size, keepLegacy };
}
