import { describe, expect, it } from "vitest";
import { Bigrams, builtInTaskList, isBlank, sameSentence, trimmed, sentenceCodes, sentenceEnds, sentenceHash, sentenceKey, sentenceKeySlow } from "../../core/index.js";
import { CITY, COUNTY, DISTRICT, PROVINCE } from "../fixtures/otherTables.js";

describe("sentenceKey's fast way", () => {
  it("agrees with the general way on every text of the tables we know", () => {
    const texts = [
      ...builtInTaskList().tasks.flatMap((t) => [t.level1, t.level2, t.level3, t.measure, t.lead, t.responsible, t.deadline]),
      ...[CITY, COUNTY, DISTRICT, PROVINCE].flatMap((spec) => JSON.stringify(spec).split(/[",]/)),
    ];
    for (const t of texts) expect(sentenceKey(t), t).toBe(sentenceKeySlow(t));
  });

  it("agrees on full-width forms, tags, control characters, other scripts and every ASCII character", () => {
    const tricky = ["ＡＢＣ１２３", "<p>公开</p>", "a\u0000b", "Ｔｅｓｔ　文本", "ÉCOLE", "ǅ", "①②", "㈠项", "Ⅻ", "テスト", "한국", "\u00a0x", "x\u2028y"];
    for (const t of tricky) expect(sentenceKey(t), t).toBe(sentenceKeySlow(t));
    for (let c = 0; c < 0x80; c++) expect(sentenceKey(`甲${String.fromCharCode(c)}乙`)).toBe(sentenceKeySlow(`甲${String.fromCharCode(c)}乙`));
  });

  it("drops the Chinese punctuation it drops as the general way does", () => {
    for (const ch of "　、。〈〉《》「」『』【】〔〕〖〗〘〙〚〛〜〝〞〟・…‥—–‐‒―‘’“”·•！（），：；？［］｛｝＂＃＄％＆＇＊＋－．／＜＝＞＠＼＾＿｀｜～￥") {
      expect(sentenceKeySlow(`甲${ch}乙`), ch).toBe("甲乙");
      expect(sentenceKey(`甲${ch}乙`), ch).toBe("甲乙");
    }
  });
});

describe("sentence keys without building them", () => {
  const TEXTS = [
    ...builtInTaskList().tasks.flatMap((t) => [t.level3, t.measure, t.lead, t.deadline]),
    "ＡＢＣ１２３", "abc123", "ABC 123", "<p>公开</p>", "公开", "a\u0000b", "ab", "Ｔｅｓｔ　文本", "test文本", "ÉCOLE", "école", "e\u0301cole",
    "ecole", "①②", "12", "㈠项", "(一)项", "テスト", "", "   ", "。，", "公开。", "公开", "公 开", "公开了", "x\u2028y", "xy",
  ];
  const code = (s: string) => Array.from(sentenceKeySlow(s), (c) => c.charCodeAt(0));

  it("hashes as the key would: equal keys, equal numbers; 0 only for an empty key", () => {
    for (const t of TEXTS) {
      const key = sentenceKeySlow(t);
      expect(sentenceHash(t) === 0, t).toBe(key === "");
      for (const u of TEXTS) if (sentenceKeySlow(u) === key) expect(sentenceHash(u), `${t} / ${u}`).toBe(sentenceHash(t));
    }
  });

  it("numbers a key's ends as the key would: equal keys, equal numbers; 0 only for an empty key", () => {
    const texts = [...TEXTS, "abcdef\u0301ghijklm", "abcdéghijklm", "abcdee\u0301ghijklm", "abcdeéghijklm", "abcdefghijklm", "abcdefgh<span>xy", "abcdefghxy", "abcdefghijk</p>", "<p>abcdefghijk", "abcdefghijk", "公开公开公开公开公开公开", "公开公开公开，公开公开公开。"];
    for (const t of texts) {
      const key = sentenceKeySlow(t);
      expect(sentenceEnds(t) === 0, t).toBe(key === "");
      for (const u of texts) if (sentenceKeySlow(u) === key) expect(sentenceEnds(u), `${t} / ${u}`).toBe(sentenceEnds(t));
    }
    // texts that differ only inside are told apart by the whole key, not by their ends
    expect(sentenceEnds("按要求公开第1项政务信息工作内容")).toBe(sentenceEnds("按要求公开第2项政务信息工作内容"));
    expect(sentenceEnds("按要求公开第1项工作内容")).not.toBe(sentenceEnds("按要求公开第1项工作内"));
  });

  it("numbers ends as the key would for random texts, and for their copies retyped with tags, marks and punctuation", () => {
    const parts = ["公", "开", "政", "务", "e", "é", "A", "a", "1", "①", "，", " ", "。", "<p>"];
    const neutral = ["<b>", "</p>", "，", " ", "。", "<span class=x>"]; // pieces the key does not keep
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    for (let n = 0; n < 5_000; n++) {
      const pieces = Array.from({ length: 1 + Math.floor(next() * 30) }, () => pick(parts));
      const t = pieces.join("");
      // the same text retyped: neutral pieces put anywhere, an é written as e and a combining accent
      const copy = [...pieces];
      for (let k = Math.floor(next() * 4); k > 0; k--) copy.splice(Math.floor(next() * (copy.length + 1)), 0, pick(neutral));
      const u = copy.map((p) => (p === "é" && next() < 0.5 ? "e\u0301" : p)).join("");
      const key = sentenceKeySlow(t);
      expect(sentenceEnds(t) === 0, t).toBe(key === "");
      if (sentenceKeySlow(u) === key) expect(sentenceEnds(u), `${JSON.stringify(t)} / ${JSON.stringify(u)}`).toBe(sentenceEnds(t));
    }
  });

  it("compares as the keys compare, every pair, either order", () => {
    for (const a of TEXTS) for (const b of TEXTS) expect(sameSentence(a, b), `${a} / ${b}`).toBe(sentenceKeySlow(a) === sentenceKeySlow(b));
  });

  it("measures likeness as the Dice coefficient of the keys' character pairs, in a scratch buffer or not", () => {
    // the slow way: the keys' pairs as a multiset of strings
    const pairs = (s: string) => Array.from({ length: Math.max(0, sentenceKeySlow(s).length - 1) }, (_, i) => sentenceKeySlow(s).slice(i, i + 2));
    const dice = (a: string, b: string) => {
      const x = pairs(a);
      const y = pairs(b);
      if (x.length === 0 || y.length === 0) return sentenceKeySlow(a) === sentenceKeySlow(b) ? 1 : 0;
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
    const scratch = new Uint32Array(4096).fill(0xffffffff); // stale numbers past what a text fills must not count
    const tasks = builtInTaskList().tasks.slice(0, 8);
    const texts = [...TEXTS.slice(-29), ...tasks.flatMap((t) => [t.level3, t.measure]), "公开公开公开公开", "公开公开", tasks[0]!.measure.repeat(3)];
    for (const a of texts) {
      for (const b of texts) {
        const want = dice(a, b);
        expect(new Bigrams(a).dice(new Bigrams(b)), `${a} / ${b}`).toBeCloseTo(want, 12);
        expect(new Bigrams(a, scratch).dice(new Bigrams(b)), `${a} / ${b} (scratch)`).toBeCloseTo(want, 12);
        expect(new Bigrams(a).maxDice(new Bigrams(b))).toBeGreaterThanOrEqual(want);
      }
    }
  });

  it("gives the key's characters as codes", () => {
    for (const t of TEXTS) {
      const { codes, length } = sentenceCodes(t);
      expect(Array.from(codes.subarray(0, length)), t).toEqual(code(t));
    }
    const long = "公开".repeat(5000);
    expect(sentenceCodes(long).length).toBe(10_000);
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
