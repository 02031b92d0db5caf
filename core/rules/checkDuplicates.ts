import { sameSentence, sentenceHash } from "../normalize.js";
import { cellAddress } from "../snapshot.js";
import type { Rule } from "./context.js";

/**
 * `measure.duplicate`: the same measure in two cells (one merged cell over several rows is one measure).
 * Where the task list itself prints a measure twice, the copy is faithful, not wrong: no finding.
 */
export const checkDuplicates: Rule = (ctx) => {
  type First = { text: string; row: number; col: number; official: boolean };
  /** The first cell of each measure, by the number of its sentence key (a list where numbers collide). */
  const first = new Map<number, First | First[]>();
  for (let i = 0; i < ctx.rows.length; i++) {
    const { task, official } = ctx.rows[i]!;
    const f = task.fields.measure;
    if (!f || f.continuation) continue;
    const hash = ctx.measureNumbers?.[i] ?? sentenceHash(f.value);
    if (hash === 0) continue;
    const fromList = official !== undefined && sameSentence(official.measure, f.text);
    const seen = first.get(hash);
    const prev = seen === undefined ? undefined : (Array.isArray(seen) ? seen : [seen]).find((p) => sameSentence(p.text, f.text));
    if (!prev) {
      const entry = { text: f.text, row: f.row, col: f.col, official: fromList };
      if (seen === undefined) first.set(hash, entry);
      else if (Array.isArray(seen)) seen.push(entry);
      else first.set(hash, [seen, entry]);
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
