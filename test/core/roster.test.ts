import { describe, expect, it } from "vitest";
import { DEFAULT_ROSTER, DEFAULT_ROSTER_INDEX as roster, RosterIndex, fixUnitText } from "../../core/index.js";

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
