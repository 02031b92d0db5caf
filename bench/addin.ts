/**
 * The add-in's round trips and payloads on the fake Excel that enforces Excel's limits (5 MB per request
 * and answer on the web, 512 merged areas per call): 校验 and 清除标记 on tables of growing size.
 */
import { ALL_CAPABILITIES } from "../addin/capabilities.js";
import { clearMarks, validateInPlace } from "../addin/excelAdapter.js";
import { fakeContext, LIMITS, modelFromSnapshot } from "../test/addin/fakeExcel.js";
import { bigTable } from "./bigTable.js";

export async function addinBench(check: (ok: boolean, what: string) => void): Promise<void> {
  console.log("add-in 校验 / 清除标记 on Excel's limits (seed layout, measures ×4 long)");
  for (const rows of [1_000, 5_000, 20_000]) {
    const table = bigTable(rows);
    for (const row of table.sheets[0]!.rows.slice(3)) if (row[3]) row[3] = { text: row[3].text.repeat(4) };
    const model = modelFromSnapshot(table);
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    const t0 = performance.now();
    await validateInPlace(ctx, ALL_CAPABILITIES, { today: "2022-03-10" });
    const ms = performance.now() - t0;
    const clear = fakeContext(model, ALL_CAPABILITIES);
    await clearMarks(clear, ALL_CAPABILITIES);
    const read = ctx.responses.reduce((n, b) => n + b, 0);
    const largest = Math.max(...ctx.responses);
    console.log(`  ${rows.toLocaleString("en-US")} rows: 校验 ${ctx.syncs} syncs (${(read / 1e6).toFixed(1)} MB read, largest answer ${(largest / 1e6).toFixed(2)} MB), ${ms.toFixed(0)} ms on the fake; 清除标记 ${clear.syncs} syncs`);
    check(largest < LIMITS.payloadBytes, `${rows} rows: every answer under Excel's 5 MB`);
    check(ctx.syncs <= 4 + Math.ceil((read * 1.5) / 3_500_000), `${rows} rows: syncs within 3 + R (README formula)`);
    check(clear.syncs === 4, `${rows} rows: 清除标记 in 4 syncs`);
  }
}
