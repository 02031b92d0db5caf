import { describe, expect, it } from "vitest";
import { DEFAULT_ROSTER, DEFAULT_ROSTER_INDEX as roster, RosterIndex, fixUnitText, orderUnits, rosterFromNames } from "../../core/index.js";

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
    // two names run together are not one full name
    expect(city.resolve("市财政局市统计局")).toBeUndefined();
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
