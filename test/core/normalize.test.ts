import { describe, expect, it } from "vitest";
import { Bigrams, builtInTaskList, isBlank, sentenceKey, similarity, trimmed } from "../../core/index.js";

describe("likeness of sentences", () => {
  const TEXTS = [
    "ＡＢＣ１２３", "abc123", "ABC 123", "<p>公开</p>", "公开", "a\u0000b", "ab", "Ｔｅｓｔ　文本", "test文本", "ÉCOLE", "école", "e\u0301cole",
    "ecole", "①②", "12", "㈠项", "(一)项", "テスト", "", "   ", "。，", "公开。", "公开", "公 开", "公开了", "x\u2028y", "xy",
  ];

  it("measures likeness as the Dice coefficient of the keys' character pairs", () => {
    // the slow way: the keys' pairs as a multiset of strings
    const pairs = (s: string) => Array.from({ length: Math.max(0, sentenceKey(s).length - 1) }, (_, i) => sentenceKey(s).slice(i, i + 2));
    const dice = (a: string, b: string) => {
      const x = pairs(a);
      const y = pairs(b);
      if (x.length === 0 || y.length === 0) return sentenceKey(a) === sentenceKey(b) ? 1 : 0;
      const left = [...y];
      let shared = 0;
      for (const p of x) {
        const i = left.indexOf(p);
        if (i < 0) continue;
        left.splice(i, 1);
        shared++;
      }
      return (2 * shared) / (x.length + y.length);
    };
    const tasks = builtInTaskList().tasks.slice(0, 8);
    const texts = [...TEXTS, ...tasks.flatMap((t) => [t.level3, t.measure]), "公开公开公开公开", "公开公开", tasks[0]!.measure.repeat(3)];
    for (const a of texts) {
      for (const b of texts) {
        const want = dice(a, b);
        expect(new Bigrams(a).dice(new Bigrams(b)), `${a} / ${b}`).toBeCloseTo(want, 12);
        expect(similarity(a, b), `${a} / ${b}`).toBeCloseTo(want, 12);
        expect(new Bigrams(a).maxDice(new Bigrams(b))).toBeGreaterThanOrEqual(want);
      }
    }
  });
});

describe("white space", () => {
  // every UTF-16 unit that String.prototype.trim removes, and its neighbours
  const SPACES = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c)).filter((ch) => ch.trim() === "");

  it("trims as trim() does and calls blank what trim() empties, for every character", () => {
    expect(SPACES.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `${ch}公开`, `公开${ch}`, `${ch}公 开${ch}`, `${ch}${ch}`]) {
        if (trimmed(s) !== s.trim() || isBlank(s) !== (s.trim() === "")) wrong.push(`U+${c.toString(16)} in ${JSON.stringify(s)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
