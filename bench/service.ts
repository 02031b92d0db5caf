/** Service benchmarks against a real Azurite: one ingest vs a bare exceljs load; ledgers of 100 and 1,000 units. */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { validateWorkbook } from "../core/index.js";
import { startAzurite } from "../functions/dev/azurite.js";
import { ingest, type Extract } from "../functions/ingest.js";
import { settingsWith } from "../functions/config.js";
import { createServices } from "../functions/services.js";
import { unitReport } from "../core/index.js";
import { completeCopy, readWorkbook } from "../workbook/index.js";
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
const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 1 });

export async function serviceBench(check: Check): Promise<void> {
  const azurite = await startAzurite();
  try {
    const services = createServices(
      settingsWith(azurite.connectionString, { roster: bigRoster(1000), planYear: 2022 }),
      () => new Date("2022-03-10T02:00:00Z"),
    );
    await services.store.ensureReady();

    console.log("ingest of one submission (parse + validate + store on Azurite) vs a bare exceljs load, median of 15");
    const bytes = await completeCopy("旗财政局");
    const load = async () => void (await new ExcelJS.Workbook().xlsx.load(bytes as unknown as ExcelJS.Buffer));
    const bare: number[] = [];
    const full: number[] = [];
    // warm up both paths, so that the JIT has compiled them before anything is measured
    for (let i = 0; i < 20; i++) {
      await load();
      await ingest(services, "旗财政局", `19${String(70 + Math.floor(i / 12))}-${String((i % 12) + 1).padStart(2, "0")}`, bytes);
    }
    for (let i = 0; i < 15; i++) {
      let t = performance.now();
      await load();
      bare.push(performance.now() - t);
      t = performance.now();
      // a new round each time, so that every ingest does the whole job (not the duplicate shortcut)
      const r = await ingest(services, "旗财政局", `2002-${String(i % 12 + 1).padStart(2, "0")}`.replace(/^2002/, String(2002 + Math.floor(i / 12))), bytes);
      full.push(performance.now() - t);
      if (r.submission.outcome !== "accepted") throw new Error(`bench copy not accepted: ${r.submission.reason}`);
    }
    const ratio = median(full) / median(bare);
    console.log(`  exceljs load ${fmt(median(bare))} ms, ingest ${fmt(median(full))} ms, ratio ${fmt(ratio)} (target ≤ 1.5)`);
    check(ratio <= 1.5, "ingest costs at most 1.5× a bare exceljs load");

    console.log("consolidated ledger of a round, from stored submissions (each in a process of its own)");
    const snapshot = await readWorkbook(bytes);
    const base = unitReport(validateWorkbook(snapshot, { today: "2022-03-10", unit: "旗财政局" }), "旗财政局");
    const results: Record<number, { jsonMs: number; xlsxMs: number; maxRssMb: number; submitted: number }> = {};
    for (const n of [100, 1000]) {
      const round = n === 100 ? "2030-01" : "2030-02";
      await mapLimit(Array.from({ length: n }, (_, i) => i), 16, async (i) => {
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
      const out = execFileSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "ledgerProbe.ts"), azurite.connectionString, round, String(n)], { encoding: "utf8" });
      results[n] = JSON.parse(out);
      const r = results[n]!;
      console.log(`  ${n} units: ledger ${fmt(r.jsonMs)} ms + workbook ${fmt(r.xlsxMs)} ms = ${fmt(r.jsonMs + r.xlsxMs)} ms, peak RSS ${fmt(r.maxRssMb)} MB (${r.submitted} submitted)`);
    }
    const t100 = results[100]!.jsonMs + results[100]!.xlsxMs;
    const t1000 = results[1000]!.jsonMs + results[1000]!.xlsxMs;
    console.log(`  ratio 1000/100: ${fmt(t1000 / t100)} (linear = 10)`);
    check(t1000 / t100 < 13, "ledger time grows linearly with units (ratio < 13)");
    check(t1000 < 10_000, "1,000 units in under 10 s");
  } finally {
    await azurite.stop();
  }
}
