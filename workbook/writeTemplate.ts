/** The official template: attachment 1 as the plan printed it, plus the columns units fill in. */
import ExcelJS from "exceljs";
import {
  CONTACT_NOTE,
  CONTACT_TITLE,
  DEFAULT_ROSTER,
  ITEM_COLUMNS,
  ITEM_HEADERS,
  ITEM_STATUSES,
  ITEMS_SHEET,
  OFFICIAL_TITLE,
  RosterIndex,
  OFFICIAL_YEAR,
  GROUP_HEADERS,
  ROSTER_HEADERS,
  ROSTER_SHEET,
  STATUSES,
  TASK_KEYS,
  builtInTaskList,
  headerOf,
  rosterOfTaskList,
  unitTexts,
  type ColumnKey,
  type ItemColumn,
  type OfficialTask,
  type Roster,
  type TaskKey,
  type TaskList,
} from "../core/index.js";
import { FONT, HEADER_FILL, PAGE_FOOTER, THIN, landscapeA4 } from "./styles.js";

export const TABLE_SHEET = "任务分解表";
export const CONTACT_SHEET = "联络人";

const WIDTHS: Record<ColumnKey, number> = {
  serial: 6, level1: 11, level2: 13, level3: 15, measure: 52, lead: 13, responsible: 17, coResponsible: 17,
  deadline: 12, progress: 40, status: 10, evidence: 26, updated: 12, remark: 14,
};
/** What units fill in, after the official table's own columns. */
const UNIT_FILLS: readonly ColumnKey[] = ["progress", "status", "evidence", "updated", "remark"];
/** Columns whose runs of continued values are one merged cell, as in the official table. */
const MERGEABLE: readonly TaskKey[] = ["level1", "level2", "level3", "measure", "lead", "responsible", "coResponsible", "deadline"];

export interface TemplateOptions {
  /** The task list (the coordinator's official table); the built-in sample when absent. */
  tasks?: TaskList;
  /** The plan year written in the built-in sample's title. */
  year?: number;
  roster?: Roster;
  /** Prefill the 填报单位 line (a copy made for one unit): a roster name. */
  unit?: string;
}

interface TemplateColumn {
  key: ColumnKey;
  header: string;
  width: number;
}

function templateColumns(list: TaskList): TemplateColumn[] {
  const own = list.columns.map((c) => ({ key: c.key as ColumnKey, header: c.header, width: WIDTHS[c.key] }));
  const fills = UNIT_FILLS.map((key) => ({ key, header: headerOf(list, key), width: WIDTHS[key] }));
  return [...own, ...fills];
}

function addTableSheet(wb: ExcelJS.Workbook, list: TaskList, title: string, unit: string | undefined, rosterSize: number): void {
  const columns = templateColumns(list);
  const ws = wb.addWorksheet(TABLE_SHEET, {
    pageSetup: landscapeA4("4:4"),
    headerFooter: PAGE_FOOTER,
    views: [{ state: "frozen", ySplit: 4, xSplit: 0 }],
  });
  const width = columns.length;
  ws.columns = columns.map((c) => ({ width: c.width }));

  // the table's own 附件 line, as published (none where it has none)
  if (list.attachmentLine) ws.getCell("A1").value = list.attachmentLine;
  ws.getCell("A1").font = { name: "黑体", size: 12 };
  ws.mergeCells(2, 1, 2, width);
  const titleCell = ws.getCell(2, 1);
  titleCell.value = title;
  titleCell.font = { name: "方正小标宋简体", size: 18, bold: true };
  titleCell.alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(2).height = 32;

  ws.getCell("A3").value = "填报单位：";
  ws.getCell("A3").font = { ...FONT, size: 11, bold: true };
  ws.getCell("A3").alignment = { horizontal: "right", vertical: "middle" };
  ws.mergeCells(3, 2, 3, Math.min(4, width));
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
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { ...FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  });
  header.height = 24;

  const first = 5;
  const rowOf = sheetRows(ws, list, first, width);
  // a heading row between two tasks ends a merged cell: the task after it shows the value again
  const afterHeading = (i: number) => i > 0 && rowOf[i] !== rowOf[i - 1]! + 1;
  const value = (t: OfficialTask, i: number, key: ColumnKey): string | null => {
    if (key === "serial") return t.serial ?? null;
    if (!(TASK_KEYS as readonly ColumnKey[]).includes(key)) return "";
    return t.continued.includes(key as TaskKey) && !afterHeading(i) ? null : t[key as TaskKey];
  };
  list.tasks.forEach((t, i) => {
    const row = ws.getRow(rowOf[i]!);
    columns.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      const v = value(t, i, c.key);
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
  const n = list.tasks.length;
  for (const key of MERGEABLE) {
    const col = columns.findIndex((c) => c.key === key) + 1;
    if (col === 0) continue;
    let start = 0;
    for (let i = 1; i <= n; i++) {
      if (i < n && list.tasks[i]!.continued.includes(key) && !afterHeading(i)) continue;
      if (i - 1 > start) ws.mergeCells(rowOf[start]!, col, rowOf[i - 1]!, col);
      start = i;
    }
  }
  fitRowHeights(ws, list, columns, rowOf);
  // A row without 三级指标: its 二级指标 spans both columns, as in the original.
  const l2 = columns.findIndex((c) => c.key === "level2") + 1;
  if (l2 > 0 && columns[l2]?.key === "level3") {
    list.tasks.forEach((t, i) => {
      if (t.level3 === "" && t.level2 !== "" && !t.continued.includes("level2") && !t.continued.includes("level3")) {
        ws.mergeCells(rowOf[i]!, l2, rowOf[i]!, l2 + 1);
      }
    });
  }
}

/**
 * The sheet row of each task from `first` on, with the table's heading rows (`一、…`, `（一）…`, one cell across the
 * table, as published) written where a task's groups begin: a table grouped by headings keeps them in its template.
 */
function sheetRows(ws: ExcelJS.Worksheet, list: TaskList, first: number, width: number): number[] {
  let r = first;
  let previous: readonly string[] = [];
  return list.tasks.map((t) => {
    const groups = t.groups ?? [];
    let same = 0;
    while (same < groups.length && groups[same] === previous[same]) same++;
    for (const heading of groups.slice(same)) {
      ws.mergeCells(r, 1, r, width);
      const cell = ws.getCell(r, 1);
      cell.value = heading;
      cell.font = { ...FONT, bold: true };
      cell.alignment = { vertical: "middle", horizontal: "left" };
      cell.border = THIN;
      r++;
    }
    previous = groups;
    return r++;
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
function fitRowHeights(ws: ExcelJS.Worksheet, list: TaskList, columns: TemplateColumn[], rowOf: readonly number[]): void {
  const tasks = list.tasks;
  const lines = tasks.map(() => 1);
  columns.forEach((c, j) => {
    if (!(TASK_KEYS as readonly ColumnKey[]).includes(c.key)) return;
    const key = c.key as TaskKey;
    const width = (ws.getColumn(j + 1).width ?? 10) - 1;
    tasks.forEach((t, i) => {
      if (t.continued.includes(key) || t[key] === "") return;
      let span = 1;
      while (i + span < tasks.length && tasks[i + span]!.continued.includes(key)) span++;
      const need = Math.ceil(textWidth(t[key]) / width) / span;
      for (let k = 0; k < span; k++) lines[i + k] = Math.max(lines[i + k]!, Math.ceil(need));
    });
  });
  lines.forEach((n, i) => (ws.getRow(rowOf[i]!).height = n * LINE_HEIGHT + 6));
}

function addContactSheet(wb: ExcelJS.Workbook, unit: string | undefined, builtIn: boolean): void {
  const ws = wb.addWorksheet(CONTACT_SHEET, {
    pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 8 }, { width: 14 }, { width: 20 }, { width: 20 }, { width: 18 }];
  ws.getCell("A1").value = "附件2";
  ws.mergeCells("A2:E2");
  ws.getCell("A2").value = builtIn ? CONTACT_TITLE : "政务公开工作联络人明细表";
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
  ws.getCell("A10").value = builtIn ? CONTACT_NOTE : "备注：请填写本单位政务公开工作分管领导、专职人员，并在“备注”列注明“分管领导”或“专职人员”。";
  ws.getCell("A10").alignment = { wrapText: true, vertical: "top" };
  ws.getRow(10).height = 45;
}

const ITEM_WIDTHS: Record<ItemColumn, number> = { taskId: 9, task: 26, text: 34, person: 14, deadline: 14, measure: 30, standard: 24, progress: 34, status: 10 };
/** Rows below the starter rows that keep the lists of 任务编号 and 完成状态, for the rows a clerk adds. */
const ITEM_ROWS_AHEAD = 300;
/** The hidden column that holds the unit's task ids, which 任务编号's list offers. */
const ID_LIST_COLUMN = ITEM_COLUMNS.length + 2;

/**
 * 细化分解: the unit's own items, keyed by task — one starter row for each task the unit answers for (every task in a
 * template for no unit), 任务编号 offering those tasks' ids and 完成状态 its three words. A sheet of its own, so that the
 * official table's rows and merges stay as published; a plain list that Excel, WPS and LibreOffice all handle.
 */
function addItemsSheet(wb: ExcelJS.Workbook, tasks: readonly OfficialTask[]): void {
  const ws = wb.addWorksheet(ITEMS_SHEET, {
    pageSetup: landscapeA4("3:3"),
    headerFooter: PAGE_FOOTER,
    views: [{ state: "frozen", ySplit: 3, xSplit: 0 }],
  });
  const width = ITEM_COLUMNS.length;
  ws.columns = ITEM_COLUMNS.map((c) => ({ width: ITEM_WIDTHS[c] }));
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).value = "细化分解表（本单位所负责任务的具体事项）";
  ws.getCell(1, 1).font = { name: "黑体", size: 14, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(1).height = 26;
  ws.mergeCells(2, 1, 2, width);
  const note = ws.getCell(2, 1);
  note.value =
    `填写说明：每项任务可细化为多个具体事项，一行一项，写明${ITEM_HEADERS.person}、${ITEM_HEADERS.deadline}、${ITEM_HEADERS.measure}、${ITEM_HEADERS.standard}和${ITEM_HEADERS.progress}。` +
    `要为某项任务增加事项，在它的行下面插入一行，复制该任务的“${ITEM_HEADERS.taskId}”和“${ITEM_HEADERS.task}”（${ITEM_HEADERS.taskId}也可从下拉列表中选）。` +
    `${ITEM_HEADERS.deadline}不能晚于任务的完成时限（鼠标停在“${ITEM_HEADERS.task}”上可见）；${ITEM_HEADERS.status}选 ${ITEM_STATUSES.join("、")}。不需要细化的任务，保留它的行不填即可；不要改动“任务分解表”中的行。`;
  note.font = { ...FONT, color: { argb: "FF595959" } };
  note.alignment = { wrapText: true, vertical: "top" };
  ws.getRow(2).height = 58;
  const header = ws.getRow(3);
  ITEM_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = ITEM_HEADERS[c];
    cell.font = { ...FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  });
  header.height = 22;
  const first = 4;
  tasks.forEach((t, i) => {
    const row = ws.getRow(first + i);
    ITEM_COLUMNS.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      cell.font = FONT;
      cell.border = THIN;
      cell.alignment = { vertical: "top", wrapText: true, ...(c === "taskId" || c === "status" ? { horizontal: "center" } : {}) };
    });
    row.getCell(1).value = t.id;
    const named = row.getCell(2);
    named.value = t.label;
    named.note = `${t.measure}${t.deadline ? `\n完成时限：${t.deadline}` : ""}`;
    ws.getCell(first + i, ID_LIST_COLUMN).value = t.id;
  });
  const idList = tasks.length > 0 ? `$${ws.getColumn(ID_LIST_COLUMN).letter}$${first}:$${ws.getColumn(ID_LIST_COLUMN).letter}$${first + tasks.length - 1}` : undefined;
  ws.getColumn(ID_LIST_COLUMN).hidden = true;
  const idCol = ITEM_COLUMNS.indexOf("taskId") + 1;
  const statusCol = ITEM_COLUMNS.indexOf("status") + 1;
  for (let r = first; r < first + tasks.length + ITEM_ROWS_AHEAD; r++) {
    if (idList) {
      ws.getCell(r, idCol).dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: [idList],
        showErrorMessage: true,
        errorStyle: "warning",
        errorTitle: ITEM_HEADERS.taskId,
        error: "请从下拉列表中选择本单位负责的任务编号（见“任务分解表”）。",
      };
    }
    ws.getCell(r, statusCol).dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: [`"${ITEM_STATUSES.join(",")}"`],
      showErrorMessage: true,
      errorStyle: "warning",
      errorTitle: ITEM_HEADERS.status,
      error: `请选择：${ITEM_STATUSES.join("、")}`,
    };
  }
}

function addRosterSheet(wb: ExcelJS.Workbook, roster: Roster): void {
  const ws = wb.addWorksheet(ROSTER_SHEET);
  ws.columns = [{ width: 24 }, { width: 20 }, { width: 50 }];
  ws.addRow([...ROSTER_HEADERS]).font = { bold: true };
  for (const u of roster.units) ws.addRow([u.name, u.groups.join("、"), u.aliases.join("、")]);
  const withAliases = roster.groups.filter((g) => g.aliases.length > 0);
  if (withAliases.length === 0) return;
  ws.addRow([]);
  ws.addRow([...GROUP_HEADERS]).font = { bold: true };
  for (const g of withAliases) ws.addRow([g.name, g.aliases.join("、")]);
}

/** The official template as an exceljs workbook. */
export function buildTemplate(options: TemplateOptions = {}): ExcelJS.Workbook {
  const list = options.tasks ?? builtInTaskList();
  const builtIn = list.source === "built-in";
  const roster = options.roster ?? (builtIn ? DEFAULT_ROSTER : rosterOfTaskList(list));
  const title = builtIn ? `${options.year ?? OFFICIAL_YEAR}年${OFFICIAL_TITLE}` : list.title || TABLE_SHEET;
  const wb = new ExcelJS.Workbook();
  wb.creator = "gongkai-ledger";
  addTableSheet(wb, list, title, options.unit, roster.units.length);
  // a unit's template lists the tasks it answers for; a template for no unit, every task
  const index = options.unit ? new RosterIndex(roster, list.unitPhrases) : undefined;
  const own = index ? list.tasks.filter((t) => index.unitsResponsibleFor(unitTexts(t)).has(options.unit!)) : list.tasks;
  addItemsSheet(wb, own);
  // only where the list asks for one (the sample's 附件2; a coordinator's table with a contact sheet, or their setting)
  if (list.contactSheet) addContactSheet(wb, options.unit, builtIn);
  addRosterSheet(wb, roster);
  return wb;
}

export async function writeTemplate(options: TemplateOptions = {}): Promise<Buffer> {
  return Buffer.from(await buildTemplate(options).xlsx.writeBuffer());
}
