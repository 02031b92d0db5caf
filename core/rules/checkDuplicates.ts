import { sameSentence, sentenceEnds, sentenceHash } from "../normalize.js";
import { cellAddress } from "../snapshot.js";
import type { RowAnalysis } from "../analyzeRows.js";
import type { Field } from "../readTable.js";
import type { Rule, RuleContext } from "./context.js";

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

/** Row indices fit below this (Excel has 1,048,576 rows): (ends × ROWS + row) orders by ends, then row. */
const ROWS = 2 ** 21;

/**
 * `measure.duplicate`: the same measure in two cells (one merged cell over several rows is one measure).
 * Where the task list itself prints a measure twice, the copy is faithful, not wrong: no finding.
 */
export const checkDuplicates: Rule = (ctx) => {
  const rows = ctx.rows;
  // Measures are told apart by their ends first (`sentenceEnds`, a dozen characters read): the rows, as numbers that
  // order them by their measure's ends and then by row, are sorted (one typed array: a map of 100,000 entries is looked
  // up all over memory); only rows whose ends another shares are read whole (`sentenceHash`) and confirmed alike.
  const order = new Float64Array(rows.length);
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    const f = rows[i]!.task.fields.measure;
    if (!f || f.continuation) continue;
    const ends = ctx.measureEnds?.[i] ?? sentenceEnds(f.value);
    if (ends !== 0) order[count++] = ends * ROWS + i;
  }
  const sorted = order.subarray(0, count).sort();
  for (let g = 0; g < count; ) {
    const ends = Math.floor(sorted[g]! / ROWS);
    let h = g + 1;
    while (h < count && Math.floor(sorted[h]! / ROWS) === ends) h++;
    if (h - g > 1) duplicatesAmong(ctx, sorted, g, h);
    g = h;
  }
};

/** The duplicates among rows sharing their measure's ends (`sorted[from..to)`, in row order): each said once, at the later. */
function duplicatesAmong(ctx: RuleContext, sorted: Float64Array, from: number, to: number): void {
  const rows = ctx.rows;
  const byKey = new Map<number, number | number[]>(); // the first row of each measure, by its whole key's number
  for (let n = from; n < to; n++) {
    const i = sorted[n]! % ROWS;
    const f = measureAt(rows, i);
    const hash = sentenceHash(f.value);
    const seen = byKey.get(hash);
    const prev = seen === undefined ? undefined : (Array.isArray(seen) ? seen : [seen]).find((j) => sameSentence(measureAt(rows, j).text, f.text));
    if (prev === undefined) {
      file(byKey, hash, i);
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
}
