import { describe, expect, it } from "vitest";
import { MATRIX_SHEET, RosterIndex, builtInTaskList, consolidate, labelKey, layoutGrid, nameProblem, rosterFromNames, rosterProblems, type Roster } from "../../core/index.js";
import { parseRosterFile } from "../../workbook/index.js";

const unit = (name: string, aliases: string[] = []) => ({ name, groups: [], aliases });
const roster = (...names: string[]): Roster => ({ units: names.map((n) => unit(n)), groups: [] });
const asJson = (r: Roster) => new TextEncoder().encode(JSON.stringify(r));

describe("names a roster may hold", () => {
  it.each([
    ["某某市财政局", undefined],
    ["某某自治州某某县某某乡人民政府", undefined],
    ["", /为空/],
    ["财".repeat(61), /61 个字符，超过 60 个/],
    ["某某市财政局\u202e局育教", /看不见的字符 U\+202E/],
    ["某某市\u200b财政局", /U\+200B/],
    ["某某市财政局\u0007", /U\+0007/],
    ["某某市财政局 ", /前后有空格/],
  ])("%j: %s", (name, problem) => {
    const said = nameProblem(name, "单位名称");
    if (problem === undefined) expect(said).toBeUndefined();
    else expect(said).toMatch(problem);
  });

  it("two names that differ only by spaces or width are one unit twice; the same name twice is said so", () => {
    expect(rosterProblems(roster("某某市财政局", "某某市 财政局"))).toEqual([expect.stringMatching(/“某某市财政局”和“某某市 财政局”只差空格或全角半角/)]);
    expect(rosterProblems(roster("某某市财政局", "某某市财政局"))).toEqual([expect.stringMatching(/出现了两次/)]);
    expect(rosterProblems(roster("ＡＢ局", "AB局"))).toHaveLength(1);
    expect(rosterProblems({ units: [unit("某某市财政局", ["财政局\u202e"])], groups: [] })).toEqual([expect.stringMatching(/“某某市财政局”的别名.*U\+202E/)]);
    expect(rosterProblems(roster("某某市财政局", "某某市教育局"))).toEqual([]);
  });

  it("an alias that is another unit's or group's name, or another unit's alias too, is refused; a unit's own name as its alias is no clash", () => {
    const clash = { units: [unit("正常单位", ["旗财政局"]), unit("旗财政局", ["财政局"])], groups: [] };
    expect(rosterProblems(clash)).toEqual(["“正常单位”的别名“旗财政局”是名册中另一个单位“旗财政局”的名称：请删去这个别名。"]);
    expect(rosterProblems({ units: [unit("某某市财政局", ["市 财政局"]), unit("市财政局")], groups: [] })).toEqual([expect.stringMatching(/另一个单位“市财政局”/)]);
    expect(rosterProblems({ units: [unit("县财政局", ["县直部门"])], groups: [{ name: "县直部门", aliases: [] }] })).toEqual([expect.stringMatching(/另一个分组“县直部门”/)]);
    expect(rosterProblems({ units: [unit("县财政局", ["县财政局", "财政局"])], groups: [] })).toEqual([]);
    // one alias for two units: which is meant cannot be told
    expect(rosterProblems({ units: [unit("县财政局", ["审计局"]), unit("县审计局", ["审计局"])], groups: [] })).toEqual(["“县财政局”和“县审计局”都用“审计局”作别名，无法确定指哪一个：请只留给其中一个。"]);
  });

  it("a roster file with such names is refused, naming them, whether JSON or too long to be one", async () => {
    await expect(parseRosterFile("名册.json", asJson(roster("某某市财政局", "某某市财政局 ")))).rejects.toThrow(/前后有空格/);
    await expect(parseRosterFile("名册.json", asJson(roster("某某市教育局", "x".repeat(3_000_000))))).rejects.toThrow(/3000000 个字符/);
    await expect(parseRosterFile("名册.json", asJson(roster("某某市教育局\u202e")))).rejects.toThrow(/U\+202E/);
    expect((await parseRosterFile("名册.json", asJson(roster("某某市财政局", "某某市教育局")))).units).toHaveLength(2);
  });

  it.each([
    [{ units: [{ name: "某某市财政局", groups: "市直各单位" }] }, /第 1 个单位的所属分组（groups）应为列表/],
    [{ units: [] }, /至少要有一个单位/],
    [{ units: [{ name: "" }] }, /第 1 个单位的名称（name）不能为空/],
    [{ units: [{ name: 12 }] }, /第 1 个单位的名称（name）应为用引号括起的文字/],
    [{ units: [{ name: "某某市财政局", aliases: ["财政局", 3] }] }, /第 1 个单位的别名（aliases）第 2 项应为用引号括起的文字/],
    [[], /名册应为 \{ … \}/],
  ])("a roster JSON of the wrong shape says where and what, in Chinese: %j", async (json, message) => {
    const err = (await parseRosterFile("名册.json", new TextEncoder().encode(JSON.stringify(json))).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(message);
    expect(err.message).not.toMatch(/Invalid|expected|received|Too small/);
  });

  it("a published table's cells: invisible characters copied along are not part of a name, nor of a key", () => {
    expect(rosterFromNames(["某某市\u200b财政局", "某某市财政局\ufeff"]).units.map((u) => u.name)).toEqual(["某某市财政局"]);
    expect(labelKey("某某市\u200b财政局")).toBe(labelKey("某某市财政局"));
    expect(new RosterIndex(roster("某某市财政局")).canonicalUnit("某某市\u200d财政局")).toBe("某某市财政局");
  });
});

describe("a unit may be called anything an object has", () => {
  const odd = ["__proto__", "constructor", "toString", "hasOwnProperty"];
  const [first, second] = builtInTaskList().tasks;
  const tasks = [
    { ...first!, lead: "", responsible: odd.join("、"), coResponsible: "" },
    { ...second!, lead: "", responsible: "constructor", coResponsible: "" },
  ];
  const ledger = consolidate({ round: "2022-03", today: "2022-03-10", year: 2022, tasks, roster: new RosterIndex(roster(...odd)), reports: [] });

  it("each has its cell in the ledger and in its JSON; a task it does not answer for has none", () => {
    const json = JSON.parse(JSON.stringify(ledger)) as typeof ledger;
    expect(Object.keys(json.tasks[0]!.units).sort()).toEqual([...odd].sort());
    expect(Object.keys(json.tasks[1]!.units)).toEqual(["constructor"]);
    expect(json.units.map((u) => u.unit).sort()).toEqual([...odd].sort());
    expect(ledger.units.find((u) => u.unit === "toString")).toMatchObject({ responsible: 1, reportState: "未报送" });
  });

  it("the task matrix shows 未报送 where the unit answers, — where it does not, never a blank", () => {
    const grid = layoutGrid(MATRIX_SHEET, ledger);
    const col = (name: string) => grid.columns.findIndex((c) => c.header === name);
    const [row1, row2] = grid.values.filter((r) => r.includes(tasks[0]!.label) || r.includes(tasks[1]!.label));
    for (const name of odd) expect(row1![col(name)], name).toBe("未报送");
    expect(row2![col("toString")]).toBe("—");
    expect(row2![col("constructor")]).toBe("未报送");
  });
});
