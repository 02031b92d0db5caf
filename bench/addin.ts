/**
 * The add-in's round trips and payloads on the fake Excel that enforces Excel's limits (5 MB per request
 * and answer on the web, 512 merged areas per call): 校验 and 清除标记 on tables of growing size.
 */
import { ALL_CAPABILITIES } from "../addin/capabilities.js";
import { clearMarks, validateInPlace } from "../addin/excelAdapter.js";
import { fakeContext, LIMITS, modelFromSnapshot } from "../test/addin/fakeExcel.js";
import { bigTable } from "./bigTable.js";
import { fmt, ms, row, section } from "./rows.js";

export async function addinBench(): Promise<void> {
  section("add-in 校验 / 清除标记 on Excel's limits (seed layout, measures ×4 long), on the fake Excel");
  for (const rows of [1_000, 5_000, 20_000]) {
    const table = bigTable(rows);
    for (const r of table.sheets[0]!.rows.slice(3)) if (r[3]) r[3] = { text: r[3].text.repeat(4) };
    const model = modelFromSnapshot(table);
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    const t0 = performance.now();
    await validateInPlace(ctx, ALL_CAPABILITIES, { today: "2022-03-10" });
    const took = performance.now() - t0;
    const clear = fakeContext(model, ALL_CAPABILITIES);
    await clearMarks(clear, ALL_CAPABILITIES);
    const read = ctx.responses.reduce((n, b) => n + b, 0);
    const largest = Math.max(...ctx.responses);
    const allowed = 4 + Math.ceil((read * 1.5) / 3_500_000);
    const n = fmt(rows);
    row({ what: `add-in 校验, ${n} rows: syncs`, measured: `${ctx.syncs} syncs (${fmt(read / 1e6)} MB read, ${ms(took)} on the fake)`, floor: "—", target: `≤ 2 + R + W = ${allowed} (docs/ARCHITECTURE.md, W = 1)`, ok: ctx.syncs <= allowed });
    row({ what: `add-in 校验, ${n} rows: largest answer`, measured: `${fmt(largest / 1e6, 2)} MB`, floor: "—", target: `< Excel's ${fmt(LIMITS.payloadBytes / 1e6)} MB`, ok: largest < LIMITS.payloadBytes });
    row({ what: `add-in 清除标记, ${n} rows: syncs`, measured: `${clear.syncs} syncs`, floor: "—", target: "4", ok: clear.syncs === 4 });
  }
}
