/** One contract, both backends: what every LedgerStore must do, run on Azurite and on the embedded SQLite store. */
import Database from "better-sqlite3";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAzurite, type Azurite } from "../../functions/dev/azurite.js";
import { EmbeddedStore } from "../../functions/storage/embedded.js";
import { AzureStore, MAX_EXTRACT_CHARS, configOf, isConflict, latestConfig, type LedgerStore, type SubmissionRecord } from "../../functions/storage/store.js";

let az: Azurite;
let dir: string;
const stores: Record<string, LedgerStore> = {};
beforeAll(async () => {
  az = await startAzurite();
  dir = await mkdtemp(join(tmpdir(), "gongkai-store-"));
  stores.azure = new AzureStore(az.connectionString);
  stores.embedded = new EmbeddedStore(dir);
});
afterAll(async () => {
  (stores.embedded as EmbeddedStore | undefined)?.close();
  await az?.stop();
  await rm(dir, { recursive: true, force: true });
});

const record = (id: string, receivedAt: string): SubmissionRecord => ({
  id, round: "2022-03", unit: "旗财政局", receivedAt, sha256: "", size: 1, outcome: "accepted", errors: 0, warnings: 0, reason: "", fault: "",
});
const next = (id: string, receivedAt: string) => ({ round: "2022-03", unit: "旗财政局", submissionId: id, receivedAt, errors: 0, warnings: 0 });

describe.each(["azure", "embedded"])("the %s store", (kind) => {
  const store = () => stores[kind]!;

  it("writes record and index together, and refuses an index update based on a stale ETag", async () => {
    await store().commit({ record: record("a", "1"), extract: { v: "a" }, latest: { next: next("a", "1"), etag: null } });
    const seen = (await store().getLatest<{ v: string }>("2022-03", "旗财政局"))!;
    expect(seen.extract).toEqual({ v: "a" });
    await store().commit({ record: record("b", "2"), extract: { v: "b" }, latest: { next: next("b", "2"), etag: seen.etag } });
    // a writer that read before "b" was written loses, and its record is not written either
    const stale = await store().commit({ record: record("c", "3"), extract: { v: "c" }, latest: { next: next("c", "3"), etag: seen.etag } }).catch((e: unknown) => e);
    expect(isConflict(stale)).toBe(true);
    expect(await store().getSubmission("2022-03", "c")).toBeUndefined();
    expect((await store().getLatest("2022-03", "旗财政局"))!.latest.submissionId).toBe("b");
    // creating a first entry that someone else created meanwhile also conflicts
    const dup = await store().commit({ record: record("d", "4"), extract: {}, latest: { next: next("d", "4"), etag: null } }).catch((e: unknown) => e);
    expect(isConflict(dup)).toBe(true);
    // a record written twice conflicts, unless the writer says it is a retry
    expect(isConflict(await store().commit({ record: record("b", "2"), extract: {} }).catch((e: unknown) => e))).toBe(true);
    await store().commit({ record: { ...record("b", "2"), warnings: 3 }, extract: { v: "b2" }, recordExists: true });
    expect((await store().getSubmission("2022-03", "b"))!).toMatchObject({ record: { warnings: 3 }, extract: { v: "b2" } });
  });

  it("lists a round's submissions and latest entries, extracts only when asked", async () => {
    const ids = (await store().listSubmissions("2022-03")).map((r) => r.id).sort();
    expect(ids).toEqual(["a", "b"]);
    const latest = await store().listLatest("2022-03", true);
    expect(latest).toEqual([{ latest: next("b", "2"), extract: { v: "b" } }]);
    expect((await store().listLatest("2022-03"))[0]!.extract).toBeUndefined();
    expect(await store().listSubmissions("2022-04")).toEqual([]);
  });

  it("lists one unit's submissions of a round received since a time (the day's quota)", async () => {
    const at = (h: number) => `2022-03-10T${String(h).padStart(2, "0")}:00:00.000Z`;
    const of = (id: string, unit: string, h: number): SubmissionRecord => ({ ...record(id, at(h)), round: "2022-05", unit });
    for (const r of [of("q1", "旗财政局", 1), of("q2", "旗财政局", 5), of("q3", "旗统计局", 6), of("q4", "旗财政局", 9)]) await store().commit({ record: r, extract: {} });
    const ids = async (unit: string, since: string) => (await store().listSubmissions("2022-05", { unit, since })).map((r) => r.id).sort();
    expect(await ids("旗财政局", at(5))).toEqual(["q2", "q4"]);
    expect(await ids("旗财政局", at(0))).toEqual(["q1", "q2", "q4"]);
    expect(await ids("旗统计局", at(7))).toEqual([]);
    expect(await ids("旗教育局", at(0))).toEqual([]);
    expect((await store().listSubmissions("2022-05")).map((r) => r.id).sort()).toEqual(["q1", "q2", "q3", "q4"]);
  });

  it("keeps large extracts whole", async () => {
    const big = { text: "政务公开".repeat(30_000) };
    await store().commit({ record: record("big", "5"), extract: big });
    expect((await store().getSubmission("2022-03", "big"))!.extract).toEqual(big);
  });

  it("never overwrites a received file", async () => {
    expect(await store().archiveFile("2022-03", "f", new Uint8Array([1, 2, 3]))).toBe("created");
    expect(await store().archiveFile("2022-03", "f", new Uint8Array([9, 9, 9]))).toBe("exists");
    expect([...(await store().readFile("2022-03", "f"))!]).toEqual([1, 2, 3]);
    expect(await store().readFile("2022-03", "nothing")).toBeUndefined();
  });

  it("keeps a report apart from the index, whole and create-only, however long", async () => {
    const long = JSON.stringify({ rows: Array.from({ length: 3000 }, (_, i) => ({ row: i, progress: "已完成：已在政府网站公开".repeat(10) })) });
    expect(long.length).toBeGreaterThan(MAX_EXTRACT_CHARS);
    expect(await store().putReport("2022-03", "rep1", long)).toBe("created");
    expect(await store().putReport("2022-03", "rep1", "{}")).toBe("exists");
    expect(await store().readReport("2022-03", "rep1")).toBe(long);
    expect(await store().readReport("2022-03", "nothing")).toBeUndefined();
  });

  it("removes a received file when asked (a purge), and says when there was none", async () => {
    expect(await store().archiveFile("2022-03", "junk", new Uint8Array([4, 5]))).toBe("created");
    expect(await store().removeFile("2022-03", "junk")).toBe(true);
    expect(await store().readFile("2022-03", "junk")).toBeUndefined();
    expect(await store().removeFile("2022-03", "junk")).toBe(false);
  });

  it("keeps tokens, create-only; lists them; revokes one", async () => {
    const t = { tokenId: "t1", role: "unit" as const, unit: "旗财政局", secretHash: "h", createdAt: "2022-03-01T00:00:00.000Z", expiresAt: "", revokedAt: "" };
    await store().putToken(t);
    expect(isConflict(await store().putToken(t).catch((e: unknown) => e))).toBe(true);
    expect(await store().getToken("t1")).toEqual(t);
    expect(await store().getToken("t2")).toBeUndefined();
    await store().putToken({ ...t, tokenId: "t3", role: "coordinator", unit: "", expiresAt: "2022-04-01T00:00:00.000Z" });
    expect((await store().listTokens()).map((x) => x.tokenId).sort()).toEqual(["t1", "t3"]);
    expect(await store().revokeToken("t1", new Date("2022-03-05T00:00:00Z"))).toBe(true);
    expect(await store().revokeToken("nothing", new Date())).toBe(false);
    expect(await store().getToken("t1")).toEqual({ ...t, revokedAt: "2022-03-05T00:00:00.000Z" });
  });

  it("keeps every version of the configuration; a round takes the latest given up to it", async () => {
    await store().putConfig("tasks", "2022-03", new Uint8Array([1]), "xlsx", new Date("2022-03-01T00:00:00Z"));
    await store().putConfig("tasks", "2022-03", new Uint8Array([2]), "xlsx", new Date("2022-03-02T00:00:00Z"));
    await store().putConfig("tasks", "2022-05", new Uint8Array([5]), "xlsx", new Date("2022-05-01T00:00:00Z"));
    expect(await store().configVersions("tasks")).toHaveLength(3);
    expect([...(await latestConfig(store(), "tasks", "2022-04"))!.bytes]).toEqual([2]);
    expect([...(await latestConfig(store(), "tasks", "2022-06"))!.bytes]).toEqual([5]);
    expect(await latestConfig(store(), "tasks", "2022-02")).toBeUndefined();
    expect(await latestConfig(store(), "roster")).toBeUndefined();
  });

  it("keeps every version of a task list's corrections under that list's key, never another list's", async () => {
    const json = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
    await store().putConfig("mapping", "2022-03", json({ columns: { B: "measure" } }), "json", new Date("2022-03-03T00:00:00Z"));
    await store().putConfig("mapping", "2022-03", json({ columns: { B: "level1" } }), "json", new Date("2022-03-04T00:00:00Z"));
    const names = await store().configVersions("mapping");
    expect(names).toHaveLength(2);
    expect(names.every((n) => /^config\/mapping\/2022-03\/\d{8}T\d{9}Z-[0-9a-f]{8}\.json$/.test(n))).toBe(true);
    const latest = (await configOf(store(), "mapping", "2022-03"))!;
    expect(latest.key).toBe("2022-03");
    expect(JSON.parse(latest.bytes.toString("utf8"))).toEqual({ columns: { B: "level1" } });
    // the list given in 2022-05 is another list: the corrections of 2022-03's do not apply to it
    expect(await configOf(store(), "mapping", "2022-05")).toBeUndefined();
    expect(await configOf(store(), "mapping", "2022-02")).toBeUndefined();
    // the task lists' own versions are apart
    expect(await store().configVersions("tasks")).toHaveLength(3);
  });

  it("keeps the 通报's letterhead by the month it was set for, every version, apart from the other configuration", async () => {
    const json = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
    await store().putConfig("letterhead", "2022-03", json({ issuer: "甲" }), "json", new Date("2022-03-05T00:00:00Z"));
    await store().putConfig("letterhead", "2022-03", json({ issuer: "乙" }), "json", new Date("2022-03-06T00:00:00Z"));
    await store().putConfig("letterhead", "2022-06", json({ issuer: "丙" }), "json", new Date("2022-06-01T00:00:00Z"));
    const names = await store().configVersions("letterhead");
    expect(names).toHaveLength(3);
    expect(names.every((n) => /^config\/letterhead\/2022-0[36]\/\d{8}T\d{9}Z-[0-9a-f]{8}\.json$/.test(n))).toBe(true);
    // a later month uses the last set before it, until set again
    expect(JSON.parse((await latestConfig(store(), "letterhead", "2022-05"))!.bytes.toString("utf8"))).toEqual({ issuer: "乙" });
    expect(JSON.parse((await latestConfig(store(), "letterhead", "2022-07"))!.bytes.toString("utf8"))).toEqual({ issuer: "丙" });
    expect(await store().configVersions("tasks")).toHaveLength(3);
    expect(await store().configVersions("mapping")).toHaveLength(2);
  });

  it("keeps reviews for ever, create-only, oldest first", async () => {
    const review = (id: string, at: string, decision: "accepted" | "returned") => ({ id, round: "2022-03", task: "T5", label: "基础信息公开", unit: "旗财政局", decision, comment: decision === "returned" ? "佐证链接打不开，请补充" : "", by: "tok1", at, submission: "2022-03-0123456789abcdef01234567" });
    await store().addReview(review("rv-b", "2022-03-21T02:00:00.000Z", "accepted"));
    await store().addReview(review("rv-a", "2022-03-20T02:00:00.000Z", "returned"));
    expect(isConflict(await store().addReview(review("rv-a", "2022-03-22T02:00:00.000Z", "accepted")).catch((e: unknown) => e))).toBe(true);
    expect(await store().listReviews()).toEqual([review("rv-a", "2022-03-20T02:00:00.000Z", "returned"), review("rv-b", "2022-03-21T02:00:00.000Z", "accepted")]);
  });

  it("keeps a review of one of a unit's own items (细化分解) with the item's key; a review of the task itself has none", async () => {
    const item = { id: "rv-item", round: "2022-03", task: "T5", label: "基础信息公开（细化事项：在政府网站发布目录）", unit: "旗财政局", decision: "accepted" as const, comment: "", by: "tok1", at: "2022-03-23T02:00:00.000Z", submission: "2022-03-0123456789abcdef01234567", item: "T5-1k3x9a" };
    await store().addReview(item);
    const listed = await store().listReviews();
    expect(listed.find((r) => r.id === "rv-item")).toEqual(item);
    expect(listed.find((r) => r.id === "rv-a")).not.toHaveProperty("item");
    expect(listed.map((r) => r.id)).toEqual(["rv-a", "rv-b", "rv-item"]);
  });

  it("says it is healthy", async () => {
    expect(await store().health()).toEqual({ ok: true });
  });
});

describe("the embedded store after a crash", () => {
  it("reports a file that was saved but never recorded, and keeps it", async () => {
    const store = stores.embedded as EmbeddedStore;
    await store.archiveFile("2022-09", "orphan1", new Uint8Array([7]));
    await store.commit({ record: { ...record("kept", "9"), round: "2022-09" }, extract: {} });
    await store.archiveFile("2022-09", "kept", new Uint8Array([8]));
    expect((await store.orphans()).filter((o) => o.round === "2022-09")).toEqual([{ round: "2022-09", id: "orphan1" }]);
    expect([...(await store.readFile("2022-09", "orphan1"))!]).toEqual([7]);
  });

  it("opens a data folder made before reviews named the submission they judged, and keeps its decisions", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gongkai-old-"));
    const old = new Database(join(dir, "gongkai.db"));
    old.exec("CREATE TABLE reviews (id TEXT PRIMARY KEY, round TEXT NOT NULL, task TEXT NOT NULL, label TEXT NOT NULL, unit TEXT NOT NULL, decision TEXT NOT NULL, comment TEXT NOT NULL, by TEXT NOT NULL, at TEXT NOT NULL)");
    old.prepare("INSERT INTO reviews VALUES ('r0', '2022-03', 'T5', '基础信息公开', '旗财政局', 'accepted', '', 'tok', '2022-03-20T02:00:00.000Z')").run();
    old.close();
    const store = new EmbeddedStore(dir);
    await store.addReview({ id: "r1", round: "2022-03", task: "T5", label: "基础信息公开", unit: "旗财政局", decision: "returned", comment: "请补充", by: "tok", at: "2022-03-21T02:00:00.000Z", submission: "2022-03-0123456789abcdef01234567" });
    expect((await store.listReviews()).map((r) => [r.id, r.submission])).toEqual([["r0", ""], ["r1", "2022-03-0123456789abcdef01234567"]]);
    // …and before reviews could name an item: the column is added, a decision naming one kept with it
    await store.addReview({ id: "r2", round: "2022-03", task: "T5", label: "基础信息公开（细化事项：发布目录）", unit: "旗财政局", decision: "accepted", comment: "", by: "tok", at: "2022-03-22T02:00:00.000Z", submission: "2022-03-0123456789abcdef01234567", item: "T5-abc123" });
    expect((await store.listReviews()).map((r) => r.item)).toEqual([undefined, undefined, "T5-abc123"]);
    store.close();
    await rm(dir, { recursive: true, force: true });
  });
});
