/**
 * Hostile files: the zip bomb refused by the file check (in a process of its own, for its peak memory); the worst
 * hostile files refused by a service (likewise); and ordinary submissions and health checks kept prompt while the
 * whole hostile corpus is being sent (embedded store, as npm start runs it).
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { settingsWith } from "../functions/config.js";
import { startLocalHost } from "../functions/localHost.js";
import { createServices } from "../functions/services.js";
import { issueToken } from "../functions/tokens.js";
import { lyingZipBomb, zipBomb } from "../test/fixtures/badFiles.js";
import { allColumns, billionLaughs, externalEntity, manyRows, manyStyles, sharedHugeString } from "../test/fixtures/hostileFiles.js";
import { completeCopy } from "../workbook/index.js";
import { fmt, ms, note, percentile, row, section } from "./rows.js";

const probe = <T>(file: string, args: string[] = []) =>
  JSON.parse(execFileSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, file), ...args], { encoding: "utf8" })) as T;

export async function zipBombBench(): Promise<void> {
  section("zip bomb refusal (1.5 MB → 400 MB), in a process of its own");
  zipBomb(); // the fixture is made outside the measured process
  const r = probe<{ bytes: number; ms: number; refused: string | null; maxRssMb: number }>("bombProbe.ts");
  row({ what: "zip bomb refused", measured: r.refused ? `refused in ${ms(r.ms)}` : "read", floor: "—", target: "refused in < 5 s", ok: r.refused !== null && r.ms < 5000 });
  row({ what: "zip bomb: peak memory", measured: `${fmt(r.maxRssMb, 0)} MB`, floor: "—", target: "< 500 MB", ok: r.maxRssMb < 500 });
}

export async function hostileFilesBench(): Promise<void> {
  section("the worst hostile files (30 MB shared string, 1M rows, 100k rows), refused by a service in a process of its own");
  // made here and handed over on disk, so that the probe's memory is the service's alone
  const dir = await mkdtemp(join(tmpdir(), "gongkai-hostile-files-"));
  try {
    const paths: string[] = [];
    for (const [name, make] of [["30 MB shared string", sharedHugeString], ["1,048,377 rows", () => manyRows(1_048_377)], ["100,000 rows", () => manyRows(100_000)]] as const) {
      const path = join(dir, `${name}.xlsx`);
      await writeFile(path, make());
      paths.push(path);
    }
    const r = probe<{ results: string[]; maxRssMb: number }>("hostileProbe.ts", paths);
    for (const line of r.results) note(line);
    row({ what: "hostile files refused by a service: peak memory", measured: `${fmt(r.maxRssMb, 0)} MB`, floor: "—", target: "< 512 MB", ok: r.maxRssMb < 512 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * While one client sends the hostile corpus (twice over), another keeps submitting ordinary tables and a third checks
 * health. Both into the open months of the service's day (a closed month is refused before any file is read: the
 * check would measure nothing), each answer's status counted so that it shows the work was done.
 */
export async function hostileLoadBench(): Promise<void> {
  section("ordinary submissions and health checks while the hostile corpus is being sent (embedded store)");
  const corpus = [sharedHugeString(), manyRows(1_048_377), manyRows(100_000), allColumns(), manyStyles(), externalEntity(), billionLaughs(), zipBomb(), lyingZipBomb()];
  const dir = await mkdtemp(join(tmpdir(), "gongkai-bench-"));
  const services = createServices(settingsWith({ kind: "embedded", dir }, { planYear: 2022 }), () => new Date("2022-03-10T02:00:00Z"));
  const host = await startLocalHost(services, { quiet: true });
  try {
    const hostile = await issueToken(services.store, { role: "unit", unit: "旗财政局" });
    // three units share the ordinary sending, each well within a unit's files a day
    const senders = await Promise.all(["旗统计局", "旗民政局", "旗教育局"].map(async (unit) => ({ unit, token: await issueToken(services.store, { role: "unit", unit }) })));
    const tables = await Promise.all(Array.from({ length: 60 }, (_, i) => completeCopy(senders[i % senders.length]!.unit).then((bytes) => ({ bytes, token: senders[i % senders.length]!.token }))));
    await new Promise((r) => setTimeout(r, 3_000)); // the parse workers are up
    const statuses = { ordinary: new Map<number, number>(), hostile: new Map<number, number>() };
    const post = async (token: string, bytes: Uint8Array, round: string, count: Map<number, number>) => {
      const r = await fetch(`${host.url}/api/submissions?round=${round}`, { method: "POST", body: new Uint8Array(bytes), headers: { authorization: `Bearer ${token}` } });
      await r.arrayBuffer();
      count.set(r.status, (count.get(r.status) ?? 0) + 1);
    };
    let sending = true;
    const health: number[] = [];
    const normal: number[] = [];
    const timed = async (into: number[], call: () => Promise<unknown>) => {
      const t = performance.now();
      await call();
      into.push(performance.now() - t);
    };
    const healthLoop = (async () => {
      while (sending) {
        await timed(health, () => fetch(`${host.url}/api/health`).then((r) => r.arrayBuffer()));
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const normalLoop = (async () => {
      for (const t of tables) {
        if (!sending) break;
        await timed(normal, () => post(t.token, t.bytes, "2022-03", statuses.ordinary));
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    for (const bytes of [...corpus, ...corpus]) await post(hostile, bytes, "2022-02", statuses.hostile);
    sending = false;
    await Promise.all([healthLoop, normalLoop]);
    const said = (m: Map<number, number>) => [...m].map(([s, n]) => `${n}× ${s}`).join(", ");
    note(`answers: ordinary ${said(statuses.ordinary)}; hostile ${said(statuses.hostile)}`);
    const ordinaryDone = [...statuses.ordinary].every(([s]) => s === 200 || s === 201);
    const hostileRead = [...statuses.hostile].every(([s]) => s >= 400 && s !== 403 && s !== 429);
    row({ what: "under hostile load: health p95", measured: `${ms(percentile(health, 0.95))} (${health.length} checks)`, floor: "—", target: "< 500 ms", ok: percentile(health, 0.95) < 500 });
    row({
      what: "under hostile load: ordinary submission p95",
      measured: `${ms(percentile(normal, 0.95))} (${normal.length} sent)`,
      floor: "—",
      target: "< 500 ms, each accepted, each hostile file refused after reading",
      ok: percentile(normal, 0.95) < 500 && ordinaryDone && hostileRead,
    });
  } finally {
    await host.close();
    await rm(dir, { recursive: true, force: true });
  }
}
