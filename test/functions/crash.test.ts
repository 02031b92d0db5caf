/**
 * Nothing acknowledged is lost: the `npm start` process on the embedded store, a burst of concurrent
 * submissions, the whole process group killed mid-burst (SIGKILL, as in a power cut; SIGTERM, as in a
 * shutdown), a restart on the same data folder — and every submission that was answered 201 is in the
 * status, in the ledger, and downloadable byte for byte.
 */
import { spawn, type ChildProcess } from "node:child_process";
import Database from "better-sqlite3";
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../functions/dev/azurite.js";
import { completeCopy } from "../../workbook/index.js";

const root = join(import.meta.dirname, "../..");
/** This month where the service is (units submit to open months only). */
const ROUND = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit" }).format(new Date());
const running = new Set<ChildProcess>();
const dirs: string[] = [];
afterAll(async () => {
  for (const c of running) killGroup(c, "SIGKILL");
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

function killGroup(c: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-c.pid!, signal);
  } catch {
    // already gone
  }
}

interface Service {
  child: ChildProcess;
  base: string;
  tokens: Map<string, string>;
  /** What it printed so far. */
  readonly out: string;
}

/** `npm start` in a process group of its own, on the given data folder; resolves when it is serving. */
async function start(data: string, port: number, addin: number): Promise<Service> {
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "functions/dev/start.ts")], {
    cwd: root,
    detached: true,
    env: { ...process.env, GONGKAI_PORT: String(port), GONGKAI_ADDIN_PORT: String(addin), GONGKAI_DATA_DIR: data, GONGKAI_DEMO_DIR: join(data, "..", "demo"), GONGKAI_NO_FUNC: "1", GONGKAI_NO_HTTPS: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 60_000;
  while (!out.includes("按 Ctrl+C 停止") && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
  if (!out.includes("按 Ctrl+C 停止")) throw new Error(`npm start did not come up:\n${out}`);
  const tokens = new Map((await readFile(join(data, "tokens.txt"), "utf8")).split("\n").filter((l) => l.includes("\t")).map((l) => l.split("\t") as [string, string]));
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    tokens,
    get out() {
      return out;
    },
  };
}

const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once("exit", () => r())));

describe.each(["SIGKILL", "SIGTERM"] as const)("killed with %s mid-burst", (signal) => {
  it("every submission answered 201 is there after a restart, byte for byte", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gongkai-crash-"));
    dirs.push(dir);
    const data = join(dir, "data");
    const [port, addin] = [await freePort(), await freePort()];
    const first = await start(data, port, addin);
    const units = [...first.tokens.keys()].filter((u) => u !== "汇总人");

    // Three versions from every unit (exceljs stamps each file, so each is new bytes), sent 12 at a time.
    const files: { unit: string; bytes: Uint8Array }[] = [];
    for (let v = 0; v < 3; v++) for (const unit of units) files.push({ unit, bytes: await completeCopy(unit) });
    const acked: { id: string; unit: string; bytes: Uint8Array }[] = [];
    let answered = 0;
    let next = 0;
    const send = async (): Promise<void> => {
      while (next < files.length) {
        const f = files[next++]!;
        try {
          const r = await fetch(`${first.base}/api/submissions?round=${ROUND}`, { method: "POST", body: new Uint8Array(f.bytes), headers: { authorization: `Bearer ${first.tokens.get(f.unit)}` } });
          const body = (await r.json()) as { submission?: { id: string } };
          if (r.status === 201) acked.push({ id: body.submission!.id, unit: f.unit, bytes: f.bytes });
          answered++;
        } catch {
          return; // the server went away: this one was never acknowledged
        }
      }
    };
    const burst = Promise.all(Array.from({ length: 12 }, send));
    while (answered < 15) await new Promise((r) => setTimeout(r, 5));
    killGroup(first.child, signal);
    await Promise.all([burst, exited(first.child)]);
    expect(acked.length).toBeGreaterThanOrEqual(15);
    expect(acked.length).toBeLessThan(files.length); // it did die mid-burst

    const again = await start(data, port, addin);
    try {
      const coordinator = again.tokens.get("汇总人")!;
      expect(coordinator).toBe(first.tokens.get("汇总人")); // the tokens of the first start still work
      const auth = { headers: { authorization: `Bearer ${coordinator}` } };
      const status = (await (await fetch(`${again.base}/api/status?round=${ROUND}`, auth)).json()) as { units: { unit: string; submitted: boolean; history: { id: string }[] }[] };
      const ledger = (await (await fetch(`${again.base}/api/ledger?round=${ROUND}`, auth)).json()) as { units: { unit: string; submitted: boolean }[] };
      for (const a of acked) {
        const u = status.units.find((x) => x.unit === a.unit)!;
        expect(u.submitted).toBe(true);
        expect(u.history.map((h) => h.id)).toContain(a.id);
        expect(ledger.units.find((x) => x.unit === a.unit)!.submitted).toBe(true);
        const file = await fetch(`${again.base}/api/submissions/${a.id}/file`, auth);
        expect(file.status).toBe(200);
        expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(a.bytes))).toBe(true);
      }
    } finally {
      killGroup(again.child, "SIGTERM");
      await exited(again.child);
    }
  }, 180_000);
});

describe("stopping and starting again", () => {
  it("SIGTERM checkpoints the write-ahead log: a copy of gongkai.db alone (no -wal) holds every record", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gongkai-wal-"));
    dirs.push(dir);
    const data = join(dir, "data");
    const s = await start(data, await freePort(), await freePort());
    const units = [...s.tokens.keys()].filter((u) => u !== "汇总人").slice(0, 5);
    const ids: string[] = [];
    for (const unit of units) {
      const r = await fetch(`${s.base}/api/submissions`, { method: "POST", body: new Uint8Array(await completeCopy(unit)), headers: { authorization: `Bearer ${s.tokens.get(unit)}` } });
      expect(r.status).toBe(201);
      ids.push(((await r.json()) as { submission: { id: string } }).submission.id);
    }
    killGroup(s.child, "SIGTERM");
    await exited(s.child);
    // a backup that copies the database file only, as people do
    const copy = join(dir, "backup.db");
    await copyFile(join(data, "gongkai.db"), copy);
    const db = new Database(copy, { readonly: true });
    try {
      const rows = db.prepare("SELECT id FROM submissions").all() as { id: string }[];
      expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    } finally {
      db.close();
    }
  }, 120_000);

  it("temporary files left by a killed write are removed at start; a file saved but never recorded is announced once, not at every start", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gongkai-leftovers-"));
    dirs.push(dir);
    const data = join(dir, "data");
    const [port, addin] = [await freePort(), await freePort()];
    const first = await start(data, port, addin);
    killGroup(first.child, "SIGTERM");
    await exited(first.child);
    // what a SIGKILL between writing and recording leaves: a temporary file, and a file with no record
    const folder = join(data, "files", ROUND);
    await mkdir(folder, { recursive: true });
    const tmp = join(folder, "0123abcd.xlsx.5f0e1c2a-0000-4000-8000-000000000000.tmp");
    await writeFile(tmp, "half a file");
    await writeFile(join(folder, "0123abcd.xlsx"), await completeCopy("旗财政局"));

    const second = await start(data, port, addin);
    killGroup(second.child, "SIGTERM");
    await exited(second.child);
    await expect(stat(tmp)).rejects.toMatchObject({ code: "ENOENT" });
    expect(second.out).toMatch(/已清理.*1 个临时文件/);
    expect(second.out).toContain("0123abcd.xlsx 已保存但没有登记");

    const third = await start(data, port, addin);
    killGroup(third.child, "SIGTERM");
    await exited(third.child);
    expect(third.out).not.toContain("0123abcd");
    expect(third.out).not.toContain("临时文件");
    expect((await stat(join(folder, "0123abcd.xlsx"))).isFile()).toBe(true); // announced, and kept
  }, 180_000);
});
