/**
 * Lines a unit's rows up with the official tasks by content, not position: units reorder rows, retype a
 * measure with other punctuation or width, add rows of their own.
 */
import { sameSentence, sentenceHash, sentenceKey } from "./normalize.js";
import { labelOf } from "./readTable.js";
import type { OfficialTask, TaskText } from "./taskList.js";

/**
 * A sentence's character pairs (of its `sentenceKey`, two UTF-16 units in one number), sorted: built once per
 * text, compared many times by walking both lists together.
 */
export class Bigrams {
  readonly key: string;
  readonly pairs: Uint32Array;
  readonly size: number;

  constructor(text: string) {
    this.key = sentenceKey(text);
    this.pairs = pairsOf(this.key).sort();
    this.size = this.pairs.length;
  }

  /** The most `dice` can be for keys of these sizes: a bound checked before any pair is compared. */
  maxDice(other: Bigrams): number {
    const total = this.size + other.size;
    return total === 0 ? 1 : (2 * Math.min(this.size, other.size)) / total;
  }

  /** The Dice coefficient of the two keys' character pairs (1 = same). */
  dice(other: Bigrams): number {
    if (this.size === 0 || other.size === 0) return this.key === other.key ? 1 : 0;
    const a = this.pairs;
    const b = other.pairs;
    let i = 0;
    let j = 0;
    let shared = 0;
    while (i < this.size && j < other.size) {
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

/** A key's character pairs in order, each two UTF-16 units in one number. */
function pairsOf(key: string): Uint32Array {
  const pairs = new Uint32Array(Math.max(0, key.length - 1));
  for (let i = 0; i < pairs.length; i++) pairs[i] = ((key.charCodeAt(i) << 16) | key.charCodeAt(i + 1)) >>> 0;
  return pairs;
}

/** How alike two sentences are: the Dice coefficient of their keys' character pairs (1 = same). */
export function similarity(a: string, b: string): number {
  return new Bigrams(a).dice(new Bigrams(b));
}

/** Below this a row is not taken for a task. */
export const MATCH_THRESHOLD = 0.75;

/**
 * Below this Dice coefficient of their labels no step takes a row for a task: steps 1 and 2 ask for the same label,
 * and in step 3 the label is half the score, the measure's half (at most 0.5) too little to lift a label less alike
 * than this to `MATCH_THRESHOLD`.
 */
const LEAST_LABEL_DICE = 2 * (MATCH_THRESHOLD - 0.5);

export interface TaskMatch {
  /** Report row index → official task index. */
  byRow: Map<number, number>;
  /** Report rows that match no official task (added rows, or too changed to recognise). */
  unmatched: number[];
}

type Matchable = { text: Pick<TaskText, "level2" | "level3" | "measure" | "lead" | "responsible"> };

/**
 * A row's (or task's) texts as the matcher compares them: the sentence number of its label (`sentenceHash`: equal
 * numbers are confirmed by `sameSentence`); its measure's number and the character pairs of both, made when first
 * needed — rows are looked up by their label, and a measure is read whole only where a task has the row's label.
 */
export class Keys {
  readonly labelHash: number;
  private measureNumber: number | undefined;
  private labelBigrams: Bigrams | undefined;
  private measureBigrams: Bigrams | undefined;

  constructor(
    readonly label: string,
    readonly measure: string,
    /** Who answers for it: tables repeat a measure for different units. */
    private readonly lead: string,
    private readonly responsible: string,
  ) {
    this.labelHash = sentenceHash(label);
  }

  static of(t: Matchable["text"]): Keys {
    return new Keys(labelOf(t), t.measure, t.lead, t.responsible);
  }

  get measureHash(): number {
    return (this.measureNumber ??= sentenceHash(this.measure));
  }

  get labelPairs(): Bigrams {
    return (this.labelBigrams ??= new Bigrams(this.label));
  }

  get measurePairs(): Bigrams {
    return (this.measureBigrams ??= new Bigrams(this.measure));
  }

  /** Whether both have the same label, however punctuated or spaced. */
  sameLabel(o: Keys): boolean {
    return this.labelHash === o.labelHash && sameSentence(this.label, o.label);
  }

  /** Whether both have the same measure, however punctuated or spaced. */
  sameMeasure(o: Keys): boolean {
    return this.measureHash === o.measureHash && sameSentence(this.measure, o.measure);
  }

  /** Whether both name the same lead and responsible units, written alike. */
  sameUnits(o: Keys): boolean {
    return sameSentence(this.lead, o.lead) && sameSentence(this.responsible, o.responsible);
  }
}

/** Index of official tasks, built once per round and reused for every unit. */
export class TaskMatcher {
  private readonly keys: Keys[];
  /** Tasks by their label's number. */
  private readonly byLabel = new Map<number, number[]>();
  /** Tasks by their label's character pairs (`mostFound`), made when first asked. */
  private labelPairIndex: LabelPairIndex | undefined;

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
      const same = this.byLabel.get(k.labelHash);
      if (same) same.push(i);
      else this.byLabel.set(k.labelHash, [i]);
    });
  }

  /**
   * At most how many tasks `match` can find for rows of these labels (each row's `labelOf`): the tasks one of the
   * labels is alike enough to (`LEAST_LABEL_DICE`), counted from the labels' character pairs alone — no measure is
   * read, no row matched. Never fewer than `match` finds.
   */
  mostFound(labels: Iterable<string>): number {
    const index = (this.labelPairIndex ??= new LabelPairIndex(this.keys.map((k) => k.labelPairs)));
    const found = new Set<number>();
    for (const label of labels) index.addAlike(sentenceKey(label), found);
    return found.size;
  }

  match(rows: readonly Matchable[]): TaskMatch {
    return this.matchKeys(rows.map((r) => Keys.of(r.text)));
  }

  /** `match`, for rows whose keys the caller made (`new Keys(label, measure, lead, responsible)`). */
  matchKeys(rowKeys: readonly Keys[]): TaskMatch {
    const byRow = new Map<number, number>();
    const taken = new Set<number>();
    const take = (i: number, t: number) => {
      byRow.set(i, t);
      taken.add(t);
    };
    // 1. Same label, measure and units, however punctuated or spaced; then the same label and measure.
    const sameTask = (i: number, units: boolean): boolean => {
      const k = rowKeys[i]!;
      const t = this.byLabel.get(k.labelHash)?.find((t) => {
        const task = this.keys[t]!;
        return !taken.has(t) && task.sameLabel(k) && task.sameMeasure(k) && (!units || task.sameUnits(k));
      });
      if (t !== undefined) take(i, t);
      return t !== undefined;
    };
    const pending = rowKeys.map((_, i) => i).filter((i) => !sameTask(i, true)).filter((i) => !sameTask(i, false));
    // 2. A label that names one task only (the measure was retyped).
    const rest = pending.filter((i) => {
      const k = rowKeys[i]!;
      const same = this.byLabel.get(k.labelHash);
      const t = same?.length === 1 ? same[0]! : undefined;
      if (t === undefined || taken.has(t) || !this.keys[t]!.sameLabel(k) || k.measurePairs.dice(this.keys[t]!.measurePairs) < 0.5) return true;
      take(i, t);
      return false;
    });
    // 3. The most alike remaining task, label and measure weighed together.
    const unmatched: number[] = [];
    let open = this.untaken(taken);
    let reach = this.reachOf(open);
    for (const i of rest) {
      const k = rowKeys[i]!;
      if (open.length === 0 || cannotReach(sentenceKey(k.label), reach)) {
        unmatched.push(i);
        continue;
      }
      let best = -1;
      let bestScore = 0;
      for (const t of open) {
        const task = this.keys[t]!;
        // The short labels first: where they alone keep the score under the bar, the measures are not compared.
        const bar = Math.max(MATCH_THRESHOLD, bestScore) - 0.5;
        if (0.5 * k.labelPairs.maxDice(task.labelPairs) < bar) continue;
        const l = 0.5 * k.labelPairs.dice(task.labelPairs);
        if (l < bar) continue;
        const score = l + 0.5 * k.measurePairs.dice(task.measurePairs);
        if (score > bestScore) {
          bestScore = score;
          best = t;
        }
      }
      if (best >= 0 && bestScore >= MATCH_THRESHOLD) {
        take(i, best);
        open = this.untaken(taken);
        reach = this.reachOf(open);
      } else unmatched.push(i);
    }
    return { byRow, unmatched };
  }

  /** The tasks no row has taken yet. */
  private untaken(taken: ReadonlySet<number>): number[] {
    return this.tasks.map((_, t) => t).filter((t) => !taken.has(t));
  }

  /** What rows' labels must share with the open tasks' for any to be alike enough (`cannotReach`). */
  private reachOf(open: readonly number[]): Reach {
    const pairs = new Map<number, Set<number>>();
    let fewest = Infinity;
    for (const t of open) {
      const label = this.keys[t]!.labelPairs.key;
      fewest = Math.min(fewest, Math.max(0, label.length - 1));
      for (let i = 0; i + 1 < label.length; i++) {
        const first = label.charCodeAt(i);
        let seconds = pairs.get(first);
        if (!seconds) pairs.set(first, (seconds = new Set()));
        seconds.add(label.charCodeAt(i + 1));
      }
    }
    return { pairs, fewest };
  }
}

/**
 * The character pairs of the open tasks' labels (each pair's second characters by its first), and the fewest pairs
 * any of those labels has.
 */
interface Reach {
  pairs: ReadonlyMap<number, ReadonlySet<number>>;
  fewest: number;
}

/**
 * Whether a row's label is too unlike every open task's for the row to be taken (step 3), known without comparing it
 * with any task: a label shares with a task at most the `u` of its `m` pairs found among the open labels' pairs, so
 * its Dice coefficient with a label of `n` pairs is at most 2u / (m + n) ≤ 2u / (m + fewest); under 0.5, half of it
 * leaves the score under the threshold whatever the measures. Most rows of a table other than the task list's are
 * sorted out so. (A label of one character, or an open label of none, is compared in full.)
 */
function cannotReach(labelKey: string, reach: Reach): boolean {
  const m = labelKey.length - 1;
  if (reach.fewest === 0 || m <= 0) return false;
  let u = 0;
  for (let i = 0; i < m; i++) if (reach.pairs.get(labelKey.charCodeAt(i))?.has(labelKey.charCodeAt(i + 1))) u++;
  return 0.5 * ((2 * u) / (m + reach.fewest)) < MATCH_THRESHOLD - 0.5;
}

/**
 * The tasks' labels by their character pairs: which tasks a label may be alike enough to, found without comparing it
 * with each. A label of m pairs, u of them among a task label's n pairs, shares at most min(u, n) pairs with it, so
 * their Dice coefficient is at most 2·min(u, n) / (m + n).
 */
class LabelPairIndex {
  /** By a pair's first character, then its second: the tasks whose label has the pair (each task once). */
  private readonly byPair = new Map<number, Map<number, number[]>>();
  /** Labels of no pair (one character, or none) by their key: `dice` holds only the same key alike to those. */
  private readonly byShortKey = new Map<string, number[]>();
  private readonly sizes: number[];
  /**
   * While a label is looked at: how many of its pairs each task's label has (0 between labels), and which tasks have
   * any. Kept from one label to the next: a table's labels are counted by the thousand.
   */
  private readonly shared: number[];
  private readonly sharing: number[] = [];

  constructor(labels: readonly Bigrams[]) {
    this.sizes = labels.map((l) => l.size);
    this.shared = labels.map(() => 0);
    labels.forEach((l, t) => {
      if (l.size === 0) return addTo(this.byShortKey, l.key, t);
      for (let i = 0; i + 1 < l.key.length; i++) {
        const first = l.key.charCodeAt(i);
        const second = l.key.charCodeAt(i + 1);
        let seconds = this.byPair.get(first);
        if (!seconds) this.byPair.set(first, (seconds = new Map()));
        if (seconds.get(second)?.at(-1) !== t) addTo(seconds, second, t); // a pair the label repeats lists it once
      }
    });
  }

  /** Adds to `found` the tasks whose label the label of this key (a `sentenceKey`) may be alike enough to. */
  addAlike(key: string, found: Set<number>): void {
    const m = key.length - 1;
    if (m < 1) {
      this.byShortKey.get(key)?.forEach((t) => found.add(t));
      return;
    }
    const { shared, sharing } = this;
    for (let i = 0; i < m; i++) {
      const tasks = this.byPair.get(key.charCodeAt(i))?.get(key.charCodeAt(i + 1));
      for (let k = 0; tasks && k < tasks.length; k++) {
        const t = tasks[k]!;
        if (shared[t] === 0) sharing.push(t);
        shared[t]!++;
      }
    }
    for (let k = 0; k < sharing.length; k++) {
      const t = sharing[k]!;
      const u = shared[t]!;
      const n = this.sizes[t]!;
      if ((2 * Math.min(u, n)) / (m + n) >= LEAST_LABEL_DICE) found.add(t);
      shared[t] = 0;
    }
    sharing.length = 0;
  }
}

function addTo<K>(map: Map<K, number[]>, key: K, t: number): void {
  const list = map.get(key);
  if (list) list.push(t);
  else map.set(key, [t]);
}

const MATCHERS = new WeakMap<readonly OfficialTask[], TaskMatcher>();
