/**
 * The local host's front door under abuse, over real sockets: a body is read only for a valid token of the right
 * role, inside a few slots and a deadline; aborts log one line; pages and API say nosniff, the pages carry a CSP
 * and framing rules; HEAD answers as GET.
 */
import { connect, type Socket } from "node:net";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staticFiles } from "../../functions/dev/staticFiles.js";
import { startLocalHost, type LocalHost } from "../../functions/localHost.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";
import { completeCopy } from "../../workbook/index.js";
import { startHarness, type Harness } from "./harness.js";

const PAGES = join(import.meta.dirname, "../../addin/pages");
const MB = 1024 * 1024;

let h: Harness;
let host: LocalHost;
let finance: string;
let stats: string;
beforeAll(async () => {
  h = await startHarness({ embedded: true });
  // small bounds, so that the test sees them act: 3 bodies in all, 2 per token, no wait for a slot, 1.5 s per body
  host = await startLocalHost(h.services, { quiet: true, maxBodies: 3, maxBodiesPerToken: 2, slotWaitMs: 0, bodyTimeoutMs: 1_500, extra: [staticFiles("/", PAGES)] });
  finance = await h.token("旗财政局");
  stats = await h.token("旗统计局");
}, 60_000);
afterAll(async () => {
  await host?.close();
  await h?.close();
});

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** ms from the request's headers being written. */
  ms: number;
}

/** A request written by hand: the headers, then `sent` bytes of a body that may never be finished. */
class Raw {
  readonly socket: Socket;
  readonly answer: Promise<Answer>;
  readonly closed: Promise<void>;
  private readonly t0 = performance.now();

  constructor(base: string, method: string, path: string, headers: Record<string, string | number>, sent?: Buffer) {
    const { hostname, port } = new URL(base);
    this.socket = connect(Number(port), hostname);
    this.socket.on("error", () => undefined); // the server may close while we still write: that is the point
    const head = [`${method} ${path} HTTP/1.1`, `host: ${hostname}:${port}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), "", ""].join("\r\n");
    this.socket.write(head);
    if (sent) this.socket.write(sent);
    let data = Buffer.alloc(0);
    this.answer = new Promise((resolve) => {
      const tryParse = () => {
        const end = data.indexOf("\r\n\r\n");
        if (end < 0) return;
        const [status, ...lines] = data.subarray(0, end).toString("latin1").split("\r\n");
        const hs = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
        const length = Number(hs["content-length"] ?? 0);
        const bodyBytes = method === "HEAD" ? 0 : length;
        if (data.length - end - 4 < bodyBytes) return;
        resolve({ status: Number(status!.split(" ")[1]), headers: hs, body: data.subarray(end + 4, end + 4 + bodyBytes).toString("utf8"), ms: performance.now() - this.t0 });
      };
      this.socket.on("data", (c: Buffer) => {
        data = Buffer.concat([data, c]);
        tryParse();
      });
    });
    this.closed = new Promise((resolve) => this.socket.once("close", () => resolve()));
  }
}

const upload = (token: string | undefined, length: number, sent?: Buffer, path = "/api/submissions?round=2022-03", method = "POST") =>
  new Raw(host.url, method, path, { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-length": length, "content-type": "application/octet-stream" }, sent);

const within = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a body is read only for a valid token of the right role", () => {
  it.each([
    ["no token", undefined, "/api/submissions?round=2022-03", "POST", 401],
    ["a made-up token", "gk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "/api/submissions?round=2022-03", "POST", 401],
    ["the coordinator's token on submissions", "coordinator", "/api/submissions?round=2022-03", "POST", 403],
    ["a unit's token on the roster", "unit", "/api/roster", "PUT", 403],
    ["a unit's token on the task list", "unit", "/api/tasks?round=2022-03", "PUT", 403],
    ["a unit's token on reviews", "unit", "/api/reviews?round=2022-03", "POST", 403],
  ])("%s: refused before the client has sent a byte of its 10 MB, the connection closed", async (_name, who, path, method, status) => {
    const token = who === "coordinator" ? h.coordinator : who === "unit" ? finance : who;
    const r = upload(token, 10 * MB, undefined, path, method);
    const a = await within(r.answer, 3_000, "refusal");
    expect(a.status).toBe(status);
    expect(a.headers.connection).toBe("close");
    expect(JSON.parse(a.body).message).toMatch(/[\u4e00-\u9fff]/);
    await within(r.closed, 3_000, "close");
    expect(host.bodies()).toEqual({ inFlight: 0, bufferedBytes: 0 });
  });

  it("a declared length over the upload limit: 413 at once, unread", async () => {
    const r = upload(finance, h.services.settings.maxUploadBytes + 1);
    const a = await within(r.answer, 3_000, "413");
    expect(a.status).toBe(413);
    expect(JSON.parse(a.body).message).toContain("MB 的上限");
    await within(r.closed, 3_000, "close");
  });
});

describe("bodies in flight are capped, per token and in all", () => {
  it("20 stalled uploads of 2 MB each (10 with one unit's token, 10 with none): 2 read, the rest refused at once; memory stays flat; another unit submits meanwhile", async () => {
    const valid = await completeCopy("旗统计局"); // built before the clock runs: building blocks this process
    const part = Buffer.alloc(2 * MB, 0x41);
    const before = process.memoryUsage().arrayBuffers;
    const mine = Array.from({ length: 10 }, () => upload(finance, 5 * MB, part));
    const strangers = Array.from({ length: 10 }, () => upload(undefined, 5 * MB, part));
    const refused = await Promise.all([...mine.slice(2), ...strangers].map((r) => within(r.answer, 3_000, "refusal")));
    expect(refused.filter((a) => a.status === 429)).toHaveLength(8);
    expect(refused.filter((a) => a.status === 401)).toHaveLength(10);
    const busy = refused.find((a) => a.status === 429)!;
    expect(Number(busy.headers["retry-after"])).toBeGreaterThan(0);
    expect(JSON.parse(busy.body).message).toMatch(/请等候 \d+ 秒后再提交/);
    expect(Math.max(...refused.map((a) => a.ms))).toBeLessThan(2_000); // at once: well before the 1.5 s body deadline plus anything
    // the two admitted have sent 2 MB each, no more is held
    await sleep(300);
    const held = host.bodies();
    expect(held.inFlight).toBe(2);
    expect(held.bufferedBytes).toBeLessThanOrEqual(2 * part.length);
    const grown = process.memoryUsage().arrayBuffers - before;
    console.info(`[frontDoor] 20 stalled 2 MB uploads: ${held.inFlight} read, ${(held.bufferedBytes / MB).toFixed(1)} MB held, Buffers grew ${(grown / MB).toFixed(1)} MB`);
    expect(grown).toBeLessThan(12 * MB); // today: every one of the 20 bodies buffered, ≥ 40 MB

    // the third slot in all is taken by a third unit; a fourth is then refused at once
    const third = upload(await h.token("旗发改委"), 5 * MB, Buffer.alloc(64 * 1024));
    await sleep(200);
    const fourth = upload(await h.token("旗教育局"), 5 * MB, Buffer.alloc(64 * 1024));
    expect((await within(fourth.answer, 2_000, "429")).status).toBe(429);
    third.socket.destroy(); // its slot is free again

    // another unit's real table goes through while the two stall
    const t = performance.now();
    const r = await fetch(`${host.url}/api/submissions?round=2022-03`, { method: "POST", body: new Uint8Array(valid), headers: { authorization: `Bearer ${stats}` } });
    expect(r.status).toBe(201);
    expect(performance.now() - t).toBeLessThan(10_000);

    // the stalled ones are cut at the body deadline (1.5 s): 408, the connection closed, the slots free again
    const cut = await Promise.all(mine.slice(0, 2).map((r) => within(r.answer, 4_000, "408")));
    expect(cut.map((a) => a.status)).toEqual([408, 408]);
    expect(JSON.parse(cut[0]!.body).message).toContain("秒内没有传完");
    await Promise.all(mine.map((r) => within(r.closed, 3_000, "close")));
    expect(host.bodies()).toEqual({ inFlight: 0, bufferedBytes: 0 });
  }, 30_000);
});

describe("a body holds its slot until it is answered", () => {
  it("three submissions read and waiting on the store keep the three slots; a fourth is refused at once; answered, the slots are free", async () => {
    const units = ["旗财政局", "旗统计局", "旗发改委"];
    const copies = await Promise.all(units.map((u) => completeCopy(u)));
    const tokens = [finance, stats, await h.token("旗发改委")];
    // the store's commit held back (the real store, called once let go): the three are read and judged, not answered
    const store = h.services.store;
    const commit = store.commit.bind(store);
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    store.commit = async (c) => (await held, commit(c));
    try {
      const answers = copies.map((bytes, i) => fetch(`${host.url}/api/submissions?round=2022-02`, { method: "POST", body: new Uint8Array(bytes), headers: { authorization: `Bearer ${tokens[i]}` } }));
      await sleep(3_000);
      expect(host.bodies().inFlight).toBe(3);
      const fourth = await fetch(`${host.url}/api/submissions?round=2022-02`, { method: "POST", body: new Uint8Array(copies[0]!), headers: { authorization: `Bearer ${await h.token("旗教育局")}` } });
      expect(fourth.status).toBe(429);
      letGo();
      expect((await Promise.all(answers)).map((r) => r.status)).toEqual([201, 201, 201]);
      expect(host.bodies()).toEqual({ inFlight: 0, bufferedBytes: 0 });
    } finally {
      letGo();
      store.commit = commit;
    }
  }, 30_000);
});

describe("logs", () => {
  /** Every line written to the console while `f` runs (console.* replaced, then put back). */
  async function captured(f: () => Promise<void>): Promise<string[]> {
    const lines: string[] = [];
    const saved = { log: console.log, warn: console.warn, error: console.error, info: console.info };
    const keep = (...args: unknown[]) => void lines.push(...args.map((a) => (a instanceof Error ? String(a.stack) : String(a))).join(" ").split("\n"));
    Object.assign(console, { log: keep, warn: keep, error: keep, info: keep });
    try {
      await f();
    } finally {
      Object.assign(console, saved);
    }
    return lines;
  }

  it("a client that leaves mid-body or before its answer: one line each, no stack", async () => {
    // two different files: a repeat of the first would be answered at once, perhaps before its client has gone
    const files = await Promise.all(["第一稿", "第二稿"].map(async (title) => (await buildCopy({ rows: CLEAN_ROWS, filled: allDone(FINANCE_TASKS), title })).bytes));
    const lines = await captured(async () => {
      for (let i = 0; i < 3; i++) {
        const r = upload(finance, 1 * MB, Buffer.alloc(100 * 1024));
        await sleep(150);
        r.socket.destroy();
        await sleep(150);
      }
      const store = h.services.store;
      const commit = store.commit.bind(store);
      for (let i = 0; i < 2; i++) {
        // the whole file read and judged, its record held back (the real store, called once let go): the client
        // leaves then, before its answer, however fast or slow the machine is
        let judged!: () => void;
        const atCommit = new Promise<void>((resolve) => (judged = resolve));
        let letGo!: () => void;
        const held = new Promise<void>((resolve) => (letGo = resolve));
        store.commit = async (c) => (judged(), await held, commit(c));
        try {
          const bytes = files[i]!;
          const r = upload(finance, bytes.length, Buffer.from(bytes), "/api/submissions?round=2022-03");
          await atCommit;
          r.socket.destroy();
          await sleep(100);
        } finally {
          letGo();
          store.commit = commit;
        }
        // its body holds a slot until the service has answered it (to no one): the next starts when it is free
        const t = performance.now();
        while (host.bodies().inFlight > 0 && performance.now() - t < 10_000) await sleep(50);
        await sleep(100);
      }
    });
    expect(lines.filter((l) => /^\s+at /.test(l))).toEqual([]);
    expect(lines, lines.join("\n")).toHaveLength(5);
    expect(lines.filter((l) => l.includes("在发送文件途中"))).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(/POST \/api\/submissions：客户端.*断开/);
  }, 20_000);
});

describe("headers and HEAD", () => {
  it.each(["/api/health", "/taskpane.html", "/dashboard.html", "/taskpane.css"])("%s says nosniff", async (path) => {
    const r = await fetch(`${host.url}${path}`);
    expect(r.status).toBe(200);
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("the dashboard is never framed", async () => {
    const r = await fetch(`${host.url}/dashboard.html`);
    expect(r.headers.get("x-frame-options")).toBe("DENY");
    expect(r.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it.each(["taskpane.html", "notice.html", "commands.html"])("%s may be framed by Office on the web, by nobody else", async (page) => {
    const r = await fetch(`${host.url}/${page}`);
    expect(r.headers.get("x-frame-options")).toBeNull();
    const csp = r.headers.get("content-security-policy")!;
    const ancestors = /frame-ancestors ([^;]+)/.exec(csp)![1]!.split(" ");
    expect(ancestors).toEqual(expect.arrayContaining(["'self'", "https://*.officeapps.live.com", "https://*.office.com"]));
    expect(ancestors).not.toContain("*");
  });

  it.each(["taskpane.html", "dashboard.html", "notice.html", "commands.html", "help.html"])("%s: scripts from this site, Office's CDN and its own inline scripts by hash only", async (page) => {
    const csp = (await fetch(`${host.url}/${page}`)).headers.get("content-security-policy")!;
    const scripts = /script-src ([^;]+)/.exec(csp)![1]!.split(" ");
    expect(scripts).toContain("'self'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts.filter((s) => s !== "'self'" && s !== "'unsafe-eval'" && !s.startsWith("'sha256-")).every((s) => s === "https://appsforoffice.microsoft.com")).toBe(true);
    const html = await readFile(join(PAGES, page), "utf8");
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)].length;
    expect(scripts.filter((s) => s.startsWith("'sha256-"))).toHaveLength(inline);
    expect(csp).toContain("object-src 'none'");
  });

  it.each(["/api/health", "/taskpane.html"])("HEAD %s answers as GET, without the body", async (path) => {
    const get = await fetch(`${host.url}${path}`);
    const got = Buffer.from(await get.arrayBuffer());
    const head = await within(new Raw(host.url, "HEAD", path, {}).answer, 3_000, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-type"]).toBe(get.headers.get("content-type"));
    expect(path.startsWith("/api/") ? Number(head.headers["content-length"]) > 0 : Number(head.headers["content-length"])).toBe(path.startsWith("/api/") ? true : got.length);
    expect(head.body).toBe("");
  });

  it("HEAD on a coordinator's address without a token: 401 as GET; on an upload-only address: 405 naming what it takes", async () => {
    expect((await fetch(`${host.url}/api/ledger?round=2022-03`, { method: "HEAD" })).status).toBe(401);
    const r = await fetch(`${host.url}/api/submissions`, { method: "HEAD" });
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toContain("POST");
  });
});
