/** The parse pool's own bounds: a file over its time is refused in words, and the worker replaced. */
import { describe, expect, it } from "vitest";
import { builtInTaskList, DEFAULT_ROSTER } from "../../core/index.js";
import { ParsePool } from "../../functions/parsePool.js";
import { DEFAULT_LIMITS, completeCopy } from "../../workbook/index.js";

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
});
