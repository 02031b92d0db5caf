import { COLUMN_HEADERS, REQUIRED_CELLS } from "../columns.js";
import { isBlank } from "../normalize.js";
import type { Rule } from "./context.js";

/** `cell.required`: a required cell blank once merged values are applied to every row they cover. */
export const checkRequired: Rule = (ctx) => {
  for (const { task } of ctx.rows) {
    for (const key of REQUIRED_CELLS) {
      const f = task.fields[key];
      if (!f || !isBlank(f.text)) continue;
      const name = COLUMN_HEADERS[key];
      ctx.report({
        code: "cell.required",
        severity: "error",
        row: f.row,
        col: f.col,
        message: `“${name}”为空：请按任务分解表填写${name}；同一内容跨多行的，可合并单元格。`,
      });
    }
  }
};
