import { describe, expect, it } from "vitest";
import { builtInTaskList, sentenceKey, sentenceKeySlow } from "../../core/index.js";
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
