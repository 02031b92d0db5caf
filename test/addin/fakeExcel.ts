/**
 * A recording fake of the part of Excel's JavaScript API the adapter uses, with Office.js' batching
 * semantics: calls are queued and run in order at `context.sync()`; a property must be loaded, and
 * synced, before it is read; APIs beyond the host's requirement sets throw, as on an older Excel.
 */
import { cellAddress, parseRange, type CellRange } from "../../core/index.js";
import type { Capabilities } from "../../addin/capabilities.js";

type Key = string;
const key = (r: number, c: number): Key => `${r},${c}`;

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

export class SheetModel {
  cells = new Map<Key, FakeCell>();
  looks = new Map<Key, Look>();
  notes = new Map<string, string>();
  merges: CellRange[] = [];
  constructor(public name: string) {}

  set(address: string, text: string, formula?: string): void {
    const p = parseRange(address)!;
    this.cells.set(key(p.top, p.left), formula === undefined ? { text } : { text, formula });
  }
  look(r: number, c: number): Look {
    return this.looks.get(key(r, c)) ?? { fill: null, font: "#000000" };
  }
  lookAt(address: string): Look {
    const p = parseRange(address)!;
    return this.look(p.top, p.left);
  }
  used(): CellRange {
    let bottom = 1;
    let right = 1;
    for (const k of this.cells.keys()) {
      const [r, c] = k.split(",").map(Number) as [number, number];
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    }
    return { top: 1, left: 1, bottom, right };
  }
}

export class WorkbookModel {
  sheets: SheetModel[] = [];
  /** Handlers of worksheets.onChanged. */
  listeners = new Set<() => unknown>();
  /** What the user types: the cell changes and the change handlers run. */
  edit(sheet: string, address: string, text: string): void {
    this.sheet(sheet).set(address, text);
    for (const h of this.listeners) void h();
  }
  comments: { sheet: string; cell: string; content: string }[] = [];
  parts: { id: string; xml: string }[] = [];
  private nextPart = 1;
  sheet(name: string): SheetModel {
    let s = this.sheets.find((x) => x.name === name);
    if (!s) this.sheets.push((s = new SheetModel(name)));
    return s;
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
    }
    w.comments = this.comments.map((c) => ({ ...c }));
    w.parts = this.parts.map((p) => ({ ...p }));
    w.nextPart = this.nextPart;
    return w;
  }
}

class Unloaded extends Error {
  constructor(what: string) {
    super(`PropertyNotLoaded: ${what} was read before load() and sync()`);
  }
}

class NotSupported extends Error {
  constructor(api: string, set: string) {
    super(`ApiNotFound: ${api} needs ExcelApi ${set}`);
  }
}

export class FakeContext {
  readonly ops: (() => void)[] = [];
  syncs = 0;
  /** Calls that reach Excel, by name (each proxy method call or property write). */
  readonly calls = new Map<string, number>();
  readonly addresses: string[] = [];
  readonly workbook: FakeWorkbook;
  readonly application = {
    suspendScreenUpdatingUntilNextSync: () => {
      if (!this.caps.rangeAreas) throw new NotSupported("suspendScreenUpdatingUntilNextSync", "1.9");
      this.count("suspendScreenUpdating");
    },
  };
  constructor(readonly model: WorkbookModel, readonly caps: Capabilities) {
    this.workbook = new FakeWorkbook(this);
  }
  count(name: string): void {
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
  }
  queue(op: () => void): void {
    this.ops.push(op);
  }
  async sync(): Promise<void> {
    this.syncs++;
    const ops = this.ops.splice(0);
    for (const op of ops) op();
  }
}

class FakeWorkbook {
  readonly worksheets: FakeWorksheets;
  readonly customXmlParts: FakeParts;
  constructor(private readonly ctx: FakeContext) {
    this.worksheets = new FakeWorksheets(ctx);
    this.customXmlParts = new FakeParts(ctx);
  }
  get comments(): FakeComments {
    if (!this.ctx.caps.comments) throw new NotSupported("workbook.comments", "1.10");
    return (this._comments ??= new FakeComments(this.ctx));
  }
  private _comments?: FakeComments;
}

class FakeWorksheets {
  private _items?: FakeWorksheet[];
  constructor(private readonly ctx: FakeContext) {}
  readonly onChanged = {
    add: (handler: () => unknown) => {
      this.ctx.count("onChanged.add");
      this.ctx.model.listeners.add(handler);
      return { context: this.ctx, remove: () => this.ctx.queue(() => this.ctx.model.listeners.delete(handler)) };
    },
  };
  getItemOrNullObject(name: string): FakeWorksheet & { isNullObject: boolean } {
    const ws = new FakeWorksheet(this.ctx, name) as FakeWorksheet & { isNullObject: boolean };
    let exists: boolean | undefined;
    Object.defineProperty(ws, "isNullObject", {
      get: () => {
        if (exists === undefined) throw new Unloaded("isNullObject");
        return !exists;
      },
    });
    (ws as unknown as { load(w: string): void }).load = () => this.ctx.queue(() => (exists = this.ctx.model.sheets.some((x) => x.name === name)));
    return ws;
  }
  add(name: string): FakeWorksheet {
    this.ctx.count("worksheets.add");
    this.ctx.queue(() => {
      if (this.ctx.model.sheets.some((x) => x.name === name)) throw new Error(`ItemAlreadyExists: ${name}`);
      this.ctx.model.sheet(name);
    });
    return new FakeWorksheet(this.ctx, name);
  }
  load(_what: string): void {
    this.ctx.queue(() => (this._items = this.ctx.model.sheets.map((s) => new FakeWorksheet(this.ctx, s.name))));
  }
  get items(): FakeWorksheet[] {
    if (!this._items) throw new Unloaded("worksheets.items");
    return this._items;
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, name);
  }
}

class FakeWorksheet {
  private current: string;
  constructor(
    private readonly ctx: FakeContext,
    name: string,
  ) {
    this.current = name;
  }
  get name(): string {
    return this.current;
  }
  /** Renaming is queued like every write; later operations of the batch find the sheet by its new name. */
  set name(v: string) {
    this.ctx.count("worksheet.name");
    this.ctx.queue(() => {
      if (this.ctx.model.sheets.some((x) => x.name === v)) throw new Error(`ItemAlreadyExists: ${v}`);
      this.model().name = v;
      this.current = v;
    });
  }
  model(): SheetModel {
    const s = this.ctx.model.sheets.find((x) => x.name === this.current);
    if (!s) throw new Error(`ItemNotFound: worksheet ${this.current}`);
    return s;
  }
  getUsedRange(_valuesOnly?: boolean): FakeRange {
    this.ctx.count("getUsedRange");
    return new FakeRange(this.ctx, this, () => this.model().used());
  }
  getRange(address: string): FakeRange {
    this.ctx.count("getRange");
    const whole = /^([A-Z]+):([A-Z]+)$/.exec(address);
    return new FakeRange(this.ctx, this, () => parseRange(whole ? `${whole[1]}1:${whole[2]}1` : address)!);
  }
  getRanges(address: string): FakeRangeAreas {
    if (!this.ctx.caps.rangeAreas) throw new NotSupported("getRanges", "1.9");
    this.ctx.count("getRanges");
    this.ctx.addresses.push(address);
    return new FakeRangeAreas(this.ctx, this, address.split(",").map((a) => parseRange(a.trim())!));
  }
  get notes(): FakeNotes {
    if (!this.ctx.caps.notes) throw new NotSupported("worksheet.notes", "1.18");
    return new FakeNotes(this.ctx, this);
  }
  activate(): void {
    this.ctx.count("activate");
  }
  delete(): void {
    this.ctx.count("worksheet.delete");
    this.ctx.queue(() => {
      // A workbook must always keep at least one visible sheet: Excel refuses to delete the last one.
      if (this.ctx.model.sheets.length <= 1) throw new Error(`InvalidOperation: cannot delete the last sheet (${this.name})`);
      this.ctx.model.sheets = this.ctx.model.sheets.filter((x) => x.name !== this.name);
    });
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    this.ctx.count("getRangeByIndexes");
    return new FakeRange(this.ctx, this, () => ({ top: row + 1, left: col + 1, bottom: row + rows, right: col + cols }));
  }
  readonly freezePanes = {
    freezeRows: (_n: number) => this.ctx.count("freezeRows"),
    freezeAt: (_r: unknown) => this.ctx.count("freezeAt"),
  };
}

class FakeFormat {
  readonly fill: { color: string; clear(): void; load(w: string): void };
  readonly font: { color: string; bold: boolean; load(w: string): void };
  columnWidth = 0;
  constructor(ctx: FakeContext, ws: FakeWorksheet, areas: () => CellRange[]) {
    const each = (f: (m: SheetModel, r: number, c: number) => void) => {
      for (const a of areas()) for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) f(ws.model(), r, c);
    };
    let fillLoaded: string | undefined;
    let fontLoaded: string | undefined;
    const first = () => {
      const a = areas()[0]!;
      return ws.model().look(a.top, a.left);
    };
    this.fill = {
      get color() {
        if (fillLoaded === undefined) throw new Unloaded("format.fill.color");
        return fillLoaded;
      },
      set color(v: string) {
        ctx.count("format.fill.color");
        ctx.queue(() => each((m, r, c) => m.looks.set(key(r, c), { ...m.look(r, c), fill: v.toUpperCase() })));
      },
      clear() {
        ctx.count("format.fill.clear");
        ctx.queue(() => each((m, r, c) => m.looks.set(key(r, c), { ...m.look(r, c), fill: null })));
      },
      // ExcelApi 1.8 reports No Fill as white
      load: () => ctx.queue(() => (fillLoaded = first().fill ?? "#FFFFFF")),
    };
    this.font = {
      get color() {
        if (fontLoaded === undefined) throw new Unloaded("format.font.color");
        return fontLoaded;
      },
      set color(v: string) {
        ctx.count("format.font.color");
        ctx.queue(() => each((m, r, c) => m.looks.set(key(r, c), { ...m.look(r, c), font: v.toUpperCase() })));
      },
      set bold(_v: boolean) {
        ctx.count("format.font.bold");
      },
      get bold() {
        return false;
      },
      load: () => ctx.queue(() => (fontLoaded = first().font)),
    };
  }
}

class FakeRange {
  readonly format: FakeFormat;
  private loaded?: { text: string[][]; values: unknown[][]; formulas: unknown[][]; rowIndex: number; columnIndex: number };
  constructor(
    private readonly ctx: FakeContext,
    private readonly ws: FakeWorksheet,
    private readonly area: () => CellRange,
  ) {
    this.format = new FakeFormat(ctx, ws, () => [area()]);
  }
  load(_what: string): void {
    this.ctx.queue(() => {
      const a = this.area();
      const m = this.ws.model();
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
      this.loaded = { text, values, formulas, rowIndex: a.top - 1, columnIndex: a.left - 1 };
    });
  }
  private get data() {
    if (!this.loaded) throw new Unloaded("range values");
    return this.loaded;
  }
  get text() {
    return this.data.text;
  }
  get formulas() {
    return this.data.formulas;
  }
  get values() {
    return this.data.values;
  }
  get rowIndex() {
    return this.data.rowIndex;
  }
  get columnIndex() {
    return this.data.columnIndex;
  }
  set values(v: unknown[][]) {
    this.setValues(v);
  }
  private setValues(v: unknown[][]): void {
    this.ctx.count("values");
    this.ctx.queue(() => {
      const a = this.area();
      const cells = this.ws.model().cells;
      v.forEach((row, i) => row.forEach((x, j) => {
        const k = key(a.top + i, a.left + j);
        const format = cells.get(k)?.numberFormat;
        if (typeof x === "number") cells.set(k, { text: String(x), ...(format === undefined ? {} : { numberFormat: format }) });
        else if (String(x ?? "") === "" && format === undefined) cells.delete(k);
        else cells.set(k, parsedLikeExcel(String(x ?? ""), format));
      }));
    });
  }
  set numberFormat(v: unknown[][]) {
    this.ctx.count("numberFormat");
    this.ctx.queue(() => {
      const a = this.area();
      const cells = this.ws.model().cells;
      v.forEach((row, i) => row.forEach((f, j) => {
        const k = key(a.top + i, a.left + j);
        const format = String(f);
        if (format === "General") return; // the default: nothing to remember
        cells.set(k, { ...(cells.get(k) ?? { text: "" }), numberFormat: format });
      }));
    });
  }
  getMergedAreasOrNullObject(): FakeRangeAreas {
    if (!this.ctx.caps.mergedAreas) throw new NotSupported("getMergedAreasOrNullObject", "1.13");
    return new FakeRangeAreas(this.ctx, this.ws, () => this.ws.model().merges);
  }
  getCellProperties(_o: unknown): { value: { format: { fill: { color: string; pattern: string }; font: { color: string } } }[][] } {
    if (!this.ctx.caps.rangeAreas) throw new NotSupported("getCellProperties", "1.9");
    this.ctx.count("getCellProperties");
    const result = { value: [] as { format: { fill: { color: string; pattern: string }; font: { color: string } } }[][] };
    this.ctx.queue(() => {
      const a = this.area();
      const m = this.ws.model();
      for (let r = a.top; r <= a.bottom; r++) {
        const row = [];
        for (let c = a.left; c <= a.right; c++) {
          const l = m.look(r, c);
          row.push({ format: { fill: { color: l.fill ?? "#FFFFFF", pattern: l.fill === null ? "None" : "Solid" }, font: { color: l.font } } });
        }
        result.value.push(row);
      }
    });
    return result;
  }
  select(): void {
    this.ctx.count("select");
  }
}

class FakeRangeAreas {
  readonly format: FakeFormat;
  private _address?: string;
  private _null = false;
  constructor(
    private readonly ctx: FakeContext,
    private readonly ws: FakeWorksheet,
    areas: CellRange[] | (() => CellRange[]),
  ) {
    const get = typeof areas === "function" ? areas : () => areas;
    this.format = new FakeFormat(ctx, ws, get);
    this.areas = get;
  }
  private readonly areas: () => CellRange[];
  load(_what: string): void {
    this.ctx.queue(() => {
      const list = this.areas();
      this._null = list.length === 0;
      this._address = list.map((a) => `'${this.ws.name}'!${cellAddress(a.top, a.left)}:${cellAddress(a.bottom, a.right)}`).join(",");
    });
  }
  get isNullObject(): boolean {
    if (this._address === undefined) throw new Unloaded("isNullObject");
    return this._null;
  }
  get address(): string {
    if (this._address === undefined) throw new Unloaded("address");
    return this._address;
  }
}

class FakeNote {
  private state?: { exists: boolean; content: string };
  constructor(
    private readonly ctx: FakeContext,
    private readonly ws: FakeWorksheet,
    private readonly cell: string,
  ) {}
  load(_w: string): void {
    this.ctx.queue(() => {
      const n = this.ws.model().notes.get(this.cell);
      this.state = { exists: n !== undefined, content: n ?? "" };
    });
  }
  get isNullObject(): boolean {
    if (!this.state) throw new Unloaded("note.isNullObject");
    return !this.state.exists;
  }
  get content(): string {
    if (!this.state) throw new Unloaded("note.content");
    return this.state.content;
  }
  set content(v: string) {
    this.ctx.count("note.content");
    this.ctx.queue(() => {
      if (!this.ws.model().notes.has(this.cell)) throw new Error(`ItemNotFound: note ${this.cell}`);
      this.ws.model().notes.set(this.cell, v);
    });
  }
  delete(): void {
    this.ctx.count("note.delete");
    this.ctx.queue(() => {
      if (!this.ws.model().notes.delete(this.cell)) throw new Error(`ItemNotFound: note ${this.cell}`);
    });
  }
}

class FakeNotes {
  constructor(
    private readonly ctx: FakeContext,
    private readonly ws: FakeWorksheet,
  ) {}
  getItemOrNullObject(cell: string): FakeNote {
    this.ctx.count("notes.getItemOrNullObject");
    return new FakeNote(this.ctx, this.ws, cell);
  }
  add(cell: string, content: string): void {
    this.ctx.count("notes.add");
    this.ctx.queue(() => {
      if (this.ws.model().notes.has(cell)) throw new Error(`InvalidArgument: ${cell} has a note already`);
      this.ws.model().notes.set(cell, content);
    });
  }
}

class FakeComments {
  private _items?: { content: string; delete(): void }[];
  constructor(private readonly ctx: FakeContext) {}
  add(address: string, content: string): void {
    this.ctx.count("comments.add");
    const [sheet, cell] = [address.slice(0, address.lastIndexOf("!")).replace(/^'|'$/g, "").replace(/''/g, "'"), address.slice(address.lastIndexOf("!") + 1)];
    this.ctx.queue(() => this.ctx.model.comments.push({ sheet, cell, content }));
  }
  load(_w: string): void {
    this.ctx.queue(() => {
      this._items = this.ctx.model.comments.map((c) => ({
        content: c.content,
        delete: () => {
          this.ctx.count("comment.delete");
          this.ctx.queue(() => (this.ctx.model.comments = this.ctx.model.comments.filter((x) => x !== c)));
        },
      }));
    });
  }
  get items() {
    if (!this._items) throw new Unloaded("comments.items");
    return this._items;
  }
}

class FakeParts {
  constructor(private readonly ctx: FakeContext) {}
  getByNamespace(ns: string) {
    const ctx = this.ctx;
    let items: { id: string; getXml(): { value: string }; delete(): void }[] | undefined;
    return {
      load(_w: string) {
        ctx.queue(() => {
          items = ctx.model.parts
            .filter((p) => p.xml.includes(`xmlns="${ns}"`))
            .map((p) => ({
              id: p.id,
              getXml() {
                const r = { value: undefined as unknown as string };
                ctx.queue(() => (r.value = p.xml));
                return r;
              },
              delete() {
                ctx.count("part.delete");
                ctx.queue(() => (ctx.model.parts = ctx.model.parts.filter((x) => x !== p)));
              },
            }));
        });
      },
      get items() {
        if (!items) throw new Unloaded("customXmlParts.items");
        return items;
      },
    };
  }
  add(xml: string): void {
    this.ctx.count("part.add");
    this.ctx.queue(() => this.ctx.model.addPart(xml));
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
    })),
    comments: m.comments,
    parts: m.parts.map((p) => p.xml),
  });
}

/** A context over the model, typed as Excel's for the adapter. */
export function fakeContext(model: WorkbookModel, caps: Capabilities): FakeContext & Excel.RequestContext {
  return new FakeContext(model, caps) as unknown as FakeContext & Excel.RequestContext;
}
