/**
 * The ledger of a round of 1,000 and of 5,000 units (a province's roll-up), as the coordinator waits for it: the JSON
 * (`GET /api/ledger?format=json`, what the dashboard reads) and then the workbook (`format=xlsx`), from the service
 * running as npm start runs it (embedded store, a process of its own: its peak memory is the service's, all threads).
 * Each measured pair follows a unit's new submission, as during a round: the service keeps the ledgers it made, so
 * asking again with nothing changed would measure only that; the first pair of the process, before anything is
 * kept (the wait as measured before the ledger was kept), is a row of its own against the same target. Absolute
 * targets: the reference loop is printed beside them.
 */
import { rm } from "node:fs/promises";
import { DEFAULT_ROSTER } from "../core/index.js";
import { completeCopy } from "../workbook/index.js";
import { populatedStore } from "./populate.js";
import { fmt, machineNow, median, ms, note, row, section } from "./rows.js";
import { startService } from "./serviceProcess.js";

const REPEAT = 3;
/** Long enough for the service's parse workers to have loaded (they load beside the first requests otherwise). */
const IDLE_MS = 5_000;
const ROUND = "2022-03";

export async function ledgerBench(): Promise<void> {
  section(`ledger JSON + workbook of a round, through the service (embedded store, a process of its own; median of ${REPEAT}, each after a unit's new submission, after one that warms it)`);
  for (const [units, limitMs] of [[1_000, 2_000], [5_000, 6_000]] as const) {
    const dir = await populatedStore(units, [ROUND]);
    // the units that send a new table before each measured pair: units of the seed's roster, which have not reported yet
    const senders = DEFAULT_ROSTER.units.slice(0, REPEAT).map((u) => u.name);
    const copies = await Promise.all(senders.map((unit) => completeCopy(unit)));
    const service = await startService({ dir, extraUnits: units, now: "2022-03-10T02:00:00Z", tokensFor: senders });
    try {
      const get = async (format: "json" | "xlsx") => {
        const t = performance.now();
        const r = await fetch(`${service.url}/api/ledger?round=${ROUND}&format=${format}`, { headers: { authorization: `Bearer ${service.coordinator}` } });
        const body = new Uint8Array(await r.arrayBuffer());
        return { ms: performance.now() - t, status: r.status, bytes: body.length, body };
      };
      const submit = async (i: number) => {
        const r = await fetch(`${service.url}/api/submissions?round=${ROUND}`, { method: "POST", body: new Uint8Array(copies[i]!), headers: { authorization: `Bearer ${service.tokens[senders[i]!]}` } });
        // 201: accepted, a new version of the unit's table
        if (r.status !== 201) throw new Error(`${senders[i]}'s table was not accepted (${r.status} ${await r.text()})`);
        await r.arrayBuffer().catch(() => undefined);
      };
      // the service as it idles once its parse workers have loaded: what its peak memory starts from
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
      const idle = await service.peakRssMb();
      const runs: { json: number; xlsx: number; statuses: string }[] = [];
      service.watch(); // with BENCH_CPU_PROF set, the service's request loop is profiled over the measured requests
      let sizes = "";
      let first = { total: 0, ok: false, text: "" };
      for (let i = 0; i <= REPEAT; i++) {
        if (i > 0) await submit(i - 1);
        const json = await get("json");
        const xlsx = await get("xlsx");
        if (i === 0) {
          const submitted = json.status === 200 ? (JSON.parse(new TextDecoder().decode(json.body)) as { totals: { submitted: number } }).totals.submitted : 0;
          sizes = `JSON ${fmt(json.bytes / 1e6)} MB (${submitted} units submitted), workbook ${fmt(xlsx.bytes / 1e6)} MB`;
          first = { total: json.ms + xlsx.ms, ok: json.status === 200 && xlsx.status === 200, text: `JSON ${ms(json.ms)} + workbook ${ms(xlsx.ms)} (${json.status}/${xlsx.status})` };
          continue;
        }
        runs.push({ json: json.ms, xlsx: xlsx.ms, statuses: `${json.status}/${xlsx.status}` });
      }
      const total = median(runs.map((r) => r.json + r.xlsx));
      const answered = runs.every((r) => r.statuses === "200/200");
      const loop = await service.watched();
      if (loop.profile) note(`the service's request loop profiled in ${loop.profile}`);
      const peak = await service.peakRssMb();
      const what = `ledger JSON + workbook, ${fmt(units)} units`;
      row({ what, measured: ms(total), floor: machineNow(), target: `< ${fmt(limitMs / 1000)} s`, ok: answered && total < limitMs });
      note(`after a unit's new submission: JSON ${ms(median(runs.map((r) => r.json)))} + workbook ${ms(median(runs.map((r) => r.xlsx)))} (medians; totals ${runs.map((r) => ms(r.json + r.xlsx)).join(", ")}); ${sizes}; answers ${runs.map((r) => r.statuses).join(", ")}`);
      // the wait as it was measured before the ledger was kept: made from nothing, the first of a service — checked too
      row({ what: `${what}, the first of a service (nothing kept)`, measured: ms(first.total), floor: machineNow(), target: `< ${fmt(limitMs / 1000)} s`, ok: first.ok && first.total < limitMs });
      note(first.text);
      row({ what: `${what}: service's peak memory`, measured: `${fmt(peak, 0)} MB`, floor: "—", target: "< 512 MB", ok: peak < 512 });
      note(`the service idle before the first ledger, its parse workers loaded: ${fmt(idle, 0)} MB`);
    } finally {
      await service.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }
}
