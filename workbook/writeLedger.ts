/**
 * The consolidated ledger workbook (CONTRACT §6): one glance for the coordinator, ready to forward. Written
 * with exceljs' streaming writer — each row goes into the zip as it is made — so that the ledger of a
 * thousand units stays within a few hundred megabytes (`npm run bench`). Node only (streams): not part of
 * workbook/index.ts, which the browser page bundles too.
 */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { LEDGER_LAYOUT, MARK_COLORS, NUMBER_FORMATS, rowHeight, type LayoutColumn, type LayoutSheet, type Ledger, type MarkStyle } from "../core/index.js";
import { FONT, HEADER_FILL, PAGE_FOOTER, THIN, argb, landscapeA4 } from "./styles.js";

type Look = Exclude<MarkStyle, "info"> | "plain";

/**
 * A column's cell styles, one object per look, shared by every cell of the column: exceljs gives a style
 * object it has seen before the same style id at once (a WeakMap), instead of serialising it per cell —
 * what makes a 40,000-row 明细 take seconds instead of tens of seconds.
 */
function columnStyles<T>(c: LayoutColumn<T>): Record<Look, Partial<ExcelJS.Style>> {
  const base: Partial<ExcelJS.Style> = {
    font: FONT,
    border: THIN,
    alignment: { vertical: "middle", wrapText: c.wrap ?? false, ...(c.center ? { horizontal: "center" } : {}) },
    ...(c.kind && c.kind !== "text" ? { numFmt: NUMBER_FORMATS[c.kind] } : {}),
  };
  const painted = (look: Exclude<MarkStyle, "info">): Partial<ExcelJS.Style> => ({
    ...base,
    fill: { type: "pattern", pattern: "solid", fgColor: { argb: argb(MARK_COLORS[look].fill) } },
    font: { ...FONT, color: { argb: argb(MARK_COLORS[look].font) } },
  });
  return { plain: base, error: painted("error"), warning: painted("warning"), done: painted("done") };
}

const TITLE_STYLE: Partial<ExcelJS.Style> = { font: { name: "黑体", size: 14, bold: true }, alignment: { horizontal: "center", vertical: "middle" } };
const HEADER_STYLE: Partial<ExcelJS.Style> = { font: { ...FONT, bold: true }, fill: HEADER_FILL, border: THIN, alignment: { horizontal: "center", vertical: "middle", wrapText: true } };
const FOOTER_STYLE: Partial<ExcelJS.Style> = { font: { ...FONT, bold: true } };

/**
 * One sheet of the layout (core/ledgerLayout.ts): a title line, a frozen, filtered header row, data rows sized
 * to their wrapped text, footer lines, landscape A4 printing. Every value is written as a value (text from
 * submissions stays text, never a formula).
 */
function renderSheet<T>(wb: ExcelJS.stream.xlsx.WorkbookWriter, sheet: LayoutSheet<T>, ledger: Ledger): void {
  const columns = sheet.columns(ledger);
  const rows = sheet.rows(ledger);
  const ws = wb.addWorksheet(sheet.name, {
    views: [{ state: "frozen", ySplit: 2, xSplit: sheet.freezeColumns }],
    pageSetup: landscapeA4("2:2"),
    headerFooter: PAGE_FOOTER,
  });
  ws.columns = columns.map((c) => ({ width: c.width }));
  const title = ws.getRow(1);
  title.values = [sheet.title(ledger)];
  title.height = 26;
  title.getCell(1).style = TITLE_STYLE;
  ws.mergeCells(1, 1, 1, columns.length);
  title.commit();
  const header = ws.getRow(2);
  header.values = columns.map((c) => c.header);
  header.height = sheet.headerHeight ?? 30;
  columns.forEach((_, i) => (header.getCell(i + 1).style = HEADER_STYLE));
  header.commit();
  const styles = columns.map(columnStyles);
  for (const r of rows) {
    const line = columns.map((c) => c.value(r));
    const row = ws.addRow(line);
    row.height = rowHeight(columns, line);
    columns.forEach((c, j) => {
      const look = c.style?.(r);
      row.getCell(j + 1).style = styles[j]![look && look !== "info" ? look : "plain"]!;
    });
    row.commit();
  }
  const last = Math.max(2 + rows.length, 2);
  const footer = sheet.footer?.(ledger) ?? [];
  if (footer.length > 0) ws.addRow([]).commit();
  for (const text of footer) {
    const row = ws.addRow([text]);
    row.getCell(1).style = FOOTER_STYLE;
    row.commit();
  }
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: last, column: columns.length } };
  const bar = sheet.dataBar ? columns.findIndex((c) => c.header === sheet.dataBar) : -1;
  if (bar >= 0 && rows.length > 0) {
    const letter = ws.getColumn(bar + 1).letter;
    ws.addConditionalFormatting({
      ref: `${letter}3:${letter}${last}`,
      rules: [{ type: "dataBar", priority: 1, gradient: false, cfvo: [{ type: "num", value: 0 }, { type: "num", value: 1 }], color: { argb: "FF63BE7B" } } as ExcelJS.DataBarRuleType],
    });
  }
  ws.commit();
}

export async function writeLedger(ledger: Ledger): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  // the fastest deflate level: a ledger is mostly repeated words, small at any level
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
  wb.creator = "gongkai-ledger";
  for (const sheet of LEDGER_LAYOUT) {
    if (sheet.optional && sheet.rows(ledger).length === 0) continue;
    renderSheet(wb, sheet as LayoutSheet<unknown>, ledger);
  }
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
