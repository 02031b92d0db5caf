/**
 * A storage fault met at the front door (verifying the token, before the body is read) says what did not happen for
 * the operation asked, as the handlers do: a task list's upload is never told "本次报送未保存".
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settingsWith } from "../../functions/config.js";
import { StorageUnavailableError } from "../../functions/errors.js";
import { startLocalHost, type LocalHost } from "../../functions/localHost.js";
import { createServices } from "../../functions/services.js";
import { EmbeddedStore } from "../../functions/storage/embedded.js";
import { issueToken } from "../../functions/tokens.js";
import { fakeClock } from "./harness.js";

/** A store whose database went bad once the tokens were issued: every token read fails, naming the file. */
class CorruptAfterIssue extends EmbeddedStore {
  broken = false;
  override getToken(tokenId: string) {
    if (this.broken) return Promise.reject(new StorageUnavailableError(new Error("SQLITE_CORRUPT"), { kind: "corrupt", path: join(this.dir, "gongkai.db") }));
    return super.getToken(tokenId);
  }
}

let dir: string;
let store: CorruptAfterIssue;
let host: LocalHost;
let coordinator: string;
let unit: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "gongkai-door-faults-"));
  store = new CorruptAfterIssue(dir);
  const services = { ...createServices(settingsWith({ kind: "embedded", dir }), fakeClock()), store };
  host = await startLocalHost(services, { quiet: true });
  coordinator = await issueToken(store, { role: "coordinator", unit: "" });
  unit = await issueToken(store, { role: "unit", unit: "旗财政局" });
  store.broken = true;
});
afterAll(async () => {
  await host?.close();
  store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("a storage fault before the body is read", () => {
  it.each([
    ["a task list", "PUT", "/api/tasks?round=2022-03", "coordinator", "任务分解表未保存"],
    ["a roster", "PUT", "/api/roster", "coordinator", "单位名册未保存"],
    ["a review", "POST", "/api/reviews?round=2022-03", "coordinator", "本次审核意见未保存"],
    ["a submission", "POST", "/api/submissions?round=2022-03", "unit", "本次报送未保存"],
  ])("%s: 503 naming the database and saying what was not saved", async (_what, method, path, who, notDone) => {
    const token = who === "unit" ? unit : coordinator;
    const r = await fetch(`${host.url}${path}`, { method, body: "x", headers: { authorization: `Bearer ${token}` } });
    expect(r.status).toBe(503);
    const { message } = (await r.json()) as { message: string };
    expect(message).toContain(`数据库文件 ${join(dir, "gongkai.db")} 已损坏，${notDone}：`);
    if (who !== "unit") expect(message).not.toContain("报送");
  });
});
