import { sameSentence, sentenceEnds, sentenceHash } from "../normalize.js";
import { cellAddress } from "../snapshot.js";
import type { RowAnalysis } from "../analyzeRows.js";
import type { Field } from "../readTable.js";
import type { Rule } from "./context.js";

/** Files row `i` under `hash` (a list where numbers collide). */
function file(byKey: Map<number, number | number[]>, hash: number, i: number): void {
  const seen = byKey.get(hash);
  if (seen === undefined) byKey.set(hash, i);
  else if (Array.isArray(seen)) seen.push(i);
  else byKey.set(hash, [seen, i]);
}

const measureAt = (rows: readonly RowAnalysis[], i: number): Field => rows[i]!.task.fields.measure!;

/** Whether row `i`'s measure is its task's, as the task list prints it. */
function fromList(rows: readonly RowAnalysis[], i: number): boolean {
  const official = rows[i]!.official;
  return official !== undefined && sameSentence(official.measure, measureAt(rows, i).text);
}

/**
 * `measure.duplicate`: the same measure in two cells (one merged cell over several rows is one measure).
 * Where the task list itself prints a measure twice, the copy is faithful, not wrong: no finding.
 */
export const checkDuplicates: Rule = (ctx) => {
  const rows = ctx.rows;
  // Measures are told apart by their ends first (`sentenceEnds`, a dozen characters read); only where two share
  // their ends are both read whole (`sentenceHash`), and confirmed alike (`sameSentence`). Rows are kept by index.
  const byEnds = new Map<number, number>(); // the first row of each measure's ends
  const byKey = new Map<number, number | number[]>(); // first rows whose ends another shares, by their whole key's number
  const hashed = new Uint8Array(rows.length); // 1: filed in byKey
  for (let i = 0; i < rows.length; i++) {
    const f = rows[i]!.task.fields.measure;
    if (!f || f.continuation) continue;
    const ends = ctx.measureEnds?.[i] ?? sentenceEnds(f.value);
    if (ends === 0) continue;
    const one = byEnds.get(ends);
    if (one === undefined) {
      byEnds.set(ends, i);
      continue;
    }
    if (hashed[one] === 0) {
      file(byKey, sentenceHash(measureAt(rows, one).value), one);
      hashed[one] = 1;
    }
    const hash = sentenceHash(f.value);
    const seen = byKey.get(hash);
    const prev = seen === undefined ? undefined : (Array.isArray(seen) ? seen : [seen]).find((j) => sameSentence(measureAt(rows, j).text, f.text));
    if (prev === undefined) {
      file(byKey, hash, i);
      hashed[i] = 1;
      continue;
    }
    if (fromList(rows, prev) && fromList(rows, i)) continue;
    const p = measureAt(rows, prev);
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
