/**
 * The 通报 as a Word document, opened as Word opens it (its XML): laid out as GB/T 9704-2012 lays out a notice — A4 and
 * its margins in twips, the fonts as government machines name them with their substitutes, sizes in half-points
 * (2号 44, 3号 32, 4号 28), the red 版头 and line, the 附件 table, page numbers on the outer edges, the 版记 — with
 * the very sentences of the 通报 text, for a city's own table (none of the built-in sample's units).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ROSTER_INDEX, builtInTaskList, consolidate, noticeParts, noticeText, parseLetterhead, resolveLetterhead, type Ledger, type Letterhead, type TaskList } from "../../core/index.js";
import { FONTS, LINE, PAGE, noticeDocx } from "../../workbook/noticeDocx.js";
import { all, attr, docxParts, one, runWith, textOf, type DocxParts } from "../fixtures/docxParts.js";
import { noticeLedger } from "../fixtures/noticeLedger.js";

const LETTERHEAD: Letterhead = {
  issuer: "某某市人民政府办公室",
  number: "某政办〔2023〕12号",
  to: "各县（市、区）人民政府，市直各部门",
  cc: "市委办公室，市人大常委会办公室，市政协办公室",
  printer: "",
  dateStyle: "chinese",
};

let ledger: Ledger;
let tasks: TaskList;
let doc: DocxParts;
beforeAll(async () => {
  ({ ledger, tasks } = await noticeLedger());
  doc = docxParts(await noticeDocx(ledger, resolveLetterhead(LETTERHEAD, tasks.title)));
});

describe("the page (GB/T 9704-2012 §5)", () => {
  it("is A4 with the standard's margins, in twips: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm", () => {
    const sect = one(doc.document, "sectPr")!;
    expect([attr(one(sect, "pgSz"), "w"), attr(one(sect, "pgSz"), "h")]).toEqual(["11906", "16838"]);
    const mar = one(sect, "pgMar")!;
    expect(["top", "bottom", "left", "right"].map((k) => Number(attr(mar, k)))).toEqual([2098, 1984, 1587, 1474]);
    expect(PAGE.width - PAGE.left - PAGE.right).toBe(8845); // 156 mm
    expect(PAGE.height - PAGE.top - PAGE.bottom).toBe(12756); // 225 mm
    // 22 lines to the 版心: the grid's pitch, and the body's exact line spacing
    expect(attr(one(sect, "docGrid"), "linePitch")).toBe(String(LINE));
    expect(LINE * 22).toBeLessThanOrEqual(12756);
    expect(LINE * 23).toBeGreaterThan(12756);
  });
});

describe("版头 and 主体 (§7.2, §7.3)", () => {
  it("the 发文机关标志 red 小标宋, centred; the 发文字号 centred under it; the red line under that, as wide as the 版心", () => {
    const issuer = doc.paragraphElements.find((x) => x.text === "某某市人民政府办公室")!;
    expect(runWith(doc.document, "某某市人民政府办公室")).toMatchObject({ font: "方正小标宋简体", color: "FF0000" });
    expect(attr(one(issuer.p, "jc"), "val")).toBe("center");
    const number = doc.paragraphElements.find((x) => x.text === "某政办〔2023〕12号")!;
    expect(runWith(doc.document, "某政办〔2023〕12号")).toMatchObject({ font: "仿宋_GB2312", size: "32" });
    expect(attr(one(number.p, "jc"), "val")).toBe("center");
    const line = one(one(number.p, "pBdr")!, "bottom")!;
    expect([attr(line, "val"), attr(line, "color")]).toEqual(["single", "FF0000"]);
    // a paragraph border runs the paragraph's width: no indent, so the 版心's
    expect(one(number.p, "ind")).toBeUndefined();
    expect(doc.paragraphs.indexOf("某某市人民政府办公室")).toBeLessThan(doc.paragraphs.indexOf("某政办〔2023〕12号"));
  });

  it("the title in 2号 小标宋 centred, the 主送机关 in 3号 仿宋 ending with a full-width colon, the body 3号 仿宋 空二字", () => {
    const title = noticeParts(ledger).title;
    expect(title).toBe("关于2023年7月政务公开工作台账报送情况的通报");
    expect(runWith(doc.document, title)).toMatchObject({ font: "方正小标宋简体", size: "44" });
    expect(doc.paragraphs).toContain("各县（市、区）人民政府，市直各部门：");
    expect(runWith(doc.document, "各县（市、区）人民政府，市直各部门：")).toMatchObject({ font: "仿宋_GB2312", size: "32" });
    const summary = doc.paragraphElements.find((x) => x.text.startsWith("截至2023年7月10日"))!;
    expect(runWith(doc.document, "截至2023年7月10日")).toMatchObject({ font: "仿宋_GB2312", size: "32" });
    expect(attr(one(summary.p, "ind"), "firstLineChars")).toBe("200");
    expect(attr(one(summary.p, "spacing"), "line")).toBe(String(LINE));
  });

  it("level-1 headings in 黑体, level-2 in 楷体, and every line of the 通报 text, word for word", () => {
    expect(runWith(doc.document, "一、报送情况")).toMatchObject({ font: "黑体", size: "32" });
    expect(runWith(doc.document, "二、退回和逾期事项")).toMatchObject({ font: "黑体" });
    expect(runWith(doc.document, "（一）未报送单位")).toMatchObject({ font: "楷体_GB2312", size: "32" });
    expect(runWith(doc.document, "：市政府办公室、市政府新闻办")).toMatchObject({ font: "仿宋_GB2312" });
    for (const line of noticeText(ledger).split("\n")) expect(doc.paragraphs.some((p) => p.replace(/^（[一二三四五六七八九十]+）/, "") === line), line).toBe(true);
    expect(doc.paragraphs).toContain("（二）报送被退回的单位：市财政局（H5：本单位（市财政局）负责此项，进展情况为空）。请按提示修改后重新报送本月台账。");
    expect(doc.paragraphs).toContain("（三）本月未更新、沿用以前月份台账的单位：市发展改革委（6月）。请更新本月进展后报送。");
    expect(doc.paragraphs.some((p) => p.startsWith("（二）存在逾期未完成事项的单位：某某县人民政府（1项）"))).toBe(true);
  });

  it("附件说明, then the signature and the 成文日期 in Chinese numerals 右空四字, with two lines above them for the seal", () => {
    const i = doc.paragraphs.indexOf("附件：各单位报送和完成情况统计表");
    expect(i).toBeGreaterThan(0);
    const [sign, date] = [doc.paragraphElements[i + 1]!, doc.paragraphElements[i + 2]!];
    expect([sign.text, date.text]).toEqual(["某某市人民政府办公室", "二〇二三年七月十日"]);
    expect(attr(one(date.p, "jc"), "val")).toBe("right");
    expect(attr(one(date.p, "ind"), "right")).toBe("1280"); // 4 characters of 16 pt
    // the signature centred over the date: 10 characters over 9
    expect(Number(attr(one(sign.p, "ind"), "right"))).toBe(1280 - 160);
    expect(Number(attr(one(sign.p, "spacing"), "before"))).toBe(2 * LINE);
  });

  it("the date in Arabic numerals where the letterhead says so (GB/T 9704-2012 §7.3.5)", async () => {
    const arabic = docxParts(await noticeDocx(ledger, resolveLetterhead({ ...LETTERHEAD, dateStyle: "arabic" }, tasks.title)));
    expect(arabic.paragraphs).toContain("2023年7月10日");
    expect(arabic.paragraphs).not.toContain("二〇二三年七月十日");
  });
});

describe("附件 (§8)", () => {
  it("on a page of its own, 附件 in 黑体, its title, and a row for every unit: 单位 | 应报事项 | 已报 | 逾期 | 完成率", () => {
    const mark = doc.paragraphElements.find((x) => x.text === "附件")!;
    expect(one(mark.p, "pageBreakBefore")).toBeDefined();
    expect(runWith(doc.document, "附件")).toMatchObject({ font: "黑体", size: "32" });
    const table = doc.tables[0]!;
    expect(table[0]).toEqual(["单位", "应报事项", "已报", "逾期", "完成率"]);
    expect(table).toHaveLength(1 + ledger.units.length);
    // the county's annual report was returned: not done until it reports again, so 2 of its 4 tasks count (core consolidate)
    expect(table).toContainEqual(["某某县人民政府", "4", "4", "1", "50%"]);
    expect(table).toContainEqual(["市财政局", "3", "0（被退回）", "0", "0%"]);
    expect(table).toContainEqual(["市发展改革委", "3", "3（沿用6月）", "0", "66.7%"]);
    expect(table).toContainEqual(["市政府办公室", "4", "0（未报送）", "0", "0%"]);
    // its header row repeats on every page; its cells in 4号
    expect(one(all(doc.document, "tbl")[0]!, "tblHeader")).toBeDefined();
    expect(runWith(doc.document, "某某县人民政府")).toMatchObject({ size: "28" });
    expect(doc.paragraphs.some((p) => p.startsWith("注：应报事项为各单位负责的任务数"))).toBe(true);
  });
});

describe("版记 (§7.4) and page numbers (§7.5)", () => {
  it("抄送 and 印发机关 with 印发日期 in 4号 仿宋 between rules, the first and last thick, the one between thin, at the foot of the text area", () => {
    const imprint = all(doc.document, "tbl")[1]!;
    const rows = all(imprint, "tr").map((tr) => all(tr, "tc").map(textOf));
    expect(rows).toEqual([["抄送：市委办公室，市人大常委会办公室，市政协办公室。"], ["某某市人民政府办公室", "2023年7月10日印发"]]);
    const borders = one(imprint, "tblBorders")!;
    expect(["top", "bottom", "insideH"].map((k) => attr(one(borders, k), "sz"))).toEqual(["8", "8", "6"]);
    expect(attr(one(borders, "left"), "val")).toBe("none");
    expect([attr(one(imprint, "tblpPr"), "tblpYSpec"), attr(one(imprint, "tblpPr"), "vertAnchor")]).toEqual(["bottom", "margin"]);
    expect(runWith(doc.document, "2023年7月10日印发")).toMatchObject({ font: "仿宋_GB2312", size: "28" });
  });

  it("no 抄送 line when there is none, and the 印发机关 is the 发文机关 unless set", async () => {
    const plain = docxParts(await noticeDocx(ledger, resolveLetterhead({ ...LETTERHEAD, cc: "", printer: "" }, tasks.title)));
    const rows = all(all(plain.document, "tbl")[1]!, "tr").map((tr) => all(tr, "tc").map(textOf));
    expect(rows).toEqual([["某某市人民政府办公室", "2023年7月10日印发"]]);
  });

  it("— 1 — in 4号 宋体: odd pages on the right, even pages on the left, each 空一字", () => {
    expect(one(doc.xml("word/settings.xml"), "evenAndOddHeaders")).toBeDefined();
    const refs = all(doc.document, "footerReference").map((r) => [attr(r, "type"), r.getAttribute("r:id")] as const);
    expect(refs.map(([type]) => type).sort()).toEqual(["default", "even"]);
    const rels = doc.xml("word/_rels/document.xml.rels");
    const target = (id: string | null | undefined) => Array.from(rels.getElementsByTagName("Relationship")).find((r) => r.getAttribute("Id") === id)!.getAttribute("Target")!;
    for (const [type, id] of refs) {
      const footer = doc.xml(`word/${target(id)}`);
      const p = one(footer, "p")!;
      const instr = all(footer, "instrText").map((t) => t.textContent ?? "").join("") + all(footer, "fldSimple").map((f) => attr(f, "instr")).join("");
      expect(instr).toContain("PAGE");
      expect(textOf(p)).toMatch(/^— .* —$/);
      expect(attr(one(p, "jc"), "val")).toBe(type === "default" ? "right" : "left");
      expect(attr(one(p, "ind"), type === "default" ? "right" : "left")).toBe("280");
      expect(attr(one(footer, "rFonts"), "ascii")).toBe("宋体");
      expect(attr(one(footer, "sz"), "val")).toBe("28");
    }
  });
});

describe("fonts as government machines name them", () => {
  it("each named in the font table with its substitute, GB2312 character set and class", () => {
    const table = doc.xml("word/fontTable.xml");
    const fonts = Object.fromEntries(all(table, "font").map((f) => [attr(f, "name"), { alt: attr(one(f, "altName"), "val"), charset: attr(one(f, "charset"), "val") }]));
    expect(fonts).toMatchObject({
      方正小标宋简体: { alt: "小标宋", charset: "86" },
      仿宋_GB2312: { alt: "FangSong", charset: "86" },
      黑体: { alt: "SimHei" },
      楷体_GB2312: { alt: "KaiTi" },
      宋体: { alt: "SimSun" },
    });
    // every run names one of them for every script
    const used = new Set(all(doc.document, "rFonts").flatMap((f) => ["ascii", "hAnsi", "eastAsia"].map((k) => attr(f, k))));
    expect([...used].every((name) => Object.values(FONTS).some((f) => f.name === name))).toBe(true);
  });
});

describe("what the coordinator has not set", () => {
  it("a city's own table: the issuer read from its title, placeholders for the 字号 and 主送, none of the built-in sample's units or places", async () => {
    const unset = docxParts(await noticeDocx(ledger, resolveLetterhead(undefined, tasks.title)));
    expect(unset.paragraphs.slice(0, 4)).toEqual(["某某市人民政府办公室", "〔发文字号〕", "关于2023年7月政务公开工作台账报送情况的通报", "〔主送机关〕："]);
    const all = unset.paragraphs.join("\n");
    for (const unit of DEFAULT_ROSTER_INDEX.roster.units) expect(all).not.toContain(unit.name);
    expect(all).not.toMatch(/正镶白旗|内置示例/);
  });

  it("a title that names no office: 〔发文机关〕 to fill, as issuer and as 印发机关", async () => {
    const sample = consolidate({ round: "2022-03", today: "2022-03-20", year: 2022, tasks: builtInTaskList().tasks, roster: DEFAULT_ROSTER_INDEX, reports: [] });
    sample.tasksSource = "built-in";
    const d = docxParts(await noticeDocx(sample, resolveLetterhead(undefined, builtInTaskList().title)));
    expect(d.paragraphs[0]).toBe("〔发文机关〕");
    expect(all(all(d.document, "tbl")[1]!, "tc").map(textOf)).toEqual(["〔发文机关〕", "2022年3月20日印发"]);
    expect(d.paragraphs).toContain("（注：尚未给出本地区的任务分解表，按内置示例表（正镶白旗2022年）统计。）");
  });

  it("no word of the document is English: every text is Chinese, digits and punctuation (and the cells a unit's findings name)", () => {
    for (const p of doc.paragraphs) expect(p.replace(/\b[A-Z]{1,3}\d+\b/g, ""), p).not.toMatch(/[A-Za-z]/);
  });
});

describe("the letterhead the coordinator sets (core parseLetterhead)", () => {
  it.each([
    [{ 发文机关: " 某某县人民政府办公室 ", 发文字号: "某政办[2026]3号", 主送机关: "各乡镇：", 抄送机关: "抄送：县委办。", 成文日期写法: "阿拉伯数字" }, { issuer: "某某县人民政府办公室", number: "某政办〔2026〕3号", to: "各乡镇", cc: "县委办", printer: "", dateStyle: "arabic" }],
    [{ number: "某政办（2026）12号" }, { number: "某政办〔2026〕12号", dateStyle: "chinese" }],
    [{}, { issuer: "", number: "", to: "", cc: "", printer: "", dateStyle: "chinese" }],
  ])("reads %j", (input, expected) => {
    const r = parseLetterhead(input);
    expect(r.success && r.data).toMatchObject(expected);
  });

  it.each([
    [{ number: "某政办2026-3" }, "通报版头设置中的发文字号“某政办2026-3”写法不对：应写作 机关代字〔年份〕序号号，例如 正政公〔2026〕3号"],
    [{ number: "某政办〔2026〕03号" }, "不写成 03"],
    [{ issuer: "某".repeat(41) }, "发文机关“某某某"],
    [{ issuer: 3 }, "通报版头设置中的发文机关应为文字。"],
    [{ dateStyle: "roman" }, "成文日期写法“roman”只能是 chinese（汉字：二〇二六年十二月六日）或 arabic"],
    [{ signer: "张三" }, "有不认识的项“signer”：可写 issuer（发文机关）"],
    [[], "应为一个 JSON 对象"],
  ])("refuses %j, saying what and how to write it", (input, said) => {
    const r = parseLetterhead(input);
    expect(r.success).toBe(false);
    expect(!r.success && r.message).toContain(said);
  });
});
