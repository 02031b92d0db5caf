/**
 * The embedded store under faults, with real processes and real files: another program holding the database,
 * a corrupted `gongkai.db`, a data folder that cannot be written, a disk nearly full.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, open, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeCopy } from "../../workbook/index.js";
import { HttpRequest, InvocationContext } from "@azure/functions";
import { settingsWith } from "../../functions/config.js";
import { tasksHandler } from "../../functions/handlers/config.js";
import { reviewsHandler } from "../../functions/handlers/reviews.js";
import { statusHandler } from "../../functions/handlers/status.js";
import { handler, type Handler } from "../../functions/http.js";
import { startLocalHost, type LocalHost } from "../../functions/localHost.js";
import { createServices, type Services } from "../../functions/services.js";
import { EmbeddedStore } from "../../functions/storage/embedded.js";
import { issueToken } from "../../functions/tokens.js";
import { fakeClock } from "./harness.js";

const root = join(import.meta.dirname, "../..");
const children = new Set<ChildProcess>();
const dirs: string[] = [];
afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** A second process that takes the database's write lock (`BEGIN IMMEDIATE`) and holds it for `ms`; resolves once it holds it. */
async function holdWriteLock(db: string, ms: number): Promise<{ released: Promise<void> }> {
  const script = `const D = require("better-sqlite3"); const db = new D(${JSON.stringify(db)});
db.exec("BEGIN IMMEDIATE"); console.log("locked");
setTimeout(() => { db.exec("COMMIT"); db.close(); console.log("released"); }, ${ms});`;
  const child = spawn(process.execPath, ["-e", script], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  children.add(child);
  const released = new Promise<void>((r) => child.once("exit", () => (children.delete(child), r())));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("locked") && resolve());
    child.once("exit", () => reject(new Error("the lock holder ended before it took the lock")));
  });
  return { released };
}

interface Service {
  services: Services;
  store: EmbeddedStore;
  host: LocalHost;
  dir: string;
  coordinator: string;
  close(): Promise<void>;
}

async function service(options: ConstructorParameters<typeof EmbeddedStore>[1] = {}, dir?: string): Promise<Service> {
  dir ??= await mkdtemp(join(tmpdir(), "gongkai-faults-"));
  dirs.push(dir);
  const base = createServices(settingsWith({ kind: "embedded", dir }), fakeClock());
  const store = new EmbeddedStore(dir, options);
  const services = { ...base, store };
  const host = await startLocalHost(services, { quiet: true });
  const coordinator = await issueToken(store, { role: "coordinator", unit: "" }).catch(() => "");
  return { services, store, host, dir, coordinator, close: async () => (await host.close(), store.close()) };
}

const submit = async (s: Service, token: string, body: Uint8Array) => {
  const r = await fetch(`${s.host.url}/api/submissions?round=2022-03`, { method: "POST", body: new Uint8Array(body), headers: { authorization: `Bearer ${token}` } });
  return { status: r.status, json: await r.json() };
};

const timed = async <T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const t0 = performance.now();
  const value = await f();
  return { ms: performance.now() - t0, value };
};

describe("another process holding the database", () => {
  let s: Service;
  beforeAll(async () => {
    s = await service();
  });
  afterAll(() => s.close());

  it("health answers at once meanwhile, and valid files started during the lock are accepted after it or refused 503, never recorded unreadable", async () => {
    const units = ["旗财政局", "旗教育局", "旗统计局", "旗民政局", "旗发改委", "旗住建局", "旗人社局"];
    const copies = await Promise.all(units.map(async (u) => ({ token: await issueToken(s.store, { role: "unit", unit: u }), bytes: await completeCopy(u) })));
    // the workers are up and a first file is on record before the lock
    expect((await submit(s, copies[0]!.token, copies[0]!.bytes)).status).toBe(201);

    const lock = await holdWriteLock(join(s.dir, "gongkai.db"), 8_000);
    const t0 = Date.now();
    // a file sent every second of the lock while health is asked every 200 ms
    const sent = copies.slice(1).map((c, i) => new Promise((r) => setTimeout(r, i * 1_000)).then(() => submit(s, c.token, c.bytes)));
    // (the test runs in the service's process: a frozen loop shows as a long gap between answers, not a slow answer)
    const gaps: number[] = [];
    let last = performance.now();
    while (Date.now() - t0 < 7_500) {
      expect((await fetch(`${s.host.url}/api/health`)).status).toBe(200);
      gaps.push(performance.now() - last);
      last = performance.now();
      await new Promise((r) => setTimeout(r, 100));
    }
    const answers = await Promise.all(sent);
    await lock.released;
    console.log("health during the lock (ms):", gaps.map(Math.round).join(" "), "answers:", answers.map((a) => a.status).join(" "));
    // every answer within a second of the one before, asked every 100 ms, on a shared machine (before: frozen 5 s at a time)
    expect(gaps.length).toBeGreaterThan(20);
    expect(Math.max(...gaps)).toBeLessThan(1_000);
    expect(gaps.sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!).toBeLessThan(400);
    for (const a of answers) {
      expect([201, 503]).toContain(a.status);
      if (a.status === 503) expect(a.json.message).toMatch(/稍后重试/);
    }
    // nothing recorded as unreadable: every unit's file is on record accepted, or not at all (it will be sent again)
    const records = await s.store.listSubmissions("2022-03");
    expect(records.filter((r) => r.outcome !== "accepted")).toEqual([]);
    expect(answers.filter((a) => a.status === 201).length + 1).toBe(records.length);
  }, 60_000);

  it("a lock held longer than the store waits: 503 稍后重试 naming the database, and health answered meanwhile", async () => {
    const short = await service({ busyDeadlineMs: 1_000 });
    try {
      const token = await issueToken(short.store, { role: "unit", unit: "旗财政局" });
      const bytes = await completeCopy("旗财政局");
      // the parse workers started first (alone, this test's file would wait for them past the lock's 3 s)
      expect((await submit(short, await issueToken(short.store, { role: "unit", unit: "旗统计局" }), await completeCopy("旗统计局"))).status).toBe(201);
      const kept = async () => await readdir(join(short.dir, "files", "2022-03"));
      const before = await kept();
      const lock = await holdWriteLock(join(short.dir, "gongkai.db"), 3_000);
      const r = await timed(() => submit(short, token, bytes));
      expect(r.value.status).toBe(503);
      expect(r.value.json).toMatchObject({ error: "storage-unavailable", fault: "busy" });
      expect(r.value.json.message).toContain(join(short.dir, "gongkai.db"));
      expect(r.value.json.message).toMatch(/本次报送未保存，请稍后重试/);
      expect(r.ms).toBeLessThan(2_900);
      // told nothing was kept: its bytes and the report read from them are not left behind either (nothing announced at the next start)
      expect(await kept()).toEqual(before);
      await lock.released;
      expect((await submit(short, token, bytes)).status).toBe(201);
    } finally {
      await short.close();
    }
  }, 60_000);
});

/** Makes a file or folder unwritable even for root (`chattr +i`), or by its mode for anyone else. */
async function unwritable(path: string): Promise<() => Promise<void>> {
  const run = (cmd: string, args: string[]) =>
    new Promise<number>((r) => spawn(cmd, args, { stdio: "ignore" }).once("exit", (code) => r(code ?? 1)).once("error", () => r(1)));
  if (process.getuid?.() === 0) {
    if ((await run("chattr", ["+i", path])) !== 0) throw new Error(`chattr +i ${path} failed: this test needs it when run as root`);
    return async () => void (await run("chattr", ["-i", path]));
  }
  const mode = (await stat(path)).mode & 0o777;
  await run("chmod", ["a-w", path]);
  return async () => void (await run("chmod", [mode.toString(8), path]));
}

describe("faults named", () => {
  it("a corrupted gongkai.db: health 503 naming the file and what to do; a submission and a review say so, each its own way", async () => {
    const first = await service();
    const token = await issueToken(first.store, { role: "unit", unit: "旗财政局" });
    await first.close();
    // overwrite the database's pages after the header with junk, as a failing disk would
    const db = join(first.dir, "gongkai.db");
    const size = (await stat(db)).size;
    const f = await open(db, "r+");
    await f.write(Buffer.alloc(size - 100, 0x5a), 0, size - 100, 100);
    await f.close();

    const s = await service({}, first.dir);
    try {
      const h = await fetch(`${s.host.url}/api/health`);
      expect(h.status).toBe(503);
      const body = await h.json();
      expect(body).toMatchObject({ status: "unavailable", storage: "corrupt", path: db });
      expect(body.message).toContain(`数据库文件 ${db} 已损坏`);
      expect(body.message).toMatch(/从备份恢复/);
      const r = await submit(s, token, await completeCopy("旗财政局"));
      expect(r.status).toBe(503);
      expect(r.json.message).toContain(db);
      expect(r.json.message).not.toMatch(/审核|任务分解表未保存/);
      // each operation says what did not happen: through the HTTP host, and through the handlers as Azure Functions calls them
      const tasks = await fetch(`${s.host.url}/api/tasks?round=2022-03`, { method: "PUT", body: "x", headers: { authorization: `Bearer ${token}` } });
      expect(tasks.status).toBe(503);
      expect((await tasks.json()).message).not.toContain("报送");
      const call = async (h: Handler, method: string, path: string) => {
        const request = new HttpRequest({ method, url: `http://localhost/api/${path}`, headers: { authorization: `Bearer ${token}` }, ...(method === "GET" ? {} : { body: { string: "{}" } }) });
        return (await handler(h, async () => s.services)(request, new InvocationContext({ logHandler: () => undefined }))) as { status: number; jsonBody: { message: string } };
      };
      const review = await call(reviewsHandler, "POST", "reviews");
      expect(review.status).toBe(503);
      expect(review.jsonBody.message).toContain(`数据库文件 ${db} 已损坏，本次审核意见未保存：`);
      expect((await call(tasksHandler, "PUT", "tasks?round=2022-03")).jsonBody.message).toContain("任务分解表未保存");
      expect((await call(statusHandler, "GET", "status")).jsonBody.message).toContain("暂时无法读取");
    } finally {
      await s.close();
    }
  }, 60_000);

  it("a data folder that cannot be written: health 503 naming it; a submission 503 naming it, not a hiccup", async () => {
    const s = await service();
    const token = await issueToken(s.store, { role: "unit", unit: "旗财政局" });
    const files = join(s.dir, "files");
    const restore = await unwritable(files);
    try {
      const h = await fetch(`${s.host.url}/api/health`);
      expect(h.status).toBe(503);
      const body = await h.json();
      expect(body).toMatchObject({ storage: "read-only", store: { writable: false } });
      expect(body.message).toContain(files);
      const r = await submit(s, token, await completeCopy("旗财政局"));
      expect(r.status).toBe(503);
      expect(r.json.fault).toBe("read-only");
      expect(r.json.message).toMatch(/不可写/);
    } finally {
      await restore();
    }
    expect((await fetch(`${s.host.url}/api/health`)).status).toBe(200);
    expect((await submit(s, token, await completeCopy("旗财政局"))).status).toBe(201);
    await s.close();
  }, 60_000);

  it("a file where the folder of received files should be: health 503 naming it, and what to do", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gongkai-faults-"));
    await writeFile(join(dir, "files"), "not a folder");
    const s = await service({}, dir);
    try {
      const h = await fetch(`${s.host.url}/api/health`);
      expect(h.status).toBe(503);
      const body = await h.json();
      expect(body).toMatchObject({ storage: "not-a-folder", path: join(dir, "files") });
      expect(body.message).toContain(`${join(dir, "files")} 应是文件夹，现在却是一个文件`);
    } finally {
      await s.close();
    }
  }, 60_000);

  it("a read-only gongkai.db: health 503 naming the database; reads still answered, a submission refused naming it", async () => {
    const first = await service();
    const coordinator = first.coordinator;
    const token = await issueToken(first.store, { role: "unit", unit: "旗财政局" });
    await first.close();
    const db = join(first.dir, "gongkai.db");
    const restore = await unwritable(db);
    const s = await service({}, first.dir);
    try {
      const h = await fetch(`${s.host.url}/api/health`);
      expect(h.status).toBe(503);
      const body = await h.json();
      expect(body).toMatchObject({ storage: "read-only", path: db });
      expect(body.message).toMatch(/不可写/);
      expect((await fetch(`${s.host.url}/api/status?round=2022-03`, { headers: { authorization: `Bearer ${coordinator}` } })).status).toBe(200);
      const r = await submit(s, token, await completeCopy("旗财政局"));
      expect(r.status).toBe(503);
      expect(r.json).toMatchObject({ fault: "read-only", path: db });
    } finally {
      await s.close();
      await restore();
    }
  }, 60_000);

  it("a disk nearly full (less free space than the store needs): health 503 saying how much is left, and a submission is refused alike", async () => {
    const s = await service({ minFreeBytes: Number.MAX_SAFE_INTEGER });
    try {
      const h = await fetch(`${s.host.url}/api/health`);
      expect(h.status).toBe(503);
      const body = await h.json();
      expect(body).toMatchObject({ storage: "full", store: { writable: true, integrity: "ok" } });
      expect(body.store.freeBytes).toBeGreaterThan(0);
      expect(body.message).toMatch(/磁盘空间不足/);
      expect(body.message).toContain("现在不能接收报送"); // nobody sent anything: not "本次报送未保存"
      // health and the submission agree: 503 full, nothing kept
      const r = await submit(s, await issueToken(s.store, { role: "unit", unit: "旗财政局" }), await completeCopy("旗财政局"));
      expect(r.status).toBe(503);
      expect(r.json).toMatchObject({ fault: "full" });
    } finally {
      await s.close();
    }
    const ok = await service();
    const body = await (await fetch(`${ok.host.url}/api/health`)).json();
    expect(body).toMatchObject({ status: "ok", store: { writable: true, integrity: "ok", kind: "embedded" } });
    expect(body.store.freeBytes).toBeGreaterThan(0);
    await ok.close();
  }, 60_000);
});
