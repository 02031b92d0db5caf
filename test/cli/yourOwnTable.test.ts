/** `gongkai` with a coordinator's own table: template --from, validate/annotate/consolidate --tasks. */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runner } from "./run.js";
import { readWorkbook } from "../../workbook/index.js";
import { CITY, COUNTY, buildTable } from "../fixtures/otherTables.js";

const run = runner("2023-09-01");

let dir: string;
const file = (name: string) => join(dir, name);
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "gongkai-own-"));
  await writeFile(file("官方表.xlsx"), (await buildTable(CITY)).bytes);
  await writeFile(file("县官方表.xlsx"), (await buildTable(COUNTY)).bytes);
  await writeFile(file("名册.json"), JSON.stringify(CITY.roster));
  await writeFile(file("县政府.xlsx"), (await buildTable(CITY, { unitLine: "填报单位：某某县人民政府", progress: { 1: "已公开", 4: "已完成", 5: "不涉及", 7: "已发布" } })).bytes);
  await writeFile(file("财政局.xlsx"), (await buildTable(CITY, { unitLine: "填报单位（盖章）：某某市财政局", progress: { 0: "已完成", 2: "已完成", 7: "正在编制" } })).bytes);
});

describe("gongkai template --from", () => {
  it("makes a unit's template of the official table, the short name written in full", async () => {
    const r = await run("template", "--from", file("官方表.xlsx"), "--roster", file("名册.json"), "--unit", "市发改委", "-o", file("模板.xlsx"));
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toContain("任务 8 项");
    const sheet = (await readWorkbook(await readFile(file("模板.xlsx")))).sheets[0]!;
    expect(sheet.rows[2]!.map((c) => c.text).filter((t) => t !== "")).toEqual(["填报单位：", "市发展改革委"]);
    expect(sheet.rows.slice(4, 12).map((r) => r[2]!.text)).toEqual(CITY.rows.map((r) => r[2]));
  });

  it("an unknown --unit is exit 2, one line, nothing written", async () => {
    const r = await run("template", "--from", file("官方表.xlsx"), "--roster", file("名册.json"), "--unit", "旗财政局", "-o", file("不该有.xlsx"));
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("单位名册中没有“旗财政局”");
    await expect(readFile(file("不该有.xlsx"))).rejects.toThrow();
  });

  it("a --from file that is not a task table is exit 2, saying which header roles it lacks", async () => {
    await writeFile(file("名单.xlsx"), (await buildTable({ name: "名单", above: [], headers: ["序号", "姓名", "联系电话"], rows: [["1", "张三", "13812345678"]] })).bytes);
    const r = await run("template", "--from", file("名单.xlsx"), "-o", file("不该有.xlsx"));
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/--from .*名单\.xlsx：这不是任务分解表。.*缺少任务（措施）列/);
  });
});

describe("gongkai validate|annotate|consolidate --tasks", () => {
  it("validate checks the copy against the list: right unit, its rows, no false errors", async () => {
    const r = await run("validate", file("县政府.xlsx"), "--tasks", file("官方表.xlsx"), "--roster", file("名册.json"), "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.unit).toBe("某某县人民政府");
    expect(json.summary).toMatchObject({ errors: 0, rows: 8, responsibleRows: 4, completed: 3 });
  });

  it("annotate writes the coloured copy", async () => {
    const r = await run("annotate", file("财政局.xlsx"), "--tasks", file("官方表.xlsx"), "--roster", file("名册.json"), "-o", file("财政局-标注.xlsx"));
    expect(r.code).toBe(0); // the 2022 annual report is overdue and only 正在编制: reported (a warning), never an error
    expect((await readFile(file("财政局-标注.xlsx"))).length).toBeGreaterThan(0);
  });

  it("consolidate ledgers exactly the list's rows, each file under its unit, nothing unmatched", async () => {
    const r = await run("consolidate", file("县政府.xlsx"), file("财政局.xlsx"), "--tasks", file("官方表.xlsx"), "--roster", file("名册.json"), "--json");
    expect(r.code).toBe(0);
    const ledger = JSON.parse(r.stdout);
    expect(ledger.tasks.map((t: { measure: string }) => t.measure)).toEqual(CITY.rows.map((row) => row[2]));
    expect(ledger.unmatched).toEqual([]);
    expect(ledger.units.filter((u: { submitted: boolean }) => u.submitted).map((u: { unit: string }) => u.unit)).toEqual(["市财政局", "某某县人民政府"]);
  });

  it("consolidate without --tasks refuses another government's tables instead of ledgering the seed's", async () => {
    const r = await run("consolidate", file("县政府.xlsx"), "--roster", file("名册.json"), "--json");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("请用 --tasks 指定本地下发的官方任务分解表");
  });

  it("a --tasks file that is not a task table is exit 2", async () => {
    const r = await run("validate", file("县政府.xlsx"), "--tasks", file("名册.json"));
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")).toHaveLength(1);
  });

  it("without a roster, the units come from the county's own table", async () => {
    await writeFile(file("县财政局.xlsx"), (await buildTable(COUNTY, { unitLine: "填报单位：县财政局", progress: { 1: "已完成" } })).bytes);
    const r = await run("validate", file("县财政局.xlsx"), "--tasks", file("县官方表.xlsx"), "--json");
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ unit: "县财政局", summary: { errors: 0, responsibleRows: 1, completed: 1 } });
  });
});
