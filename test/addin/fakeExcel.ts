/**
 * A recording fake of the part of Excel's JavaScript API the add-in uses, with Office.js' batching
 * semantics and Excel's documented limits, so that a test on it means what it claims:
 *
 * - calls are queued and run in order at `context.sync()`; an operation that fails stops the batch: the
 *   ones before it stay applied, the rest are dropped (OfficeDev/office-js: a batch is not a transaction);
 * - a property must be loaded, and synced, before it is read; only the properties named in `load` are
 *   there; a `ClientResult` has no value before its sync; a format read over mixed cells is `null`;
 * - APIs beyond the host's requirement sets throw (ApiNotFound), as on an older Excel; APIs the loaded
 *   Office.js copy lacks are not there at all (`workbook.notes` undefined), whatever the host reports;
 * - LIMITS below: 5 MB per request and per response (Excel on the web), 5 million cells per read,
 *   512 merged areas per `getMergedAreasOrNullObject` (above it: a null object, as for no merges),
 *   8,192 characters per `getRanges` address;
 * - a batch synced while the user edits a cell fails with InvalidOperationInCellEditMode, unless the run
 *   asked for `delayForCellEdit` (then it waits until the edit ends);
 * - `worksheets.onChanged` fires for the add-in's own value writes too, later, with `triggerSource`
 *   "ThisLocalAddin" on ExcelApi 1.14+ (nothing on older), and for co-authors with `source: "Remote"`;
 * - sheets can be renamed, deleted and protected, rows inserted (cells, notes, comments, merges and
 *   conditional formats move with them, as in Excel); a second comment on a cell is refused, and so are a
 *   comment on a cell with a note and a note on a cell with a comment (Excel keeps one or the other);
 * - the user sorts (`swapRows`, `swapColumns`): values, the cells' own formats, notes and comments move, the
 *   conditional formats stay, and `worksheets.onRowSorted` / `onColumnSorted` (ExcelApi 1.10) fire later with the
 *   moved rows' or columns' address.
 */
import { cellAddress, parseRange, type CellRange } from "../../core/index.js";
import type { Capabilities } from "../../addin/capabilities.js";

/**
 * Excel's limits. Sources: Office Add-ins docs, "Resource limits and performance optimization" — Excel on
 * the web: 5 MB payload for requests and responses; a range is limited to five million cells for get
 * operations (OfficeDev/office-js-docs-pr#2846, #5333). `Range.getMergedAreasOrNullObject`: "if the merged
 * areas count in this range is more than 512, then this method will fail to return the result", answering a
 * null object (@types/office-js, ExcelApi 1.13).
 * `getRanges`: an address of at most 8,192 characters (core/addressChunks.ts).
 */
export const LIMITS = { payloadBytes: 5_000_000, cellsPerRead: 5_000_000, mergedAreasPerCall: 512, addressChars: 8192 };

type Key = string;
const key = (r: number, c: number): Key => `${r},${c}`;
const bytes = (x: unknown) => new TextEncoder().encode(JSON.stringify(x) ?? "").length;

/** What Office.js throws: an error with a code. */
export class OfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export interface FakeCell {
  text: string;
  formula?: string;
  /** The value when it differs from the text shown (a date serial shown as "########"). */
  value?: number;
  /** A number format set through the API (`@` is text: what is written there is kept as typed). */
  numberFormat?: string;
}

/**
 * What Excel makes of a string written through `Range.values` into a cell not formatted as text: a leading
 * `=` is a formula, and text that reads as a number or (in a Chinese locale) a date becomes one (Office.js
 * reference, Range.values: values are "parsed" as if typed; issue 10 saw `3月15日` and `2022-03-15` become
 * date serials). Returns the cell as Excel would keep it.
 */
function parsedLikeExcel(text: string, numberFormat: string | undefined): FakeCell {
  const kept = numberFormat === undefined ? {} : { numberFormat };
  if (numberFormat === "@" || text === "") return { text, ...kept };
  if (text.startsWith("=")) return { text: "", formula: text.slice(1), ...kept };
  const d = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(text);
  const md = /^(\d{1,2})月(\d{1,2})日$/.exec(text);
  const [y, m, day] = d ? [Number(d[1]), Number(d[2]), Number(d[3])] : md ? [new Date().getFullYear(), Number(md[1]), Number(md[2])] : [];
  if (y !== undefined) {
    const serial = Math.round((Date.UTC(y, m! - 1, day!) - Date.UTC(1899, 11, 30)) / 86_400_000);
    return { text: String(serial), value: serial, ...kept };
  }
  return { text, ...kept };
}

export interface Look {
  fill: string | null;
  font: string;
}

/** A conditional format: the add-in's rule `=ISTEXT("…")` is always true; any other rule is kept, never evaluated. */
export interface FakeFormatRule {
  type: string;
  formula?: string;
  areas: CellRange[];
  fill?: string;
  font?: string;
}

const contains = (a: CellRange, r: number, c: number) => r >= a.top && r <= a.bottom && c >= a.left && c <= a.right;
const intersects = (a: CellRange, b: CellRange) => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
const always = (f: FakeFormatRule) => f.type === "Custom" && /^=ISTEXT\("[^"]*"\)$/.test(f.formula ?? "");

let nextSheetId = 1;

export class SheetModel {
  readonly id = `{00000000-0001-0000-${String(nextSheetId++).padStart(4, "0")}-000000000000}`;
  cells = new Map<Key, FakeCell>();
  /** The cells' own formats. */
  looks = new Map<Key, Look>();
  notes = new Map<string, string>();
  merges: CellRange[] = [];
  /** Conditional formats, the first on top. */
  formats: FakeFormatRule[] = [];
  protected = false;
  constructor(public name: string) {}

  set(address: string, text: string, formula?: string): void {
    const p = parseRange(address)!;
    this.cells.set(key(p.top, p.left), formula === undefined ? { text } : { text, formula });
  }
  /** The cell's own look (its format), without conditional formats. */
  look(r: number, c: number): Look {
    return this.looks.get(key(r, c)) ?? { fill: null, font: "#000000" };
  }
  /** What the user sees: a true conditional format's colours over the cell's own. */
  shown(r: number, c: number): Look {
    const own = this.look(r, c);
    const cf = this.formats.find((f) => always(f) && f.areas.some((a) => contains(a, r, c)));
    return cf ? { fill: cf.fill ?? own.fill, font: cf.font ?? own.font } : own;
  }
  lookAt(address: string): Look {
    const p = parseRange(address)!;
    return this.shown(p.top, p.left);
  }
  /** The used range (cells with a value or formula), or undefined when there are none. */
  used(within?: CellRange): CellRange | undefined {
    let box: CellRange | undefined;
    for (const k of this.cells.keys()) {
      const [r, c] = k.split(",").map(Number) as [number, number];
      if (within && !contains(within, r, c)) continue;
      if (!box) box = { top: r, left: c, bottom: r, right: c };
      else box = { top: Math.min(box.top, r), left: Math.min(box.left, c), bottom: Math.max(box.bottom, r), right: Math.max(box.right, c) };
    }
    return box;
  }
}

export interface ChangeArgs {
  worksheetId: string;
  address: string;
  source: "Local" | "Remote";
  changeType: string;
  triggerSource?: "ThisLocalAddin" | "Unknown";
}

/**
 * What `onRowSorted` / `onColumnSorted` hand their handlers (Excel.WorksheetRowSortedEventArgs,
 * WorksheetColumnSortedEventArgs, ExcelApi 1.10).
 */
export interface SortedArgs {
  type: "WorksheetRowSorted" | "WorksheetColumnSorted";
  worksheetId: string;
  /** The rows (or columns) that moved, over the sorted cells' columns (rows). */
  address: string;
  source: "Local" | "Remote";
}

export interface FakeComment {
  sheet: string;
  cell: string;
  content: string;
  replies: string[];
}

export class WorkbookModel {
  sheets: SheetModel[] = [];
  /** Handlers of worksheets.onChanged. */
  listeners = new Set<(e: ChangeArgs) => unknown>();
  /** Handlers of worksheets.onRowSorted and worksheets.onColumnSorted. */
  sortListeners = { rows: new Set<(e: SortedArgs) => unknown>(), columns: new Set<(e: SortedArgs) => unknown>() };
  comments: FakeComment[] = [];
  parts: { id: string; xml: string }[] = [];
  /** The next batch longer than this fails at that operation (a lost connection, a busy Excel). */
  failBatchAt: number | undefined;
  /** The user is typing in a cell (cell edit mode): batches fail, or wait when asked to (`delayForCellEdit`). */
  editing = false;
  private editEnds: (() => void)[] = [];
  /** The user starts typing into a cell. */
  startEdit(): void {
    this.editing = true;
  }
  /** Enter or Esc: delayed batches run now. */
  endEdit(): void {
    this.editing = false;
    for (const go of this.editEnds.splice(0)) go();
  }
  /** Resolves when the user leaves cell edit mode. */
  editEnded(): Promise<void> {
    return this.editing ? new Promise((r) => this.editEnds.push(r)) : Promise.resolve();
  }
  private nextPart = 1;

  sheet(name: string): SheetModel {
    let s = this.sheets.find((x) => x.name === name);
    if (!s) this.sheets.push((s = new SheetModel(name)));
    return s;
  }
  /** By name or id, as `worksheets.getItem` takes either. */
  find(nameOrId: string): SheetModel | undefined {
    return this.sheets.find((x) => x.name === nameOrId || x.id === nameOrId);
  }
  /** Change events are delivered later than the batch that caused them, as in Excel. */
  fire(e: ChangeArgs): void {
    setTimeout(() => {
      for (const h of this.listeners) void h(e);
    }, 0);
  }
  /** What the user types: the cell changes and the change handlers run. */
  edit(sheet: string, address: string, text: string): void {
    this.sheet(sheet).set(address, text);
    this.fire({ worksheetId: this.sheet(sheet).id, address, source: "Local", changeType: "RangeEdited", triggerSource: "Unknown" });
  }
  /** A co-author's edit, arriving from Excel's servers. */
  remoteEdit(sheet: string, address: string, text: string): void {
    this.sheet(sheet).set(address, text);
    this.fire({ worksheetId: this.sheet(sheet).id, address, source: "Remote", changeType: "RangeEdited", triggerSource: "Unknown" });
  }
  rename(from: string, to: string): void {
    if (this.find(to)) throw new OfficeError("ItemAlreadyExists", to);
    this.sheet(from).name = to;
    for (const c of this.comments) if (c.sheet === from) c.sheet = to;
  }
  deleteSheet(name: string): void {
    this.sheets = this.sheets.filter((s) => s.name !== name);
    this.comments = this.comments.filter((c) => c.sheet !== name);
  }
  /** Inserts `count` rows above row `at` (1-based): everything at or below moves down, as in Excel. */
  insertRows(sheet: string, at: number, count: number): void {
    const s = this.sheet(sheet);
    const move = <V>(m: Map<Key, V>) => new Map([...m].map(([k, v]) => {
      const [r, c] = k.split(",").map(Number) as [number, number];
      return [key(r >= at ? r + count : r, c), v] as [Key, V];
    }));
    const moveAddress = (a: string) => {
      const p = parseRange(a)!;
      return cellAddress(p.top >= at ? p.top + count : p.top, p.left);
    };
    const moveArea = (a: CellRange): CellRange => ({ ...a, top: a.top >= at ? a.top + count : a.top, bottom: a.bottom >= at ? a.bottom + count : a.bottom });
    s.cells = move(s.cells);
    s.looks = move(s.looks);
    s.notes = new Map([...s.notes].map(([a, v]) => [moveAddress(a), v]));
    s.merges = s.merges.map(moveArea);
    for (const f of s.formats) f.areas = f.areas.map(moveArea);
    for (const c of this.comments) if (c.sheet === sheet) c.cell = moveAddress(c.cell);
    this.fire({ worksheetId: s.id, address: `${at}:${at + count - 1}`, source: "Local", changeType: "RowInserted", triggerSource: "Unknown" });
  }
  /**
   * The user sorts: rows `a` and `b` trade places. Values, the cells' own formats, notes and comments go with
   * their cells; conditional formats stay where they are (what Excel does: the add-in's colours stay put).
   * Then `onRowSorted` fires, later, as Excel raises it: "The onColumnSorted and onRowSorted events indicate when any
   * worksheet data is sorted … They fire whether the sorting is done programmatically or manually through the Excel
   * user interface"; its `address` "represents the rows or columns moved as a result of the sort operation. The
   * property includes any cell with sorted content" (Office Add-ins docs, "Work with worksheets using the Excel
   * JavaScript API", Handle sorting events; Excel.WorksheetRowSortedEventArgs: "Only rows changed as a result of the
   * sort operation are returned"). The docs name no change event for a sort, so the fake raises none.
   * `source: "Remote"`: a co-author sorted.
   */
  swapRows(sheet: string, a: number, b: number, source: "Local" | "Remote" = "Local"): void {
    const s = this.sheet(sheet);
    const row = (r: number) => (r === a ? b : r === b ? a : r);
    const move = <V>(m: Map<Key, V>) => new Map([...m].map(([k, v]) => {
      const [r, c] = k.split(",").map(Number) as [number, number];
      return [key(row(r), c), v] as [Key, V];
    }));
    const moveAddress = (x: string) => {
      const p = parseRange(x)!;
      return cellAddress(row(p.top), p.left);
    };
    s.cells = move(s.cells);
    s.looks = move(s.looks);
    s.notes = new Map([...s.notes].map(([x, v]) => [moveAddress(x), v]));
    for (const c of this.comments) if (c.sheet === sheet) c.cell = moveAddress(c.cell);
    const used = s.used();
    const moved = (r: number) => ({ top: r, bottom: r, left: used?.left ?? 1, right: used?.right ?? 1 });
    this.fireSorted("rows", { type: "WorksheetRowSorted", worksheetId: s.id, address: addressOf(s.name, [moved(Math.min(a, b)), moved(Math.max(a, b))]), source });
  }
  /** A left-to-right sort: columns `a` and `b` (1-based) trade places, as `swapRows` does for rows; `onColumnSorted` fires. */
  swapColumns(sheet: string, a: number, b: number): void {
    const s = this.sheet(sheet);
    const col = (c: number) => (c === a ? b : c === b ? a : c);
    const move = <V>(m: Map<Key, V>) => new Map([...m].map(([k, v]) => {
      const [r, c] = k.split(",").map(Number) as [number, number];
      return [key(r, col(c)), v] as [Key, V];
    }));
    const moveAddress = (x: string) => {
      const p = parseRange(x)!;
      return cellAddress(p.top, col(p.left));
    };
    s.cells = move(s.cells);
    s.looks = move(s.looks);
    s.notes = new Map([...s.notes].map(([x, v]) => [moveAddress(x), v]));
    for (const c of this.comments) if (c.sheet === sheet) c.cell = moveAddress(c.cell);
    const used = s.used();
    const moved = (c: number) => ({ left: c, right: c, top: used?.top ?? 1, bottom: used?.bottom ?? 1 });
    this.fireSorted("columns", { type: "WorksheetColumnSorted", worksheetId: s.id, address: addressOf(s.name, [moved(Math.min(a, b)), moved(Math.max(a, b))]), source: "Local" });
  }
  /** Sort events, like change events, reach their handlers after the sort. */
  private fireSorted(which: "rows" | "columns", e: SortedArgs): void {
    setTimeout(() => {
      for (const h of this.sortListeners[which]) void h(e);
    }, 0);
  }
  addPart(xml: string): void {
    this.parts.push({ id: `part${this.nextPart++}`, xml });
  }
  /** A deep copy: what a saved and reopened file holds. */
  clone(): WorkbookModel {
    const w = new WorkbookModel();
    for (const s of this.sheets) {
      const t = w.sheet(s.name);
      t.cells = new Map([...s.cells].map(([k, v]) => [k, { ...v }]));
      t.looks = new Map([...s.looks].map(([k, v]) => [k, { ...v }]));
      t.notes = new Map(s.notes);
      t.merges = s.merges.map((m) => ({ ...m }));
      t.formats = s.formats.map((f) => ({ ...f, areas: f.areas.map((a) => ({ ...a })) }));
      t.protected = s.protected;
    }
    w.comments = this.comments.map((c) => ({ ...c, replies: [...c.replies] }));
    w.parts = this.parts.map((p) => ({ ...p }));
    w.nextPart = this.nextPart;
    return w;
  }
}

class Unloaded extends OfficeError {
  constructor(what: string) {
    super("PropertyNotLoaded", `${what} was read before load() and sync()`);
  }
}

class NotSupported extends OfficeError {
  constructor(api: string, set: string) {
    super("ApiNotFound", `${api} needs ExcelApi ${set}`);
  }
}

/** The properties a `load` names: `"a,b/c"` or `["a"]` → a set of paths. */
const paths = (what: string | string[] | undefined) => new Set((Array.isArray(what) ? what : (what ?? "").split(",")).map((p) => p.trim()).filter(Boolean));

/** A value that exists only after the sync that loads it, and only if it was named. */
class Slot<T> {
  private v: { value: T } | undefined;
  constructor(private readonly what: string) {}
  set(value: T): void {
    this.v = { value };
  }
  get(): T {
    if (!this.v) throw new Unloaded(this.what);
    return this.v.value;
  }
}

interface Op {
  run(): void;
  /** Bytes this operation adds to the request. */
  request: number;
}

export class FakeContext {
  readonly ops: Op[] = [];
  syncs = 0;
  /** Calls that reach Excel, by name (each proxy method call or property write). */
  readonly calls = new Map<string, number>();
  readonly addresses: string[] = [];
  /** Bytes of each sync's response (what was loaded), for tests to compare with the limit. */
  readonly responses: number[] = [];
  /** Syncs that loaded something (reads); the others only wrote. For tests that count R and W apart. */
  get readSyncs(): number {
    return this.responses.filter((b) => b > 0).length;
  }
  private response = 0;
  private wrote: { sheet: SheetModel; address: string }[] = [];
  readonly workbook: FakeWorkbook;
  readonly application = {
    suspendScreenUpdatingUntilNextSync: () => {
      if (!this.caps.rangeAreas) throw new NotSupported("suspendScreenUpdatingUntilNextSync", "1.9");
      this.count("suspendScreenUpdating");
    },
  };
  constructor(
    readonly model: WorkbookModel,
    readonly caps: Capabilities,
    readonly options: FakeRunOptions = {},
    /** What the Office.js library loaded in the page has (its API surface); the host's sets are `caps`. */
    readonly library: Capabilities = caps,
  ) {
    this.workbook = new FakeWorkbook(this);
  }
  count(name: string): void {
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
  }
  queue(run: () => void, request = 64): void {
    this.ops.push({ run, request });
  }
  /** A loaded answer: counted against the response limit. */
  answer(x: unknown): void {
    this.response += bytes(x);
  }
  /** A value write on a sheet: Excel raises onChanged for it after the batch. */
  wroteValues(sheet: SheetModel, address: string): void {
    this.wrote.push({ sheet, address });
  }
  async sync(): Promise<void> {
    this.syncs++;
    if (this.model.editing) {
      // Excel.RunOptions.delayForCellEdit: "When false, if the user is in cell edit when the batch request is
      // processed by the host, the batch automatically fails. When true, … the batch request is delayed until
      // the user exits cell edit mode" (Excel API reference, Excel.RunOptions).
      if (!this.options.delayForCellEdit) {
        this.ops.splice(0);
        throw new OfficeError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode");
      }
      await this.model.editEnded();
    }
    const ops = this.ops.splice(0);
    const request = ops.reduce((n, o) => n + o.request, 0);
    if (request > LIMITS.payloadBytes) throw new OfficeError("RequestPayloadSizeLimitExceeded", `request of ${request} bytes`);
    this.response = 0;
    this.wrote = [];
    try {
      const failAt = this.model.failBatchAt;
      if (failAt !== undefined && ops.length > failAt) this.model.failBatchAt = undefined;
      ops.forEach((op, i) => {
        if (failAt !== undefined && i === failAt && ops.length > failAt) throw new OfficeError("GeneralException", `the batch failed at operation ${i} of ${ops.length}`);
        op.run(); // a failing operation throws: those before it stay applied, the rest are dropped
      });
    } finally {
      for (const w of this.wrote) {
        this.model.fire({ worksheetId: w.sheet.id, address: w.address, source: "Local", changeType: "RangeEdited", ...(this.caps.triggerSource ? { triggerSource: "ThisLocalAddin" as const } : {}) });
      }
    }
    this.responses.push(this.response);
    if (this.response > LIMITS.payloadBytes) throw new OfficeError("ResponsePayloadSizeLimitExceeded", `response of ${this.response} bytes`);
  }
}

const need = (ctx: FakeContext, cap: keyof Capabilities, api: string, set: string) => {
  if (!ctx.caps[cap]) throw new NotSupported(api, set);
};

/** Writes on a protected sheet are refused, as Excel refuses them. */
function writable(s: SheetModel): SheetModel {
  if (s.protected) throw new OfficeError("AccessDenied", `worksheet ${s.name} is protected`);
  return s;
}

class FakeWorkbook {
  readonly worksheets: FakeWorksheets;
  readonly customXmlParts: FakeParts;
  constructor(private readonly ctx: FakeContext) {
    this.worksheets = new FakeWorksheets(ctx);
    this.customXmlParts = new FakeParts(ctx);
  }
  get comments(): FakeComments {
    if (!this.ctx.library.comments) return undefined as unknown as FakeComments; // not in this copy of Office.js
    need(this.ctx, "comments", "workbook.comments", "1.10");
    return (this._comments ??= new FakeComments(this.ctx));
  }
  get notes(): FakeNotes {
    if (!this.ctx.library.notes) return undefined as unknown as FakeNotes; // not in this copy of Office.js
    need(this.ctx, "notes", "workbook.notes", "1.18");
    return (this._notes ??= new FakeNotes(this.ctx));
  }
  private _comments?: FakeComments;
  private _notes?: FakeNotes;
}

class FakeWorksheets {
  private items_ = new Slot<FakeWorksheet[]>("worksheets.items");
  constructor(private readonly ctx: FakeContext) {}
  readonly onChanged = {
    add: (handler: (e: ChangeArgs) => unknown) => {
      need(this.ctx, "rangeAreas", "worksheets.onChanged", "1.9");
      this.ctx.count("onChanged.add");
      this.ctx.model.listeners.add(handler);
      return { context: this.ctx, remove: () => this.ctx.queue(() => this.ctx.model.listeners.delete(handler)) };
    },
  };
  get onRowSorted() {
    return this.sorted("rows", "onRowSorted");
  }
  get onColumnSorted() {
    return this.sorted("columns", "onColumnSorted");
  }
  /** ExcelApi 1.10; a library without the event has no such property (undefined), as for notes. */
  private sorted(which: "rows" | "columns", name: string): { add(handler: (e: SortedArgs) => unknown): { context: FakeContext; remove(): void } } {
    if (!this.ctx.library.sortEvents) return undefined as unknown as ReturnType<FakeWorksheets["sorted"]>;
    need(this.ctx, "sortEvents", `worksheets.${name}`, "1.10");
    return {
      add: (handler) => {
        this.ctx.count(`${name}.add`);
        // registered at the sync, as Office.js registers handlers
        this.ctx.queue(() => this.ctx.model.sortListeners[which].add(handler));
        return { context: this.ctx, remove: () => this.ctx.queue(() => this.ctx.model.sortListeners[which].delete(handler)) };
      },
    };
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    const ws = new FakeWorksheet(this.ctx, () => this.ctx.model.find(name), name);
    ws.nullable = true;
    return ws;
  }
  add(name: string): FakeWorksheet {
    this.ctx.count("worksheets.add");
    this.ctx.queue(() => {
      if (this.ctx.model.find(name)) throw new OfficeError("ItemAlreadyExists", name);
      this.ctx.model.sheet(name);
    });
    return this.getItem(name);
  }
  load(what?: string | string[]): void {
    const p = paths(what);
    this.ctx.queue(() => {
      const items = this.ctx.model.sheets.map((s) => {
        const ws = new FakeWorksheet(this.ctx, () => s, s.name);
        ws.fill(p, "items/");
        return ws;
      });
      this.items_.set(items);
    });
  }
  get items(): FakeWorksheet[] {
    return this.items_.get();
  }
  getItem(nameOrId: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.model.find(nameOrId), nameOrId);
  }
}

class FakeWorksheet {
  nullable = false;
  private name_ = new Slot<string>("worksheet.name");
  private id_ = new Slot<string>("worksheet.id");
  private exists_ = new Slot<boolean>("worksheet.isNullObject");
  private protected_ = new Slot<boolean>("worksheet.protection.protected");
  constructor(
    private readonly ctx: FakeContext,
    private readonly find: () => SheetModel | undefined,
    private readonly label: string,
  ) {}
  /** Copies loaded properties in (`prefix`: "items/" when loaded through the collection). */
  fill(p: Set<string>, prefix = ""): void {
    const s = this.model();
    const has = (x: string) => p.size === 0 || p.has(prefix + x);
    if (has("name")) this.name_.set(s.name);
    if (has("id")) this.id_.set(s.id);
    if (p.has(`${prefix}protection/protected`)) this.protected_.set(s.protected);
    this.ctx.answer(s.name);
  }
  load(what?: string | string[]): void {
    const p = paths(what);
    this.ctx.queue(() => {
      const s = this.find();
      this.exists_.set(s !== undefined);
      if (s) this.resolved = s;
      if (s) this.fill(p);
      else if (!this.nullable) throw new OfficeError("ItemNotFound", `worksheet ${this.label}`);
    });
  }
  get isNullObject(): boolean {
    return !this.exists_.get();
  }
  get name(): string {
    return this.name_.get();
  }
  get id(): string {
    return this.id_.get();
  }
  get protection(): { readonly protected: boolean } {
    const slot = this.protected_;
    return { get protected() { return slot.get(); } };
  }
  /** Renaming is queued like every write; later operations of the batch find the sheet by its new name. */
  set name(v: string) {
    this.ctx.count("worksheet.name");
    this.ctx.queue(() => this.ctx.model.rename(this.model().name, v));
  }
  private resolved?: SheetModel;
  /** The sheet this proxy stands for: found once, then followed through renames, as Excel's proxies are. */
  model(): SheetModel {
    const s = this.resolved && this.resolved === this.ctx.model.sheets.find((x) => x === this.resolved) ? this.resolved : this.find();
    if (!s) throw new OfficeError("ItemNotFound", `worksheet ${this.label}`);
    return (this.resolved = s);
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    this.ctx.count("getUsedRange");
    return new FakeRange(this.ctx, this, () => this.model().used(), true, valuesOnly);
  }
  getRange(address?: string): FakeRange {
    this.ctx.count("getRange");
    if (address === undefined) return new FakeRange(this.ctx, this, () => ({ top: 1, left: 1, bottom: 1_048_576, right: 16_384 }));
    const whole = /^([A-Z]+):([A-Z]+)$/.exec(address);
    const area = parseRange(whole ? `${whole[1]}1:${whole[2]}1` : address);
    if (!area) throw new OfficeError("InvalidArgument", `range address ${address}`);
    return new FakeRange(this.ctx, this, () => area);
  }
  getRanges(address: string): FakeRangeAreas {
    need(this.ctx, "rangeAreas", "getRanges", "1.9");
    this.ctx.count("getRanges");
    if (address.length > LIMITS.addressChars) throw new OfficeError("InvalidArgument", `getRanges address of ${address.length} characters`);
    this.ctx.addresses.push(address);
    const areas = address.split(",").map((a) => parseRange(a.trim()));
    if (areas.some((a) => !a)) throw new OfficeError("InvalidArgument", `range address ${address}`);
    return new FakeRangeAreas(this.ctx, this, () => areas as CellRange[]);
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    this.ctx.count("getRangeByIndexes");
    return new FakeRange(this.ctx, this, () => ({ top: row + 1, left: col + 1, bottom: row + rows, right: col + cols }));
  }
  get notes(): { add(cell: string, content: string): void } {
    if (!this.ctx.library.notes) return undefined as unknown as { add(): void }; // not in this copy of Office.js
    need(this.ctx, "notes", "worksheet.notes", "1.18");
    return {
      add: (cell, content) => {
        this.ctx.count("notes.add");
        this.ctx.queue(() => {
          const s = writable(this.model());
          if (s.notes.has(cell)) throw new OfficeError("InvalidArgument", `${cell} has a note already`);
          // one or the other per cell: a threaded comment (stored with its fallback note) blocks a note
          if (this.ctx.model.comments.some((c) => c.sheet === s.name && c.cell === cell)) throw new OfficeError("InvalidArgument", `${s.name}!${cell} has a threaded comment`);
          s.notes.set(cell, content);
        }, bytes(content));
      },
    };
  }
  activate(): void {
    this.ctx.count("activate");
  }
  delete(): void {
    this.ctx.count("worksheet.delete");
    this.ctx.queue(() => {
      // A workbook must always keep at least one visible sheet: Excel refuses to delete the last one.
      if (this.ctx.model.sheets.length <= 1) throw new OfficeError("InvalidOperation", `cannot delete the last sheet (${this.label})`);
      this.ctx.model.deleteSheet(this.model().name);
    });
  }
  readonly freezePanes = {
    freezeAt: (_r: unknown) => this.ctx.count("freezeAt"),
  };
}
class FakeFormat {
  readonly fill: { color: string | null; clear(): void; load(w: string): void };
  readonly font: { color: string | null; bold: boolean; load(w: string): void };
  columnWidth = 0;
  wrapText = false;
  rowHeight = 0;
  /** ExcelApi 1.2: rows as tall as their wrapped text. */
  autofitRows(): void {
    this.ctx.count("autofitRows");
  }
  constructor(
    private readonly ctx: FakeContext,
    ws: FakeWorksheet,
    areas: () => CellRange[],
  ) {
    const each = (f: (m: SheetModel, r: number, c: number) => void) => {
      const m = writable(ws.model());
      for (const a of areas()) for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) f(m, r, c);
    };
    /** One value for all cells, or null where they differ (Excel's answer for a mixed range). */
    const common = (pick: (l: Look) => string | null) => {
      const m = ws.model();
      const seen = new Set<string | null>();
      for (const a of areas()) for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) seen.add(pick(m.look(r, c)));
      return seen.size === 1 ? [...seen][0]! : null;
    };
    const fill = new Slot<string | null>("format.fill.color");
    const font = new Slot<string | null>("format.font.color");
    this.fill = {
      get color() {
        return fill.get();
      },
      set color(v: string | null) {
        ctx.count("format.fill.color");
        ctx.queue(() => each((m, r, c) => m.looks.set(key(r, c), { ...m.look(r, c), fill: v!.toUpperCase() })));
      },
      clear() {
        ctx.count("format.fill.clear");
        ctx.queue(() => each((m, r, c) => m.looks.set(key(r, c), { ...m.look(r, c), fill: null })));
      },
      // ExcelApi 1.8 reports No Fill as white
      load: () => ctx.queue(() => fill.set(common((l) => l.fill ?? "#FFFFFF"))),
    };
    this.font = {
      get color() {
        return font.get();
      },
      set color(v: string | null) {
        ctx.count("format.font.color");
        ctx.queue(() => each((m, r, c) => m.looks.set(key(r, c), { ...m.look(r, c), font: v!.toUpperCase() })));
      },
      set bold(_v: boolean) {
        ctx.count("format.font.bold");
      },
      get bold() {
        return false;
      },
      load: () => ctx.queue(() => font.set(common((l) => l.font))),
    };
  }
}

/** Where an area is, as Excel writes it: `Sheet1!A1:B2`, the name quoted when it needs to be. */
function addressOf(sheet: string, areas: CellRange[]): string {
  const name = /^[\p{L}\p{N}_]+$/u.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return areas.map((a) => `${name}!${cellAddress(a.top, a.left)}${a.top === a.bottom && a.left === a.right ? "" : `:${cellAddress(a.bottom, a.right)}`}`).join(",");
}

class FakeRange {
  readonly format: FakeFormat;
  private data = new Slot<{ text?: string[][]; values?: unknown[][]; formulas?: unknown[][]; address?: string; rowIndex?: number; columnIndex?: number; rowCount?: number; columnCount?: number }>("range properties");
  private isNull = new Slot<boolean>("range.isNullObject");
  constructor(
    private readonly ctx: FakeContext,
    private readonly ws: FakeWorksheet,
    private readonly area: () => CellRange | undefined,
    private readonly nullable = false,
    /** Used ranges: the fake keeps no formats beyond colours, so every used range is of values. */
    _valuesOnly?: boolean,
  ) {
    this.format = new FakeFormat(ctx, ws, () => [this.must()]);
  }
  private must(): CellRange {
    const a = this.area();
    if (!a) throw new OfficeError("ItemNotFound", "the range is empty (a null object)");
    return a;
  }
  load(what?: string | string[]): this {
    const p = paths(what);
    this.ctx.queue(() => {
      const a = this.area();
      this.isNull.set(a === undefined);
      if (!a) {
        if (!this.nullable) throw new OfficeError("ItemNotFound", "range");
        return;
      }
      const cellCount = (a.bottom - a.top + 1) * (a.right - a.left + 1);
      const wantsCells = p.has("text") || p.has("values") || p.has("formulas");
      if (wantsCells && cellCount > LIMITS.cellsPerRead) throw new OfficeError("ResponsePayloadSizeLimitExceeded", `a read of ${cellCount} cells (limit ${LIMITS.cellsPerRead})`);
      const m = this.ws.model();
      const out: Record<string, unknown> = {};
      if (wantsCells) {
        const text: string[][] = [];
        const values: unknown[][] = [];
        const formulas: unknown[][] = [];
        for (let r = a.top; r <= a.bottom; r++) {
          const t: string[] = [];
          const v: unknown[] = [];
          const f: unknown[] = [];
          for (let c = a.left; c <= a.right; c++) {
            const cell = m.cells.get(key(r, c));
            t.push(cell?.text ?? "");
            v.push(cell?.value ?? cell?.text ?? "");
            f.push(cell?.formula !== undefined ? `=${cell.formula}` : (cell?.value ?? cell?.text ?? ""));
          }
          text.push(t);
          values.push(v);
          formulas.push(f);
        }
        if (p.has("text")) out.text = text;
        if (p.has("values")) out.values = values;
        if (p.has("formulas")) out.formulas = formulas;
      }
      if (p.has("address")) out.address = addressOf(m.name, [a]);
      if (p.has("rowIndex")) out.rowIndex = a.top - 1;
      if (p.has("columnIndex")) out.columnIndex = a.left - 1;
      if (p.has("rowCount")) out.rowCount = a.bottom - a.top + 1;
      if (p.has("columnCount")) out.columnCount = a.right - a.left + 1;
      this.ctx.answer(out);
      this.data.set(out);
    });
    return this;
  }
  private prop<K extends "text" | "values" | "formulas" | "address" | "rowIndex" | "columnIndex" | "rowCount" | "columnCount">(k: K) {
    const v = this.data.get()[k];
    if (v === undefined) throw new Unloaded(`range.${k}`);
    return v as NonNullable<ReturnType<FakeRange["data"]["get"]>[K]>;
  }
  get isNullObject(): boolean {
    return this.isNull.get();
  }
  get text() {
    return this.prop("text");
  }
  get formulas() {
    return this.prop("formulas");
  }
  get values() {
    return this.prop("values");
  }
  get address() {
    return this.prop("address");
  }
  get rowIndex() {
    return this.prop("rowIndex");
  }
  get columnIndex() {
    return this.prop("columnIndex");
  }
  get rowCount() {
    return this.prop("rowCount");
  }
  get columnCount() {
    return this.prop("columnCount");
  }
  set values(v: unknown[][]) {
    this.ctx.count("values");
    this.ctx.queue(() => {
      const a = this.must();
      const s = writable(this.ws.model());
      const cells = s.cells;
      v.forEach((row, i) => row.forEach((x, j) => {
        const k = key(a.top + i, a.left + j);
        const format = cells.get(k)?.numberFormat;
        if (typeof x === "number") cells.set(k, { text: String(x), ...(format === undefined ? {} : { numberFormat: format }) });
        else if (String(x ?? "") === "" && format === undefined) cells.delete(k);
        else cells.set(k, parsedLikeExcel(String(x ?? ""), format));
      }));
      this.ctx.wroteValues(s, addressOf(s.name, [a]));
    }, bytes(v));
  }
  set numberFormat(v: unknown[][]) {
    this.ctx.count("numberFormat");
    this.ctx.queue(() => {
      const a = this.must();
      const cells = writable(this.ws.model()).cells;
      v.forEach((row, i) => row.forEach((f, j) => {
        const k = key(a.top + i, a.left + j);
        const format = String(f);
        if (format === "General") return; // the default: nothing to remember
        cells.set(k, { ...(cells.get(k) ?? { text: "" }), numberFormat: format });
      }));
    }, bytes(v));
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    this.ctx.count("getUsedRange");
    return new FakeRange(this.ctx, this.ws, () => this.ws.model().used(this.must()), true, valuesOnly);
  }
  getEntireColumn(): FakeRange {
    return new FakeRange(this.ctx, this.ws, () => ({ ...this.must(), top: 1, bottom: 1_048_576 }));
  }
  getMergedAreasOrNullObject(): FakeRangeAreas {
    if (!this.ctx.library.mergedAreas) throw new TypeError("range.getMergedAreasOrNullObject is not a function");
    need(this.ctx, "mergedAreas", "getMergedAreasOrNullObject", "1.13");
    return new FakeRangeAreas(this.ctx, this.ws, () => {
      // whole areas, also where one reaches beyond the range
      const found = this.ws.model().merges.filter((m) => intersects(m, this.must()));
      // "if the merged areas count in this range is more than 512, then this method will fail to return the
      // result. If the RangeAreas object doesn't exist, then this method returns an object with its isNullObject
      // property set to true" (Excel API reference, Range.getMergedAreasOrNullObject): over the limit the
      // answer is the same null object as for a range without merges (issue 24 item 5).
      return found.length > LIMITS.mergedAreasPerCall ? [] : found;
    }, true);
  }
  get conditionalFormats(): FakeConditionalFormats {
    return new FakeConditionalFormats(this.ctx, this.ws, () => [this.must()]);
  }
  select(): void {
    this.ctx.count("select");
  }
}

class FakeRangeAreas {
  readonly format: FakeFormat;
  private address_ = new Slot<string>("rangeAreas.address");
  private null_ = new Slot<boolean>("rangeAreas.isNullObject");
  constructor(
    private readonly ctx: FakeContext,
    private readonly ws: FakeWorksheet,
    private readonly areas: () => CellRange[],
    private readonly nullable = false,
  ) {
    this.format = new FakeFormat(ctx, ws, areas);
  }
  load(_what?: string): this {
    this.ctx.queue(() => {
      const list = this.areas();
      this.null_.set(this.nullable && list.length === 0);
      const address = addressOf(this.ws.model().name, list);
      this.ctx.answer(address);
      this.address_.set(address);
    });
    return this;
  }
  get isNullObject(): boolean {
    return this.null_.get();
  }
  get address(): string {
    return this.address_.get();
  }
  get conditionalFormats(): FakeConditionalFormats {
    need(this.ctx, "rangeAreas", "RangeAreas.conditionalFormats", "1.9");
    return new FakeConditionalFormats(this.ctx, this.ws, this.areas);
  }
}

class FakeConditionalFormat {
  private type_ = new Slot<string>("conditionalFormat.type");
  readonly custom: {
    rule: { formula: string; load(w: string): unknown };
    format: { fill: { color: string }; font: { color: string } };
  };
  constructor(
    private readonly ctx: FakeContext,
    private readonly ws: FakeWorksheet,
    /** The rule in the model (found once the batch that adds it has run). */
    private readonly rule: () => FakeFormatRule,
  ) {
    const formula = new Slot<string>("conditionalFormat.custom.rule.formula");
    // the object literals' getters below have a `this` of their own
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    const change = (f: (r: FakeFormatRule) => void, what: string) => {
      ctx.count(what);
      ctx.queue(() => {
        writable(ws.model());
        f(self.customRule());
      });
    };
    this.custom = {
      rule: {
        get formula() {
          return formula.get();
        },
        set formula(v: string) {
          change((r) => (r.formula = v), "conditionalFormat.formula");
        },
        load(_w: string) {
          ctx.queue(() => {
            const f = self.customRule().formula ?? "";
            ctx.answer(f);
            formula.set(f);
          });
          return this;
        },
      },
      format: {
        fill: { set color(v: string) { change((r) => (r.fill = v.toUpperCase()), "conditionalFormat.fill"); }, get color(): string { throw new Unloaded("conditional fill"); } },
        font: { set color(v: string) { change((r) => (r.font = v.toUpperCase()), "conditionalFormat.font"); }, get color(): string { throw new Unloaded("conditional font"); } },
      },
    };
  }
  /** `custom` on a format of another type fails, as in Excel. */
  private customRule(): FakeFormatRule {
    const r = this.rule();
    if (r.type !== "Custom") throw new OfficeError("InvalidArgument", `conditional format of type ${r.type} has no custom rule`);
    return r;
  }
  fillType(): void {
    this.type_.set(this.rule().type);
  }
  get type(): string {
    return this.type_.get();
  }
  getRanges(): FakeRangeAreas {
    need(this.ctx, "rangeAreas", "ConditionalFormat.getRanges", "1.9");
    return new FakeRangeAreas(this.ctx, this.ws, () => this.rule().areas);
  }
  getRangeOrNullObject(): FakeRange {
    return new FakeRange(this.ctx, this.ws, () => (this.rule().areas.length === 1 ? this.rule().areas[0] : undefined), true);
  }
  delete(): void {
    this.ctx.count("conditionalFormat.delete");
    this.ctx.queue(() => {
      const s = writable(this.ws.model());
      const r = this.rule();
      if (!s.formats.includes(r)) throw new OfficeError("ItemNotFound", "conditional format");
      s.formats = s.formats.filter((x) => x !== r);
    });
  }
}

class FakeConditionalFormats {
  private items_ = new Slot<FakeConditionalFormat[]>("conditionalFormats.items");
  constructor(
    private readonly ctx: FakeContext,
    private readonly ws: FakeWorksheet,
    private readonly areas: () => CellRange[],
  ) {}
  add(type: string): FakeConditionalFormat {
    this.ctx.count("conditionalFormats.add");
    let rule: FakeFormatRule | undefined;
    this.ctx.queue(() => {
      const s = writable(this.ws.model());
      rule = { type, areas: this.areas().map((a) => ({ ...a })) };
      s.formats.unshift(rule); // "at the first/top priority" (Excel API reference)
    });
    return new FakeConditionalFormat(this.ctx, this.ws, () => {
      if (!rule) throw new OfficeError("ItemNotFound", "conditional format not added");
      return rule;
    });
  }
  load(_what?: string): void {
    this.ctx.queue(() => {
      const within = this.areas();
      const rules = this.ws.model().formats.filter((f) => f.areas.some((a) => within.some((w) => intersects(a, w))));
      const items = rules.map((r) => {
        const cf = new FakeConditionalFormat(this.ctx, this.ws, () => r);
        cf.fillType();
        return cf;
      });
      this.ctx.answer(rules.map((r) => r.type));
      this.items_.set(items);
    });
  }
  get items(): FakeConditionalFormat[] {
    return this.items_.get();
  }
}

/** A note of the workbook's collection: where it is, its text. */
class FakeNote {
  private content_ = new Slot<string>("note.content");
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: SheetModel,
    private cell: string,
    content: string | undefined,
  ) {
    if (content !== undefined) this.content_.set(content);
  }
  get content(): string {
    return this.content_.get();
  }
  set content(v: string) {
    this.ctx.count("note.content");
    this.ctx.queue(() => {
      const s = writable(this.sheet);
      if (!s.notes.has(this.cell)) throw new OfficeError("ItemNotFound", `note ${this.cell}`);
      s.notes.set(this.cell, v);
    }, bytes(v));
  }
  delete(): void {
    this.ctx.count("note.delete");
    this.ctx.queue(() => {
      if (!writable(this.sheet).notes.delete(this.cell)) throw new OfficeError("ItemNotFound", `note ${this.cell}`);
    });
  }
  getLocation(): FakeRange {
    const ws = new FakeWorksheet(this.ctx, () => this.sheet, this.sheet.name);
    return new FakeRange(this.ctx, ws, () => parseRange(this.cell));
  }
}

class FakeNotes {
  private items_ = new Slot<FakeNote[]>("notes.items");
  constructor(private readonly ctx: FakeContext) {}
  load(what?: string): void {
    const p = paths(what);
    this.ctx.queue(() => {
      const items = this.ctx.model.sheets.flatMap((s) =>
        [...s.notes].map(([cell, content]) => {
          if (p.has("items/content")) this.ctx.answer(content);
          return new FakeNote(this.ctx, s, cell, p.has("items/content") ? content : undefined);
        }),
      );
      this.items_.set(items);
    });
  }
  get items(): FakeNote[] {
    return this.items_.get();
  }
}

class FakeReplies {
  private items_ = new Slot<{ content: string; delete(): void }[]>("replies.items");
  constructor(
    private readonly ctx: FakeContext,
    private readonly comment: FakeComment,
  ) {}
  add(content: string): void {
    this.ctx.count("replies.add");
    this.ctx.queue(() => {
      writable(this.ctx.model.sheet(this.comment.sheet));
      this.comment.replies.push(content);
    }, bytes(content));
  }
  load(_w?: string): void {
    this.ctx.queue(() => {
      const replies = this.comment.replies;
      this.ctx.answer(replies);
      this.items_.set(replies.map((content, i) => ({
        content,
        delete: () => {
          this.ctx.count("reply.delete");
          const target = replies[i];
          this.ctx.queue(() => {
            const at = this.comment.replies.indexOf(target!);
            if (at < 0) throw new OfficeError("ItemNotFound", "reply");
            this.comment.replies.splice(at, 1);
          });
        },
      })));
    });
  }
  get items() {
    return this.items_.get();
  }
}

class FakeComments {
  private items_ = new Slot<{ content: string; delete(): void; getLocation(): FakeRange; replies: FakeReplies }[]>("comments.items");
  constructor(private readonly ctx: FakeContext) {}
  add(address: string, content: string): void {
    this.ctx.count("comments.add");
    const at = address.lastIndexOf("!");
    const sheet = address.slice(0, at).replace(/^'|'$/g, "").replace(/''/g, "'");
    const cell = address.slice(at + 1);
    this.ctx.queue(() => {
      writable(this.ctx.model.sheet(sheet));
      // One thread per cell: Excel refuses a second comment on a cell that has one (issue 10).
      if (this.ctx.model.comments.some((c) => c.sheet === sheet && c.cell === cell)) throw new OfficeError("InvalidArgument", `${sheet}!${cell} has a comment already`);
      // A cell keeps a note or a threaded comment, not both (issue 24 item 1; support.microsoft.com, "The difference
      // between threaded comments and notes"): a legacy 批注 written by WPS or old Excel blocks a comment.
      if (this.ctx.model.find(sheet)?.notes.has(cell)) throw new OfficeError("InvalidArgument", `${sheet}!${cell} has a note`);
      this.ctx.model.comments.push({ sheet, cell, content, replies: [] });
    }, bytes(content));
  }
  load(_w?: string): void {
    this.ctx.queue(() => {
      this.items_.set(this.ctx.model.comments.map((c) => {
        this.ctx.answer(c.content);
        return {
          content: c.content,
          delete: () => {
            this.ctx.count("comment.delete");
            this.ctx.queue(() => {
              writable(this.ctx.model.sheet(c.sheet));
              this.ctx.model.comments = this.ctx.model.comments.filter((x) => x !== c);
            });
          },
          getLocation: () => {
            const ws = new FakeWorksheet(this.ctx, () => this.ctx.model.find(c.sheet), c.sheet);
            return new FakeRange(this.ctx, ws, () => parseRange(c.cell));
          },
          replies: new FakeReplies(this.ctx, c),
        };
      }));
    });
  }
  get items() {
    return this.items_.get();
  }
}

class FakeParts {
  constructor(private readonly ctx: FakeContext) {}
  add(xml: string): void {
    this.ctx.count("part.add");
    this.ctx.queue(() => this.ctx.model.addPart(xml), 64 + xml.length);
  }
  getByNamespace(ns: string) {
    const ctx = this.ctx;
    const items = new Slot<{ id: string; getXml(): { value: string }; delete(): void }[]>("customXmlParts.items");
    return {
      load(_w: string) {
        ctx.queue(() => {
          items.set(ctx.model.parts
            .filter((p) => p.xml.includes(`xmlns="${ns}"`))
            .map((p) => ({
              id: p.id,
              getXml() {
                // a ClientResult: no value before the sync that fetches it
                const r = new Slot<string>("ClientResult.value");
                ctx.queue(() => {
                  ctx.answer(p.xml);
                  r.set(p.xml);
                });
                return { get value() { return r.get(); } };
              },
              delete() {
                ctx.count("part.delete");
                ctx.queue(() => (ctx.model.parts = ctx.model.parts.filter((x) => x !== p)));
              },
            })));
        });
      },
      get items() {
        return items.get();
      },
    };
  }
}

/** A model holding what a snapshot holds (cells and merges; no formatting, notes or parts yet). */
export function modelFromSnapshot(snapshot: { sheets: { name: string; rows: ({ text: string; formula?: string } | undefined)[][]; merges: CellRange[] }[] }): WorkbookModel {
  const m = new WorkbookModel();
  for (const s of snapshot.sheets) {
    const sheet = m.sheet(s.name);
    s.rows.forEach((row, r) => row.forEach((cell, c) => cell && sheet.cells.set(key(r + 1, c + 1), { ...cell })));
    sheet.merges = s.merges.map((x) => ({ ...x }));
  }
  return m;
}

/** Everything a user could see or that the file keeps, for comparing before and after. */
export function modelState(m: WorkbookModel): string {
  return JSON.stringify({
    sheets: m.sheets.map((s) => ({
      name: s.name,
      cells: [...s.cells],
      looks: [...s.looks].filter(([, l]) => l.fill !== null || l.font !== "#000000").sort(),
      notes: [...s.notes].sort(),
      formats: s.formats,
      merges: s.merges,
    })),
    comments: m.comments,
    parts: m.parts.map((p) => p.xml),
  });
}

/** What `Excel.run(options, batch)` passes on to the context it makes. */
export interface FakeRunOptions {
  delayForCellEdit?: boolean;
}

/** A context over the model, typed as Excel's for the adapter; `library`: the Office.js copy's API surface. */
export function fakeContext(model: WorkbookModel, caps: Capabilities, options?: FakeRunOptions, library?: Capabilities): FakeContext & Excel.RequestContext {
  return new FakeContext(model, caps, options, library) as unknown as FakeContext & Excel.RequestContext;
}

/**
 * The API surface of the npm package @microsoft/office-js 1.1.110, the copy an intranet serves when the CDN is
 * out of reach: threaded comments, RangeAreas, getMergedAreasOrNullObject, the sort events, no Notes API (checked against the
 * installed package's excel-web-16.00.js in capabilities.test.ts). What the host supports is another matter.
 */
export const OFFICE_JS_1_1_110: Capabilities = { rangeAreas: true, comments: true, sortEvents: true, mergedAreas: true, triggerSource: true, notes: false, keepsUndo: true };

/** The global `Excel` namespace of a library with this surface: Office.js exports a proxy class per API. */
export function fakeLibrary(library: Capabilities): Record<string, unknown> {
  class Range {}
  if (library.mergedAreas) Object.assign(Range.prototype, { getMergedAreasOrNullObject() {} });
  const api: Record<string, unknown> = { Range, run: () => undefined };
  if (library.rangeAreas) api.RangeAreas = class RangeAreas {};
  if (library.comments) api.CommentCollection = class CommentCollection {};
  if (library.notes) api.NoteCollection = class NoteCollection {};
  // Office.js defines events as getters on the collection's prototype
  class WorksheetCollection {}
  if (library.sortEvents) for (const name of ["onRowSorted", "onColumnSorted"]) Object.defineProperty(WorksheetCollection.prototype, name, { get: () => ({}) });
  api.WorksheetCollection = WorksheetCollection;
  return api;
}
