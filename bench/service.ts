/**
 * Where users wait, measured: an ingest's parse + validate against a bare exceljs load of the same file (and
 * the storage time apart, per backend); the ledger of 1,000 units per backend (each in a process of its
 * own, for its peak memory); `gongkai consolidate` of 180 files against bare loads of them; the start of
 * `gongkai validate`.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { DEFAULT_ROSTER, builtInTaskList, unitReport, validateWorkbook } from "../core/index.js";
import { settingsWith, type StorageSetting } from "../functions/config.js";
import { startAzurite } from "../functions/dev/azurite.js";
import { ingest, type Extract } from "../functions/ingest.js";
import { judgeFile } from "../functions/judgeFile.js";
import { createServices, type Services } from "../functions/services.js";
import type { EmbeddedStore } from "../functions/storage/embedded.js";
import { DEFAULT_LIMITS, completeCopy, readWorkbook } from "../workbook/index.js";
import { bigRoster, unitName } from "./serviceFixtures.js";

/** Runs `fn` over `items`, at most `limit` at a time, keeping order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export interface Check {
  (ok: boolean, what: string): void;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2 });
const clock = () => new Date("2022-03-10T02:00:00Z");

async function withBackends(run: (name: string, storage: StorageSetting) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "gongkai-bench-"));
  const azurite = await startAzurite();
  try {
    await run("embedded", { kind: "embedded", dir });
    await run("Azurite", { kind: "azure", connectionString: azurite.connectionString });
  } finally {
    await azurite.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

const close = (s: Services) => (s.store as Partial<EmbeddedStore>).close?.();

export async function serviceBench(check: Check): Promise<void> {
  const bytes = await completeCopy("旗财政局");
  const tasks = builtInTaskList();

  console.log("ingest: parse + validate vs a bare exceljs load of the same file (median of 25); storage apart, per backend");
  const load = async () => void (await new ExcelJS.Workbook().xlsx.load(bytes as unknown as ExcelJS.Buffer));
  const judge = () =>
    judgeFile({ bytes, unit: "旗财政局", today: "2022-03-10", year: 2022, roster: DEFAULT_ROSTER, tasks, submissionId: "x", receivedAt: "2022-03-10T02:00:00.000Z", limits: DEFAULT_LIMITS });
  for (let i = 0; i < 20; i++) {
    await load();
    await judge();
  }
  const bare: number[] = [];
  const judged: number[] = [];
  for (let i = 0; i < 25; i++) {
    let t = performance.now();
    await load();
    bare.push(performance.now() - t);
    t = performance.now();
    await judge();
    judged.push(performance.now() - t);
  }
  const ratio = median(judged) / median(bare);
  console.log(`  exceljs load ${fmt(median(bare))} ms, parse + validate ${fmt(median(judged))} ms: ratio ${fmt(ratio)} (target ≤ 1.5)`);
  check(ratio <= 1.5, "ingest's parse + validate costs at most 1.5× a bare exceljs load");

  await withBackends(async (name, storage) => {
    const services = createServices(settingsWith(storage, { planYear: 2022 }), clock);
    await services.store.ensureReady();
    const full: number[] = [];
    for (let i = 0; i < 20; i++) {
      const round = `${1990 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`; // a new round each: the whole job every time
      const t = performance.now();
      const r = await ingest(services, "旗财政局", round, bytes);
      if (i >= 5) full.push(performance.now() - t);
      if (r.submission.outcome !== "accepted") throw new Error(`bench copy not accepted: ${r.submission.reason}`);
    }
    console.log(`  ${name}: a whole ingest ${fmt(median(full))} ms, of which storage and the hand-over to a parse worker ≈ ${fmt(Math.max(0, median(full) - median(judged)))} ms`);
    close(services);
  });

  console.log("ledger of a round of 1,000 units (JSON + workbook), in a process of its own, per backend");
  const base = unitReport(validateWorkbook(await readWorkbook(bytes), { today: "2022-03-10", unit: "旗财政局" }), "旗财政局");
  await withBackends(async (name, storage) => {
    const services = createServices(settingsWith(storage, { roster: bigRoster(1000), planYear: 2022 }), clock);
    await services.store.ensureReady();
    const round = "2030-02";
    await mapLimit(Array.from({ length: 1000 }, (_, i) => i), 16, async (i) => {
      const unit = unitName(i);
      const id = `${round}-${String(i).padStart(24, "0")}`;
      const extract: Extract = { report: { ...base, unit, submissionId: id }, findings: [], findingsTotal: 0, summary: null, year: 2022 };
      const receivedAt = `2022-03-10T02:00:00.${String(i % 1000).padStart(3, "0")}Z`;
      await services.store.commit({
        record: { id, round, unit, receivedAt, sha256: "", size: bytes.length, outcome: "accepted", errors: 0, warnings: 0, reason: "", fault: "" },
        extract,
        latest: { next: { round, unit, submissionId: id, receivedAt, errors: 0, warnings: 0 }, etag: null },
      });
    });
    close(services);
    const where = storage.kind === "embedded" ? `embedded:${storage.dir}` : storage.connectionString;
    const r = JSON.parse(execFileSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "ledgerProbe.ts"), where, round, "1000"], { encoding: "utf8" })) as { jsonMs: number; xlsxMs: number; maxRssMb: number; submitted: number };
    const total = r.jsonMs + r.xlsxMs;
    console.log(`  ${name}: ledger ${fmt(r.jsonMs)} ms + workbook ${fmt(r.xlsxMs)} ms = ${fmt(total)} ms, peak RSS ${fmt(r.maxRssMb)} MB (${r.submitted} submitted)`);
    if (name === "embedded") {
      check(total < 3000, "1,000 units on the embedded store in under 3 s");
      check(r.maxRssMb < 300, "… within 300 MB");
    }
  });
}

/** `gongkai consolidate` of 180 unit files against bare exceljs loads of the same files (median of 5, interleaved). */
export async function consolidateBench(check: Check): Promise<void> {
  console.log("gongkai consolidate of 180 unit files vs bare exceljs loads of the same files (median of 5, interleaved)");
  const dir = await mkdtemp(join(tmpdir(), "gongkai-inbox-"));
  try {
    const units = DEFAULT_ROSTER.units.map((u) => u.name);
    const files: Uint8Array[] = [];
    for (let i = 0; i < 180; i++) {
      const bytes = await completeCopy(units[i % units.length]!);
      files.push(bytes);
      await writeFile(join(dir, `${String(i).padStart(3, "0")}.xlsx`), bytes);
    }
    const { runner } = await import("../test/cli/run.js");
    const run = runner("2022-03-10");
    const bares: number[] = [];
    const conses: number[] = [];
    await run("consolidate", dir, "--json"); // warm up
    for (let i = 0; i < 5; i++) {
      (globalThis as { gc?: () => void }).gc?.();
      let t = performance.now();
      for (const f of files) await new ExcelJS.Workbook().xlsx.load(f as unknown as ExcelJS.Buffer);
      bares.push(performance.now() - t);
      (globalThis as { gc?: () => void }).gc?.();
      t = performance.now();
      const r = await run("consolidate", dir, "--json");
      conses.push(performance.now() - t);
      if (r.code !== 0) throw new Error(`consolidate failed: ${r.stderr}`);
    }
    const bare = median(bares);
    const cons = median(conses);
    const ratio = cons / bare;
    console.log(`  bare loads ${fmt(bare)} ms, consolidate ${fmt(cons)} ms: ratio ${fmt(ratio)} (target ≤ 1.5)`);
    check(ratio <= 1.5, "consolidate costs at most 1.5× bare loads of its files");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The whole `gongkai validate` process on one 37-row copy (median of 7, after a first run that fills the code cache). */
export async function cliStartBench(check: Check): Promise<void> {
  console.log("gongkai validate of one 37-row copy, the whole process (median of 7)");
  const { buildCli } = await import("../scripts/buildCli.js");
  await buildCli();
  const dir = await mkdtemp(join(tmpdir(), "gongkai-cli-"));
  try {
    const file = join(dir, "copy.xlsx");
    await writeFile(file, await completeCopy("旗财政局"));
    const bin = join(import.meta.dirname, "..", "bin", "gongkai.js");
    const once = () => {
      const t = performance.now();
      execFileSync(process.execPath, [bin, "validate", file, "--today", "2022-03-10"], { stdio: "ignore" });
      return performance.now() - t;
    };
    once();
    const times = Array.from({ length: 7 }, once);
    console.log(`  ${fmt(median(times))} ms (target < 500 ms)`);
    check(median(times) < 500, "gongkai validate, whole process, under 0.5 s");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
