import { describe, expect, it } from "vitest";
import { MATCH_THRESHOLD, TaskMatcher, labelOf, similarity, type OfficialTask } from "../../core/index.js";

/** A pseudo-random generator with a seed, so that a failure can be run again. */
function random(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const WORDS = ["政务", "公开", "信息", "平台", "政策", "解读", "预算", "决算", "财政", "资金", "办事", "指南", "回应", "关切", "基层", "标准", "目录", "更新", "栏目", "专栏"];

function task(i: number, label: string, measure: string): OfficialTask {
  return { id: `T${i}`, label, level1: "", level2: "", level3: label, measure, lead: "旗政府办公室", responsible: "旗财政局", coResponsible: "", deadline: "年底前", continued: [] };
}

describe("the task matcher's likeness step (rows whose measure and label were both changed)", () => {
  it("takes for each row, in order, the most alike open task, as comparing every pair would", () => {
    const next = random(11);
    const pick = () => WORDS[Math.floor(next() * WORDS.length)]!;
    const phrase = (n: number) => Array.from({ length: n }, pick).join("");
    const tasks = Array.from({ length: 40 }, (_, i) => task(i, phrase(2 + Math.floor(next() * 3)), phrase(8 + Math.floor(next() * 8))));
    // rows: copies of tasks with words changed, added or dropped in both label and measure, and rows of nothing alike
    const edit = (s: string) => {
      const words = s.match(/../g)!;
      const k = Math.floor(next() * words.length);
      const r = next();
      if (r < 0.4) words[k] = pick();
      else if (r < 0.7) words.splice(k, 0, pick());
      else if (words.length > 1) words.splice(k, 1);
      return `${words.join("")}（改）`;
    };
    const rows = Array.from({ length: 400 }, () => {
      const t = tasks[Math.floor(next() * tasks.length)]!;
      const label = next() < 0.2 ? phrase(3) : edit(t.level3);
      return { text: { level2: "", level3: label, measure: edit(t.measure), lead: t.lead, responsible: t.responsible } };
    });

    const got = new TaskMatcher(tasks).match(rows);

    // every pair compared: for each row in order, the open task of highest score (label and measure weighed alike),
    // among those whose labels alone can reach the threshold; the first of equals
    const taken = new Set<number>();
    const want = new Map<number, number>();
    rows.forEach((r, i) => {
      let best = -1;
      let bestScore = 0;
      tasks.forEach((t, j) => {
        if (taken.has(j)) return;
        const l = 0.5 * similarity(r.text.level3, t.level3);
        if (l < MATCH_THRESHOLD - 0.5) return;
        const score = l + 0.5 * similarity(r.text.measure, t.measure);
        if (score > bestScore) [best, bestScore] = [j, score];
      });
      if (best >= 0 && bestScore >= MATCH_THRESHOLD) {
        want.set(i, best);
        taken.add(best);
      }
    });
    expect(want.size).toBeGreaterThan(20); // the case is one of likeness, not of nothing found
    expect(new Map([...got.byRow].sort((a, b) => a[0] - b[0]))).toEqual(want);
  });
});

describe("the most tasks rows' labels can be matched with (mostFound)", () => {
  it.each([1, 2, 3, 4, 5])("is never fewer than match finds, nor leaves out a task a row was matched with (seed %i)", (seed) => {
    const next = random(seed);
    const pick = () => WORDS[Math.floor(next() * WORDS.length)]!;
    const phrase = (n: number) => Array.from({ length: n }, pick).join("");
    const tasks = Array.from({ length: 30 }, (_, i) => task(i, next() < 0.1 ? "政" : phrase(1 + Math.floor(next() * 3)), phrase(6 + Math.floor(next() * 6))));
    // labels with words changed, added or dropped (near the bar of Dice 0.5), some of one character, some blank
    const edit = (s: string) => {
      const words = s.match(/../g) ?? [s];
      for (let k = Math.floor(next() * 3); k > 0; k--) {
        const at = Math.floor(next() * words.length);
        if (next() < 0.5) words.splice(at, 0, pick());
        else if (words.length > 1) words.splice(at, 1);
      }
      return words.join("");
    };
    const rows = Array.from({ length: 200 }, () => {
      const t = tasks[Math.floor(next() * tasks.length)]!;
      const r = next();
      const label = r < 0.05 ? "" : r < 0.1 ? "政" : r < 0.2 ? phrase(2) : edit(t.level3);
      return { text: { level2: "", level3: label, measure: next() < 0.5 ? t.measure : edit(t.measure), lead: t.lead, responsible: t.responsible } };
    });
    const labels = rows.map((r) => labelOf(r.text));
    const matcher = new TaskMatcher(tasks);
    const got = matcher.match(rows);
    expect(got.byRow.size).toBeGreaterThan(10);
    expect(matcher.mostFound(labels)).toBeGreaterThanOrEqual(got.byRow.size);
    for (const [row, t] of got.byRow) expect(new TaskMatcher([tasks[t]!]).mostFound([labels[row]!])).toBe(1);
  });

  it("counts no task for labels nothing like the tasks'", () => {
    const tasks = [task(0, "财政资金", "及时公开财政预决算。"), task(1, "统计信息", "定期发布统计信息。")];
    expect(new TaskMatcher(tasks).mostFound(["办事指南", "政务新媒体", "财", ""])).toBe(0);
    expect(new TaskMatcher(tasks).mostFound(["财政资金公开", "公开统计"])).toBe(1); // Dice 0.8 with 财政资金, 0.33 with 统计信息
  });
});
