import { describe, expect, it } from "vitest";
import { builtInTaskList, sameSentence, sentenceHash, sentenceKey } from "../../core/index.js";
import { CITY, COUNTY, DISTRICT, PROVINCE } from "../fixtures/otherTables.js";

/**
 * The key as it shipped before it was made one (issue 25: `sentenceKeySlow`, which its four quicker forms were tested
 * against): tags out, NFKC, no white space, punctuation or symbol, lower case.
 */
const shipped = (s: string): string =>
  s
    .replace(/<\/?[a-zA-Z][^>]*>/g, "")
    .normalize("NFKC")
    .replace(/[\s\p{P}\p{S}]+/gu, "")
    .toLowerCase();

/** FNV-1a of a key's UTF-16 units, 0 only for the empty key: what `sentenceHash` is of the shipped key. */
const hashOf = (key: string): number => {
  if (key === "") return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0 || 1;
};

/** Whether the key, its number and the comparison agree with the shipped key on a text (and, given, on a pair). */
const agrees = (t: string, u?: string): boolean =>
  sentenceKey(t) === shipped(t) && sentenceHash(t) === hashOf(shipped(t)) && (u === undefined || sameSentence(t, u) === (shipped(t) === shipped(u)));

describe("sentenceKey: what makes two sentences the same", () => {
  it.each([
    ["full-width and half-width", ["第1项ABC公开", "第１项ＡＢＣ公开", "第1项abc公开"]],
    ["Chinese and ASCII punctuation", ["公开（一）、政务：信息。", "公开(一),政务:信息.", "公开【一】政务“信息”", "公开一政务信息"]],
    ["dashes, quotes and ellipses", ["“五公开”—决策…执行", '"五公开"-决策...执行', "「五公开」――决策‥执行"]],
    ["spaces of every kind", ["政务公开", "政务 公开", "政务　公开", "政务\u00a0公开", "政务\t公开", " 政务公开 ", "政 务 公 开"]],
    ["line breaks", ["政务公开", "政务\n公开", "政务\r\n公开", "政务\u2028公开"]],
    ["tags of copies from web pages", ["政务公开", "<p>政务公开</p>", "政务<br/>公开", '<span class="x">政务</span>公开']],
    ["circled numbers", ["①项", "1项", "１项"]],
    ["parenthesised ideographs", ["㈠项", "(一)项", "（一）项", "一项"]],
    ["composed and decomposed accents, either case", ["école", "e\u0301cole", "ÉCOLE"]],
    ["compatibility ideographs", ["豈", "豈"]],
  ])("%s", (_, forms) => {
    for (const f of forms) {
      expect(sentenceKey(f), f).toBe(sentenceKey(forms[0]!));
      expect(sentenceHash(f), f).toBe(sentenceHash(forms[0]!));
      expect(sameSentence(f, forms[0]!), f).toBe(true);
      expect(shipped(f), f).toBe(shipped(forms[0]!));
    }
  });

  it.each([
    ["〇 and 零", "二〇二二年", "二零二二年"],
    ["one character more", "公开了", "公开"],
    ["another number", "第1项", "第2项"],
    ["Roman numerals and letters", "Ⅻ", "x"],
    ["a control character", "a\u0000b", "ab"],
    ["a word in Latin letters", "app", "APP公开"],
  ])("%s stay apart", (_, a, b) => {
    expect(sentenceKey(a)).not.toBe(sentenceKey(b));
    expect(sentenceHash(a)).not.toBe(sentenceHash(b));
    expect(sameSentence(a, b)).toBe(false);
    expect(shipped(a)).not.toBe(shipped(b));
  });

  it("leaves nothing of a text of punctuation and space", () => {
    for (const t of ["", "   ", "。，", "<p></p>", "——", "\u3000\n"]) {
      expect(sentenceKey(t), JSON.stringify(t)).toBe("");
      expect(sentenceHash(t), JSON.stringify(t)).toBe(0);
    }
  });
});

describe("sentenceKey, sentenceHash and sameSentence agree with the key as it shipped", () => {
  it("on every text of the tables we know", () => {
    const texts = [
      ...builtInTaskList().tasks.flatMap((t) => [t.level1, t.level2, t.level3, t.measure, t.lead, t.responsible, t.deadline]),
      ...[CITY, COUNTY, DISTRICT, PROVINCE].flatMap((spec) => JSON.stringify(spec).split(/[",]/)),
    ];
    for (const t of texts) expect(agrees(t), t).toBe(true);
  });

  it("on every UTF-16 unit, alone and between ideographs, letters and tags", () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const t of [ch, `甲${ch}乙`, `A${ch}b`, `e${ch}`, `${ch}<p>x`, `<${ch}>`]) if (!agrees(t, "甲乙")) wrong.push(`U+${c.toString(16)} in ${JSON.stringify(t)}`);
    }
    expect(wrong).toEqual([]);
  });

  it("on random texts and their copies retyped with other widths, punctuation, spaces, breaks and tags", () => {
    const pieces = [
      "公", "开", "政", "务", "〇", "零", "一", "项", "a", "A", "z", "Z", "0", "9", "１", "９", "Ａ", "ｚ", "e", "é", "e\u0301", "É",
      "，", ",", "。", ".", "、", "（", "）", "(", ")", "《", "》", "“", "”", '"', "：", ":", "；", ";", "…", "—", "-", "－", "·", "•", "～", "~", "￥", "%", "％",
      " ", "\u3000", "\u00a0", "\t", "\n", "\r\n", "\u2028", "<p>", "</p>", "<br/>", "<span class=x>", "<", ">", "a<b",
      "①", "㈠", "Ⅻ", "豈", "テ", "한", "😀", "𠀀", "\ud800", "\u0000", "\u200b", "\ufeff",
    ];
    let seed = 25;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const wrong: string[] = [];
    for (let n = 0; n < 20_000; n++) {
      const t = Array.from({ length: 1 + Math.floor(next() * 40) }, () => pick(pieces)).join("");
      for (const u of [t, t.replace(/[，。]/g, (p) => (p === "，" ? ", " : ".")), t.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)), `<p>${t}</p>`, t.toUpperCase()]) {
        if (!agrees(u, t)) wrong.push(JSON.stringify(u));
      }
    }
    expect(wrong).toEqual([]);
  });
});
