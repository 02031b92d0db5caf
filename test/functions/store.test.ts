import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAzurite, type Azurite } from "../../functions/dev/azurite.js";
import { AzureStore, isConflict, type SubmissionRecord } from "../../functions/storage/store.js";

let az: Azurite;
let store: AzureStore;
beforeAll(async () => {
  az = await startAzurite();
  store = new AzureStore(az.connectionString);
});
afterAll(() => az?.stop());

const record = (id: string, receivedAt: string): SubmissionRecord => ({
  id, round: "2022-03", unit: "旗财政局", receivedAt, sha256: "", size: 1, outcome: "accepted", errors: 0, warnings: 0, reason: "", fault: "",
});
const next = (id: string, receivedAt: string) => ({ round: "2022-03", unit: "旗财政局", submissionId: id, receivedAt, errors: 0, warnings: 0 });

describe("LedgerStore on Azurite", () => {
  it("writes record and index together, and refuses an index update based on a stale ETag", async () => {
    await store.commit({ record: record("a", "1"), extract: { v: "a" }, latest: { next: next("a", "1"), etag: null } });
    const seen = (await store.getLatest<{ v: string }>("2022-03", "旗财政局"))!;
    expect(seen.extract).toEqual({ v: "a" });
    await store.commit({ record: record("b", "2"), extract: { v: "b" }, latest: { next: next("b", "2"), etag: seen.etag } });
    // a writer that read before "b" was written loses, and its record is not written either
    const stale = await store.commit({ record: record("c", "3"), extract: { v: "c" }, latest: { next: next("c", "3"), etag: seen.etag } }).catch((e: unknown) => e);
    expect(isConflict(stale)).toBe(true);
    expect(await store.getSubmission("2022-03", "c")).toBeUndefined();
    expect((await store.getLatest("2022-03", "旗财政局"))!.latest.submissionId).toBe("b");
    // creating a first entry that someone else created meanwhile also conflicts
    const dup = await store.commit({ record: record("d", "4"), extract: {}, latest: { next: next("d", "4"), etag: null } }).catch((e: unknown) => e);
    expect(isConflict(dup)).toBe(true);
  });

  it("keeps large extracts whole across several table properties", async () => {
    const big = { text: "政务公开".repeat(30_000) };
    await store.commit({ record: record("big", "5"), extract: big });
    expect((await store.getSubmission("2022-03", "big"))!.extract).toEqual(big);
  });

  it("never overwrites a received file", async () => {
    expect(await store.archiveFile("2022-03", "f", new Uint8Array([1, 2, 3]))).toBe("created");
    expect(await store.archiveFile("2022-03", "f", new Uint8Array([9, 9, 9]))).toBe("exists");
    expect([...(await store.readFile("2022-03", "f"))!]).toEqual([1, 2, 3]);
  });
});
