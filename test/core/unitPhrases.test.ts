import { describe, expect, it } from "vitest";
import { DUTY_ADVERBS, UNIT_DUTIES, UNIT_ENDINGS, UNIT_LABELS, UNIT_NOTES, isUnitLikeName, readUnitCell, splitUnitNames } from "../../core/index.js";

const reads = (lead: string[], responsible: string[] = [], unread: string[] = []) => ({ lead, responsible, unread });

describe("readUnitCell: who a unit cell names", () => {
  // Cells as real county, city and bureau tables write them.
  it.each([
    // plain lists: the column decides the role
    ["县财政局", reads([], ["县财政局"])],
    ["县政府办、各乡镇（街道）", reads([], ["县政府办", "各乡镇（街道）"])],
    ["各县（市、区）政府", reads([], ["各县（市、区）政府"])],
    ["旗民政局，旗教育局\n卫健委", reads([], ["旗民政局", "旗教育局", "卫健委"])],
    ["市统计局等市直有关单位", reads([], ["市统计局", "市直有关单位"])],
    ["县教育局等有关单位", reads([], ["县教育局"])],
    ["县住房和城乡建设局", reads([], ["县住房和城乡建设局"])],
    // 牵头: leads
    ["县文旅局牵头落实", reads(["县文旅局"])],
    ["县教育局、县卫健委、县医保局分别牵头落实", reads(["县教育局", "县卫健委", "县医保局"])],
    ["县教育局，县卫健委分别牵头", reads(["县教育局", "县卫健委"])],
    ["县政府办为牵头单位", reads(["县政府办"])],
    ["县发改委（牵头）、县财政局、县统计局", reads(["县发改委"], ["县财政局", "县统计局"])],
    ["县财政局、县审计局（排在第一位的为牵头单位）", reads(["县财政局"], ["县审计局"])],
    // 牵头 with the others
    ["综合股牵头，各股室配合", reads(["综合股"], ["各股室"])],
    ["县财政局牵头，县审计局配合", reads(["县财政局"], ["县审计局"])],
    ["县卫健委牵头各医疗机构配合", reads(["县卫健委"], ["各医疗机构"])],
    ["县政府办公室牵头，县直各部门按职责分工负责", reads(["县政府办公室"], ["县直各部门"])],
    ["县市场监管局牵头，县公安局、县交通运输局等相关部门配合", reads(["县市场监管局"], ["县公安局", "县交通运输局"])],
    ["县财政局主办，县审计局协办", reads(["县财政局"], ["县审计局"])],
    // one does the work, the others co-operate: it leads, though no one is called 牵头
    ["由区统计局负责，区发改局、区财政局按职责配合", reads(["区统计局"], ["区发改局", "区财政局"])],
    // adverbs one after another before the duty; a unit and, in brackets, another name it goes by
    ["区教育局、区卫健委、区民政局等民生部门按职责分别落实", reads([], ["区教育局", "区卫健委", "区民政局", "民生部门"])],
    ["县政府办（县政务公开办）", reads([], ["县政府办"])],
    ["各乡镇（街道）、县政府办（县政务公开办）牵头", reads(["各乡镇（街道）", "县政府办"])],
    ["县财政局会同县发改委负责", reads(["县财政局"], ["县发改委"])],
    ["牵头单位：县政府办；责任单位：各乡镇人民政府", reads(["县政府办"], ["各乡镇人民政府"])],
    // prose: the words after a unit's duty are dropped
    [
      "县政务公开办牵头做好全县政务公开工作，各有关单位具体落实；各成员单位负责本单位信息公开",
      reads(["县政务公开办"], ["各有关单位", "各成员单位"]),
    ],
    // responsible duties
    ["某某经济技术开发区管委会负责落实", reads([], ["某某经济技术开发区管委会"])],
    ["县统计局负责", reads([], ["县统计局"])],
    ["由县司法局负责", reads([], ["县司法局"])],
    ["各乡镇（街道）具体落实", reads([], ["各乡镇（街道）"])],
    ["县应急管理局为责任单位", reads([], ["县应急管理局"])],
    ["县财政局和县审计局共同负责", reads([], ["县财政局", "县审计局"])],
    ["县人社局协助", reads([], ["县人社局"])],
    ["各苏木镇人民政府参与", reads([], ["各苏木镇人民政府"])],
    ["县林草局具体负责", reads([], ["县林草局"])],
    ["责任单位：县财政局、县审计局", reads([], ["县财政局", "县审计局"])],
    // what names nobody
    ["按职责分工落实", reads([], [], ["按职责分工落实"])],
    ["根据工作需要确定", reads([], [], ["根据工作需要确定"])],
    ["认真落实省市部署，县财政局负责", reads([], ["县财政局"], ["认真落实省市部署"])],
    ["—", reads([])],
    ["", reads([])],
  ])("%s", (cell, expected) => {
    expect(readUnitCell(cell)).toEqual(expected);
  });

  it("names the roster knows are names, whatever they look like", () => {
    expect(readUnitCell("文旅牵头，张三配合")).toEqual(reads([], [], ["文旅牵头", "张三配合"]));
    const known = (n: string) => n === "文旅" || n === "张三";
    expect(readUnitCell("文旅牵头，张三配合", known)).toEqual(reads(["文旅"], ["张三"]));
  });

  it("a duty word inside brackets is a note on the name, not the cell's duty", () => {
    expect(readUnitCell("县财政局（牵头）、县审计局（配合）")).toEqual(reads(["县财政局"], ["县审计局"]));
  });
});

describe("the vocabularies' own examples read as they say", () => {
  it.each(UNIT_DUTIES.flatMap((d) => d.examples.map((e) => [e, d.role] as const)))("%s: a %s", (example, role) => {
    const r = readUnitCell(example);
    expect(r[role].length).toBeGreaterThan(0);
    expect(r.unread).toEqual([]);
  });

  it.each(DUTY_ADVERBS.map(([adverb, example]) => [adverb, example] as const))("%s is no part of a name: %s", (adverb, example) => {
    const r = readUnitCell(example);
    expect([...r.lead, ...r.responsible].length).toBeGreaterThan(0);
    expect([...r.lead, ...r.responsible, ...r.unread].join("")).not.toContain(adverb);
  });

  it.each(UNIT_LABELS.flatMap((l) => l.examples.map((e) => [e, l.role] as const)))("%s: a %s", (example, role) => {
    expect(readUnitCell(example)[role].length).toBeGreaterThan(0);
  });

  it.each(UNIT_NOTES.map((n) => [n.example, n.role] as const))("%s: a %s in brackets", (example, role) => {
    const r = readUnitCell(example);
    expect(r[role].length).toBeGreaterThan(0);
    expect([...r.lead, ...r.responsible].join("")).not.toMatch(/[（(]/);
  });

  it.each(UNIT_ENDINGS.map(([ending, example]) => [example, ending] as const))("%s reads as a unit (…%s)", (example) => {
    expect(isUnitLikeName(example)).toBe(true);
  });
});

describe("isUnitLikeName", () => {
  it.each([
    ["各股室", true],
    ["各乡镇（街道）", true],
    ["各县（市、区）政府", true],
    ["县教育局（体育局）", true],
    ["内蒙古自治区锡林郭勒盟正镶白旗人民政府办公室", true],
    ["县财政局牵头", false],
    ["做好政务公开工作", false],
    ["按职责分工", false],
    ["政府网站", false],
    ["全县", false],
    ["根据工作需要确定", false],
    ["", false],
  ])("%s → %s", (name, expected) => expect(isUnitLikeName(name)).toBe(expected));
});

describe("splitUnitNames", () => {
  it.each([
    ["各县（市、区）政府、市财政局", ["各县（市、区）政府", "市财政局"]],
    ["旗民政局；旗教育局/卫健委", ["旗民政局", "旗教育局", "卫健委"]],
    ["旗 财政局", ["旗 财政局"]],
  ])("%s → %j", (cell, names) => expect(splitUnitNames(cell)).toEqual(names));
});
