/** The 联络人明细表 (attachment 2): who in the unit is responsible for disclosure work. */
import { labelKey } from "./normalize.js";
import { SheetReader } from "./sheetReader.js";
import type { WorkbookSnapshot } from "./snapshot.js";

const HEADER_SEARCH_ROWS = 40;

export type ContactField = "seq" | "name" | "title" | "phone" | "remark" | "role";

const CONTACT_HEADERS: Record<string, ContactField> = {
  序号: "seq",
  姓名: "name",
  职务: "title",
  联系电话: "phone",
  电话: "phone",
  手机: "phone",
  手机号码: "phone",
  备注: "remark",
  类别: "role",
  角色: "role",
  人员类别: "role",
};

export interface ContactRow {
  row: number;
  cells: Partial<Record<ContactField, { text: string; col: number }>>;
}

export interface ContactTable {
  sheet: string;
  headerRow: number;
  columns: Partial<Record<ContactField, number>>;
  rows: ContactRow[];
}

export type ContactRole = "分管领导" | "专职人员";

/** 分管领导 or 专职人员 (工作人员 counts as 专职人员), from the role column, else from 备注. */
export function contactRole(row: ContactRow): ContactRole | undefined {
  const text = `${row.cells.role?.text ?? ""} ${row.cells.remark?.text ?? ""}`;
  if (/分管/.test(text)) return "分管领导";
  if (/专职|工作人员|联络员|联系人|具体负责/.test(text)) return "专职人员";
  return undefined;
}

/**
 * The contact table, from the first sheet whose header has 姓名 and 联系电话. `known`: a reader of one of the
 * sheets made already (the task table's), used instead of making another.
 */
export function readContacts(workbook: WorkbookSnapshot, known?: SheetReader): ContactTable | undefined {
  for (const sheet of workbook.sheets) {
    const reader = known?.sheet === sheet ? known : new SheetReader(sheet);
    const last = Math.min(reader.rowCount, HEADER_SEARCH_ROWS);
    for (let r = 1; r <= last; r++) {
      const columns: Partial<Record<ContactField, number>> = {};
      for (let c = 1; c <= reader.colCount; c++) {
        const f = CONTACT_HEADERS[labelKey(reader.own(r, c))];
        if (f && columns[f] === undefined) columns[f] = c;
      }
      if (columns.name === undefined || columns.phone === undefined) continue;
      const rows: ContactRow[] = [];
      for (let rr = r + 1; rr <= reader.rowCount; rr++) {
        const cells: ContactRow["cells"] = {};
        let filled = false;
        for (const [f, c] of Object.entries(columns) as [ContactField, number][]) {
          const text = reader.cell(rr, c).value;
          cells[f] = { text, col: c };
          if (text !== "" && f !== "seq") filled = true;
        }
        // The closing remark of attachment 2 ("备注：请各相关部门…") is not a contact.
        const firstText = reader.rowTexts(rr).find((t) => t.trim() !== "") ?? "";
        if (/^(备注|注)\s*[:：]/.test(firstText.trim())) break;
        if (filled) rows.push({ row: rr, cells });
      }
      return { sheet: sheet.name, headerRow: r, columns, rows };
    }
  }
  return undefined;
}
