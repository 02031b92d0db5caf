/**
 * The round's ledger kept between requests (functions/roundLedger.ts): asked again with nothing changed, the service
 * answers the ledger it made, reading no report; after a unit's new table, a review or a new day it makes the ledger
 * again — reading only the reports it has not read — and that ledger is the one a service that kept nothing makes.
 * The JSON answer is `JSON.stringify` of the ledger, made a piece at a time (`jsonBytes`).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { builtInTaskList } from "../../core/index.js";
import { jsonBytes } from "../../functions/handlers/ledger.js";
import { roundLedger } from "../../functions/roundLedger.js";
import type { Services } from "../../functions/services.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";
import { completeCopy } from "../../workbook/index.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness;
const ROUND = "2022-03";
const TASKS = builtInTaskList().tasks;
const basic = TASKS.find((t) => t.level3 === "基础信息公开")!;

beforeAll(async () => {
  h = await startHarness({ embedded: true });
  const filled = { ...allDone(FINANCE_TASKS), 基础信息公开: { progress: "正在整理，因上级模板未下发，计划于3月31日前完成", status: "推进中" } };
  expect((await h.submit(await h.token("旗财政局"), (await buildCopy({ unit: "旗财政局", rows: CLEAN_ROWS, filled })).bytes)).status).toBe(201);
  // a refused file: its unit is 被退回, with the file's first findings
  expect((await h.submit(await h.token("旗统计局"), (await buildCopy({ unit: "旗统计局", rows: CLEAN_ROWS, filled: {} })).bytes)).status).toBe(422);
}, 60_000);
afterAll(() => h?.close());

/** The same store and clock as the harness's service, and nothing kept: the ledger as it is made from scratch. */
const fresh = (services: Services): Services => ({ ...services });
const json = (value: unknown) => JSON.stringify(value);
const reportsRead = () => vi.spyOn(h.services.store, "readReport");

describe("the ledger kept while the store is unchanged", () => {
  it("is answered again without reading a report: the same ledger, the same JSON", async () => {
    const first = await roundLedger(h.services, ROUND);
    const reads = reportsRead();
    const again = await roundLedger(h.services, ROUND);
    expect(again).toBe(first);
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
    expect(json(again)).toBe(json(await roundLedger(fresh(h.services), ROUND)));
    const a = await (await h.get(`/api/ledger?round=${ROUND}&format=json`, h.coordinator)).text();
    const b = await (await h.get(`/api/ledger?round=${ROUND}&format=json`, h.coordinator)).text();
    expect(a).toBe(b);
    expect(a).toBe(json(first));
  });

  it("after a unit's new table: that one report is read, and the ledger is the one made from scratch", async () => {
    await roundLedger(h.services, ROUND);
    const sent = await h.submit(await h.token("旗统计局"), await completeCopy("旗统计局"));
    expect(sent.status).toBe(201);
    const reads = reportsRead();
    const after = await roundLedger(h.services, ROUND);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(reads.mock.calls[0]![1]).toBe(sent.json.submission.id);
    reads.mockRestore();
    expect(after.units.find((u) => u.unit === "旗统计局")).toMatchObject({ reportState: "已报送", submissionId: sent.json.submission.id });
    expect(json(after)).toBe(json(await roundLedger(fresh(h.services), ROUND)));
  });

  it("after a review: the decision is in the ledger, as made from scratch", async () => {
    const before = await roundLedger(h.services, ROUND);
    const submission = before.units.find((u) => u.unit === "旗财政局")!.submissionId;
    const r = await fetch(`${h.host.url}/api/reviews?round=${ROUND}`, {
      method: "POST",
      body: JSON.stringify({ task: basic.id, unit: "旗财政局", decision: "returned", comment: "佐证链接打不开", submission }),
      headers: { authorization: `Bearer ${h.coordinator}`, "content-type": "application/json" },
    });
    expect(r.status).toBe(201);
    const after = await roundLedger(h.services, ROUND);
    expect(after).not.toBe(before);
    expect(after.tasks.find((t) => t.id === basic.id)!.units["旗财政局"]).toMatchObject({ state: "退回", review: { comment: "佐证链接打不开" } });
    expect(json(after)).toBe(json(await roundLedger(fresh(h.services), ROUND)));
  });

  it("on a new day, and for other reminder days, the ledger is made again", async () => {
    let day = "2022-03-10";
    const services: Services = { ...h.services, today: () => day };
    const tenth = await roundLedger(services, ROUND);
    day = "2022-03-20";
    const twentieth = await roundLedger(services, ROUND);
    expect([tenth.today, twentieth.today]).toEqual(["2022-03-10", "2022-03-20"]);
    // past its 3月15日 deadline on the 20th, not on the 10th
    expect(twentieth.totals.overdueItems).toBeGreaterThan(tenth.totals.overdueItems);
    expect((await roundLedger(services, ROUND, 30)).remindDays).toBe(30);
  });
});

describe("jsonBytes", () => {
  it.each([
    ["a ledger", async () => roundLedger(h.services, ROUND)],
    ["fields left out or null", async () => ({ a: undefined, b: null, f: () => 1, list: [1, undefined, "二", { x: undefined }], empty: [], nested: { deep: [[1], []] }, "quote\"key": "\u2028引号\"" })],
    ["an empty object", async () => ({})],
  ])("is JSON.stringify's UTF-8: %s", async (_, make) => {
    const value = await make();
    expect(jsonBytes(value).equals(Buffer.from(JSON.stringify(value)))).toBe(true);
  });
});
