/** 拉取汇总台账: the consolidated ledger written into two sheets of the coordinator's open workbook. */
import { MARK_COLORS, SUMMARY_COLUMNS, TASK_ID_COLUMNS, addressChunks, cellAddress, ledgerCellStyle, ledgerCellText, summaryRow, taskIdRow, type Ledger } from "../core/index.js";
import type { Capabilities } from "./capabilities.js";
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
  const paint = (ws: Excel.Worksheet, cells: string[], style: ColourStyle) => {
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
  for (const [style, cells] of byStyle) paint(matrix, cells, style as ColourStyle);
  matrix.freezePanes.freezeAt(matrix.getRange("A1:D1"));
  for (const e of old) e.delete();
  summary.activate();
  await context.sync();
}
