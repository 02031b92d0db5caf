import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { parseTokensFile } from "../../functions/tokens.js";
import { CITY } from "../fixtures/otherTables.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../functions/dev/azurite.js";

const root = join(import.meta.dirname, "../..");
let child: ChildProcess | undefined;
afterAll(async () => {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child!.once("exit", r));
  child.kill("SIGINT");
  await exited;
});

describe("npm start", () => {
  it("brings up the embedded store and the API with no Azure account, no Azurite and no Core Tools, and prints working tokens", async () => {
    const [port, blob, table, addin] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const data = await mkdtemp(join(tmpdir(), "gongkai-start-"));
    child = spawn(process.execPath, ["--import", "tsx", join(root, "functions/dev/start.ts")], {
      cwd: root,
      env: {
        ...process.env,
        GONGKAI_PORT: String(port),
        GONGKAI_AZURITE_BLOB_PORT: String(blob),
        GONGKAI_AZURITE_TABLE_PORT: String(table),
        GONGKAI_DATA_DIR: join(data, "data"),
        GONGKAI_DEMO_DIR: join(data, "demo"),
        GONGKAI_NO_FUNC: "1",
        GONGKAI_ADDIN_PORT: String(addin),
        GONGKAI_NO_HTTPS: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 60_000;
    while (!out.includes("按 Ctrl+C 停止") && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 200));
    expect(out).toContain(`http://localhost:${port}/api/health`);
    const coordinator = /汇总人令牌：(\S+)/.exec(out)![1]!;
    const tokens = await readFile(join(data, "data", "tokens.txt"), "utf8");
    expect((await stat(join(data, "data", "tokens.txt"))).mode & 0o777).toBe(0o600);
    expect((await stat(join(data, "data", "gongkai.db"))).isFile()).toBe(true);
    const finance = /旗财政局\t(\S+)/.exec(tokens)![1]!;

    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    const sample = await readFile(join(data, "demo", "旗财政局-台账.xlsx"));
    const r = await fetch(`${base}/api/submissions`, { method: "POST", body: new Uint8Array(sample), headers: { authorization: `Bearer ${finance}` } });
    expect(r.status).toBe(201);
    const s = await (await fetch(`${base}/api/status`, { headers: { authorization: `Bearer ${coordinator}` } })).json();
    expect(s.units.find((u: { unit: string }) => u.unit === "旗财政局").submitted).toBe(true);
    const faulty = await readFile(join(data, "demo", "旗财政局-台账-有错误.xlsx"));
    const bad = await fetch(`${base}/api/submissions`, { method: "POST", body: new Uint8Array(faulty), headers: { authorization: `Bearer ${finance}` } });
    expect(bad.status).toBe(422);

    // the task pane and its manifest, served beside the same API
    const pane = await fetch(`http://127.0.0.1:${addin}/taskpane.html`);
    expect(pane.status).toBe(200);
    expect(await pane.text()).toContain("政务公开台账");
    expect((await fetch(`http://127.0.0.1:${addin}/manifest.xml`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${addin}/api/health`)).status).toBe(200);
    expect(out).toContain("上传我的加载项");
  }, 90_000);

  it("after the coordinator's roster is uploaded, the next start gives its units tokens and drops the sample's, and says so", async () => {
    const data = await mkdtemp(join(tmpdir(), "gongkai-start-roster-"));
    const first = await startService(data);
    const coordinator = /汇总人令牌：(\S+)/.exec(first.out())![1]!;
    expect(first.out()).toContain("按内置示例（正镶白旗2022年）的单位名册，共 18 个单位");
    const roster = await fetch(`${first.base}/api/roster`, { method: "PUT", body: JSON.stringify(CITY.roster), headers: { authorization: `Bearer ${coordinator}` } });
    expect(roster.status).toBe(201);
    await first.stop();

    const second = await startService(data);
    await second.stop();
    const tokens = parseTokensFile(await readFile(join(data, "data", "tokens.txt"), "utf8"));
    expect(tokens.map(([who]) => who)).toEqual(["汇总人", ...CITY.roster!.units.map((u) => u.name)]);
    expect(tokens.find(([who]) => who === "汇总人")![1]).toBe(coordinator); // kept from one start to the next
    const banner = second.out();
    expect(banner).toContain("按汇总人上传的单位名册，共 8 个单位，本次新签发 8 个");
    expect(banner).toContain("不在当前名册中的 18 个单位");
    expect(banner).not.toMatch(/旗财政局：|旗财政局-台账/);
    expect(banner).toMatch(/试一试（市政府办公室）/);
    // tokens are shown when issued, never again: the second start showed the new units' example, not the coordinator's
    expect(banner).not.toContain(coordinator);
    expect(banner).toContain(`汇总人令牌：见 ${join(data, "data", "tokens.txt")}`);

    // nothing new to issue: no secret at all, only where they are
    const third = await startService(data);
    await third.stop();
    expect(third.out()).toContain(join(data, "data", "tokens.txt"));
    for (const [who, token] of tokens) expect(third.out(), who).not.toContain(token);
    expect(third.out()).not.toContain("本次新签发");
    await rm(data, { recursive: true, force: true });
  }, 120_000);

  it("npm start stopped with SIGTERM (as a service manager stops it) stops the service too, its database checkpointed", async () => {
    const data = await mkdtemp(join(tmpdir(), "gongkai-start-npm-"));
    const [port, addin] = [await freePort(), await freePort()];
    const npm = spawn("npm", ["start"], {
      cwd: root,
      env: { ...process.env, GONGKAI_PORT: String(port), GONGKAI_DATA_DIR: join(data, "data"), GONGKAI_DEMO_DIR: join(data, "demo"), GONGKAI_NO_FUNC: "1", GONGKAI_ADDIN_PORT: String(addin), GONGKAI_NO_HTTPS: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    npm.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    npm.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 60_000;
    while (!out.includes("按 Ctrl+C 停止") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    npm.kill("SIGTERM");
    // the service itself, under npm and its shell, goes within a few seconds
    let up = true;
    for (let i = 0; i < 40 && up; i++) {
      await new Promise((r) => setTimeout(r, 250));
      up = await fetch(`http://127.0.0.1:${port}/api/health`).then(() => true, () => false);
    }
    expect(up, out).toBe(false);
    await expect(stat(join(data, "data", "gongkai.db-wal"))).rejects.toThrow();
    await rm(data, { recursive: true, force: true });
  }, 120_000);

  it("a corrupted gongkai.db: the service still starts, to say so — health 503 naming the file and what to do", async () => {
    const data = await mkdtemp(join(tmpdir(), "gongkai-start-corrupt-"));
    const first = await startService(data);
    await first.stop();
    // the middle of the database overwritten, as a failing disk or a half-copied backup leaves it
    const db = join(data, "data", "gongkai.db");
    const bytes = await readFile(db);
    bytes.fill(0x5a, 4096, Math.min(bytes.length, 4096 * 3));
    bytes.fill(0x5a, 16, 100);
    await writeFile(db, bytes);
    const second = await startService(data);
    const health = await fetch(`${second.base}/api/health`);
    await second.stop();
    expect(health.status).toBe(503);
    const body = (await health.json()) as { message: string };
    expect(body.message).toContain(db);
    expect(second.out()).toContain("存储无法使用");
    await rm(data, { recursive: true, force: true });
  }, 120_000);
});

/** `npm start` on a data folder, on free ports, until its banner is out; `stop` ends it (SIGINT) and waits. */
async function startService(data: string): Promise<{ base: string; out(): string; stop(): Promise<void> }> {
  const [port, addin] = [await freePort(), await freePort()];
  const proc = spawn(process.execPath, ["--import", "tsx", join(root, "functions/dev/start.ts")], {
    cwd: root,
    env: { ...process.env, GONGKAI_PORT: String(port), GONGKAI_DATA_DIR: join(data, "data"), GONGKAI_DEMO_DIR: join(data, "demo"), GONGKAI_NO_FUNC: "1", GONGKAI_ADDIN_PORT: String(addin), GONGKAI_NO_HTTPS: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 60_000;
  while (!out.includes("按 Ctrl+C 停止") && Date.now() < deadline && proc.exitCode === null) await new Promise((r) => setTimeout(r, 200));
  if (!out.includes("按 Ctrl+C 停止")) throw new Error(`npm start did not come up:\n${out}`);
  return {
    base: `http://127.0.0.1:${port}`,
    out: () => out,
    stop: async () => {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGINT");
      await exited;
    },
  };
}
