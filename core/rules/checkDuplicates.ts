import { sameSentence, sentenceEnds, sentenceHash } from "../normalize.js";
import { cellAddress } from "../snapshot.js";
import type { Rule } from "./context.js";

/** The first cell of a measure; `hashed` once it is also filed by its whole key's number. */
type First = { text: string; row: number; col: number; official: boolean; hashed: boolean };

function file(byKey: Map<number, First | First[]>, hash: number, entry: First): void {
  const seen = byKey.get(hash);
  if (seen === undefined) byKey.set(hash, entry);
  else if (Array.isArray(seen)) seen.push(entry);
  else byKey.set(hash, [seen, entry]);
}

/**
 * `measure.duplicate`: the same measure in two cells (one merged cell over several rows is one measure).
 * Where the task list itself prints a measure twice, the copy is faithful, not wrong: no finding.
 */
export const checkDuplicates: Rule = (ctx) => {
  // Measures are told apart by their ends first (`sentenceEnds`, a dozen characters read); only where two share
  // their ends are both read whole (`sentenceHash`), and confirmed alike (`sameSentence`).
  const byEnds = new Map<number, First>();
  /** Measures whose ends another shares, by their whole key's number (a list where those numbers collide). */
  const byKey = new Map<number, First | First[]>();
  for (let i = 0; i < ctx.rows.length; i++) {
    const { task, official } = ctx.rows[i]!;
    const f = task.fields.measure;
    if (!f || f.continuation) continue;
    const ends = ctx.measureEnds?.[i] ?? sentenceEnds(f.value);
    if (ends === 0) continue;
    const fromList = official !== undefined && sameSentence(official.measure, f.text);
    const entry: First = { text: f.text, row: f.row, col: f.col, official: fromList, hashed: false };
    const one = byEnds.get(ends);
    if (one === undefined) {
      byEnds.set(ends, entry);
      continue;
    }
    if (!one.hashed) {
      file(byKey, sentenceHash(one.text), one);
      one.hashed = true;
    }
    const hash = sentenceHash(f.value);
    const seen = byKey.get(hash);
    const prev = seen === undefined ? undefined : (Array.isArray(seen) ? seen : [seen]).find((p) => sameSentence(p.text, f.text));
    if (!prev) {
      entry.hashed = true;
      file(byKey, hash, entry);
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
