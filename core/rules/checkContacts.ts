import { contactRole, type ContactField } from "../readContacts.js";
import type { Rule } from "./context.js";

const MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/;
const LANDLINE = /^(?:0\d{2,3}-?|\(0\d{2,3}\))\d{7,8}(?:(?:-|转|分机)\d{1,6})?$/;

/** A mainland mobile (11 digits, 1[3-9]…) or a landline with its area code, optionally an extension. */
export function isValidPhone(raw: string): boolean {
  const s = raw.normalize("NFKC").replace(/[\s\u3000]/g, "").replace(/[—–－]/g, "-").replace(/[（]/g, "(").replace(/[）]/g, ")");
  return MOBILE.test(s.replace(/-/g, "")) || LANDLINE.test(s);
}

const REQUIRED: [ContactField, string][] = [
  ["name", "姓名"],
  ["title", "职务"],
  ["phone", "联系电话"],
];

/**
 * `contact.missing-sheet`, `contact.required`, `contact.phone-invalid`, `contact.roles` — only where the task list in
 * use asks for a contact sheet (`TaskList.contactSheet`: the built-in sample's 附件2; a coordinator's table with one, or
 * their setting). A copy read on its own terms is asked for none.
 */
export const checkContacts: Rule = (ctx) => {
  if (!ctx.tasks?.contactSheet) return;
  const c = ctx.contacts;
  if (!c) {
    ctx.report({
      code: "contact.missing-sheet",
      severity: ctx.submitting ? "error" : "warning",
      row: 1,
      col: 1,
      message: `未找到联络人表（${ctx.tasks.source === "built-in" ? "附件2“政务公开工作联络人明细表”" : "下发的任务分解表附有联络人明细表"}）：请加一张表，表头为 序号、姓名、职务、联系电话、备注，至少填写分管领导和专职人员各一名。`,
    });
    return;
  }
  const roles = new Set<string>();
  for (const row of c.rows) {
    for (const [field, label] of REQUIRED) {
      const cell = row.cells[field];
      if (cell && cell.text === "") {
        ctx.report({
          code: "contact.required",
          severity: "error",
          sheet: c.sheet,
          row: row.row,
          col: cell.col,
          message: `联络人“${label}”为空：请填写。`,
        });
      }
    }
    const phone = row.cells.phone;
    if (phone && phone.text !== "") {
      const bad = phone.text.split(/[、,，;；/]|\s{2,}|\n/).map((s) => s.trim()).filter((s) => s !== "" && !isValidPhone(s));
      if (bad.length > 0) {
        ctx.report({
          code: "contact.phone-invalid",
          severity: "error",
          sheet: c.sheet,
          row: row.row,
          col: phone.col,
          message: `联系电话“${bad[0]}”格式不对：手机号为11位（如13812345678），座机须带区号（如0479-5221234，分机写成0479-5221234-801）。`,
        });
      }
    }
    const role = contactRole(row);
    if (role) roles.add(role);
  }
  const missing = ["分管领导", "专职人员"].filter((r) => !roles.has(r));
  if (missing.length > 0) {
    const col = c.columns.remark ?? c.columns.role ?? c.columns.name ?? 1;
    ctx.report({
      code: "contact.roles",
      severity: "error",
      sheet: c.sheet,
      row: c.headerRow,
      col,
      message: `联络人表缺少${missing.join("和")}：请至少填写分管领导和专职人员各一名，并在“备注”列注明“分管领导”或“专职人员”。`,
    });
  }
};
