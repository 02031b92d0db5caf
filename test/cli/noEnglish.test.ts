/**
 * No English on any output stream: every command, run as a real process — through bin/gongkai.js and through a
 * freshly built bundle (where Node's own warnings showed: a bundle is code outside node_modules to Node).
 */
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCli } from "../../scripts/buildCli.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";

const root = join(import.meta.dirname, "../..");
const bin = join(root, "bin/gongkai.js");

/** A line of English: Node's warnings (`(node:123) [DEP0005] DeprecationWarning: …`, `(Use \`node --trace-…`), library logs. */
const ENGLISH_LINE = /^[\t\x20-\x7e]*[A-Za-z]{3,}[\t\x20-\x7e]*$/;
const englishLines = (text: string) => text.split("\n").filter((l) => ENGLISH_LINE.test(l) || /Warning|Deprecat/.test(l));

let dir: string;
let bundle: string;
let files: string[];
/** The environment a user has: no flag that would hide Node's warnings. */
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "gongkai-english-"));
  files = [join(dir, "旗财政局.xlsx"), join(dir, "旗统计局.xlsx")];
  await writeFile(files[0]!, (await buildCopy({ rows: CLEAN_ROWS, filled: allDone(FINANCE_TASKS) })).bytes);
  await writeFile(files[1]!, (await buildCopy({ unit: "旗统计局", rows: CLEAN_ROWS, filled: { 统计信息: { progress: "正在推进，暂无新增信息" } } })).bytes);
  bundle = await buildCli(join(dir, "cli", "gongkai.cjs"));
  env = { ...process.env, GONGKAI_DATA_DIR: join(dir, "data"), NODE_PATH: join(root, "node_modules") };
  delete env.NODE_OPTIONS;
  delete env.NODE_NO_WARNINGS;
}, 120_000);

async function exec(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, argv, { env, cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const { code, stdout, stderr } = e as { code: number; stdout: string; stderr: string };
    if (typeof code !== "number") throw e;
    return { code, stdout, stderr };
  }
}

/** The built command, as bin/gongkai.js runs it. */
const viaBundle = (...argv: string[]) =>
  exec(["-e", `require(${JSON.stringify(bundle)}).run(${JSON.stringify(argv)}).then((code) => { process.exitCode = code; });`]);
const viaBin = (...argv: string[]) => exec([bin, ...argv]);

const commands = (): [string, string[]][] => [
  ["consolidate", ["consolidate", ...files, "-o", join(dir, "汇总台账.xlsx"), "--round", "2022-03", "--today", "2022-03-10"]],
  ["consolidate --json", ["consolidate", ...files, "--json", "--round", "2022-03", "--today", "2022-03-10"]],
  ["notice", ["notice", ...files, "-o", join(dir, "通报.docx"), "--round", "2022-03", "--today", "2022-03-10"]],
  ["validate", ["validate", files[1]!, "--today", "2022-03-10"]],
  ["annotate", ["annotate", files[1]!, "-o", join(dir, "标注.xlsx"), "--today", "2022-03-10"]],
  ["template", ["template", "-o", join(dir, "模板.xlsx")]],
  ["demo", ["demo", "--dir", join(dir, "demo")]],
  ["token", ["token", "--unit", "旗财政局"]],
  ["token --list", ["token", "--list"]],
];

describe("the built command prints no English", () => {
  it.each(["consolidate", "consolidate --json", "notice", "validate", "annotate", "template", "demo", "token", "token --list"])("%s", async (name) => {
    const argv = commands().find(([n]) => n === name)![1];
    const r = await viaBundle(...argv);
    expect(r.code, r.stderr).toBeLessThan(2);
    expect(englishLines(r.stderr)).toEqual([]);
    expect(r.stdout).not.toMatch(/Warning|Deprecat/);
  }, 60_000);
});

describe("bin/gongkai.js prints no English", () => {
  it("consolidate", async () => {
    const r = await viaBin(...commands()[0]![1]);
    expect(r.code, r.stderr).toBeLessThan(2);
    expect(r.stdout).toMatch(/已汇总 \d+ 个单位/);
    expect(englishLines(r.stderr)).toEqual([]);
  }, 60_000);
});
