/** `gongkai tasks`: the reading report a coordinator reads before handing out templates; `--mapping` corrects it everywhere. */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { runner } from "./run.js";
import { HEADINGS, PHRASES, buildPublished } from "../fixtures/publishedTables.js";

const run = runner("2023-09-01");
let dir: string;
const file = (name: string) => join(dir, name);
const CORRECTION = { unitPhrases: { 按职责分工落实: { lead: ["县政府办"], responsible: [] } } };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "gongkai-tasks-"));
  await writeFile(file("县官方表.xlsx"), await buildPublished(PHRASES));
  await writeFile(file("中心官方表.xlsx"), await buildPublished(HEADINGS));
  await writeFile(file("更正.json"), JSON.stringify(CORRECTION));
  await writeFile(file("坏更正.json"), JSON.stringify({ columns: { C: "责任人" } }));
  // the same corrections as a workbook a person fills in
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("标题行").addRows([["行号"], [3], [6], [8]]);
  wb.addWorksheet("列的角色").addRows([["列", "角色"], ["E", "进展情况"]]);
  await writeFile(file("更正.xlsx"), Buffer.from(await wb.xlsx.writeBuffer()));
});

describe("gongkai tasks", () => {
  it("shows each column's role, how it was read, the tasks to look at first, and how to correct them", async () => {
    const r = await run("tasks", file("县官方表.xlsx"));
    expect(r.code).toBe(1); // a task names no unit
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("D列“负责部门”：责任单位（按表头用词推断）");
    expect(r.stdout).toContain("C列“目标要求”：任务（措施）（按表头用词推断）");
    const attention = r.stdout.slice(r.stdout.indexOf("需要确认（1 项）"), r.stdout.indexOf("各项任务"));
    expect(attention).toContain("T06 第8行");
    expect(attention).toContain("读不出单位（“按职责分工落实”）");
    expect(attention).toContain("完成时限“适时”：无法识别");
    expect(r.stdout).toMatch(/T01 第3行 公开A级景区名录、门票价格和预约渠道 ｜ 牵头：县文旅局 ｜ 时限：2023年6月30日/);
    expect(r.stdout).toContain("--mapping");
  });

  it("--mapping (JSON) corrects the reading: the task names the units given, exit 0", async () => {
    const r = await run("tasks", file("县官方表.xlsx"), "--mapping", file("更正.json"), "--json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.tasks.find((t: { id: string }) => t.id === "T06")).toMatchObject({ lead: ["县政府办"], noUnit: false, deadlineOk: false });
    expect(report.mapping).toEqual({ columns: {}, headingRows: [], unitPhrases: { 按职责分工落实: { lead: ["县政府办"], responsible: [] } } });
  });

  it("--mapping as a workbook: heading rows and a column's role", async () => {
    const r = await run("tasks", file("中心官方表.xlsx"), "--mapping", file("更正.xlsx"), "--json");
    const report = JSON.parse(r.stdout);
    expect(report.headingRows.map((h: { row: number }) => h.row)).toEqual([3, 6, 8]);
    expect(report.tasks).toHaveLength(3);
    expect(report.columns.find((c: { letter: string }) => c.letter === "E")).toMatchObject({ role: "progress", how: "mapping" });
  });

  it("a mapping that cannot be used is exit 2 with one line saying what is wrong", async () => {
    const r = await run("tasks", file("县官方表.xlsx"), "--mapping", file("坏更正.json"));
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("“columns.C”");
    expect(r.stderr).toContain("列的角色可写");
  });

  it("template, validate and consolidate take the same --mapping: the corrected task is the unit's to report", async () => {
    const t = await run("template", "--from", file("县官方表.xlsx"), "--mapping", file("更正.json"), "--unit", "县政府办", "-o", file("县政府办.xlsx"));
    expect(t.code).toBe(0);
    const v = await run("validate", file("县政府办.xlsx"), "--tasks", file("县官方表.xlsx"), "--mapping", file("更正.json"), "--json");
    const result = JSON.parse(v.stdout);
    expect(result.unit).toBe("县政府办");
    expect(result.summary.responsibleRows).toBe(2); // T06 by the correction, T05 through 各有关单位
    const missing = result.findings.filter((f: { code: string }) => f.code === "progress.missing").map((f: { task: { id: string } }) => f.task.id);
    expect(missing).toEqual(["T05", "T06"]);
    const c = await run("consolidate", file("县政府办.xlsx"), "--tasks", file("县官方表.xlsx"), "--mapping", file("更正.json"), "--json", "-o", file("汇总.xlsx"));
    const ledger = JSON.parse(c.stdout);
    expect(ledger.tasks.find((x: { id: string }) => x.id === "T06").units).toHaveProperty("县政府办");
    // without --tasks a mapping corrects nothing: said, not ignored
    const alone = await run("validate", file("县政府办.xlsx"), "--mapping", file("更正.json"));
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain("请同时用 --tasks 指定官方表");
  });
});

describe("gongkai tasks: corrections that do not fit the table", () => {
  it.each([
    [{ columns: { Z: "责任单位" } }, "更正中的Z列在表格之外（“任务表”的表格只到E列）"],
    [{ headingRows: [99] }, "更正中的标题行第99行不在任务表中（表头下的行是第3–8行）"],
    [{ colums: { C: "任务（措施）" } }, "有不认识的项“colums”（可写：columns、headingRows、unitPhrases）"],
    [{ unitPhrases: { "": { lead: ["县政府办"] } } }, "单位格为空的任务，请用任务编号作键（如 \"T07\"）"],
  ])("%j is refused in one line", async (mapping, said) => {
    await writeFile(file("不合.json"), JSON.stringify(mapping));
    const r = await run("tasks", file("县官方表.xlsx"), "--mapping", file("不合.json"));
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(said);
  });
});
