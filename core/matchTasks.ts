/**
 * Lines a unit's rows up with the official tasks by content, not position: units reorder rows, retype a
 * measure with other punctuation or width, add rows of their own.
 */
import { sentenceKey } from "./normalize.js";
import { labelOf, type OfficialTask } from "./officialTasks.js";
import type { ReportRow } from "./unitReport.js";

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
}

const keysOf = (t: { level2: string; level3: string; measure: string }): Keys => {
  const label = sentenceKey(labelOf(t));
  const measure = sentenceKey(t.measure);
  return { label, measure, exact: `${label}|${measure}` };
};

/** Index of official tasks, built once per round and reused for every unit. */
export class TaskMatcher {
  private readonly keys: Keys[];
  private readonly byExact = new Map<string, number>();
  private readonly byLabel = new Map<string, number | null>();

  constructor(readonly tasks: readonly OfficialTask[]) {
    this.keys = tasks.map(keysOf);
    this.keys.forEach((k, i) => {
      if (!this.byExact.has(k.exact)) this.byExact.set(k.exact, i);
      this.byLabel.set(k.label, this.byLabel.has(k.label) ? null : i); // null: the label is not unique
    });
  }

  match(rows: readonly ReportRow[]): TaskMatch {
    const byRow = new Map<number, number>();
    const taken = new Set<number>();
    const rowKeys = rows.map((r) => keysOf(r.text));
    const pending: number[] = [];
    // 1. Same label and measure, however punctuated or spaced.
    rowKeys.forEach((k, i) => {
      const t = this.byExact.get(k.exact);
      if (t !== undefined && !taken.has(t)) {
        byRow.set(i, t);
        taken.add(t);
      } else pending.push(i);
    });
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
