/**
 * 拉取汇总台账: the consolidated ledger written into the coordinator's open workbook, as the summary and the
 * task matrix of the one ledger layout (core/ledgerLayout.ts) that the ledger workbook uses too.
 */
import { MARK_COLORS, MATRIX_SHEET, NUMBER_FORMATS, SUMMARY_SHEET, addressChunks, cellAddress, layoutGrid, type LayoutSheet, type Ledger } from "../core/index.js";
import type { Capabilities } from "./capabilities.js";
import { OfficeError } from "./officeError.js";
import type { ColourStyle } from "./markPlan.js";

/** Formats many ranges of one sheet alike: a few `getRanges` calls, or one call per range on ExcelApi 1.8. */
export function formatRanges(ws: Excel.Worksheet, caps: Capabilities, ranges: string[], fill: string | null, font: string): void {
  const targets: (Excel.Range | Excel.RangeAreas)[] = caps.rangeAreas ? addressChunks(ranges).map((chunk) => ws.getRanges(chunk)) : ranges.map((r) => ws.getRange(r));
  for (const t of targets) {
    if (fill === null) t.format.fill.clear();
    else t.format.fill.color = fill;
    t.format.font.color = font;
  }
}

/** The sheets' names in the user's workbook (beside the user's own sheets, so not the bare 汇总 / 台账). */
export const LEDGER_SHEETS = { summary: "汇总台账", matrix: "任务台账" } as const;

/** Queues one layout sheet into a new worksheet: values typed by column, header bold, styles painted, rows fitted. */
function renderSheet<T>(sheets: Excel.WorksheetCollection, caps: Capabilities, name: string, sheet: LayoutSheet<T>, ledger: Ledger): Excel.Worksheet {
  const ws = sheets.add(name);
  const { columns, rows, values } = layoutGrid(sheet, ledger);
  const body = ws.getRangeByIndexes(0, 0, values.length, columns.length);
  // text stays text (a unit name such as `=…` or `001` is never parsed); numbers as numbers
  body.numberFormat = values.map((line, r) => line.map((_, c) => (r >= 2 && r < 2 + rows.length ? NUMBER_FORMATS[columns[c]!.kind ?? "text"] : "@")));
  body.values = values;
  ws.getRangeByIndexes(0, 0, 2, columns.length).format.font.bold = true;
  columns.forEach((c, i) => {
    const column = ws.getRangeByIndexes(0, i, 1, 1).getEntireColumn();
    column.format.columnWidth = c.width * 7; // Excel's character width ≈ 7 points
    if (c.wrap) ws.getRangeByIndexes(2, i, Math.max(rows.length, 1), 1).format.wrapText = true;
  });
  const byStyle = new Map<ColourStyle, string[]>();
  rows.forEach((r, i) =>
    columns.forEach((c, j) => {
      const style = c.style?.(r);
      if (!style || style === "info") return;
      byStyle.set(style, [...(byStyle.get(style) ?? []), cellAddress(i + 3, j + 1)]);
    }),
  );
  for (const [style, cells] of byStyle) formatRanges(ws, caps, cells, MARK_COLORS[style].fill, MARK_COLORS[style].font);
  if (rows.length > 0) ws.getRangeByIndexes(2, 0, rows.length, columns.length).format.autofitRows();
  ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, 2, Math.max(sheet.freezeColumns, 1)));
  return ws;
}

/** What earlier copies are renamed to while the new ones are written; one left by a pull that failed halfway goes at the next. */
export const OLD_LEDGER_PREFIX = "旧台账-";

export const STRUCTURE_PROTECTED =
  "工作簿的结构受保护（不能添加、删除或重命名工作表），无法写入汇总台账。请在“审阅”选项卡点“保护工作簿”取消保护后再拉取；各工作表本身不必撤消保护。";

/**
 * 拉取汇总台账: writes the ledger's summary and task matrix into the current workbook (replacing earlier
 * copies and the `旧台账-*` sheets a pull that failed halfway left behind), coloured as in CONTRACT §3. Two syncs.
 */
export async function writeLedgerSheets(context: Excel.RequestContext, caps: Capabilities, ledger: Ledger): Promise<void> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const ours = new Set<string>(Object.values(LEDGER_SHEETS));
  // Earlier copies step aside and go only once the new ones are there: a workbook must keep one sheet.
  const old = sheets.items.filter((ws) => ours.has(ws.name));
  const leftovers = sheets.items.filter((ws) => ws.name.startsWith(OLD_LEDGER_PREFIX));
  old.forEach((e, i) => (e.name = `${OLD_LEDGER_PREFIX}${Date.now().toString(36)}-${i}`));
  const summary = renderSheet(sheets, caps, LEDGER_SHEETS.summary, SUMMARY_SHEET, ledger);
  renderSheet(sheets, caps, LEDGER_SHEETS.matrix, MATRIX_SHEET, ledger);
  for (const e of [...old, ...leftovers]) e.delete();
  summary.activate();
  try {
    await context.sync();
  } catch (e) {
    // Adding, renaming and deleting sheets is refused (AccessDenied) when the workbook's structure is protected
    // (审阅 → 保护工作簿), which is not a sheet's protection: say which one it is (WorkbookProtection, ExcelApi 1.7).
    if ((e as { code?: string }).code !== "AccessDenied") throw e;
    const protection = context.workbook.protection;
    protection.load("protected");
    await context.sync();
    throw protection.protected ? new OfficeError(STRUCTURE_PROTECTED) : e;
  }
}
