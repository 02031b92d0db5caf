/**
 * Lines a unit's rows up with the official tasks by content, not position: units reorder rows, retype a
 * measure with other punctuation or width, add rows of their own.
 */
import { sentenceKey } from "./normalize.js";
import { labelOf } from "./readTable.js";
import type { OfficialTask, TaskText } from "./taskList.js";

/** How alike two keys are: the Dice coefficient of their character pairs (1 = same). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const pairs = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const p = a.slice(i, i + 2);
    pairs.set(p, (pairs.get(p) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const p = b.slice(i, i + 2);
    const n = pairs.get(p) ?? 0;
    if (n > 0) {
      shared++;
      pairs.set(p, n - 1);
    }
  }
  return (2 * shared) / (a.length + b.length - 2);
}

/** Below this a row is not taken for a task. */
export const MATCH_THRESHOLD = 0.75;

export interface TaskMatch {
  /** Report row index → official task index. */
  byRow: Map<number, number>;
  /** Report rows that match no official task (added rows, or too changed to recognise). */
  unmatched: number[];
}

interface Keys {
  label: string;
  measure: string;
  exact: string;
  /** With who answers for it: tables repeat a measure for different units. */
  full: string;
}

type Matchable = { text: Pick<TaskText, "level2" | "level3" | "measure" | "lead" | "responsible"> };

const keysOf = (t: Matchable["text"]): Keys => {
  const label = sentenceKey(labelOf(t));
  const measure = sentenceKey(t.measure);
  const exact = `${label}|${measure}`;
  return { label, measure, exact, full: `${exact}|${sentenceKey(t.lead)}|${sentenceKey(t.responsible)}` };
};

/** Index of official tasks, built once per round and reused for every unit. */
export class TaskMatcher {
  private readonly keys: Keys[];
  private readonly byFull = new Map<string, number[]>();
  private readonly byExact = new Map<string, number[]>();
  private readonly byLabel = new Map<string, number | null>();

  constructor(readonly tasks: readonly OfficialTask[]) {
    this.keys = tasks.map(keysOf);
    this.keys.forEach((k, i) => {
      push(this.byFull, k.full, i);
      push(this.byExact, k.exact, i);
      this.byLabel.set(k.label, this.byLabel.has(k.label) ? null : i); // null: the label is not unique
    });
  }

  match(rows: readonly Matchable[]): TaskMatch {
    const byRow = new Map<number, number>();
    const taken = new Set<number>();
    const rowKeys = rows.map((r) => keysOf(r.text));
    const take = (i: number, candidates: number[] | undefined): boolean => {
      const t = candidates?.find((c) => !taken.has(c));
      if (t === undefined) return false;
      byRow.set(i, t);
      taken.add(t);
      return true;
    };
    // 1. Same label, measure and units, however punctuated or spaced; then the same label and measure.
    let pending = rowKeys.flatMap((k, i) => (take(i, this.byFull.get(k.full)) ? [] : [i]));
    pending = pending.filter((i) => !take(i, this.byExact.get(rowKeys[i]!.exact)));
    // 2. A label that names one task only (the measure was retyped).
    const rest: number[] = [];
    for (const i of pending) {
      const t = this.byLabel.get(rowKeys[i]!.label);
      if (t !== undefined && t !== null && !taken.has(t) && similarity(rowKeys[i]!.measure, this.keys[t]!.measure) >= 0.5) {
        byRow.set(i, t);
        taken.add(t);
      } else rest.push(i);
    }
    // 3. The most alike remaining task, label and measure weighed together.
    const unmatched: number[] = [];
    for (const i of rest) {
      const k = rowKeys[i]!;
      let best = -1;
      let bestScore = 0;
      this.keys.forEach((tk, t) => {
        if (taken.has(t)) return;
        const score = 0.5 * similarity(k.label, tk.label) + 0.5 * similarity(k.measure, tk.measure);
        if (score > bestScore) {
          bestScore = score;
          best = t;
        }
      });
      if (best >= 0 && bestScore >= MATCH_THRESHOLD) {
        byRow.set(i, best);
        taken.add(best);
      } else unmatched.push(i);
    }
    return { byRow, unmatched };
  }
}

function push(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}
