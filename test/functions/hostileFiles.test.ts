/**
 * No file can stall the service: hostile workbooks are refused in words within 5 s each, read off the
 * request loop, while a parallel client's health checks keep being answered promptly.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lyingZipBomb, zipBomb } from "../fixtures/badFiles.js";
import { allColumns, billionLaughs, externalEntity, manyRows, manyStyles, sharedHugeString } from "../fixtures/hostileFiles.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startHarness({ embedded: true }); // as npm start and a county's own server run
  // months past the default window (this month and the last): the coordinator opens them, as issue 23 asks
  for (const m of ["2022-07", "2022-08"]) await fetch(`${h.host.url}/api/rounds/${m}`, { method: "PUT", body: '{"open":true}', headers: { authorization: `Bearer ${h.coordinator}` } });
  token = await h.token("旗财政局");
});
afterAll(() => h?.close());

const CASES: [string, () => Buffer][] = [
  ["one 30 MB string shared by 21 cells", sharedHugeString],
  ["1,048,377 rows", () => manyRows(1_048_377)],
  ["100,000 rows", () => manyRows(100_000)],
  ["16,384 columns", allColumns],
  ["500,000 styles", manyStyles],
  ["an external entity (XXE)", externalEntity],
  ["nested entities (billion laughs)", billionLaughs],
  ["a zip bomb", zipBomb],
  ["a zip bomb that lies about its sizes", lyingZipBomb],
];

describe("hostile files", () => {
  it("are each refused in words within 5 s, never a 500, and health checks stay prompt meanwhile", async () => {
    // Built before anything is timed: building them blocks this process, which also runs the service.
    const files = CASES.map(([name, make]) => [name, make()] as const);
    const normal = await Promise.all(Array.from({ length: 80 }, async () => (await buildCopy({ unit: "旗统计局", rows: CLEAN_ROWS, filled: allDone(["统计信息"]) })).bytes));
    const statsToken = await h.token("旗统计局");
    const latencies: number[] = [];
    let sending = true;
    const poll = (async () => {
      while (sending) {
        const t = performance.now();
        const r = await fetch(`${h.host.url}/api/health`);
        await r.arrayBuffer();
        latencies.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    // Another unit keeps submitting its ordinary table meanwhile.
    const normalTimes: number[] = [];
    const normalStatuses = new Set<number>();
    const others = (async () => {
      for (const bytes of normal) {
        if (!sending) break;
        const t = performance.now();
        normalStatuses.add((await h.submit(statsToken, bytes, "2022-08")).status);
        normalTimes.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const results: { name: string; status: number; ms: number; message: string }[] = [];
    // The corpus twice over, one file after another, as a hostile client would keep sending.
    for (const [name, bytes] of [...files, ...files]) {
      const t = performance.now();
      const r = await h.submit(token, bytes, "2022-07");
      results.push({ name, status: r.status, ms: performance.now() - t, message: String(r.json.message ?? r.json.error ?? "") });
    }
    // and a real table still goes through afterwards
    const good = await h.submit(token, (await buildCopy({ rows: CLEAN_ROWS, filled: allDone(FINANCE_TASKS) })).bytes, "2022-07");
    sending = false;
    await Promise.all([poll, others]);
    for (const r of results) {
      expect(r.status, r.name).toBeGreaterThanOrEqual(400);
      expect(r.status, r.name).toBeLessThan(500);
      expect(r.ms, r.name).toBeLessThan(5_000);
      expect(r.message, r.name).toMatch(/[\u4e00-\u9fff]/);
      expect(r.message, r.name).not.toContain("root:"); // no file of the server's ever shows up
    }
    expect(good.status).toBe(201);
    const sorted = [...latencies].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(sorted.length * 0.95)]!;
    expect(latencies.length).toBeGreaterThan(10);
    // Measured alone: health p95 ~30 ms, max ~130 ms with the parse workers; p95 987 ms with parsing on the request loop.
    expect(p95, "health p95").toBeLessThan(500);
    expect(sorted.at(-1)!, "health max").toBeLessThan(1_000);
    normalTimes.sort((a, b) => a - b);
    expect(normalTimes.length).toBeGreaterThan(5);
    expect([...normalStatuses].every((s) => s === 201 || s === 422)).toBe(true);
    // Measured alone on this 2-core machine: p95 200–470 ms (target 500). The suite runs two test files at
    // once, so here the bound leaves room for the other file's load.
    expect(normalTimes[Math.floor(normalTimes.length * 0.95)]!, "normal submission p95").toBeLessThan(1_000);
    // every refused file is kept with a record (refused or rejected), never an orphan
    const status = await (await h.get("/api/status?round=2022-07", h.coordinator)).json();
    expect(status.units.find((u: { unit: string }) => u.unit === "旗财政局").attempts).toBe(CASES.length + 1); // the second round's are the same bytes: duplicates
  }, 120_000);
});
