/**
 * One unit token cannot fill the disk (issue 23, item 2): junk that is no .xlsx is kept as a short record, a unit's
 * files and bytes per day are bounded (429, counted from the store's records), and the coordinator purges the
 * stored bytes of refused files — never an accepted one.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settingsWith } from "../../functions/config.js";
import { startLocalHost } from "../../functions/localHost.js";
import { createServices } from "../../functions/services.js";
import type { EmbeddedStore } from "../../functions/storage/embedded.js";
import { issueToken } from "../../functions/tokens.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";
import { startHarness, type Harness } from "./harness.js";

const MB = 1024 * 1024;

/** The bytes under a folder, every file counted. */
async function folderBytes(dir: string): Promise<number> {
  let n = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) n += (await stat(join(e.parentPath, e.name))).size;
  }
  return n;
}

const post = (h: Harness, path: string, token = h.coordinator) => fetch(`${h.host.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${token}` } });

describe("junk from one unit token (embedded store, as npm start runs)", () => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness({ embedded: true })));
  afterAll(() => h?.close());

  it("30 junk bodies of 5 MB: 415 with a short record each, then 429 at the day's 100 MB; the data folder grows by far less than 150 MB", async () => {
    const dir = (h.services.settings.storage as { dir: string }).dir;
    const token = await h.token("旗财政局");
    const before = await folderBytes(dir);
    const statuses: number[] = [];
    let refusal: { message: string; resetsOn: string } | undefined;
    for (let i = 0; i < 30; i++) {
      const r = await h.submit(token, randomBytes(5 * MB));
      statuses.push(r.status);
      if (r.status === 429) refusal ??= r.json;
    }
    const grown = await folderBytes(dir) - before;
    expect(grown).toBeLessThan(1 * MB);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(415));
    expect(statuses.slice(20)).toEqual(Array(10).fill(429));
    expect(refusal!.message).toContain("每个单位每天 50 个文件、100 MB");
    expect(refusal!.message).toContain("请于 2022-03-11 0 时（北京时间）后再报送");
    expect(refusal!.resetsOn).toBe("2022-03-11");
  });

  it("a junk body's record keeps its size, hash and first 64 bytes; the file itself answers 410, saying so", async () => {
    const token = await h.token("旗统计局");
    const junk = Buffer.concat([Buffer.from("<html><body>not a workbook</body></html>"), randomBytes(1000)]);
    const r = await h.submit(token, junk);
    expect(r.status).toBe(415);
    const f = await h.get(`/api/submissions/${r.json.submission.id}/file`, h.coordinator);
    expect(f.status).toBe(410);
    const body = await f.json();
    expect(body).toMatchObject({ error: "not-kept", size: junk.length, sha256: r.json.submission.sha256, head: junk.subarray(0, 64).toString("hex") });
    expect(body.message).toContain("原件未保存");
  });

  it("random bytes behind a zip's first four or an old .xls's header are junk too (no directory that lists a workbook); a workbook whose parts are damaged is kept in full", async () => {
    const dir = (h.services.settings.storage as { dir: string }).dir;
    const token = await h.token("旗住建局");
    const pkJunk = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(2 * MB)]);
    const copy = Buffer.from((await buildCopy({ unit: "旗住建局" })).bytes);
    const before = await folderBytes(dir);
    // and behind an old .xls's first eight: refused (415, save it as .xlsx), not kept either
    const oleJunk = Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), randomBytes(2 * MB)]);
    for (const [junk, status] of [[pkJunk, 400], [Buffer.concat([pkJunk, pkJunk]), 400], [oleJunk, 415]] as const) {
      const r = await h.submit(token, junk);
      expect(r.status).toBe(status); // 文件不完整 / 旧版 .xls
      expect((await h.get(`/api/submissions/${r.json.submission.id}/file`, h.coordinator)).status).toBe(410);
    }
    expect(await folderBytes(dir) - before).toBeLessThan(MB / 2);
    // a workbook whose sheet is damaged still lists its parts: the unit's document, kept byte for byte
    const damaged = Buffer.from(copy);
    const at = damaged.indexOf("xl/worksheets/sheet1.xml") + 200;
    damaged.fill(0x20, at, at + 64);
    const r = await h.submit(token, damaged);
    expect(r.status).toBeGreaterThanOrEqual(400);
    const kept = await h.get(`/api/submissions/${r.json.submission.id}/file`, h.coordinator);
    expect(kept.status).toBe(200);
    expect(Buffer.from(await kept.arrayBuffer()).equals(damaged)).toBe(true);
  });
});

describe.each([["embedded", true], ["Azurite", false]] as const)("the day's quota and purging (%s)", (_name, embedded) => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness({ embedded })));
  afterAll(() => h?.close());

  it("the 51st file of a day → 429 saying the limit and when it resets; a repeat of a file on record is still answered", async () => {
    const token = await h.token("旗教育局");
    const first = randomBytes(100);
    const statuses = [(await h.submit(token, first)).status];
    for (let i = 1; i < 50; i++) statuses.push((await h.submit(token, randomBytes(100))).status);
    expect(statuses).toEqual(Array(50).fill(415));
    const over = await h.submit(token, randomBytes(100), "2022-02"); // another open month: the same day's count
    expect(over.status).toBe(429);
    expect(over.json).toMatchObject({ error: "quota", used: { files: 50 }, limit: { files: 50 }, resetsOn: "2022-03-11" });
    expect(over.json.message).toContain("本单位今天已报送 50 个文件");
    expect((await h.submit(token, first)).status).toBe(415); // the same bytes again: no new file
    // another unit is not held by this one's quota
    expect((await h.submit(await h.token("旗卫健委"), randomBytes(100))).status).toBe(415);
  });

  it("an earlier file sent again (a resend) is on record: never refused for the quota; the limit is said in KB for small files", async () => {
    const token = await h.token("旗统计局");
    const f1 = (await buildCopy({ unit: "旗统计局", rows: CLEAN_ROWS, filled: allDone(FINANCE_TASKS) })).bytes;
    const f2 = (await buildCopy({ unit: "旗统计局", rows: CLEAN_ROWS, filled: { ...allDone(FINANCE_TASKS), 统计信息: { progress: "正在整理", status: "推进中" } } })).bytes;
    expect([(await h.submit(token, f1)).status, (await h.submit(token, f2)).status]).toEqual([201, 201]);
    for (let i = 2; i < 50; i++) await h.submit(token, randomBytes(100));
    const over = await h.submit(token, randomBytes(100));
    expect(over.status).toBe(429);
    expect(over.json.message).toMatch(/再收这份（1 KB）/);
    const resent = await h.submit(token, f1);
    expect(resent.status, JSON.stringify(resent.json.message)).toBe(201);
    expect(resent.json.resendOf).toBeDefined();
  });

  it("the coordinator purges a round's refused files: bytes gone, records kept and marked; accepted files never", async () => {
    const token = await h.token("旗财政局");
    const good = (await buildCopy({ unit: "旗财政局", rows: CLEAN_ROWS, filled: allDone(FINANCE_TASKS) })).bytes;
    const bad = (await buildCopy({ unit: "旗财政局", rows: CLEAN_ROWS, filled: {} })).bytes;
    const accepted = await h.submit(token, good);
    const rejected = await h.submit(token, bad);
    expect([accepted.status, rejected.status]).toEqual([201, 422]);
    const dir = embedded ? (h.services.settings.storage as { dir: string }).dir : undefined;
    const before = dir ? await folderBytes(join(dir, "files")) : 0;

    expect((await post(h, "/api/purge?round=2022-03", token)).status).toBe(403);
    const refusedOne = await post(h, `/api/purge?round=2022-03&id=${accepted.json.submission.id}`);
    expect(refusedOne.status).toBe(409);

    const r = await post(h, "/api/purge?round=2022-03");
    expect(r.status).toBe(200);
    const purged = await r.json();
    expect(purged.freedBytes).toBe(bad.length);
    expect(purged.purged.map((p: { id: string }) => p.id)).toContain(rejected.json.submission.id);
    expect(purged.purged.map((p: { id: string }) => p.id)).not.toContain(accepted.json.submission.id);
    // the received files' folder (the database beside it grows with the records kept)
    if (dir) expect(before - (await folderBytes(join(dir, "files")))).toBe(bad.length);

    const gone = await h.get(`/api/submissions/${rejected.json.submission.id}/file`, h.coordinator);
    expect(gone.status).toBe(410);
    expect((await gone.json()).message).toContain("由汇总人清除");
    expect((await h.get(`/api/submissions/${accepted.json.submission.id}/file`, h.coordinator)).status).toBe(200);
    // the record stays: status still shows the attempt, and the same file sent again does not bring the bytes back
    const status = await (await h.get("/api/status?round=2022-03", h.coordinator)).json();
    expect(status.units.find((u: { unit: string }) => u.unit === "旗财政局").history.map((a: { id: string }) => a.id)).toContain(rejected.json.submission.id);
    expect((await h.submit(token, bad)).status).toBe(422);
    expect((await h.get(`/api/submissions/${rejected.json.submission.id}/file`, h.coordinator)).status).toBe(410);
  });
});

describe("the quota is counted from the store", () => {
  it("a restart resets nothing; the next day the unit may send again", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gongkai-quota-"));
    let now = Date.parse("2022-03-10T02:00:00.000Z");
    const start = async () => {
      const services = createServices(settingsWith({ kind: "embedded", dir }, { unitFilesPerDay: 3 }), () => new Date(now++));
      return { services, host: await startLocalHost(services, { quiet: true }) };
    };
    const send = (url: string, token: string) => fetch(`${url}/api/submissions?round=2022-03`, { method: "POST", body: randomBytes(50), headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    let s = await start();
    try {
      const token = await issueToken(s.services.store, { role: "unit", unit: "旗财政局" });
      expect([await send(s.host.url, token), await send(s.host.url, token), await send(s.host.url, token), await send(s.host.url, token)]).toEqual([415, 415, 415, 429]);
      await s.host.close();
      (s.services.store as EmbeddedStore).close();
      s = await start();
      expect(await send(s.host.url, token)).toBe(429);
      now = Date.parse("2022-03-10T16:00:00.000Z"); // 2022-03-11 00:00 北京时间
      expect(await send(s.host.url, token)).toBe(415);
    } finally {
      await s.host.close();
      (s.services.store as EmbeddedStore).close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
