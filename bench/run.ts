/**
 * `npm run bench`: what users wait for, each wait a row — measured, its floor, the ratio, the target, PASS/FAIL —
 * the floor measured in the same run as the wait, the two in alternation, both sides doing the same work (this
 * shared 2-core machine changes speed by 2× from one minute to the next: a ratio cancels that). Targets given in
 * absolute time print the machine's reference-loop speed beside them instead. Ends with a markdown summary of every
 * row, dated, for the README to quote; exits 1 when any row fails. Not part of `npm test`.
 *
 * Inputs are real-size: a 37-row copy of the seed plan's table (workbook `completeCopy`) and tables of 30–400 rows of
 * distinct texts with merged cells (bench/distinctTable.ts), written with exceljs into temporary folders.
 *
 * To see what a wait is made of: `BENCH_CPU_PROF=<folder> npm run bench` writes CPU profiles there — the service's
 * threads (node --cpu-prof), its request loop over the burst and the ledger requests, the dashboard page's first refresh.
 */
import { availableParallelism, cpus } from "node:os";
import { addinBench } from "./addin.js";
import { burstBench } from "./burstBench.js";
import { cliBench } from "./cliBench.js";
import { dashboardBench } from "./dashboardBench.js";
import { hostileFilesBench, hostileLoadBench, zipBombBench } from "./hostileBench.js";
import { ingestBench } from "./ingestBench.js";
import { ledgerBench } from "./ledgerBench.js";
import { failed, referenceLoop, summary } from "./rows.js";
import { validationBench } from "./validationBench.js";

const started = new Date();
const machine = `${availableParallelism()} cores, ${cpus()[0]?.model.trim() ?? "unknown CPU"}, Node ${process.version}`;
console.log(`npm run bench — ${started.toISOString()} — ${machine}; reference loop now ${referenceLoop().toFixed(2)} ns/char (≈ 2 at this machine's fastest)`);

// `BENCH_ONLY=ledger,validation npm run bench`: only those parts (by the names below), e.g. while working on one wait
const BENCHES: Record<string, () => unknown> = {
  cli: cliBench,
  ingest: ingestBench,
  burst: burstBench,
  ledger: ledgerBench,
  dashboard: dashboardBench,
  validation: validationBench,
  zipBomb: zipBombBench,
  hostileFiles: hostileFilesBench,
  hostileLoad: hostileLoadBench,
  addin: addinBench,
};
const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
for (const [name, bench] of Object.entries(BENCHES)) if (!only || only.includes(name)) await bench();

console.log(`\nSummary (${Math.round((Date.now() - started.getTime()) / 60_000)} min)\n`);
console.log(summary(started, machine));
process.exitCode = failed() ? 1 : 0;
