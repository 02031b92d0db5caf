/** Run in its own process so that its peak memory is its own: refuse the 400 MB zip bomb. */
import { readWorkbook } from "../workbook/index.js";
import { zipBomb } from "../test/fixtures/badFiles.js";

const bytes = zipBomb();
const t0 = performance.now();
const err = await readWorkbook(bytes).then(() => undefined, (e: unknown) => e);
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ bytes: bytes.length, ms, refused: err instanceof Error ? err.message : null, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
