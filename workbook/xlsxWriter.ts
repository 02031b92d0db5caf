/**
 * A workbook written straight as its XML parts, a row at a time, for the ledger (`writeLedger.ts`): text and number
 * cells, cell styles, column widths, frozen header rows, a merged title, an autofilter, a data bar, A4 printing with
 * the header row repeated and a page footer — what the ledger's layout uses, nothing more.
 *
 * Why not exceljs, which writes every other workbook here: its streaming writer makes a model object per cell and
 * renders each through its general XML writer; the 1.6 million cells of a 5,000-unit ledger took it 3.8–5.2 s (4.2–6.1 s
 * of CPU), written straight they take 1.3–2.4 s (1.5–2.6 s of CPU, deflating included), on this project's shared
 * 2-core machine. The tests read the result back with exceljs, cell by cell against the layout, and check each part's
 * XML and the worksheets' element order (test/workbook/ledgerXlsx.test.ts, writeLedger.test.ts).
 */
import { ZipWriter, type ZipEntryWriter } from "./zipWriter.js";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** What a cell looks like. Colours are ARGB (`FFFFC7CE`). */
export interface CellStyle {
  font: { name: string; size: number; bold?: boolean; color?: string };
  /** A solid fill. */
  fill?: string;
  /** A thin border on every side. */
  border?: boolean;
  alignment?: { horizontal?: "center"; vertical?: "center"; wrapText?: boolean };
  /** An Excel number format (`0`, `0.0%`). */
  numFmt?: string;
}

export interface PageSetup {
  paperSize: number;
  orientation: "landscape" | "portrait";
  /** Pages wide and tall to fit on (0: as many as it takes). */
  fitToWidth: number;
  fitToHeight: number;
  horizontalCentered: boolean;
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** The footer of every page, in Excel's codes (`第 &P 页，共 &N 页`). */
  footer: string;
}

export interface SheetOptions {
  /** Each column's width, in Excel's character widths. */
  widths: readonly number[];
  /** Rows and columns kept in view when scrolling. */
  frozen: { rows: number; columns: number };
  page: PageSetup;
  /** Rows printed at the top of every page (`2:2`). */
  printTitles?: string;
}

/** What comes under a sheet's rows. */
export interface SheetEnd {
  /** An autofilter over this range (`A2:M100`). */
  autoFilter?: string;
  merges?: readonly string[];
  /** Data bars over a range of values 0…1. */
  dataBar?: { range: string; color: string };
}

// the control characters XML 1.0 does not allow (all but tab, line feed, carriage return) are left out, as exceljs leaves them out
// eslint-disable-next-line no-control-regex -- matching those characters is the point
const XML_TEXT = /[&<>\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
// eslint-disable-next-line no-control-regex -- as above
const XML_ATTR = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
const entity = (c: string): string => ENTITIES[c] ?? "";
const text = (s: string): string => s.replace(XML_TEXT, entity);
const attr = (s: string): string => s.replace(XML_ATTR, entity);

/** `0` → `A`, `26` → `AA`. */
export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Excel's own number formats used here, by code. */
const BUILT_IN_FORMATS = new Map<string, number>([
  ["General", 0],
  ["0", 1],
  ["0.00", 2],
  ["0%", 9],
  ["0.00%", 10],
  ["@", 49],
]);

/** None, and thin on every side (`CellStyle.border`). */
const BORDERS = [
  "<border><left/><right/><top/><bottom/><diagonal/></border>",
  '<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border>',
];

/** The styles part: each distinct style once, its fonts, fills, borders and number formats once each. */
class Styles {
  private readonly xfs = new Map<string, number>();
  private readonly xfXml: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly fonts = new Map<string, number>([['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>', 0]]);
  private readonly fills = new Map<string, number>([
    ['<fill><patternFill patternType="none"/></fill>', 0],
    ['<fill><patternFill patternType="gray125"/></fill>', 1],
  ]);
  /** Custom number formats, numbered from 164 (Excel's own, `BUILT_IN_FORMATS`, by their numbers). */
  private readonly numFmts = new Map<string, number>();

  /** The style's index (a cell's `s`). */
  id(s: CellStyle): number {
    const key = JSON.stringify(s);
    let id = this.xfs.get(key);
    if (id === undefined) {
      id = this.xfXml.length;
      this.xfs.set(key, id);
      this.xfXml.push(this.xf(s));
    }
    return id;
  }

  private xf(s: CellStyle): string {
    const f = s.font;
    const font = `<font>${f.bold ? "<b/>" : ""}<sz val="${f.size}"/>${f.color ? `<color rgb="${f.color}"/>` : ""}<name val="${attr(f.name)}"/></font>`;
    const fill = s.fill ? `<fill><patternFill patternType="solid"><fgColor rgb="${s.fill}"/></patternFill></fill>` : undefined;
    const fontId = indexOf(this.fonts, font);
    const fillId = fill ? indexOf(this.fills, fill) : 0;
    const borderId = s.border ? 1 : 0;
    const numFmtId = s.numFmt === undefined ? 0 : (BUILT_IN_FORMATS.get(s.numFmt) ?? indexOf(this.numFmts, s.numFmt, 164));
    const a = s.alignment;
    const alignment = a ? `<alignment${a.horizontal ? ` horizontal="${a.horizontal}"` : ""}${a.vertical ? ` vertical="${a.vertical}"` : ""}${a.wrapText ? ' wrapText="1"' : ""}/>` : "";
    const applied = [numFmtId ? ' applyNumberFormat="1"' : "", ' applyFont="1"', fillId ? ' applyFill="1"' : "", borderId ? ' applyBorder="1"' : "", a ? ' applyAlignment="1"' : ""].join("");
    return `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applied}>${alignment}</xf>`;
  }

  xml(): string {
    const custom = [...this.numFmts];
    const list = (tag: string, items: Iterable<string>) => {
      const all = [...items];
      return `<${tag} count="${all.length}">${all.join("")}</${tag}>`;
    };
    return (
      `${HEAD}<styleSheet xmlns="${MAIN}">` +
      (custom.length > 0 ? list("numFmts", custom.map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${attr(code)}"/>`)) : "") +
      list("fonts", this.fonts.keys()) +
      list("fills", this.fills.keys()) +
      list("borders", BORDERS) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list("cellXfs", this.xfXml) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      "</styleSheet>"
    );
  }
}

/** The index of `key` in `map`, added at the end when new (`offset`: where new indexes start, past the ones given). */
function indexOf(map: Map<string, number>, key: string, offset = 0): number {
  let id = map.get(key);
  if (id === undefined) map.set(key, (id = map.size + offset));
  return id;
}

/** Text whose spaces or line breaks must be kept as they are. */
const SPACES = /^\s|\s$|[\n\r\t]/;

/** Rows are written out to zlib in pieces of about this many characters. */
const PIECE = 1 << 16;

/**
 * The workbook's texts, each once (the shared strings part), cells naming them by index: the ledger repeats its task
 * columns, unit names and states on every row, and an index is shorter to write and to deflate than the text
 * (a fifth less work for a 5,000-unit ledger of distinct progress texts).
 */
class SharedStrings {
  private readonly indexes = new Map<string, number>();

  index(s: string): number {
    let i = this.indexes.get(s);
    if (i === undefined) this.indexes.set(s, (i = this.indexes.size));
    return i;
  }

  async write(entry: ZipEntryWriter): Promise<void> {
    const n = this.indexes.size;
    let piece = `${HEAD}<sst xmlns="${MAIN}" count="${n}" uniqueCount="${n}">`;
    for (const s of this.indexes.keys()) {
      piece += `<si><t${SPACES.test(s) ? ' xml:space="preserve"' : ""}>${text(s)}</t></si>`;
      if (piece.length > PIECE) {
        await entry.write(piece);
        piece = "";
      }
    }
    await entry.write(`${piece}</sst>`);
    await entry.end();
  }
}

/** One worksheet being written: rows in order, then `end`. */
export class SheetWriter {
  private rowNumber = 0;
  private pending: string[] = [];
  private chars = 0;
  private readonly letters: string[];

  constructor(
    private readonly entry: ZipEntryWriter,
    private readonly options: SheetOptions,
    private readonly strings: SharedStrings,
  ) {
    this.letters = options.widths.map((_, i) => columnName(i));
  }

  /** The number of the row written last (1 for the first). */
  get lastRow(): number {
    return this.rowNumber;
  }

  /** The next row: its cells from column A (an empty text is a cell with its style and no value), its height in points. */
  async row(values: readonly (string | number)[], styles: readonly number[], height?: number): Promise<void> {
    const n = ++this.rowNumber;
    let xml = height === undefined ? `<row r="${n}">` : `<row r="${n}" ht="${height}" customHeight="1">`;
    for (let j = 0; j < values.length; j++) {
      const v = values[j]!;
      const head = `<c r="${this.letters[j]}${n}" s="${styles[j] ?? 0}"`;
      if (typeof v === "number") xml += Number.isFinite(v) ? `${head}><v>${v}</v></c>` : `${head}/>`;
      else if (v === "") xml += `${head}/>`;
      else xml += `${head} t="s"><v>${this.strings.index(v)}</v></c>`;
    }
    this.pending.push(xml, "</row>");
    this.chars += xml.length;
    if (this.chars > PIECE) await this.flush();
  }

  /** Leaves a row empty. */
  skip(): void {
    this.rowNumber++;
  }

  private async flush(): Promise<void> {
    const piece = this.pending.join("");
    this.pending = [];
    this.chars = 0;
    await this.entry.write(piece);
  }

  async end(e: SheetEnd): Promise<void> {
    const page = this.options.page;
    let tail = "</sheetData>";
    if (e.autoFilter) tail += `<autoFilter ref="${e.autoFilter}"/>`;
    if (e.merges && e.merges.length > 0) tail += `<mergeCells count="${e.merges.length}">${e.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`;
    if (e.dataBar) {
      const { range, color } = e.dataBar;
      tail += `<conditionalFormatting sqref="${range}"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="num" val="0"/><cfvo type="num" val="1"/><color rgb="${color}"/></dataBar></cfRule></conditionalFormatting>`;
    }
    const m = page.margins;
    if (page.horizontalCentered) tail += '<printOptions horizontalCentered="1"/>';
    tail += `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`;
    tail += `<pageSetup paperSize="${page.paperSize}" orientation="${page.orientation}" fitToWidth="${page.fitToWidth}" fitToHeight="${page.fitToHeight}"/>`;
    tail += `<headerFooter><oddFooter>${text(page.footer)}</oddFooter></headerFooter></worksheet>`;
    this.pending.push(tail);
    await this.flush();
    await this.entry.end();
  }
}

/** The sheet's opening, up to its first row: print fitting, the frozen panes, the column widths. */
function sheetHead(o: SheetOptions): string {
  const { rows, columns } = o.frozen;
  const topLeft = `${columnName(columns)}${rows + 1}`;
  const pane = columns > 0 ? (rows > 0 ? "bottomRight" : "topRight") : "bottomLeft";
  const view =
    rows > 0 || columns > 0
      ? `<pane${columns > 0 ? ` xSplit="${columns}"` : ""}${rows > 0 ? ` ySplit="${rows}"` : ""} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/><selection pane="${pane}"/>`
      : "";
  // adjacent columns of one width in one <col>
  const cols: string[] = [];
  for (let i = 0; i < o.widths.length; ) {
    let j = i;
    while (j + 1 < o.widths.length && o.widths[j + 1] === o.widths[i]) j++;
    cols.push(`<col min="${i + 1}" max="${j + 1}" width="${o.widths[i]}" customWidth="1"/>`);
    i = j + 1;
  }
  return (
    `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">` +
    `<sheetPr><pageSetUpPr fitToPage="${o.page.fitToWidth > 0 || o.page.fitToHeight > 0 ? 1 : 0}"/></sheetPr>` +
    `<sheetViews><sheetView workbookViewId="0">${view}</sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols.length > 0 ? `<cols>${cols.join("")}</cols>` : "") +
    "<sheetData>"
  );
}

/** A workbook of sheets written one after another (`sheet`, rows, `SheetWriter.end`), then `finish`. */
export class XlsxWriter {
  private readonly zip = new ZipWriter();
  private readonly styles = new Styles();
  private readonly sheets: { name: string; printTitles: string | undefined }[] = [];
  private readonly strings = new SharedStrings();

  /** A style's index, for `SheetWriter.row`. */
  style(s: CellStyle): number {
    return this.styles.id(s);
  }

  async sheet(name: string, o: SheetOptions): Promise<SheetWriter> {
    this.sheets.push({ name, printTitles: o.printTitles });
    const entry = this.zip.entry(`xl/worksheets/sheet${this.sheets.length}.xml`);
    await entry.write(sheetHead(o));
    return new SheetWriter(entry, o, this.strings);
  }

  /** The workbook's file, its sheets as written; `creator` in its document properties. */
  async finish(creator: string): Promise<Buffer> {
    const sheets = this.sheets;
    const quoted = (name: string) => `'${name.replace(/'/g, "''")}'`;
    const titles = sheets.flatMap((s, i) => {
      if (!s.printTitles) return [];
      const [from, to] = s.printTitles.split(":");
      return [`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${text(`${quoted(s.name)}!$${from}:$${to ?? from}`)}</definedName>`];
    });
    await this.zip.file("xl/styles.xml", this.styles.xml());
    await this.strings.write(this.zip.entry("xl/sharedStrings.xml"));
    await this.zip.file(
      "xl/workbook.xml",
      `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>${sheets
        .map((s, i) => `<sheet name="${attr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join("")}</sheets>${titles.length > 0 ? `<definedNames>${titles.join("")}</definedNames>` : ""}</workbook>`,
    );
    await this.zip.file(
      "xl/_rels/workbook.xml.rels",
      `${HEAD}<Relationships xmlns="${PACKAGE_REL}">${sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join("")}<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId${sheets.length + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    );
    const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    await this.zip.file(
      "docProps/core.xml",
      `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${text(creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`,
    );
    await this.zip.file(
      "_rels/.rels",
      `${HEAD}<Relationships xmlns="${PACKAGE_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="${PACKAGE_REL}/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    );
    const type = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    await this.zip.file(
      "[Content_Types].xml",
      `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${type}.sheet.main+xml"/>${sheets
        .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${type}.worksheet+xml"/>`)
        .join("")}<Override PartName="/xl/styles.xml" ContentType="${type}.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${type}.sharedStrings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
    );
    return this.zip.finish();
  }
}
