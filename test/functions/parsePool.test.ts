/** The parse pool's own bounds: a file over its time is refused in words, and the worker replaced. */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { builtInTaskList, DEFAULT_ROSTER } from "../../core/index.js";
import { ParsePool } from "../../functions/parsePool.js";
import { HttpError } from "../../functions/errors.js";
import { DEFAULT_LIMITS, WorkbookError, completeCopy } from "../../workbook/index.js";

const input = (bytes: Uint8Array) => ({
  bytes, unit: "旗财政局", today: "2022-03-10", year: undefined, roster: DEFAULT_ROSTER, tasks: builtInTaskList(),
  submissionId: "2022-03-x", receivedAt: "2022-03-10T02:00:00.000Z", limits: DEFAULT_LIMITS,
});
const settle = () => new Promise((r) => setTimeout(r, 3_000)); // the workers are up: a file's clock starts when its worker has it

describe("ParsePool", () => {
  it("judges a file in a worker", async () => {
    const pool = new ParsePool({ timeoutMs: 4_000, memoryMb: 256, size: 1 }).warm();
    try {
      expect(await pool.run(input(await completeCopy("旗财政局")))).toMatchObject({ outcome: "accepted", extract: { summary: { errors: 0 } } });
    } finally {
      await pool.close();
    }
  }, 30_000);

  it("refuses in words a file that takes longer than the limit, and goes on with a fresh worker", async () => {
    const pool = new ParsePool({ timeoutMs: 1, memoryMb: 256, size: 1 }).warm();
    try {
      await settle();
      const bytes = await completeCopy("旗财政局");
      const first = await pool.run(input(bytes));
      expect(first).toMatchObject({ outcome: "unreadable", unreadable: "too-large", reason: expect.stringContaining("秒内未能读完") });
      // the timed-out worker was replaced: the next file is judged (here: refused the same way), not left waiting
      await settle();
      expect(await pool.run(input(bytes))).toMatchObject({ outcome: "unreadable", unreadable: "too-large" });
    } finally {
      await pool.close();
    }
  }, 30_000);

  // What the service makes (a template, the ledger's workbook, the 通报) is no one's file: its failure is the service's,
  // said as such (503, try again later), never as an upload to re-save; a mail's is said as a mail's
  it("says a document the service could not make in time is the service's to retry, a mail's as a mail's", async () => {
    const pool = new ParsePool({ timeoutMs: 1, memoryMb: 256, size: 1 }).warm();
    try {
      await settle();
      const template = await pool.runTask({ kind: "template", options: {} }).then(() => undefined, (e: unknown) => e);
      expect(template).toBeInstanceOf(HttpError);
      expect(template).toMatchObject({ status: 503, code: "not-made", message: expect.stringContaining("生成本轮模板用时超过") });
      expect((template as Error).message).not.toMatch(/任务分解表|另存|上传/);
      await settle();
      const mail = await pool.runTask({ kind: "mail", raw: new TextEncoder().encode("From: a@b.cn\r\nSubject: x\r\n\r\nbody") }).then(() => undefined, (e: unknown) => e);
      expect(mail).toBeInstanceOf(WorkbookError);
      expect((mail as Error).message).toMatch(/^读取邮件用时超过/);
    } finally {
      await pool.close();
    }
  }, 30_000);

  // The request loop held up (a synchronous call elsewhere in the service) longer than a file's time: the worker read
  // the file long before; it is answered, not refused as too complex because the loop saw its answer late.
  it("counts a file's time from when its worker began it: a held-up request loop does not refuse a file judged meanwhile", async () => {
    const pool = new ParsePool({ timeoutMs: 2_000, memoryMb: 256, size: 1 }).warm();
    try {
      await settle();
      const bytes = await completeCopy("旗财政局");
      expect(await pool.run(input(bytes))).toMatchObject({ outcome: "accepted" }); // warm: the worker has read one file
      const judged = pool.run(input(bytes));
      await new Promise((r) => setImmediate(r)); // the file is sent to its worker
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5_000); // the loop held up 5 s, 2.5 times the file's time
      expect(await judged).toMatchObject({ outcome: "accepted" });
    } finally {
      await pool.close();
    }
  }, 30_000);

  // A process that judged a file with the pool ends by itself; while a file is being judged, the pool keeps it alive
  // until the answer (a process waiting on nothing else would otherwise end first, with the file unjudged).
  it("keeps a process alive while a file is judged, and not after", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gongkai-pool-"));
    try {
      const file = join(dir, "copy.xlsx");
      await writeFile(file, await completeCopy("旗财政局"));
      const script = join(dir, "judge.mts"); // an ES module wherever it lies (top-level await)
      const from = (p: string) => JSON.stringify(join(import.meta.dirname, p));
      await writeFile(
        script,
        `import { readFileSync } from "node:fs";
import { builtInTaskList, DEFAULT_ROSTER } from ${from("../../core/index.js")};
import { judgeOffLoop } from ${from("../../functions/parsePool.js")};
import { DEFAULT_LIMITS } from ${from("../../workbook/index.js")};
const judged = await judgeOffLoop({ bytes: new Uint8Array(readFileSync(${JSON.stringify(file)})), unit: "旗财政局", today: "2022-03-10", year: undefined,
  roster: DEFAULT_ROSTER, tasks: builtInTaskList(), submissionId: "x", receivedAt: "2022-03-10T02:00:00.000Z", limits: DEFAULT_LIMITS });
console.log(judged.outcome);
`,
      );
      const t0 = Date.now();
      const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", script], { timeout: 60_000 });
      expect(stdout.trim()).toBe("accepted");
      expect(Date.now() - t0).toBeLessThan(30_000); // ended by itself, not killed at the time-out
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
