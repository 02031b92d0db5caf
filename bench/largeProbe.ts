/**
 * In a process of its own: one validation of a table of distinct texts of the rows given (100,000 unless told), after
 * the JIT is warmed on another 10,000-row table (other texts: nothing the measured run reads was seen before). Its own
 * heap: a large validation leaves the heap it ran in slower for a while, which would be billed to runs beside it.
 */
import * as core from "../core/index.js";
import { distinctSnapshot } from "./distinctTable.js";

const warm = distinctSnapshot(10_000, "旗财政局", 1);
for (let i = 0; i < 3; i++) core.validateWorkbook(warm, { today: "2022-03-10" });
const table = distinctSnapshot(Number(process.argv[2] ?? 100_000), "旗财政局", 2);
// the core's text caches emptied, where it still keeps any (a new table would start with them empty)
(core as { forgetRemembered?: () => void }).forgetRemembered?.();
(globalThis as { gc?: () => void }).gc?.();
const t0 = performance.now();
const result = core.validateWorkbook(table, { today: "2022-03-10" });
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms, findings: result.findings.length }));
