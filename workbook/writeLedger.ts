/** The consolidated ledger workbook (SPEC §7): one glance for the coordinator, ready to forward. */
import ExcelJS from "exceljs";
import { MARK_COLORS, SUMMARY_COLUMNS, TASK_ID_COLUMNS, ledgerCellStyle, ledgerCellText, summaryRow, taskIdRow, type Ledger, type MarkStyle } from "../core/index.js";
import { FONT, HEADER_FILL, PAGE_FOOTER, THIN, argb, landscapeA4 } from "./styles.js";


function paint(cell: ExcelJS.Cell, style: MarkStyle | undefined): void {
  if (!style || style === "info") return;
  const c = MARK_COLORS[style];
  cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(c.fill) } };
  cell.font = { ...FONT, color: { argb: argb(c.font) } };
}

interface Column {
  header: string;
  width: number;
  wrap?: boolean;
}

/** A sheet with a title line, a frozen, filtered header row, and landscape A4 printing. */
function tableSheet(wb: ExcelJS.Workbook, name: string, title: string, columns: Column[], freezeCols = 0): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 2, xSplit: freezeCols }],
    pageSetup: landscapeA4("2:2"),
    headerFooter: PAGE_FOOTER,
  });
  ws.columns = columns.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, columns.length);
  const t = ws.getCell(1, 1);
  t.value = title;
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
  header.height = 30;
  return ws;
}

/** Appends a data row; every value is written as a value (text stays text, never a formula). */
function addRow(ws: ExcelJS.Worksheet, columns: Column[], values: (string | number | Date | null)[]): ExcelJS.Row {
  const row = ws.addRow(values);
  row.eachCell({ includeEmpty: true }, (cell, col) => {
    cell.font = FONT;
    cell.border = THIN;
    cell.alignment = { vertical: "middle", wrapText: columns[col - 1]?.wrap ?? false };
  });
  return row;
}

function finish(ws: ExcelJS.Worksheet, columns: Column[]): void {
  const last = Math.max(ws.rowCount, 2);
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: last, column: columns.length } };
}

function summarySheet(wb: ExcelJS.Workbook, ledger: Ledger): void {
  const widths: Record<string, number> = { 单位: 24, 是否报送: 9, 报送时间: 17, 负责事项: 9, 逾期: 7, 校验错误: 9, 完成率: 16 };
  const columns: Column[] = [{ header: "序号", width: 6 }, ...SUMMARY_COLUMNS.map((header) => ({ header, width: widths[header] ?? 8 }))];
  const ws = tableSheet(wb, "汇总", `${ledger.round} 政务公开工作台账汇总（截至${ledger.today}）`, columns, 2);
  ledger.units.forEach((u, i) => {
    const row = addRow(ws, columns, [i + 1, ...summaryRow(u)]);
    row.getCell(13).numFmt = "0.0%";
    if (!u.submitted) paint(row.getCell(3), "error");
    if (u.overdue > 0) paint(row.getCell(11), "error");
  });
  const first = 3;
  const last = 2 + ledger.units.length;
  if (last >= first) {
    ws.addConditionalFormatting({
      ref: `M${first}:M${last}`,
      rules: [
        {
          type: "dataBar",
          priority: 1,
          gradient: false,
          cfvo: [{ type: "num", value: 0 }, { type: "num", value: 1 }],
          color: { argb: "FF63BE7B" },
        } as ExcelJS.DataBarRuleType,
      ],
    });
  }
  const submitted = ledger.units.filter((u) => u.submitted).length;
  const note = ws.addRow([]);
  note.getCell(2).value = `应报 ${ledger.units.length} 个单位，已报 ${submitted} 个，未报 ${ledger.missingUnits.length} 个；逾期事项 ${ledger.units.reduce((s, u) => s + u.overdue, 0)} 项。`;
  note.getCell(2).font = { ...FONT, bold: true };
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: Math.max(last, 2), column: columns.length } };
}

function matrixSheet(wb: ExcelJS.Workbook, ledger: Ledger): void {
  const units = ledger.units.map((u) => u.unit);
  const columns: Column[] = [...idColumns(), ...units.map((u) => ({ header: u, width: 9 }))];
  const ws = tableSheet(wb, "台账", `${ledger.round} 政务公开任务台账（各单位完成状态）`, columns, 4);
  ws.getRow(2).height = 60;
  for (const t of ledger.tasks) {
    const id = taskIdRow(t);
    id[4] = shortDeadline(id[4]!);
    const row = addRow(ws, columns, [...id, ...units.map((u) => ledgerCellText(t.units[u]))]);
    units.forEach((u, i) => {
      const c = t.units[u];
      const cell = row.getCell(TASK_ID_COLUMNS.length + 1 + i);
      cell.alignment = { horizontal: "center", vertical: "middle" };
      if (c) paint(cell, ledgerCellStyle(c));
      else cell.font = { ...FONT, color: { argb: "FFBFBFBF" } };
    });
  }
  finish(ws, columns);
}

const ID_WIDTHS = [6, 16, 22, 14, 11];
const idColumns = (): Column[] => TASK_ID_COLUMNS.map((header, i) => ({ header, width: ID_WIDTHS[i]!, wrap: i > 0 }));

const shortDeadline = (d: string) => (d.length > 12 ? `${d.slice(0, 12)}…` : d);

function detailSheet(wb: ExcelJS.Workbook, ledger: Ledger): void {
  const columns: Column[] = [
    ...idColumns(),
    { header: "单位", width: 20 },
    { header: "状态", width: 8 },
    { header: "逾期", width: 6 },
    { header: "进展情况", width: 60, wrap: true },
  ];
  const ws = tableSheet(wb, "明细", `${ledger.round} 政务公开任务明细（每项任务 × 责任单位）`, columns, 0);
  for (const t of ledger.tasks) {
    for (const [unit, c] of Object.entries(t.units)) {
      const row = addRow(ws, columns, [...taskIdRow(t), unit, c.status, c.overdue ? "是" : "", c.progress]);
      paint(row.getCell(TASK_ID_COLUMNS.length + 2), ledgerCellStyle(c));
    }
  }
  finish(ws, columns);
}

function overdueSheet(wb: ExcelJS.Workbook, ledger: Ledger): void {
  const columns: Column[] = [
    { header: "单位", width: 22 },
    { header: "编号", width: 6 },
    { header: "任务", width: 18, wrap: true },
    { header: "完成时限", width: 12 },
    { header: "状态", width: 8 },
    { header: "进展情况", width: 60, wrap: true },
  ];
  const ws = tableSheet(wb, "逾期事项", `逾期事项（截至${ledger.today}）`, columns, 0);
  for (const u of ledger.units) {
    for (const t of ledger.tasks) {
      const c = t.units[u.unit];
      if (!c?.overdue) continue;
      const row = addRow(ws, columns, [u.unit, t.id, t.label, t.deadline, c.status, c.progress]);
      paint(row.getCell(5), "error");
    }
  }
  finish(ws, columns);
}

function missingSheet(wb: ExcelJS.Workbook, ledger: Ledger): void {
  const columns: Column[] = [
    { header: "序号", width: 6 },
    { header: "单位", width: 26 },
    { header: "负责事项", width: 10 },
    { header: "其中逾期", width: 10 },
  ];
  const ws = tableSheet(wb, "未报送单位", `${ledger.round} 未报送单位（${ledger.missingUnits.length}个）`, columns, 0);
  ledger.units
    .filter((u) => !u.submitted)
    .forEach((u, i) => addRow(ws, columns, [i + 1, u.unit, u.responsible, u.overdue]));
  finish(ws, columns);
}

function unmatchedSheet(wb: ExcelJS.Workbook, ledger: Ledger): void {
  const columns: Column[] = [
    { header: "单位", width: 22 },
    { header: "原表行号", width: 9 },
    { header: "三级指标", width: 18, wrap: true },
    { header: "提升措施", width: 50, wrap: true },
    { header: "进展情况", width: 50, wrap: true },
  ];
  const ws = tableSheet(wb, "未匹配行", "单位表中与任务分解表对不上的行（新增或改动过大），请人工核对", columns, 0);
  for (const r of ledger.unmatched) addRow(ws, columns, [r.unit, r.row, r.label, r.measure, r.progress]);
  finish(ws, columns);
}

export function buildLedgerWorkbook(ledger: Ledger): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "gongkai-ledger";
  summarySheet(wb, ledger);
  matrixSheet(wb, ledger);
  detailSheet(wb, ledger);
  overdueSheet(wb, ledger);
  missingSheet(wb, ledger);
  if (ledger.unmatched.length > 0) unmatchedSheet(wb, ledger);
  return wb;
}

export async function writeLedger(ledger: Ledger): Promise<Buffer> {
  return Buffer.from(await buildLedgerWorkbook(ledger).xlsx.writeBuffer());
}
