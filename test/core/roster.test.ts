import { describe, expect, it } from "vitest";
import { DEFAULT_ROSTER, DEFAULT_ROSTER_INDEX as roster, RosterIndex, fixUnitText, orderUnits, rosterFromNames, type UnitPhrase } from "../../core/index.js";

describe("the default roster", () => {
  it("knows every unit the seed names, and the four townships", () => {
    expect(roster.unitNames).toHaveLength(18);
    for (const name of ["旗政府办公室", "旗卫生健康委员会", "旗金融办", "明安图镇人民政府", "乌兰查布苏木人民政府"]) {
      expect(roster.resolve(name)).toMatchObject({ kind: "unit", name, viaAlias: false });
    }
  });

  it.each([
    ["财政局", "旗财政局"],
    ["金融办", "旗金融办"],
    ["旗政府办", "旗政府办公室"],
    ["卫健委", "旗卫生健康委员会"],
    ["明安图镇", "明安图镇人民政府"],
    ["旗 财政局", "旗财政局"],
    ["旗财政局", "旗财政局"],
  ])("%s → %s", (alias, name) => expect(roster.canonicalUnit(alias)).toBe(name));

  it("expands groups", () => {
    expect([...roster.unitsNamedIn("各苏木镇人民政府")].sort()).toEqual(
      ["乌兰查布苏木人民政府", "伊和淖尔苏木人民政府", "星耀镇人民政府", "明安图镇人民政府"].sort(),
    );
    expect(roster.unitsNamedIn("旗直各单位").size).toBe(14);
    expect(roster.unitsNamedIn("各苏木镇人民政府、旗直各单位").size).toBe(18);
  });

  it("reads a cell of several names with any separator, aliases included", () => {
    expect([...roster.unitsNamedIn("旗政府办公室、金融办、财政局")]).toEqual(["旗政府办公室", "旗金融办", "旗财政局"]);
    expect([...roster.unitsNamedIn("旗民政局，旗教育局\n卫健委")]).toEqual(["旗民政局", "旗教育局", "旗卫生健康委员会"]);
    expect([...roster.unitsNamedIn("旗民政局 旗教育局")]).toEqual(["旗民政局", "旗教育局"]);
  });

  it("says which names it does not know", () => {
    expect(roster.names("旗财政局、旗外事办").map((n) => n.resolved?.kind ?? "unknown")).toEqual(["unit", "unknown"]);
  });

  it("fixes aliases to canonical names, keeping the separators", () => {
    expect(fixUnitText("旗政府办公室、金融办、财政局", roster)).toBe("旗政府办公室、旗金融办、旗财政局");
    expect(fixUnitText(" 卫健委 ", roster)).toBe("旗卫生健康委员会");
  });

  it("is data: a replaced roster changes what is known", () => {
    const custom = new RosterIndex({
      units: [...DEFAULT_ROSTER.units, { name: "旗外事办", groups: ["旗直各单位"], aliases: ["外事办"] }],
      groups: DEFAULT_ROSTER.groups,
    });
    expect(custom.canonicalUnit("外事办")).toBe("旗外事办");
    expect(custom.unitsNamedIn("旗直各单位").has("旗外事办")).toBe(true);
  });
});

describe("units as real tables write them", () => {
  const city = new RosterIndex({
    units: [
      { name: "市财政局", groups: ["市直各部门"], aliases: [] },
      { name: "市统计局", groups: ["市直各部门"], aliases: [] },
      { name: "某某县人民政府", groups: ["各县（市、区）政府"], aliases: [] },
    ],
    groups: [
      { name: "市直各部门", aliases: ["市直有关单位"] },
      { name: "各县（市、区）政府", aliases: [] },
    ],
  });

  it.each([
    ["各县（市、区）政府", ["各县（市、区）政府"]],
    ["市财政局、各县（市、区）政府", ["市财政局", "各县（市、区）政府"]],
    ["市统计局等市直有关单位", ["市统计局", "市直有关单位"]],
    ["市统计局等单位", ["市统计局"]],
    ["某某市财政局", ["某某市财政局"]],
  ])("%s names %j", (cell, names) => {
    expect(city.names(cell).map((n) => n.text)).toEqual(names);
    expect(city.names(cell).every((n) => n.resolved !== undefined)).toBe(true);
  });

  it("brackets are never split: 各县（市、区）政府 is one group", () => {
    expect([...city.unitsNamedIn("各县（市、区）政府")]).toEqual(["某某县人民政府"]);
  });

  it("X等Y names the unit X and the group Y", () => {
    expect([...city.unitsNamedIn("市统计局等市直有关单位")].sort()).toEqual(["市统计局", "市财政局"].sort());
  });

  it("a full name ending with a roster name is that unit, written another way", () => {
    expect(city.resolve("某某市财政局")).toEqual({ kind: "unit", name: "市财政局", viaAlias: true });
    expect(city.canonicalUnit("某某市财政局")).toBe("市财政局");
    expect(city.writtenAs("某某市财政局")).toBe("full-name");
    // two names run together are not one full name
    expect(city.resolve("市财政局市统计局")).toBeUndefined();
    expect(city.resolve("市财政局和市统计局")).toBeUndefined();
    expect(city.resolve("财政局")).toBeUndefined();
  });

  it("a roster derived from a table's names: groups apart, members by their names", () => {
    const r = new RosterIndex(rosterFromNames(["县政府办、各乡镇（街道）", "各县（市、区）人民政府", "区直各部门"], ["某某镇人民政府", "城关街道办事处", "某某县人民政府", "区教育局"]));
    expect(r.roster.groups.map((g) => g.name)).toEqual(["各乡镇（街道）", "各县（市、区）人民政府", "区直各部门"]);
    expect([...r.unitsNamedIn("各乡镇（街道）")].sort()).toEqual(["城关街道办事处", "某某镇人民政府"].sort());
    expect([...r.unitsNamedIn("各县（市、区）人民政府")]).toEqual(["某某县人民政府"]);
    expect([...r.unitsNamedIn("区直各部门")]).toEqual(["区教育局"]);
  });

  it("orders units as the roster lists them, others after by their Chinese name", () => {
    expect(orderUnits(city, ["乙单位", "某某县人民政府", "甲单位", "市财政局"])).toEqual(["市财政局", "某某县人民政府", "甲单位", "乙单位"].slice(0, 2).concat(["乙单位", "甲单位"].sort(new Intl.Collator("zh-CN").compare)));
  });
});

describe("how a name is written against the roster", () => {
  it.each([
    ["旗财政局", "name"],
    ["正镶白旗财政局", "full-name"],
    ["旗人民政府办公室", "full-form"],
    ["旗发展和改革委员会", "full-form"],
    ["旗金融工作办公室", "full-form"],
    ["财政局", "short-form"],
    ["卫健委", "short-form"],
    ["各苏木镇", "short-form"],
    ["旗直各部门", "other-form"],
    ["旗外事办", undefined],
  ])("%s: %s", (name, form) => expect(roster.writtenAs(name)).toBe(form));

  it("a fix rewrites the aliases to fix, never a full name or a full form the roster lists", () => {
    expect(fixUnitText("正镶白旗财政局、金融办", roster)).toBe("正镶白旗财政局、旗金融办");
    expect(fixUnitText("旗人民政府办公室、旗发展和改革委员会", roster)).toBe("旗人民政府办公室、旗发展和改革委员会");
    expect(fixUnitText("财政局牵头，民政局配合", roster)).toBe("旗财政局牵头，旗民政局配合");
  });
});

describe("units named in duty phrases", () => {
  it.each([
    ["财政局牵头落实", { lead: ["旗财政局"], responsible: [], unread: [] }],
    ["旗政府办公室牵头，各苏木镇配合", { lead: ["旗政府办公室"], responsible: ["各苏木镇人民政府"], unread: [] }],
    ["旗教育局、卫健委分别牵头落实", { lead: ["旗教育局", "旗卫生健康委员会"], responsible: [], unread: [] }],
    ["由正镶白旗统计局负责", { lead: [], responsible: ["旗统计局"], unread: [] }],
    ["旗直各单位按职责分工落实", { lead: [], responsible: ["旗直各单位"], unread: [] }],
    ["旗民政局 旗教育局", { lead: [], responsible: ["旗民政局", "旗教育局"], unread: [] }],
    ["旗外事办负责", { lead: [], responsible: ["旗外事办"], unread: [] }],
    ["按要求抓好落实", { lead: [], responsible: [], unread: ["按要求抓好落实"] }],
  ])("%s: roles %j, as the roster writes them", (cell, roles) => expect(roster.rolesOf(cell)).toEqual(roles));

  it("a unit named in a phrase is responsible for the row", () => {
    const units = roster.unitsResponsibleFor({ lead: "财政局牵头落实", responsible: "民政局、教育局具体落实", coResponsible: "" });
    expect([...units].sort()).toEqual(["旗财政局", "旗教育局", "旗民政局"].sort());
    expect(roster.unitsNamedIn("各苏木镇人民政府负责落实").size).toBe(4);
    expect(roster.unitsNamedIn("旗政务服务局牵头做好政务公开工作，旗直各单位具体落实").size).toBe(14);
  });

  it("names in a phrase are checked as names: unknown ones stay unknown, the phrase's words are none", () => {
    expect(roster.names("旗财政局牵头，旗外事办配合").map((n) => [n.text, n.resolved?.name, n.role])).toEqual([
      ["旗财政局", "旗财政局", "lead"],
      ["旗外事办", undefined, "responsible"],
    ]);
  });
});

describe("the coordinator's unit phrases", () => {
  const county = new RosterIndex({
    units: [
      { name: "县政府办", groups: [], aliases: ["县政府办公室"] },
      { name: "综合股", groups: [], aliases: [] },
      { name: "某某镇人民政府", groups: ["各乡镇"], aliases: [] },
      { name: "某某乡人民政府", groups: ["各乡镇"], aliases: [] },
    ],
    groups: [{ name: "各乡镇", aliases: [] }],
  });
  const phrases: Record<string, UnitPhrase> = {
    "综合股牵头，各股室配合": { lead: ["县政府办公室"], responsible: ["各乡镇"] },
    "按职责分工落实": { lead: [], responsible: ["某某镇人民政府"] },
  };

  it("withPhrases: this roster where there are none, one index per phrases object", () => {
    expect(county.withPhrases({})).toBe(county);
    expect(county.withPhrases(undefined)).toBe(county);
    const corrected = county.withPhrases(phrases);
    expect(corrected).not.toBe(county);
    expect(county.withPhrases(phrases)).toBe(corrected);
    expect(corrected.withPhrases(phrases)).toBe(corrected);
    expect(corrected.roster).toBe(county.roster);
  });

  it("a correction wins over the guess, its cell compared as a label (spaces, full-width forms)", () => {
    expect(county.rolesOf("综合股牵头，各股室配合")).toEqual({ lead: ["综合股"], responsible: ["各股室"], unread: [] });
    const corrected = county.withPhrases(phrases);
    expect(corrected.rolesOf("综合股牵头, 各股室配合")).toEqual({ lead: ["县政府办"], responsible: ["各乡镇"], unread: [] });
    expect([...corrected.unitsNamedIn("综合股牵头，各股室配合")].sort()).toEqual(["县政府办", "某某乡人民政府", "某某镇人民政府"].sort());
    expect([...corrected.unitsNamedIn("按职责分工落实")]).toEqual(["某某镇人民政府"]);
    expect(corrected.phraseOf("按职责分工落实 ")).toBe(phrases["按职责分工落实"]);
    // other cells are read as before
    expect(corrected.rolesOf("综合股负责")).toEqual({ lead: [], responsible: ["综合股"], unread: [] });
  });

  it("a roster derived from a table takes the names out of its phrases, and the coordinator's names where given", () => {
    const cells = ["县文旅局牵头落实", "综合股牵头，各股室配合", "县政务公开办牵头做好政务公开工作，各有关单位具体落实", "按职责分工落实"];
    const guessed = rosterFromNames(cells);
    expect(guessed.units.map((u) => u.name)).toEqual(["县文旅局", "综合股", "县政务公开办"]);
    expect(guessed.groups.map((g) => g.name)).toEqual(["各股室", "各有关单位"]);
    const corrected = rosterFromNames(cells, [], phrases);
    expect(corrected.units.map((u) => u.name)).toEqual(["县文旅局", "县政府办公室", "县政务公开办", "某某镇人民政府"]);
    expect(corrected.groups.map((g) => g.name)).toEqual(["各乡镇", "各有关单位"]);
    expect(corrected.units.find((u) => u.name === "某某镇人民政府")?.groups).toContain("各乡镇");
  });
});

describe("a full name ends with the unit's name, not with a short alias", () => {
  const index = new RosterIndex({ units: [{ name: "市教育局", groups: [], aliases: ["教育局"] }], groups: [] });
  it.each([
    ["鹤岭市教育局", "市教育局"],
    ["教育局", "市教育局"],
    ["旗教育局", undefined],
    ["县教育局", undefined],
  ])("%s → %s", (name, unit) => expect(index.canonicalUnit(name)).toBe(unit));
});

describe("a cell as long as Excel allows (32,767 characters)", () => {
  it("is read in one pass: a name is looked for among the roster's own lengths, not every suffix of the cell", () => {
    const cell = "财".repeat(32_767);
    const t0 = performance.now();
    expect(roster.names(cell).every((n) => n.resolved === undefined)).toBe(true);
    expect(roster.resolve(`${"某".repeat(32_000)}旗财政局`)).toMatchObject({ name: "旗财政局" });
    // every suffix of such a cell looked up cost seconds (quadratic); the roster's longest name bounds it now
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});
