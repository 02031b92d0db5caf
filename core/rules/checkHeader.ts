import { COLUMN_HEADERS, REQUIRED_COLUMNS } from "../columns.js";
import type { Rule } from "./context.js";

/** `header.missing-column`: each required column absent from the header row. */
export const checkHeader: Rule = (ctx) => {
  const { table } = ctx;
  const lastCol = Math.max(...Object.values(table.columns), ...table.extraColumns.map((e) => e.col));
  for (const key of REQUIRED_COLUMNS) {
    if (table.columns[key] !== undefined) continue;
    const name = COLUMN_HEADERS[key];
    ctx.report({
      code: "header.missing-column",
      severity: "error",
      row: table.headerRow,
      col: lastCol + 1,
      message: `表头缺少“${name}”列：请在第${table.headerRow}行表头中加上“${name}”列（列名与任务分解表一致，位置不限）。`,
    });
  }
};
