/** Fills a unit's copy of the template: the 填报单位 line and progress for chosen rows (demo data, tests). */
import type ExcelJS from "exceljs";
import { labelKey, readTableFromSheet, taskLabel } from "../core/index.js";
import { snapshotWorksheet } from "./readWorkbook.js";
import { TABLE_SHEET } from "./writeTemplate.js";

export interface ProgressEntry {
  /** The row, by its 三级指标 (or 二级指标 where 三级 is "-" or blank). */
  task: string;
  progress?: string;
  status?: string;
  evidence?: string;
  updated?: string;
}

/** Writes into the template's sheets in place; throws when a named task is not in the table. */
export function fillCopy(wb: ExcelJS.Workbook, unit: string | undefined, entries: readonly ProgressEntry[]): void {
  const ws = wb.getWorksheet(TABLE_SHEET);
  if (!ws) throw new Error(`模板中没有“${TABLE_SHEET}”工作表`);
  if (unit !== undefined) ws.getCell("B3").value = unit;
  const table = readTableFromSheet(snapshotWorksheet(ws));
  if (!table) throw new Error("模板中没有任务分解表");
  const byTask = new Map<string, number>();
  for (const t of table.rows) {
    const key = labelKey(taskLabel(t));
    if (!byTask.has(key)) byTask.set(key, t.row);
  }
  for (const e of entries) {
    const row = byTask.get(labelKey(e.task));
    if (row === undefined) throw new Error(`任务分解表中没有“${e.task}”`);
    const set = (key: "progress" | "status" | "evidence" | "updated", v: string | undefined) => {
      const col = table.columns[key];
      if (v !== undefined && col !== undefined) ws.getCell(row, col).value = v;
    };
    set("progress", e.progress);
    set("status", e.status);
    set("evidence", e.evidence);
    set("updated", e.updated);
  }
}

/** Fills the contact sheet's first rows. */
export function fillContacts(
  wb: ExcelJS.Workbook,
  contacts: readonly { name: string; title: string; phone: string; role: string }[],
): void {
  const ws = wb.getWorksheet("联络人");
  if (!ws) throw new Error("模板中没有“联络人”工作表");
  contacts.forEach((c, i) => {
    const row = ws.getRow(5 + i);
    row.getCell(2).value = c.name;
    row.getCell(3).value = c.title;
    row.getCell(4).value = c.phone;
    row.getCell(5).value = c.role;
  });
}
