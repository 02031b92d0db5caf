/** The consolidated ledger workbook (CONTRACT §6): one glance for the coordinator, ready to forward. */
import ExcelJS from "exceljs";
import { LEDGER_LAYOUT, MARK_COLORS, layoutGrid, rowHeight, type LayoutSheet, type Ledger, type MarkStyle } from "../core/index.js";
import { FONT, HEADER_FILL, PAGE_FOOTER, THIN, argb, landscapeA4 } from "./styles.js";

function paint(cell: ExcelJS.Cell, style: MarkStyle | undefined): void {
  if (!style || style === "info") return;
  const c = MARK_COLORS[style];
  cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(c.fill) } };
  cell.font = { ...FONT, color: { argb: argb(c.font) } };
}

const NUMBER_FORMAT = { int: "0", percent: "0.0%" } as const;

/**
 * One sheet of the layout (core/ledgerLayout.ts): a title line, a frozen, filtered header row, data rows sized
 * to their wrapped text, footer lines, landscape A4 printing. Every value is written as a value (text from
 * submissions stays text, never a formula).
 */
function renderSheet<T>(wb: ExcelJS.Workbook, sheet: LayoutSheet<T>, ledger: Ledger): void {
  const { columns, rows, values } = layoutGrid(sheet, ledger);
  const ws = wb.addWorksheet(sheet.name, {
    views: [{ state: "frozen", ySplit: 2, xSplit: sheet.freezeColumns }],
    pageSetup: landscapeA4("2:2"),
    headerFooter: PAGE_FOOTER,
  });
  ws.columns = columns.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, columns.length);
  const t = ws.getCell(1, 1);
  t.value = values[0]![0]!;
  t.font = { name: "黑体", size: 14, bold: true };
  t.alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(1).height = 26;
  const header = ws.getRow(2);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { ...FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  });
  header.height = sheet.headerHeight ?? 30;
  rows.forEach((r, i) => {
    const line = values[i + 2]!;
    const row = ws.addRow(line);
    row.height = rowHeight(columns, line);
    columns.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      cell.font = FONT;
      cell.border = THIN;
      cell.alignment = { vertical: "middle", wrapText: c.wrap ?? false, ...(c.center ? { horizontal: "center" } : {}) };
      if (c.kind && c.kind !== "text") cell.numFmt = NUMBER_FORMAT[c.kind];
      paint(cell, c.style?.(r));
    });
  });
  const last = Math.max(2 + rows.length, 2);
  for (const line of values.slice(2 + rows.length)) {
    const row = ws.addRow([line[0]]);
    row.getCell(1).font = { ...FONT, bold: true };
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
}

export function buildLedgerWorkbook(ledger: Ledger): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "gongkai-ledger";
  for (const sheet of LEDGER_LAYOUT) {
    if (sheet.optional && sheet.rows(ledger).length === 0) continue;
    renderSheet(wb, sheet as LayoutSheet<unknown>, ledger);
  }
  return wb;
}

export async function writeLedger(ledger: Ledger): Promise<Buffer> {
  return Buffer.from(await buildLedgerWorkbook(ledger).xlsx.writeBuffer());
}
