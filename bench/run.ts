/**
 * `npm run bench`: performance targets, measured as ratios within one run so that the machine's speed
 * cancels out. Not part of `npm test`.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { forgetRemembered, validateWorkbook } from "../core/index.js";
import { zipBomb } from "../test/fixtures/badFiles.js";
import { addinBench } from "./addin.js";
import { bigTable } from "./bigTable.js";
import { cliStartBench, consolidateBench, serviceBench } from "./service.js";
import { hostileLoadBench, throughputBench } from "./throughput.js";
import { validationPhases } from "./validatePhases.js";

/**
 * Best of `repeat` runs, each after a full garbage collection so that one run's garbage is not billed to the
 * next, and with the text caches emptied so that each run starts cold, as a new table would.
 */
function time<T>(fn: () => T, repeat = 3): { ms: number; value: T } {
  let best = Infinity;
  let value!: T;
  for (let i = 0; i < repeat; i++) {
    forgetRemembered();
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = performance.now();
    value = fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, value };
}

/**
 * The speed of this machine at the moment, in ns per character of a plain loop over a string: the absolute targets
 * above depend on it, and on this project's shared 2-core machine it changes by 2× from one minute to the next.
 */
function referenceLoop(): number {
  const text = JSON.parse(JSON.stringify("按照中华人民共和国政府信息公开条例要求".repeat(40_000))) as string; // one flat string
  let best = Infinity;
  let sum = 0;
  for (let k = 0; k < 20; k++) {
    const t0 = performance.now();
    for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
    best = Math.min(best, performance.now() - t0);
  }
  if (sum === 42) console.log(""); // keeps the loop from being optimised away
  return (best * 1e6) / text.length;
}

const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 1 });
let failed = false;
const check = (ok: boolean, what: string) => {
  console.log(`  ${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failed = true;
};

console.log("core validation (snapshot → findings): 3 rounds of 3 runs (10,000 rows), and of one run each of 25,000 and 100,000 rows in processes of their own, after 3 runs that warm the JIT");
const small = bigTable(10_000);
// V8 optimises a function that runs once per validation (each rule, the reader, the matcher) from its second or
// third call: the first runs are a process's start, reported on their own; the target is the steady state of a
// service that has checked a few copies.
const first = time(() => validateWorkbook(small, { today: "2022-03-10" }), 1);
validateWorkbook(small, { today: "2022-03-10" });
validateWorkbook(small, { today: "2022-03-10" });
/** One validation of a table of `rows` rows in a process of its own (bench/largeProbe.ts). */
const sized = (rows: number) =>
  JSON.parse(
    execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", join(import.meta.dirname, "largeProbe.ts"), String(rows)], { encoding: "utf8" }),
  ) as { ms: number; findings: number };
// The sizes are measured in turns, so that they compare runs of the same minutes: this machine's speed changes by up
// to 2× from one minute to the next. The larger ones run in processes of their own: a large validation leaves the
// heap it ran in slower for a while, which would be billed to the small runs here.
let a: { ms: number; value: ReturnType<typeof validateWorkbook> } | undefined;
let paired: typeof a;
let mid: { ms: number; findings: number } | undefined;
let b: typeof mid;
for (let round = 0; round < 3; round++) {
  const s = time(() => validateWorkbook(small, { today: "2022-03-10" }), 2);
  const p = time(() => validateWorkbook(small, { today: "2022-03-10" }), 1);
  for (const x of [s, p]) if (!a || x.ms < a.ms) a = x;
  if (!paired || p.ms < paired.ms) paired = p;
  const m = sized(25_000);
  if (!mid || m.ms < mid.ms) mid = m;
  const l = sized(100_000);
  if (!b || l.ms < b.ms) b = l;
}
const phases = validationPhases(small, "2022-03-10");
const rate = (rows: number, ms: number) => `${fmt(rows / (ms / 1000))} rows/s`;
console.log(`  this machine now: ${fmt(referenceLoop())} ns per character on a reference loop (≈ 2 when it runs at its fastest, up to ≈ 4.5 seen)`);
console.log(`  10,000 rows:  ${fmt(a!.ms)} ms  (${rate(10_000, a!.ms)}, ${a!.value.findings.length} findings); the process's first: ${fmt(first.ms)} ms`);
console.log(`  25,000 rows:  ${fmt(mid!.ms)} ms  (${rate(25_000, mid!.ms)}, ${mid!.findings} findings; in a process of its own)`);
console.log(`  100,000 rows: ${fmt(b!.ms)} ms  (${rate(100_000, b!.ms)}, ${b!.findings} findings; in a process of its own)`);
// Linear: the time per row does not grow with the table. Measured where both sizes are larger than the processor's
// caches (a 10,000-row table's objects fit in them, a 25,000-row one's no longer do): the step from 10,000 rows is
// that of the memory, not of the work, and is printed for what it is.
const perRow = b!.ms / 100_000 / (mid!.ms / 25_000);
console.log(`  time per row at 100,000 rows against 25,000: ${perRow.toFixed(2)}× (linear = 1); ratio 100,000/10,000 rows: ${fmt(b!.ms / paired!.ms)} (10 if memory were as fast for both: see README)`);
check(a!.ms < 100, "10,000 rows validated in under 100 ms (≥ 100k rows/s)");
check(b!.ms < 1000, "100,000 rows validated in under 1 s (≥ 100k rows/s)");
check(perRow < 1.25, "validation time grows linearly with rows (per row, 100,000 against 25,000: < 1.25×)");
const inPhases = [...phases.values()].reduce((x, y) => x + y, 0);
console.log(`  10,000 rows by phase (best of 10 each; findings made and sorted: the rest of the total):`);
for (const [name, ms] of phases) if (ms >= 0.5) console.log(`    ${name.padEnd(16)} ${fmt(ms).padStart(6)} ms`);
console.log(`    ${"sum".padEnd(16)} ${fmt(inPhases).padStart(6)} ms`);

console.log("zip bomb refusal (1.5 MB → 400 MB), in a process of its own");
zipBomb(); // build the fixture outside the measured process
const probe = JSON.parse(
  execFileSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "bombProbe.ts")], { encoding: "utf8" }),
) as { bytes: number; ms: number; refused: string | null; maxRssMb: number };
console.log(`  refused in ${fmt(probe.ms)} ms, peak RSS ${fmt(probe.maxRssMb)} MB: ${probe.refused}`);
check(probe.refused !== null, "the bomb is refused");
check(probe.ms < 5000, "refused in under 5 s");
check(probe.maxRssMb < 500, "peak memory under 500 MB");

await addinBench(check);
await serviceBench(check);
await consolidateBench(check);
await cliStartBench(check);
await throughputBench(check);
await hostileLoadBench(check);

process.exitCode = failed ? 1 : 0;
