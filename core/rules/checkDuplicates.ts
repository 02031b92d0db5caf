import { sentenceKey } from "../normalize.js";
import { cellAddress } from "../snapshot.js";
import type { Rule } from "./context.js";

/**
 * `measure.duplicate`: the same measure in two cells (one merged cell over several rows is one measure).
 * Where the task list itself prints a measure twice, the copy is faithful, not wrong: no finding.
 */
export const checkDuplicates: Rule = (ctx) => {
  const first = new Map<string, { row: number; col: number; official: boolean }>();
  for (const { task, official } of ctx.rows) {
    const f = task.fields.measure;
    if (!f || f.continuation) continue;
    const key = sentenceKey(f.text);
    if (key === "") continue;
    const fromList = official !== undefined && sentenceKey(official.measure) === key;
    const prev = first.get(key);
    if (!prev) {
      first.set(key, { row: f.row, col: f.col, official: fromList });
      continue;
    }
    if (prev.official && fromList) continue;
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
