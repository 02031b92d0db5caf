import type { ColumnKey } from "../columns.js";
import type { Rule } from "./context.js";

/** Columns whose absence is tolerated: sub-levels of the categories are not needed to recognise a task. */
const OPTIONAL: readonly ColumnKey[] = ["level2", "level3"];

/**
 * `header.missing-column`: a column of the task list in use, or the progress column, absent from the
 * copy. Only the columns the official table has are required.
 */
export const checkHeader: Rule = (ctx) => {
  const { table } = ctx;
  const required: ColumnKey[] = [
    ...(ctx.tasks?.columns ?? []).flatMap((c) => (c.key === "serial" || OPTIONAL.includes(c.key) ? [] : [c.key])),
    "progress",
  ];
  const lastCol = Math.max(...Object.values(table.columns), ...table.extraColumns.map((e) => e.col));
  for (const key of required) {
    if (table.columns[key] !== undefined) continue;
    const name = ctx.header(key);
    ctx.report({
      code: "header.missing-column",
      severity: "error",
      row: table.headerRow,
      col: lastCol + 1,
      message: `表头缺少“${name}”列：请在第${table.headerRow}行表头中加上“${name}”列（列名与下发的任务分解表一致，位置不限）。`,
      params: { column: key, header: name },
    });
  }
};
