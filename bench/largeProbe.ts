/**
 * Run in a process of its own: one validation of a table of the rows given (100,000 unless told), after the JIT is
 * warmed on a 10,000-row one as the main bench's is. Its own heap: a large validation leaves the heap it ran in slower
 * for a while (V8 moves the objects of the busiest allocation sites to the old generation, and the 200 MB it frees is
 * in pieces), which would otherwise be billed to the 10,000-row runs measured beside it.
 */
import { forgetRemembered, validateWorkbook } from "../core/index.js";
import { bigTable } from "./bigTable.js";

const small = bigTable(10_000);
for (let i = 0; i < 3; i++) validateWorkbook(small, { today: "2022-03-10" });
const large = bigTable(Number(process.argv[2] ?? 100_000));
forgetRemembered();
(globalThis as { gc?: () => void }).gc?.();
const t0 = performance.now();
const result = validateWorkbook(large, { today: "2022-03-10" });
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms, findings: result.findings.length }));
