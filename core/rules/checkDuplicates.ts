import { sentenceKey } from "../normalize.js";
import { cellAddress } from "../snapshot.js";
import type { Rule } from "./context.js";

/** `measure.duplicate`: the same 提升措施 in two cells (one merged cell over several rows is one measure). */
export const checkDuplicates: Rule = (ctx) => {
  const first = new Map<string, { row: number; col: number }>();
  for (const { task } of ctx.rows) {
    const f = task.fields.measure;
    if (!f || f.continuation) continue;
    const key = sentenceKey(f.text);
    if (key === "") continue;
    const prev = first.get(key);
    if (!prev) {
      first.set(key, { row: f.row, col: f.col });
      continue;
    }
    ctx.report({
      code: "measure.duplicate",
      severity: "warning",
      row: f.row,
      col: f.col,
      message: `${ctx.header("measure")}与 ${cellAddress(prev.row, prev.col)} 相同：请核对是否重复录入；同一措施对应多行的，请合并单元格。`,
      params: { same: cellAddress(prev.row, prev.col) },
    });
  }
};
