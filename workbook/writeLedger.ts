/**
 * The consolidated ledger workbook (CONTRACT §6): one glance for the coordinator, ready to forward. Each sheet of the
 * layout (core/ledgerLayout.ts) is written a row at a time straight into the zip (`xlsxWriter.ts`), never held whole
 * uncompressed: the ledger of 5,000 units (1.6 million cells) takes one to two seconds (`npm run bench`). Node only
 * (zlib): not part of workbook/index.ts, which the browser page bundles too.
 */
import { LEDGER_LAYOUT, MARK_COLORS, NUMBER_FORMATS, rowHeight, type LayoutColumn, type LayoutSheet, type Ledger, type MarkStyle } from "../core/index.js";
import { FONT, HEADER_FILL, PAGE_FOOTER, argb, landscapeA4 } from "./styles.js";
import { XlsxWriter, columnName, type CellStyle, type PageSetup } from "./xlsxWriter.js";

type Look = Exclude<MarkStyle, "info"> | "plain";

/** A column's cell style for each look (CONTRACT §3 colours): a text column's cells are plain text (no number format). */
function columnStyles<T>(book: XlsxWriter, c: LayoutColumn<T>): Record<Look, number> {
  const base: CellStyle = {
    font: FONT,
    border: true,
    alignment: { vertical: "center", ...(c.wrap ? { wrapText: true } : {}), ...(c.center ? { horizontal: "center" } : {}) },
    ...(c.kind && c.kind !== "text" ? { numFmt: NUMBER_FORMATS[c.kind] } : {}),
  };
  const painted = (look: Exclude<MarkStyle, "info">): number =>
    book.style({ ...base, fill: argb(MARK_COLORS[look].fill), font: { ...FONT, color: argb(MARK_COLORS[look].font) } });
  return { plain: book.style(base), error: painted("error"), warning: painted("warning"), done: painted("done") };
}

const TITLE_STYLE: CellStyle = { font: { name: "黑体", size: 14, bold: true }, alignment: { horizontal: "center", vertical: "center" } };
const HEADER_STYLE: CellStyle = {
  font: { ...FONT, bold: true },
  fill: HEADER_FILL.type === "pattern" ? HEADER_FILL.fgColor?.argb : undefined,
  border: true,
  alignment: { horizontal: "center", vertical: "center", wrapText: true },
};
const FOOTER_STYLE: CellStyle = { font: { ...FONT, bold: true } };

/** A4 landscape, one page wide, the header row on every page, the page numbers in the footer (styles.ts). */
const A4 = landscapeA4("2:2");
const PAGE: PageSetup = {
  paperSize: A4.paperSize ?? 9,
  orientation: A4.orientation ?? "landscape",
  fitToWidth: A4.fitToWidth ?? 1,
  fitToHeight: A4.fitToHeight ?? 0,
  horizontalCentered: A4.horizontalCentered ?? false,
  margins: { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3, ...A4.margins },
  footer: PAGE_FOOTER.oddFooter,
};

/**
 * One sheet of the layout: a title line merged across the table, a frozen, filtered header row, data rows as tall as
 * their wrapped text, footer lines. Every value is written as a value (text from submissions stays text, never a
 * formula).
 */
async function renderSheet<T>(book: XlsxWriter, sheet: LayoutSheet<T>, ledger: Ledger): Promise<void> {
  const columns = sheet.columns(ledger);
  const rows = sheet.rows(ledger);
  const ws = await book.sheet(sheet.name, { widths: columns.map((c) => c.width), frozen: { rows: 2, columns: sheet.freezeColumns }, page: PAGE, printTitles: A4.printTitlesRow });
  await ws.row([sheet.title(ledger)], [book.style(TITLE_STYLE)], 26);
  const header = book.style(HEADER_STYLE);
  await ws.row(
    columns.map((c) => c.header),
    columns.map(() => header),
    sheet.headerHeight ?? 30,
  );
  const styles = columns.map((c) => columnStyles(book, c));
  const cellStyles: number[] = new Array<number>(columns.length);
  for (const r of rows) {
    const line = columns.map((c) => c.value(r));
    for (let j = 0; j < columns.length; j++) {
      const look = columns[j]!.style?.(r);
      cellStyles[j] = styles[j]![look && look !== "info" ? look : "plain"];
    }
    await ws.row(line, cellStyles, rowHeight(columns, line));
  }
  const last = ws.lastRow;
  const footer = sheet.footer?.(ledger) ?? [];
  if (footer.length > 0) ws.skip();
  const footerStyle = book.style(FOOTER_STYLE);
  for (const text of footer) await ws.row([text], [footerStyle]);
  const lastColumn = columnName(columns.length - 1);
  const bar = sheet.dataBar ? columns.findIndex((c) => c.header === sheet.dataBar) : -1;
  await ws.end({
    autoFilter: `A2:${lastColumn}${last}`,
    merges: columns.length > 1 ? [`A1:${lastColumn}1`] : [],
    ...(bar >= 0 && rows.length > 0 ? { dataBar: { range: `${columnName(bar)}3:${columnName(bar)}${last}`, color: "FF63BE7B" } } : {}),
  });
}

export async function writeLedger(ledger: Ledger): Promise<Buffer> {
  const book = new XlsxWriter();
  for (const sheet of LEDGER_LAYOUT) {
    if (sheet.optional && sheet.rows(ledger).length === 0) continue;
    await renderSheet(book, sheet as LayoutSheet<unknown>, ledger);
  }
  return book.finish("gongkai-ledger");
}
