/**
 * The parse worker as `npm install` bundles it (scripts/buildCli.ts): built here into a folder of the test's own,
 * it does each kind of task as the sources do in this process; and the rule that decides whether a build may be run
 * (bin/freshBuild.cjs, also the command's): only while it is newer than every source.
 */
import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtInTaskList, DEFAULT_ROSTER } from "../../core/index.js";
import { ParsePool } from "../../functions/parsePool.js";
import { runTask, type PoolTask } from "../../functions/poolTasks.js";
import { buildParseWorker } from "../../scripts/buildCli.js";
import { DEFAULT_LIMITS, completeCopy } from "../../workbook/index.js";
import { noticeLedger } from "../fixtures/noticeLedger.js";

const { isFresh } = createRequire(import.meta.url)("../../bin/freshBuild.cjs") as { isFresh(file: string, root: string): boolean };

let dir: string;
let pool: ParsePool;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "gongkai-worker-"));
  const module = await buildParseWorker(join(dir, "parseWorker.cjs"));
  pool = new ParsePool({ timeoutMs: 15_000, memoryMb: 256, size: 1 }, module).warm();
}, 120_000);

afterAll(async () => {
  await pool?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("the bundled parse worker", () => {
  it("judges a unit's copy as the sources do", async () => {
    const input = {
      bytes: await completeCopy("旗财政局"), unit: "旗财政局", today: "2022-03-10", year: undefined, roster: DEFAULT_ROSTER, tasks: builtInTaskList(),
      submissionId: "2022-03-x", receivedAt: "2022-03-10T02:00:00.000Z", limits: DEFAULT_LIMITS,
    };
    const task: PoolTask = { kind: "judge", input };
    const bundled = await pool.runTask(task);
    expect(bundled).toMatchObject({ outcome: "accepted", extract: { summary: { errors: 0 } } });
    expect(bundled).toEqual(await runTask(task));
  }, 60_000);

  it("reads a roster, writes a ledger workbook, reads a mail", async () => {
    const roster = await pool.runTask({ kind: "roster", name: "名册.json", bytes: new TextEncoder().encode(JSON.stringify({ units: [{ name: "某某县人民政府", aliases: ["某某县"] }] })) });
    expect(roster.units.map((u) => u.name)).toEqual(["某某县人民政府"]);
    const { ledger } = await noticeLedger();
    const workbook = await pool.runTask({ kind: "ledger", ledger });
    expect(Buffer.from(workbook.subarray(0, 2)).toString()).toBe("PK");
    const mail = Buffer.from(["From: 城关镇 <a@xx.gov.cn>", "To: b@xx.gov.cn", "Subject: =?UTF-8?B?5Lu75Yqh5YiG6Kej6KGo?=", "Message-ID: <1@xx.gov.cn>", "", "附件请查收。", ""].join("\r\n"));
    expect(await pool.runTask({ kind: "mail", raw: mail })).toMatchObject({ subject: "任务分解表", from: "a@xx.gov.cn" });
  }, 60_000);
});

describe("whether a build may be run (bin/freshBuild.cjs)", () => {
  it("only while it is newer than every source", async () => {
    const root = join(dir, "root");
    await mkdir(join(root, "core", "rules"), { recursive: true });
    const source = join(root, "core", "rules", "a.ts");
    const build = join(root, "dist", "build.cjs");
    await writeFile(source, "export {};");
    expect(isFresh(build, root)).toBe(false); // not built
    await mkdir(join(root, "dist"));
    await writeFile(build, "");
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
    await utimes(source, at(1), at(1));
    await utimes(build, at(2), at(2));
    expect(isFresh(build, root)).toBe(true);
    await utimes(source, at(3), at(3)); // a source edited after the build
    expect(isFresh(build, root)).toBe(false);
  });
});
