/** The official template: attachment 1 as the plan printed it, plus the columns units fill in. */
import ExcelJS from "exceljs";
import {
  COLUMN_HEADERS,
  CONTACT_NOTE,
  CONTACT_TITLE,
  DEFAULT_ROSTER,
  OFFICIAL_ROWS,
  OFFICIAL_TITLE,
  OFFICIAL_YEAR,
  ROSTER_HEADERS,
  ROSTER_SHEET,
  STATUSES,
  type ColumnKey,
  type OfficialRow,
  type Roster,
} from "../core/index.js";
import { FONT, HEADER_FILL, PAGE_FOOTER, THIN, landscapeA4 } from "./styles.js";

export const TABLE_SHEET = "任务分解表";
export const CONTACT_SHEET = "联络人";

const TEMPLATE_COLUMNS: { key: ColumnKey; width: number }[] = [
  { key: "level1", width: 11 },
  { key: "level2", width: 13 },
  { key: "level3", width: 15 },
  { key: "measure", width: 52 },
  { key: "lead", width: 13 },
  { key: "responsible", width: 17 },
  { key: "deadline", width: 12 },
  { key: "progress", width: 40 },
  { key: "status", width: 10 },
  { key: "evidence", width: 26 },
  { key: "updated", width: 12 },
  { key: "remark", width: 14 },
];


export interface TemplateOptions {
  year?: number;
  roster?: Roster;
  /** Prefill the 填报单位 line (a copy made for one unit). */
  unit?: string;
}

function addTableSheet(wb: ExcelJS.Workbook, year: number, unit: string | undefined, rosterSize: number): void {
  const ws = wb.addWorksheet(TABLE_SHEET, {
    pageSetup: landscapeA4("4:4"),
    headerFooter: PAGE_FOOTER,
    views: [{ state: "frozen", ySplit: 4, xSplit: 0 }],
  });
  const width = TEMPLATE_COLUMNS.length;
  ws.columns = TEMPLATE_COLUMNS.map((c) => ({ width: c.width }));

  ws.getCell("A1").value = "附件1";
  ws.getCell("A1").font = { name: "黑体", size: 12 };
  ws.mergeCells(2, 1, 2, width);
  const title = ws.getCell(2, 1);
  title.value = `${year}年${OFFICIAL_TITLE}`;
  title.font = { name: "方正小标宋简体", size: 18, bold: true };
  title.alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(2).height = 32;

  ws.getCell("A3").value = "填报单位：";
  ws.getCell("A3").font = { ...FONT, size: 11, bold: true };
  ws.getCell("A3").alignment = { horizontal: "right", vertical: "middle" };
  ws.mergeCells("B3:D3");
  const unitCell = ws.getCell("B3");
  if (unit) unitCell.value = unit;
  unitCell.font = { ...FONT, size: 11 };
  unitCell.border = { bottom: { style: "thin" } };
  unitCell.dataValidation = {
    type: "list",
    allowBlank: true,
    formulae: [`${ROSTER_SHEET}!$A$2:$A$${rosterSize + 1}`],
    showErrorMessage: false,
    showInputMessage: true,
    promptTitle: "填报单位",
    prompt: "请选择或填写本单位全称",
  };

  const header = ws.getRow(4);
  TEMPLATE_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = COLUMN_HEADERS[c.key];
    cell.font = { ...FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  });
  header.height = 24;

  const first = 5;
  OFFICIAL_ROWS.forEach((r, i) => {
    const row = ws.getRow(first + i);
    TEMPLATE_COLUMNS.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      const v = c.key in r ? r[c.key as keyof OfficialRow] : "";
      if (v) cell.value = v;
      cell.font = FONT;
      cell.border = THIN;
      const centered = c.key !== "measure" && c.key !== "progress" && c.key !== "evidence";
      cell.alignment = { vertical: "middle", horizontal: centered ? "center" : "left", wrapText: true };
      if (c.key === "status") {
        cell.dataValidation = {
          type: "list",
          allowBlank: true,
          formulae: [`"${STATUSES.join(",")}"`],
          showErrorMessage: true,
          errorStyle: "warning",
          errorTitle: "完成状态",
          error: `请选择：${STATUSES.join("、")}`,
        };
      }
      if (c.key === "updated") cell.numFmt = "yyyy-mm-dd";
    });
  });

  // One merged cell for each run of continued values, as in the original.
  const mergeable: ColumnKey[] = ["level1", "level2", "measure", "lead", "responsible", "deadline"];
  for (const key of mergeable) {
    const col = TEMPLATE_COLUMNS.findIndex((c) => c.key === key) + 1;
    let start = 0;
    for (let i = 1; i <= OFFICIAL_ROWS.length; i++) {
      const continues = i < OFFICIAL_ROWS.length && OFFICIAL_ROWS[i]![key as keyof OfficialRow] === null;
      if (continues) continue;
      if (i - 1 > start) ws.mergeCells(first + start, col, first + i - 1, col);
      start = i;
    }
  }
  fitRowHeights(ws, first);
  // A row without 三级指标: its 二级指标 spans both columns, as in the original.
  OFFICIAL_ROWS.forEach((r, i) => {
    if (r.level3 === "" && r.level2 !== null) ws.mergeCells(first + i, 2, first + i, 3);
  });
}

const LINE_HEIGHT = 13.5;
/** Width units a character takes at 10 pt: CJK about two, Latin about one. */
const textWidth = (s: string): number => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1.1), 0);

/**
 * Row heights from the text they hold, so that wrapped text prints whole: exceljs does not measure
 * text, and Excel and WPS only auto-fit rows a person edits. A merged cell shares its lines out over
 * the rows it covers.
 */
function fitRowHeights(ws: ExcelJS.Worksheet, first: number): void {
  const lines = OFFICIAL_ROWS.map(() => 1);
  TEMPLATE_COLUMNS.forEach((c, j) => {
    const width = (ws.getColumn(j + 1).width ?? 10) - 1;
    OFFICIAL_ROWS.forEach((r, i) => {
      const v = c.key in r ? r[c.key as keyof OfficialRow] : null;
      if (!v) return;
      let span = 1;
      while (i + span < OFFICIAL_ROWS.length && OFFICIAL_ROWS[i + span]![c.key as keyof OfficialRow] === null) span++;
      const need = Math.ceil(textWidth(v) / width) / span;
      for (let k = 0; k < span; k++) lines[i + k] = Math.max(lines[i + k]!, Math.ceil(need));
    });
  });
  lines.forEach((n, i) => (ws.getRow(first + i).height = n * LINE_HEIGHT + 6));
}

function addContactSheet(wb: ExcelJS.Workbook, unit: string | undefined): void {
  const ws = wb.addWorksheet(CONTACT_SHEET, {
    pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 8 }, { width: 14 }, { width: 20 }, { width: 20 }, { width: 18 }];
  ws.getCell("A1").value = "附件2";
  ws.mergeCells("A2:E2");
  ws.getCell("A2").value = CONTACT_TITLE;
  ws.getCell("A2").font = { name: "方正小标宋简体", size: 16, bold: true };
  ws.getCell("A2").alignment = { horizontal: "center" };
  ws.getCell("A3").value = unit ? `填报单位：${unit}` : "填报单位：";
  const headers = ["序号", "姓名", "职务", "联系电话", "备注"];
  headers.forEach((h, i) => {
    const c = ws.getCell(4, i + 1);
    c.value = h;
    c.font = { ...FONT, bold: true };
    c.fill = HEADER_FILL;
    c.border = THIN;
    c.alignment = { horizontal: "center" };
  });
  for (let i = 1; i <= 4; i++) {
    for (let c = 1; c <= 5; c++) {
      const cell = ws.getCell(4 + i, c);
      cell.border = THIN;
      cell.font = FONT;
      if (c === 1) cell.value = i;
      if (c === 4) cell.numFmt = "@";
      if (c === 5) {
        cell.dataValidation = {
          type: "list",
          allowBlank: true,
          formulae: ['"分管领导,专职人员"'],
          showInputMessage: true,
          promptTitle: "备注",
          prompt: "请注明：分管领导 或 专职人员",
        };
      }
    }
  }
  ws.mergeCells("A10:E10");
  ws.getCell("A10").value = CONTACT_NOTE;
  ws.getCell("A10").alignment = { wrapText: true, vertical: "top" };
  ws.getRow(10).height = 45;
}

function addRosterSheet(wb: ExcelJS.Workbook, roster: Roster): void {
  const ws = wb.addWorksheet(ROSTER_SHEET);
  ws.columns = [{ width: 24 }, { width: 20 }, { width: 50 }];
  ws.addRow([...ROSTER_HEADERS]).font = { bold: true };
  for (const u of roster.units) ws.addRow([u.name, u.groups.join("、"), u.aliases.join("、")]);
}

/** The official template as an exceljs workbook. */
export function buildTemplate(options: TemplateOptions = {}): ExcelJS.Workbook {
  const roster = options.roster ?? DEFAULT_ROSTER;
  const wb = new ExcelJS.Workbook();
  wb.creator = "gongkai-ledger";
  addTableSheet(wb, options.year ?? OFFICIAL_YEAR, options.unit, roster.units.length);
  addContactSheet(wb, options.unit);
  addRosterSheet(wb, roster);
  return wb;
}

export async function writeTemplate(options: TemplateOptions = {}): Promise<Buffer> {
  return Buffer.from(await buildTemplate(options).xlsx.writeBuffer());
}
