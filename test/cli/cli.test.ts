import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { runner } from "./run.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { docxFile } from "../fixtures/badFiles.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";

const run = runner("2022-03-01");

let dir: string;
let cleanFile: string;
let faultyFile: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "gongkai-cli-"));
  cleanFile = join(dir, "旗财政局.xlsx");
  await writeFile(cleanFile, (await buildCopy({ rows: CLEAN_ROWS, filled: allDone(FINANCE_TASKS) })).bytes);
  faultyFile = join(dir, "有错.xlsx");
  await writeFile(faultyFile, (await buildCopy({ rows: CLEAN_ROWS, filled: { 财政资金: { progress: "已公开", status: "已完成" } } })).bytes);
});

describe("gongkai validate", () => {
  it("exits 0 on a clean copy and says so", async () => {
    const r = await run("validate", cleanFile);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("填报单位：旗财政局，本单位负责21项，已完成21项");
    expect(r.stdout).toContain("校验通过");
  });

  it("exits 1 with errors, naming cell, task and how to fix", async () => {
    const r = await run("validate", faultyFile);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Sheet1!H10（统计信息）\s+本单位（旗财政局）负责此项，进展情况为空/);
  });

  it("--json prints the CONTRACT §6 shape", async () => {
    const r = await run("validate", faultyFile, "--json", "--today", "2022-03-10");
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(["file", "unit", "findings", "summary"]);
    expect(json.unit).toBe("旗财政局");
    expect(Object.keys(json.summary)).toEqual(["errors", "warnings", "infos", "rows", "responsibleRows", "completed"]);
    expect(json.findings[0]).toMatchObject({ code: expect.any(String), severity: "error", sheet: "Sheet1", cell: expect.any(String), row: expect.any(Number), message: expect.any(String) });
    expect(json.summary.completed).toBe(1);
    expect(json.findings.some((f: { code: string }) => f.code === "deadline.due-soon")).toBe(true);
  });

  it("--unit decides whose rows are checked", async () => {
    const r = await run("validate", cleanFile, "--unit", "旗统计局", "--json");
    const json = JSON.parse(r.stdout);
    expect(json.unit).toBe("旗统计局");
    expect(json.summary.responsibleRows).toBe(20); // all but 文化遗产保护, which names 旗财政局 and not 旗统计局
    expect(json.findings.map((f: { code: string }) => f.code)).toContain("unit.reporting-mismatch");
  });

  it.each([
    [["validate"], /请指定一个 .xlsx 文件/],
    [["validate", "不存在.xlsx"], /找不到文件/],
    [["validate", "x.xlsx", "--today", "2022-02-30"], /--today 应为日期/],
    [["validate", "x.xlsx", "--bogus"], /参数有误/],
    [["frobnicate"], /未知命令/],
  ])("exits 2 on unusable arguments: %j", async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it("exits 2 on a file that is not a workbook, and on a workbook without the table", async () => {
    const docx = join(dir, "通知.xlsx");
    await writeFile(docx, docxFile());
    const r = await run("validate", docx);
    expect(r).toMatchObject({ code: 2, stdout: "" });
    expect(r.stderr).toMatch(/Word 文档/);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("说明").getCell("A1").value = "本表无内容";
    const empty = join(dir, "说明.xlsx");
    await writeFile(empty, Buffer.from(await wb.xlsx.writeBuffer()));
    const r2 = await run("validate", empty);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/没有找到任务分解表/);
  });
});

describe("gongkai template and annotate", () => {
  it("writes the template, which validates for a unit", async () => {
    const out = join(dir, "t.xlsx");
    expect((await run("template", "-o", out, "--year", "2022")).code).toBe(0);
    const r = await run("validate", out, "--unit", "旗财政局", "--json");
    expect(r.code).toBe(1); // nothing filled in yet
    expect(JSON.parse(r.stdout).summary.responsibleRows).toBe(21);
  });

  it("annotate writes a coloured copy and leaves the input untouched", async () => {
    const before = await readFile(faultyFile);
    const out = join(dir, "标注.xlsx");
    const r = await run("annotate", faultyFile, "-o", out);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("已生成标注副本");
    expect((await readFile(faultyFile)).equals(before)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(out)) as unknown as ExcelJS.Buffer);
    expect((wb.worksheets[0]!.getCell("H10").fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFC7CE");
  });

  it("annotate refuses to overwrite its input", async () => {
    const r = await run("annotate", faultyFile, "-o", faultyFile);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/不能覆盖原文件/);
  });
});

describe("the installed command", () => {
  const exec = promisify(execFile);
  const bin = join(import.meta.dirname, "../../bin/gongkai.js");

  it("runs and exits with the command's code", async () => {
    const { stdout } = await exec(process.execPath, [bin, "validate", cleanFile, "--today", "2022-03-01"]);
    expect(stdout).toContain("校验通过");
  });

  it("prints one line and no stack trace for unusable input, exit 2", async () => {
    const bad = join(dir, "bad.xlsx");
    await writeFile(bad, "not a workbook");
    const err = await exec(process.execPath, [bin, "validate", bad]).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2 });
    const stderr = (err as { stderr: string }).stderr.trim();
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).not.toMatch(/\bat \S+:\d+/);
  });
});

describe("the built command", () => {
  it("is one bundle that runs without compiling TypeScript or loading the store, and says what the sources say", async () => {
    const { buildCli, CLI_BUNDLE } = await import("../../scripts/buildCli.js");
    await buildCli();
    const script = `
      const { createRequire } = require("node:module");
      const r = createRequire(${JSON.stringify(CLI_BUNDLE)});
      r(${JSON.stringify(CLI_BUNDLE)}).run(["validate", ${JSON.stringify(cleanFile)}, "--today", "2022-03-01"]).then((code) => {
        const loaded = Object.keys(r.cache).filter((k) => /better-sqlite3|[\\/]tsx[\\/]|@azure/.test(k));
        console.log("LOADED " + JSON.stringify(loaded));
        process.exitCode = code;
      });`;
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", script]);
    expect(stdout).toContain("校验通过");
    expect(stdout).toContain("LOADED []");
    // and the command itself takes the fresh bundle, through its code cache
    const first = await promisify(execFile)(process.execPath, [join(import.meta.dirname, "../../bin/gongkai.js"), "validate", cleanFile, "--today", "2022-03-01"]);
    expect(first.stdout).toContain("校验通过");
    expect(existsSync(`${CLI_BUNDLE}.v8cache`)).toBe(true);
  }, 60_000);
});

describe("gongkai consolidate", () => {
  it("merges a folder of e-mailed files into the ledger workbook and JSON", async () => {
    const inbox = join(dir, "收件箱");
    await (await import("node:fs/promises")).mkdir(inbox);
    await writeFile(join(inbox, "财政局.xlsx"), await readFile(cleanFile));
    await writeFile(join(inbox, "统计局.xlsx"), (await buildCopy({ unit: "旗统计局", rows: CLEAN_ROWS, filled: { 统计信息: { progress: "已发布", status: "已完成" } } })).bytes);
    await writeFile(join(inbox, "说明.xlsx"), "这不是表格");
    const out = join(dir, "汇总台账.xlsx");
    const r = await run("consolidate", inbox, "-o", out, "--round", "2022-03", "--today", "2022-03-10");
    expect(r.code).toBe(1); // one file could not be used
    expect(r.stderr).toMatch(/说明\.xlsx：.*未计入汇总/);
    // 统计局's copy leaves its progress blank: the service would refuse it, and so it is 被退回 here too, with why
    expect(r.stdout).toMatch(/已汇总 1 个单位（应报 18 个）；被退回 1 个：旗统计局；未报送 16 个/);
    expect(r.stderr).toMatch(/统计局\.xlsx：旗统计局 的表有 \d+ 处错误，报送时会被退回（H\d+：本单位（旗统计局）负责此项，进展情况为空/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(out)) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总", "台账", "明细", "逾期事项", "未报送单位", "临期提醒", "验收销号"]);

    const j = await run("consolidate", join(inbox, "财政局.xlsx"), join(inbox, "统计局.xlsx"), "--json", "--round", "2022-03", "--today", "2022-03-10");
    expect(j.code).toBe(1); // a file the service would refuse
    const ledger = JSON.parse(j.stdout);
    expect(Object.keys(ledger)).toEqual(expect.arrayContaining(["round", "units", "missingUnits", "tasks"]));
    expect(ledger.units.find((u: { unit: string }) => u.unit === "旗统计局")).toMatchObject({ submitted: false, reportState: "被退回", rejectedReasons: [expect.stringMatching(/^H5：.*进展情况为空/), expect.stringMatching(/^H6：/), expect.stringMatching(/^H7：/)] }); // the first three
    expect(Object.keys(ledger.units[0])).toEqual(expect.arrayContaining(["unit", "submitted", "responsible", "completed", "inProgress", "notStarted", "overdue", "missing", "errors", "completionRate"]));
    expect(ledger.tasks[0]).toMatchObject({ id: "T01", level1: "政策与解读的公开", units: expect.any(Object) });
  });

  it("exits 2 when nothing can be consolidated", async () => {
    const r = await run("consolidate", join(dir, "bad-only"), "-o", join(dir, "x.xlsx"));
    expect(r.code).toBe(2);
  });
});

describe("--roster", () => {
  it("checks names against the coordinator's roster (JSON), and refuses a file that is no roster", async () => {
    const { DEFAULT_ROSTER } = await import("../../core/index.js");
    const file = join(dir, "外事办.xlsx");
    await writeFile(file, (await buildCopy({ unit: "旗外事办", rows: CLEAN_ROWS, filled: allDone(FINANCE_TASKS) })).bytes);
    const without = JSON.parse((await run("validate", file, "--json")).stdout);
    expect(without.findings.some((f: { code: string; message: string }) => f.code === "unit.unknown" && f.message.includes("旗外事办"))).toBe(true);

    const rosterFile = join(dir, "名册.json");
    await writeFile(rosterFile, JSON.stringify({ ...DEFAULT_ROSTER, units: [...DEFAULT_ROSTER.units, { name: "旗外事办", groups: ["旗直各单位"], aliases: ["外事办"] }] }));
    const withRoster = await run("validate", file, "--json", "--roster", rosterFile);
    const json = JSON.parse(withRoster.stdout);
    expect(json.unit).toBe("旗外事办");
    expect(json.findings.filter((f: { code: string }) => f.code === "unit.unknown")).toEqual([]);
    expect(json.summary.responsibleRows).toBe(20);

    const ledger = JSON.parse((await run("consolidate", file, "--json", "--roster", rosterFile, "--round", "2022-03")).stdout);
    expect(ledger.units).toHaveLength(19);
    expect(ledger.units.find((u: { unit: string }) => u.unit === "旗外事办")).toMatchObject({ submitted: true, responsible: 20 });

    const bogus = join(dir, "bogus.json");
    await writeFile(bogus, "{\"units\": []}");
    const r = await run("validate", file, "--roster", bogus);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/单位名册文件 .* 格式不对/);
  });
});
