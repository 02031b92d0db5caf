/**
 * A file sent again after another becomes the latest (issue 23, item 4): F1, F2, then F1 again is a new receipt
 * — an id of its own, deterministic from F1's and F2's so that a network retry collapses to one — its bytes
 * archived again under that id, the ledger on it and `/status` showing the third attempt. A plain retry of the
 * file in force is still 200, the same id.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";
import { startHarness, type Harness } from "./harness.js";

describe.each([["embedded", true], ["Azurite", false]] as const)("a resend of an earlier file (%s)", (_name, embedded) => {
  let h: Harness;
  let token: string;
  let f1: Buffer;
  let f2: Buffer;
  beforeAll(async () => {
    h = await startHarness({ embedded });
    token = await h.token("旗财政局");
    f1 = (await buildCopy({ unit: "旗财政局", rows: CLEAN_ROWS, filled: allDone(FINANCE_TASKS) })).bytes;
    f2 = (await buildCopy({ unit: "旗财政局", rows: CLEAN_ROWS, filled: { ...allDone(FINANCE_TASKS), 统计信息: { progress: "正在整理", status: "推进中" } } })).bytes;
  });
  afterAll(() => h?.close());

  const ledgerUnit = async () =>
    ((await (await h.get("/api/ledger?round=2022-03", h.coordinator)).json()).units as { unit: string; submissionId: string }[]).find((u) => u.unit === "旗财政局")!;
  const statusUnit = async () => (await (await h.get("/api/status?round=2022-03", h.coordinator)).json()).units.find((u: { unit: string }) => u.unit === "旗财政局");

  it("F1, F2, then F1 again: a new receipt that becomes the latest; retries of it collapse to one", async () => {
    const first = await h.submit(token, f1);
    const second = await h.submit(token, f2);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect((await ledgerUnit()).submissionId).toBe(second.json.submission.id);

    // a network retry of the resend, sent twice at once: one receipt
    const [again, retry] = await Promise.all([h.submit(token, f1), h.submit(token, f1)]);
    const id = again.json.submission.id;
    expect([again.status, retry.status].sort()).toEqual([200, 201]);
    expect(id).not.toBe(first.json.submission.id);
    expect(retry.json.submission.id).toBe(id);
    expect(id).toMatch(/^2022-03-[0-9a-f]{24}$/);
    expect((again.status === 201 ? again : retry).json.resendOf).toBe(first.json.submission.id);

    const ledger = await ledgerUnit();
    expect(ledger.submissionId).toBe(id);
    const status = await statusUnit();
    expect(status).toMatchObject({ latestId: id, attempts: 3 });
    expect(status.history.at(-1)).toMatchObject({ id, outcome: "accepted", resendOf: first.json.submission.id });

    // archived again under the new id, byte for byte
    const file = await h.get(`/api/submissions/${id}/file`, h.coordinator);
    expect(Buffer.from(await file.arrayBuffer()).equals(f1)).toBe(true);

    // the file in force sent again later: a plain repeat
    const later = await h.submit(token, f1);
    expect(later.status).toBe(200);
    expect(later.json).toMatchObject({ duplicate: true, submission: { id } });
    expect((await statusUnit()).attempts).toBe(3);
  });

  it("and F2 once more: another receipt, the ledger back on F2", async () => {
    const r = await h.submit(token, f2);
    expect(r.status).toBe(201);
    expect((await ledgerUnit())).toMatchObject({ submissionId: r.json.submission.id });
    expect((await statusUnit()).attempts).toBe(4);
  });
});
