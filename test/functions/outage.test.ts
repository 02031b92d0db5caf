import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submissionId, sha256 } from "../../functions/ingest.js";
import { DEV_ACCOUNT, DEV_KEY } from "../../functions/storage/connection.js";
import { AzureStore } from "../../functions/storage/store.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";
import { startHarness, type Harness } from "./harness.js";

/** A real store that stops the real Azurite right after the file is archived: a failure mid-submission. */
let stopAfterArchive = false;
let h: Harness;
class StopsMidway extends AzureStore {
  override async archiveFile(round: string, id: string, bytes: Uint8Array) {
    const r = await super.archiveFile(round, id, bytes);
    if (stopAfterArchive) {
      stopAfterArchive = false;
      await h.azurite!.stop();
    }
    return r;
  }
}

let token: string;
const copy = async (note: string) =>
  (await buildCopy({ unit: "旗财政局", rows: CLEAN_ROWS, filled: { ...allDone(FINANCE_TASKS), 统计信息: { progress: note, status: "推进中" } } })).bytes;

beforeAll(async () => {
  const location = await mkdtemp(join(tmpdir(), "gongkai-azurite-"));
  h = await startHarness({ location, store: (cs) => new StopsMidway(cs) });
  token = await h.token("旗财政局");
});
afterAll(() => h?.close());

describe("storage going away", () => {
  it("mid-submission: 503, and after a restart no index entry exists without its file", async () => {
    const first = await h.submit(token, await copy("第一版"));
    expect(first.status).toBe(201);

    const second = await copy("第二版");
    stopAfterArchive = true;
    const r = await h.submit(token, second);
    expect(r.status).toBe(503);
    expect(r.json).toMatchObject({ error: "storage-unavailable", message: expect.stringMatching(/稍后重试/) });
    expect((await h.get("/api/health")).status).toBe(503);

    await h.azurite!.restart();
    const id = submissionId("旗财政局", "2022-03", sha256(second));
    expect(await h.services.store.getSubmission("2022-03", id)).toBeUndefined();
    const latest = await h.services.store.listLatest("2022-03");
    expect(latest.map((l) => l.latest.submissionId)).toEqual([first.json.submission.id]);
    for (const l of latest) expect(await h.services.store.readFile("2022-03", l.latest.submissionId)).toBeDefined();

    // The same file sent again completes what was begun.
    const retry = await h.submit(token, second);
    expect(retry.status).toBe(201);
    expect(retry.json.submission.id).toBe(id);
    expect((await h.services.store.listLatest("2022-03"))[0]!.latest.submissionId).toBe(id);
  });

  it("while it is down: 503 at once for every route that needs it; after a restart, submissions work", async () => {
    await h.azurite!.stop();
    const t0 = Date.now();
    const r = await h.submit(token, await copy("第三版"));
    expect(r.status).toBe(503);
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect((await h.get("/api/status", h.coordinator)).status).toBe(503);
    await h.azurite!.restart();
    const ok = await h.submit(token, await copy("第三版"));
    expect(ok.status).toBe(201);
  });
});

describe("storage that answers but cannot be written", () => {
  it("health 503 says writing is refused and what to check (a read-only SAS), not 'reachable'", async () => {
    const { AccountSASPermissions, AccountSASResourceTypes, AccountSASServices, StorageSharedKeyCredential, generateAccountSASQueryParameters } = await import("@azure/storage-blob");
    const full = new AzureStore(h.azurite!.connectionString);
    await full.ensureReady();
    expect(await full.health()).toEqual({ ok: true });
    const sas = generateAccountSASQueryParameters(
      {
        expiresOn: new Date(Date.now() + 3_600_000),
        permissions: AccountSASPermissions.parse("rl"),
        resourceTypes: AccountSASResourceTypes.parse("sco").toString(),
        services: AccountSASServices.parse("bt").toString(),
      },
      new StorageSharedKeyCredential(DEV_ACCOUNT, DEV_KEY),
    ).toString();
    const endpoints = h.azurite!.connectionString.split(";").filter((p) => /^(BlobEndpoint|TableEndpoint)=/.test(p));
    const readOnly = new AzureStore([...endpoints, `SharedAccessSignature=${sas}`].join(";") + ";");
    const said = await readOnly.health();
    expect(said.ok).toBe(false);
    expect(said.error).toMatch(/拒绝写入（403）.*读写权限/);
  });
});
