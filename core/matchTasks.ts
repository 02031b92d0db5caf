/**
 * Lines a unit's rows up with the official tasks by content, not position: units reorder rows, retype a
 * measure with other punctuation or width, add rows of their own.
 */
import { sameSentence, sentenceCodes, sentenceEnds, sentenceHash } from "./normalize.js";
import { labelOf } from "./readTable.js";
import type { OfficialTask, TaskText } from "./taskList.js";

/**
 * A sentence's character pairs (of its `sentenceKey`, two UTF-16 units in one number), sorted: built once per
 * text, compared many times by walking both lists together — no strings, no maps.
 */
export class Bigrams {
  /** The pairs, sorted, in the first `size` places (a scratch buffer may be longer). */
  readonly pairs: Uint32Array;
  readonly size: number;
  constructor(
    readonly text: string,
    /** Where to build the pairs (a scratch buffer reused row after row); a new array when absent or too short. */
    into?: Uint32Array,
  ) {
    const { codes, length } = sentenceCodes(text);
    const n = Math.max(0, length - 1);
    const pairs = into && into.length >= n ? into : new Uint32Array(n);
    for (let i = 0; i < n; i++) pairs[i] = pairAt(codes, i);
    sortFirst(pairs, n);
    this.pairs = pairs;
    this.size = n;
  }

  /** The most `dice` can be for keys of these sizes: a bound checked before any pair is compared. */
  maxDice(other: Bigrams): number {
    const total = this.size + other.size;
    return total === 0 ? 1 : (2 * Math.min(this.size, other.size)) / total;
  }

  /** The Dice coefficient of the two keys' character pairs (1 = same). */
  dice(other: Bigrams): number {
    if (this.size === 0 || other.size === 0) return sameSentence(this.text, other.text) ? 1 : 0;
    const a = this.pairs;
    const b = other.pairs;
    const m = this.size;
    const n = other.size;
    let i = 0;
    let j = 0;
    let shared = 0;
    while (i < m && j < n) {
      const x = a[i]!;
      const y = b[j]!;
      if (x === y) {
        shared++;
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    }
    return (2 * shared) / (this.size + other.size);
  }
}

/** The character pair starting at `i` of a key's codes, two UTF-16 units in one number. */
const pairAt = (codes: Uint16Array, i: number): number => ((codes[i]! << 16) | codes[i + 1]!) >>> 0;

/**
 * Sorts the first `n` numbers of `a`: by insertion where few (a label's pairs: no call into the runtime, no view
 * made), else by the typed array's own sort.
 */
function sortFirst(a: Uint32Array, n: number): void {
  if (n > 32) {
    (n === a.length ? a : a.subarray(0, n)).sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}

/** How alike two sentences are: the Dice coefficient of their keys' character pairs (1 = same). */
export function similarity(a: string, b: string): number {
  return new Bigrams(a).dice(new Bigrams(b));
}

/** Below this a row is not taken for a task. */
export const MATCH_THRESHOLD = 0.75;

export interface TaskMatch {
  /** Report row index → official task index. */
  byRow: Map<number, number>;
  /** Report rows that match no official task (added rows, or too changed to recognise). */
  unmatched: number[];
}

type Matchable = { text: Pick<TaskText, "level2" | "level3" | "measure" | "lead" | "responsible"> };

/**
 * A row's (or task's) texts as the matcher compares them, with the numbers of their sentence keys made when
 * first asked for (no key string is built — a table of thousands of long measures would otherwise make megabytes
 * of them); equal numbers are confirmed by `sameSentence`. No joined keys: a row is looked up by its measure,
 * then compared field by field.
 */
export class Keys {
  private measureNo = -1;
  private measureEndsNo = -1;
  private labelNo = -1;
  private leadNo = -1;
  private responsibleNo = -1;
  /** Built when first needed: most rows match exactly and never need them. */
  labelPairs: Bigrams | undefined = undefined;
  measurePairs: Bigrams | undefined = undefined;

  constructor(
    readonly label: string,
    readonly measure: string,
    /** Who answers for it: tables repeat a measure for different units. */
    readonly lead: string,
    readonly responsible: string,
  ) {}

  static of(t: Matchable["text"]): Keys {
    return new Keys(labelOf(t), t.measure, t.lead, t.responsible);
  }

  /** `sentenceEnds` of the measure: a row whose number no task has is no task's copy, and its measure is not read whole. */
  get measureEnds(): number {
    return this.measureEndsNo < 0 ? (this.measureEndsNo = sentenceEnds(this.measure)) : this.measureEndsNo;
  }

  get measureHash(): number {
    return this.measureNo < 0 ? (this.measureNo = sentenceHash(this.measure)) : this.measureNo;
  }

  get labelHash(): number {
    return this.labelNo < 0 ? (this.labelNo = sentenceHash(this.label)) : this.labelNo;
  }

  sameMeasure(o: Keys): boolean {
    return this.measureHash === o.measureHash && sameSentence(this.measure, o.measure);
  }

  sameLabel(o: Keys): boolean {
    return this.labelHash === o.labelHash && sameSentence(this.label, o.label);
  }

  sameUnits(o: Keys): boolean {
    if (this.leadNo < 0) this.leadNo = sentenceHash(this.lead);
    if (o.leadNo < 0) o.leadNo = sentenceHash(o.lead);
    if (this.responsibleNo < 0) this.responsibleNo = sentenceHash(this.responsible);
    if (o.responsibleNo < 0) o.responsibleNo = sentenceHash(o.responsible);
    return (
      this.leadNo === o.leadNo && this.responsibleNo === o.responsibleNo && sameSentence(this.lead, o.lead) && sameSentence(this.responsible, o.responsible)
    );
  }
}

/** Index of official tasks, built once per round and reused for every unit. */
export class TaskMatcher {
  private readonly keys: Keys[];
  /** Tasks by their measure's number (confirmed with `same`). */
  private readonly byMeasure = new Map<number, number[]>();
  /** The `sentenceEnds` numbers of the tasks' measures. */
  private readonly measureEnds = new Set<number>();
  /** The task a label's number names, `null` when more than one. */
  private readonly byLabel = new Map<number, number | null>();

  /**
   * The matcher of a task list, made once and kept while the list is: every unit's copy of a round is matched
   * against the same tasks (and their keys, once made, are reused).
   */
  static of(tasks: readonly OfficialTask[]): TaskMatcher {
    let m = MATCHERS.get(tasks);
    if (!m) MATCHERS.set(tasks, (m = new TaskMatcher(tasks)));
    return m;
  }

  constructor(readonly tasks: readonly OfficialTask[]) {
    this.keys = tasks.map((t) => Keys.of(t));
    this.keys.forEach((k, i) => {
      push(this.byMeasure, k.measureHash, i);
      this.measureEnds.add(k.measureEnds);
      this.byLabel.set(k.labelHash, this.byLabel.has(k.labelHash) ? null : i); // null: the label is not unique
    });
  }

  match(rows: readonly Matchable[]): TaskMatch {
    return this.matchKeys(rows.map((r) => Keys.of(r.text)));
  }

  /** `match`, for rows whose keys the caller made (`new Keys(label, measure, lead, responsible)`). */
  matchKeys(rowKeys: readonly Keys[]): TaskMatch {
    // (No closures made per call in here: V8 drops their optimised code, and that of the loops calling them, at
    // every full garbage collection. Loops over thousands of rows count: a loop that starts unoptimised makes an
    // object per step of a for…of.)
    const byRow = new Map<number, number>();
    const taken = new Uint8Array(this.keys.length); // 1: the task has its row
    // 1. Same label, measure and units, however punctuated or spaced; then the same label and measure.
    const first: number[] = [];
    const none = new Uint8Array(rowKeys.length); // 1: no task has the row's measure (the second try passes it over unread)
    for (let i = 0; i < rowKeys.length; i++) {
      const took = this.take(rowKeys, i, true, byRow, taken);
      if (took === TAKEN) continue;
      first.push(i);
      if (took === NO_TASK) none[i] = 1;
    }
    const pending: number[] = [];
    for (let n = 0; n < first.length; n++) {
      const i = first[n]!;
      if (none[i] === 1 || this.take(rowKeys, i, false, byRow, taken) !== TAKEN) pending.push(i);
    }
    // 2. A label that names one task only (the measure was retyped).
    const rest: number[] = [];
    for (let n = 0; n < pending.length; n++) {
      const i = pending[n]!;
      const t = this.byLabel.get(rowKeys[i]!.labelHash);
      if (t !== undefined && t !== null && taken[t] === 0 && rowKeys[i]!.sameLabel(this.keys[t]!) && measurePairs(rowKeys[i]!).dice(measurePairs(this.keys[t]!)) >= 0.5) {
        byRow.set(i, t);
        taken[t] = 1;
      } else rest.push(i);
    }
    // 3. The most alike remaining task, label and measure weighed together. A row's pairs are built in two
    //    scratch buffers (thousands of added rows would otherwise each leave two arrays behind).
    const unmatched: number[] = [];
    let open = untaken(taken);
    let reach = this.reachOf(open);
    for (let n = 0; n < rest.length; n++) {
      const i = rest[n]!;
      if (open.length === 0 || cannotReach(rowKeys[i]!.label, reach)) {
        unmatched.push(i);
        continue;
      }
      const k = rowKeys[i]!;
      const label = new Bigrams(k.label, LABEL_SCRATCH);
      let measure: Bigrams | undefined;
      let best = -1;
      let bestScore = 0;
      for (let o = 0; o < open.length; o++) {
        const t = open[o]!;
        const tk = this.keys[t]!;
        // The short labels first: where they alone keep the score under the bar, the measures are not compared.
        const bar = Math.max(MATCH_THRESHOLD, bestScore) - 0.5;
        const taskLabel = labelPairs(tk);
        if (0.5 * label.maxDice(taskLabel) < bar) continue;
        const l = 0.5 * label.dice(taskLabel);
        if (l < bar) continue;
        measure ??= new Bigrams(k.measure, MEASURE_SCRATCH);
        const score = l + 0.5 * measure.dice(measurePairs(tk));
        if (score > bestScore) {
          bestScore = score;
          best = t;
        }
      }
      if (best >= 0 && bestScore >= MATCH_THRESHOLD) {
        byRow.set(i, best);
        taken[best] = 1;
        open = untaken(taken);
        reach = this.reachOf(open);
      } else unmatched.push(i);
    }
    return { byRow, unmatched };
  }

  /** What rows' labels must share with the open tasks' for any to be alike enough (`cannotReach`). */
  private reachOf(open: readonly number[]): Reach {
    const pairs = new Uint8Array(REACH_BITS / 8);
    let fewest = Infinity;
    for (let o = 0; o < open.length; o++) {
      const p = labelPairs(this.keys[open[o]!]!);
      fewest = Math.min(fewest, p.size);
      for (let j = 0; j < p.size; j++) {
        const b = reachBit(p.pairs[j]!);
        pairs[b >>> 3]! |= 1 << (b & 7);
      }
    }
    return { pairs, fewest };
  }

  /**
   * Step 1 for row `i`: the first task not yet taken with the row's measure whose label (and, with `units`, lead and
   * responsible units) are the row's too. `TAKEN`; `NOT_TAKEN` (tasks have the measure, none fits); `NO_TASK` (no
   * task has it).
   */
  private take(rowKeys: readonly Keys[], i: number, units: boolean, byRow: Map<number, number>, taken: Uint8Array): number {
    const k = rowKeys[i]!;
    if (!this.measureEnds.has(k.measureEnds)) return NO_TASK;
    const candidates = this.byMeasure.get(k.measureHash);
    if (!candidates) return NO_TASK;
    for (let c = 0; c < candidates.length; c++) {
      const t = candidates[c]!;
      const task = this.keys[t]!;
      if (taken[t] === 1 || !k.sameMeasure(task) || !k.sameLabel(task) || (units && !k.sameUnits(task))) continue;
      byRow.set(i, t);
      taken[t] = 1;
      return TAKEN;
    }
    return NOT_TAKEN;
  }
}

const TAKEN = 0;
const NOT_TAKEN = 1;
const NO_TASK = 2;

/**
 * The character pairs of the open tasks' labels, as bits of a small table (two pairs may share a bit: the count below
 * can only come out higher), and the fewest pairs any of those labels has.
 */
interface Reach {
  pairs: Uint8Array;
  fewest: number;
}

const REACH_BITS = 1 << 16;
const reachBit = (pair: number): number => Math.imul(pair, 0x9e3779b1) >>> 16;

/**
 * Whether a row's label is too unlike every open task's for the row to be taken (step 3), known without sorting its
 * pairs or comparing it with any task: a label shares with a task at most the `u` of its `m` pairs found among the
 * open labels' pairs, so its Dice coefficient with a label of `n` pairs is at most 2u / (m + n) ≤ 2u / (m + fewest);
 * under 0.5, half of it leaves the score under the threshold whatever the measures. Most rows of a table other than
 * the built-in sample are sorted out so. (A label of one character, or an open label of none, is compared in full.)
 */
function cannotReach(label: string, reach: Reach): boolean {
  if (reach.fewest === 0) return false;
  const { codes, length } = sentenceCodes(label);
  const m = length - 1;
  if (m <= 0) return false;
  let u = 0;
  for (let j = 0; j < m; j++) {
    const b = reachBit(pairAt(codes, j));
    if (reach.pairs[b >>> 3]! & (1 << (b & 7))) u++;
  }
  return 0.5 * ((2 * u) / (m + reach.fewest)) < MATCH_THRESHOLD - 0.5;
}

/** The tasks no row has taken yet. */
function untaken(taken: Uint8Array): number[] {
  const open: number[] = [];
  for (let t = 0; t < taken.length; t++) if (taken[t] === 0) open.push(t);
  return open;
}

const MATCHERS = new WeakMap<readonly OfficialTask[], TaskMatcher>();

/** Scratch for a row's pairs in step 3 (a longer key gets an array of its own). */
const LABEL_SCRATCH = new Uint32Array(256);
const MEASURE_SCRATCH = new Uint32Array(2048);

const labelPairs = (k: Keys): Bigrams => (k.labelPairs ??= new Bigrams(k.label));
const measurePairs = (k: Keys): Bigrams => (k.measurePairs ??= new Bigrams(k.measure));

function push<K>(map: Map<K, number[]>, key: K, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}
