/**
 * A burst of 200 submissions at once — 200 units each sending its copy on the deadline day — to the service as
 * npm start runs it (embedded store, the parse pool on this machine's cores, a process of its own), while a health
 * check is polled. Then every acknowledged id is looked up in the store: nothing acknowledged may be missing.
 *
 * Floor: what parsing alone allows, one bare load per core at a time (zlib unzip + exceljs load of the same kind of
 * file, bench/nativeUnzip.ts), measured just before each burst.
 */
import { availableParallelism } from "node:os";
import { rm } from "node:fs/promises";
import ExcelJS from "exceljs";
import { taskLabel, validateWorkbook } from "../core/index.js";
import { settingsWith } from "../functions/config.js";
import { createServices } from "../functions/services.js";
import type { EmbeddedStore } from "../functions/storage/embedded.js";
import { buildTemplate, fillContacts, fillCopy, readWorkbook } from "../workbook/index.js";
import { fmt, median, ms, note, percentile, row, section } from "./rows.js";
import { bigRoster, unitName } from "./serviceFixtures.js";
import { startService } from "./serviceProcess.js";
import { unzipNatively } from "./nativeUnzip.js";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BURST = 200;
const WARM = 12;
const TODAY = "2022-03-10";
/** The two open months of the service's day (this month and the last): one burst each. */
const ROUNDS = ["2022-03", "2022-02"];

/** Each unit's copy, every row it answers for reported; `round` makes each burst's files new ones. */
async function copies(round: string, units: readonly string[]): Promise<{ unit: string; bytes: Uint8Array }[]> {
  const roster = bigRoster(BURST);
  const template = await readWorkbook(new Uint8Array(await buildTemplate().xlsx.writeBuffer()));
  const answers = new Map<string, string[]>();
  const out: { unit: string; bytes: Uint8Array }[] = [];
  for (const [i, unit] of units.entries()) {
    // the bench units all answer for the same rows (旗直各单位's); a seed unit for its own
    const key = unit.startsWith("旗测试单位") ? "" : unit;
    if (!answers.has(key)) answers.set(key, validateWorkbook(template, { today: TODAY, unit, roster }).rows.filter((r) => r.responsible).map((r) => taskLabel(r.task)));
    const answered = answers.get(key)!;
    const wb = buildTemplate();
    fillCopy(wb, unit, answered.map((task, k) => ({ task, progress: `${round}：已按要求在政府信息公开平台公开第${k + 1}项相关信息${(i % 17) + 2}条（第${i + 1}份），并持续更新。`, status: "已完成", updated: TODAY })));
    fillContacts(wb, [
      { name: "王某某", title: "副局长", phone: "0479-5221234", role: "分管领导" },
      { name: "李某某", title: "科员", phone: "13847912345", role: "专职人员" },
    ]);
    out.push({ unit, bytes: new Uint8Array(await wb.xlsx.writeBuffer()) });
  }
  return out;
}

/** Median ms of a bare load (zlib unzip + exceljs) of these files, `n` of them in turn. */
async function bareLoad(files: { bytes: Uint8Array }[], n: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await new ExcelJS.Workbook().xlsx.load(unzipNatively(files[i % files.length]!.bytes) as unknown as ExcelJS.Buffer);
    times.push(performance.now() - t);
  }
  return median(times);
}

interface BurstResult {
  round: string;
  perSecond: number;
  accepted: number;
  acknowledged: { id: string; round: string }[];
  statuses: Map<number, number>;
  p95: number;
  health: number[];
  floorPerSecond: number;
  loadMs: number;
  /** How busy the service's request loop was during the burst (event-loop utilisation). */
  loopBusy: number;
  /** CPU milliseconds a submission cost the service: the whole process, and its request loop's thread. */
  cpuMs: { process: number; loop: number };
}

export async function burstBench(): Promise<void> {
  const cores = Math.min(2, availableParallelism());
  section(`a burst of ${BURST} submissions at once from ${BURST} units, embedded store (npm start's default), ${cores} cores, health polled meanwhile; floor: ${cores} bare loads at a time`);
  const dir = await mkdtemp(join(tmpdir(), "gongkai-bench-burst-"));
  const units = Array.from({ length: BURST }, (_, i) => unitName(i));
  const service = await startService({ dir, extraUnits: BURST, now: `${TODAY}T02:00:00Z`, tokensFor: [...units, "旗统计局"] });
  const results: BurstResult[] = [];
  try {
    const post = (unit: string, round: string, bytes: Uint8Array) =>
      fetch(`${service.url}/api/submissions?round=${round}`, { method: "POST", body: new Uint8Array(bytes), headers: { authorization: `Bearer ${service.tokens[unit]}` } });
    const files = new Map<string, { unit: string; bytes: Uint8Array }[]>();
    for (const round of ROUNDS) files.set(round, await copies(round, units));
    // a few submissions of a unit outside the burst first, two at a time: the service has read and stored files before
    // the clock starts, as one does that has been up since the round opened
    const warm = await copies("warm", Array.from({ length: WARM }, () => "旗统计局"));
    for (let i = 0; i < warm.length; i += 2) await Promise.all(warm.slice(i, i + 2).map((f) => post("旗统计局", ROUNDS[0]!, f.bytes).then((r) => r.arrayBuffer())));
    for (const round of ROUNDS) {
      const burst = files.get(round)!;
      await bareLoad(burst, 10); // warms the floor's code as the workers' is warm
      const loadMs = await bareLoad(burst, 20);
      let sending = true;
      const health: number[] = [];
      const healthLoop = (async () => {
        while (sending) {
          const t = performance.now();
          await (await fetch(`${service.url}/api/health`)).arrayBuffer();
          health.push(performance.now() - t);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const times: number[] = [];
      const statuses = new Map<number, number>();
      const acknowledged: { id: string; round: string }[] = [];
      let accepted = 0;
      service.watch();
      const t0 = performance.now();
      await Promise.all(
        burst.map(async (f) => {
          const t = performance.now();
          const r = await post(f.unit, round, f.bytes);
          const body = (await r.json()) as { submission?: { id: string }; duplicate?: boolean };
          times.push(performance.now() - t);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if ((r.status === 200 || r.status === 201) && body.submission) acknowledged.push({ id: body.submission.id, round });
          if (r.status === 201 && !body.duplicate) accepted++;
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      const loop = await service.watched();
      sending = false;
      await healthLoop;
      if (loop.profile) note(`${round}: the service's request loop profiled in ${loop.profile}`);
      results.push({ round, perSecond: accepted / seconds, accepted, acknowledged, statuses, p95: percentile(times, 0.95), health, floorPerSecond: (cores * 1000) / loadMs, loadMs, loopBusy: loop.busy, cpuMs: { process: (loop.cpu.process * 1000) / BURST, loop: (loop.cpu.loop * 1000) / BURST } });
    }
  } finally {
    await service.stop();
  }
  // every acknowledged id, looked up in the store the service wrote (the service stopped: nothing in flight)
  const services = createServices(settingsWith({ kind: "embedded", dir }, { roster: bigRoster(BURST), planYear: 2022 }));
  let lost = 0;
  let acknowledged = 0;
  for (const r of results) {
    for (const a of r.acknowledged) {
      acknowledged++;
      const kept = await services.store.getSubmission(a.round, a.id);
      const file = kept ? await services.store.readFile(a.round, a.id) : undefined;
      if (!kept || !file) lost++;
    }
  }
  (services.store as EmbeddedStore).close();
  await rm(dir, { recursive: true, force: true });

  const best = results.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  for (const r of results) {
    note(`${r.round}: ${fmt(r.perSecond)} accepted/s (${r.accepted} accepted; answers ${[...r.statuses].map(([s, n]) => `${n}× ${s}`).join(", ")}); submission p95 ${ms(r.p95)}; health p95 ${ms(percentile(r.health, 0.95))} over ${r.health.length} checks; the service's request loop busy ${fmt(r.loopBusy * 100, 0)}% of the burst; CPU a submission ${ms(r.cpuMs.process)} (request loop ${ms(r.cpuMs.loop)}, the rest parse workers and I/O threads); bare load ${ms(r.loadMs)}`);
  }
  row({ what: `burst of ${BURST}: accepted per second (faster of ${results.length} bursts)`, measured: `${fmt(best.perSecond)}/s`, floor: `${fmt(best.floorPerSecond, 0)}/s (${cores} × 1 bare load of ${ms(best.loadMs)})`, ratio: best.perSecond / best.floorPerSecond, target: "≥ 100/s", ok: best.perSecond >= 100 });
  row({ what: `burst of ${BURST}: acknowledged ids missing from storage (both bursts)`, measured: `${lost} of ${acknowledged}`, floor: "—", target: "0", ok: lost === 0 && acknowledged > 0 });
  const healthP95 = percentile(best.health, 0.95);
  row({ what: `burst of ${BURST}: health p95 meanwhile (same burst)`, measured: ms(healthP95), floor: "—", target: "< 500 ms", ok: healthP95 < 500 });
}
