/**
 * Submissions per second and the p95 answer time of a burst (200 at once, 18 units) through the HTTP host,
 * on both backends; and the peak memory of a service refusing the worst hostile files (in a process of
 * its own).
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_ROSTER } from "../core/index.js";
import { settingsWith, type StorageSetting } from "../functions/config.js";
import { startAzurite } from "../functions/dev/azurite.js";
import { startLocalHost } from "../functions/localHost.js";
import { createServices } from "../functions/services.js";
import { issueToken } from "../functions/tokens.js";
import { completeCopy } from "../workbook/index.js";
import { manyRows, sharedHugeString } from "../test/fixtures/hostileFiles.js";
import type { Check } from "./service.js";

const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 1 });
const BURST = 200;

async function burst(storage: StorageSetting, files: { unit: string; bytes: Uint8Array }[]): Promise<{ perSecond: number; p95: number; created: number }> {
  const services = createServices(settingsWith(storage, { planYear: 2022 }), () => new Date("2022-03-10T02:00:00Z"));
  await services.store.ensureReady();
  const host = await startLocalHost(services, { quiet: true });
  try {
    const tokens = new Map<string, string>();
    for (const u of DEFAULT_ROSTER.units) tokens.set(u.name, await issueToken(services.store, { role: "unit", unit: u.name }));
    // one submission first, so that the parse workers are up before the clock starts
    await fetch(`${host.url}/api/submissions?round=2021-01`, { method: "POST", body: new Uint8Array(files[0]!.bytes), headers: { authorization: `Bearer ${tokens.get(files[0]!.unit)}` } });
    const times: number[] = [];
    let created = 0;
    const t0 = performance.now();
    await Promise.all(
      files.map(async (f) => {
        const t = performance.now();
        const r = await fetch(`${host.url}/api/submissions?round=2022-03`, { method: "POST", body: new Uint8Array(f.bytes), headers: { authorization: `Bearer ${tokens.get(f.unit)}` } });
        await r.arrayBuffer();
        if (r.status === 201 || r.status === 200) created++; // 200: the same bytes again (exceljs stamps files by the second)
        times.push(performance.now() - t);
      }),
    );
    const total = performance.now() - t0;
    times.sort((a, b) => a - b);
    return { perSecond: files.length / (total / 1000), p95: times[Math.floor(times.length * 0.95)]!, created };
  } finally {
    await host.close();
  }
}

export async function throughputBench(check: Check): Promise<void> {
  console.log(`a burst of ${BURST} submissions at once from 18 units, through the HTTP host`);
  const units = DEFAULT_ROSTER.units.map((u) => u.name);
  const files: { unit: string; bytes: Uint8Array }[] = [];
  for (let i = 0; i < BURST; i++) files.push({ unit: units[i % units.length]!, bytes: await completeCopy(units[i % units.length]!) });
  const dir = await mkdtemp(join(tmpdir(), "gongkai-bench-"));
  const azurite = await startAzurite();
  try {
    for (const [name, storage] of [["embedded", { kind: "embedded", dir } as const], ["Azurite", { kind: "azure", connectionString: azurite.connectionString } as const]] as const) {
      const r = await burst(storage, files);
      console.log(`  ${name}: ${fmt(r.perSecond)} submissions/s, p95 ${fmt(r.p95)} ms, ${r.created} of ${BURST} acknowledged (201, or 200 for bytes sent twice)`);
      check(r.created === BURST, `${name}: every submission of the burst acknowledged`);
    }
  } finally {
    await azurite.stop();
    await rm(dir, { recursive: true, force: true });
  }
  console.log("the worst hostile files (30 MB shared string, 1M rows, 100k rows), refused by a service in a process of its own");
  // The files are made here and handed over on disk, so that the probe's memory is the service's alone.
  const hostile = await mkdtemp(join(tmpdir(), "gongkai-hostile-files-"));
  const paths: string[] = [];
  for (const [name, make] of [["30 MB shared string", sharedHugeString], ["1,048,377 rows", () => manyRows(1_048_377)], ["100,000 rows", () => manyRows(100_000)]] as const) {
    const path = join(hostile, `${name}.xlsx`);
    await writeFile(path, make());
    paths.push(path);
  }
  const probe = JSON.parse(execFileSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "hostileProbe.ts"), ...paths], { encoding: "utf8" })) as { results: string[]; maxRssMb: number };
  await rm(hostile, { recursive: true, force: true });
  for (const line of probe.results) console.log(`  ${line}`);
  console.log(`  peak RSS ${fmt(probe.maxRssMb)} MB`);
  check(probe.maxRssMb < 512, "peak memory under 512 MB while refusing them");
}

/**
 * While one client sends the hostile corpus (twice over), another keeps submitting an ordinary table and
 * a third checks health: both must stay prompt (p95 < 500 ms), on the embedded store as npm start runs.
 */
export async function hostileLoadBench(check: Check): Promise<void> {
  console.log("ordinary submissions and health checks while the hostile corpus is being sent (embedded store)");
  const { allColumns, billionLaughs, externalEntity, manyStyles } = await import("../test/fixtures/hostileFiles.js");
  const { lyingZipBomb, zipBomb } = await import("../test/fixtures/badFiles.js");
  const corpus = [sharedHugeString(), manyRows(1_048_377), manyRows(100_000), allColumns(), manyStyles(), externalEntity(), billionLaughs(), zipBomb(), lyingZipBomb()];
  const dir = await mkdtemp(join(tmpdir(), "gongkai-bench-"));
  const services = createServices(settingsWith({ kind: "embedded", dir }, { planYear: 2022 }), () => new Date("2022-03-10T02:00:00Z"));
  const host = await startLocalHost(services, { quiet: true });
  try {
    const hostile = await issueToken(services.store, { role: "unit", unit: "旗财政局" });
    const ordinary = await issueToken(services.store, { role: "unit", unit: "旗统计局" });
    const tables = await Promise.all(Array.from({ length: 60 }, () => completeCopy("旗统计局")));
    await new Promise((r) => setTimeout(r, 3_000)); // the parse workers are up
    const post = (token: string, bytes: Uint8Array, round: string) =>
      fetch(`${host.url}/api/submissions?round=${round}`, { method: "POST", body: new Uint8Array(bytes), headers: { authorization: `Bearer ${token}` } }).then((r) => r.arrayBuffer());
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
      for (const bytes of tables) {
        if (!sending) break;
        await timed(normal, () => post(ordinary, bytes, "2022-04"));
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    for (const bytes of [...corpus, ...corpus]) await post(hostile, bytes, "2022-05");
    sending = false;
    await Promise.all([healthLoop, normalLoop]);
    const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
    console.log(`  health: ${health.length} checks, p95 ${fmt(p95(health))} ms; ordinary submissions: ${normal.length}, p95 ${fmt(p95(normal))} ms`);
    check(p95(health) < 500, "health answers in < 500 ms (p95) meanwhile");
    check(p95(normal) < 500, "an ordinary submission answers in < 500 ms (p95) meanwhile");
  } finally {
    await host.close();
    await rm(dir, { recursive: true, force: true });
  }
}
