/**
 * In a fresh process, as every `gongkai validate` is: the first validation of a table of distinct texts (10,000 rows
 * unless told), timed alone — the table is made before the clock starts, nothing of the core has run before.
 */
import { validateWorkbook } from "../core/index.js";
import { distinctSnapshot } from "./distinctTable.js";

const table = distinctSnapshot(Number(process.argv[2] ?? 10_000));
(globalThis as { gc?: () => void }).gc?.();
const t0 = performance.now();
const result = validateWorkbook(table, { today: "2022-03-10" });
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms, findings: result.findings.length }));
