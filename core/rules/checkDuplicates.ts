import { sameSentence, sentenceHash } from "../normalize.js";
import { cellAddress } from "../snapshot.js";
import type { RowAnalysis } from "../analyzeRows.js";
import type { Field } from "../readTable.js";
import type { Rule } from "./context.js";

const measureOf = (a: RowAnalysis): Field => a.task.fields.measure!;

/** Whether a row's measure is its task's, as the task list prints it. */
const fromList = (a: RowAnalysis): boolean => a.official !== undefined && sameSentence(a.official.measure, measureOf(a).text);

/**
 * `measure.duplicate`: the same measure in two cells (one merged cell over several rows is one measure), said once at
 * each later cell, naming the first. Where the task list itself prints a measure twice, the copy is faithful, not
 * wrong: no finding.
 */
export const checkDuplicates: Rule = (ctx) => {
  const first = new Map<number, RowAnalysis[]>(); // the first row of each measure, by the measure's number
  for (const a of ctx.rows) {
    const f = a.task.fields.measure;
    if (!f || f.continuation) continue;
    const hash = sentenceHash(f.value);
    if (hash === 0) continue;
    const same = first.get(hash);
    const prev = same?.find((p) => sameSentence(measureOf(p).text, f.text));
    if (prev === undefined) {
      if (same) same.push(a);
      else first.set(hash, [a]);
      continue;
    }
    if (fromList(prev) && fromList(a)) continue;
    const p = measureOf(prev);
    ctx.report({
      code: "measure.duplicate",
      severity: "warning",
      row: f.row,
      col: f.col,
      message: `${ctx.header("measure")}与 ${cellAddress(p.row, p.col)} 相同：请核对是否重复录入；同一措施对应多行的，请合并单元格。`,
      params: { same: cellAddress(p.row, p.col) },
    });
  }
};
