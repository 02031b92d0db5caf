/**
 * A data folder as the embedded store keeps it after a round (or a year of rounds) of many units: each unit's
 * accepted submission recorded, indexed as its latest, and its report stored beside it, as `ingest` writes them.
 * The report is that of a real accepted copy (the seed's table, 37 rows), one per unit; the files themselves are
 * not archived (the ledger and the dashboard never read them).
 */
import { createHash } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unitReport, validateWorkbook, type UnitReport } from "../core/index.js";
import { settingsWith } from "../functions/config.js";
import type { Extract } from "../functions/ingest.js";
import { createServices } from "../functions/services.js";
import type { EmbeddedStore } from "../functions/storage/embedded.js";
import { completeCopy, readWorkbook } from "../workbook/index.js";
import { bigRoster, unitName } from "./serviceFixtures.js";

/** Runs `fn` over `items`, at most `limit` at a time. */
export async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

let base: Promise<UnitReport> | undefined;
/** The report of an accepted 37-row copy. */
const baseReport = () =>
  (base ??= completeCopy("旗财政局").then(async (bytes) => unitReport(validateWorkbook(await readWorkbook(bytes), { today: "2022-03-10", unit: "旗财政局" }), "旗财政局")));

/** A new data folder holding `units` units' (bench units, `unitName`) accepted submissions in each of `rounds`. */
export async function populatedStore(units: number, rounds: readonly string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "gongkai-bench-store-"));
  const services = createServices(settingsWith({ kind: "embedded", dir }, { roster: bigRoster(units), planYear: 2022 }));
  await services.store.ensureReady();
  const report = await baseReport();
  const work = rounds.flatMap((round) => Array.from({ length: units }, (_, i) => ({ round, i })));
  await mapLimit(work, 16, async ({ round, i }) => {
    const unit = unitName(i);
    const id = `${round}-${createHash("sha256").update(`${round}/${unit}`).digest("hex").slice(0, 24)}`;
    const receivedAt = `${round}-10T02:00:00.${String(i % 1000).padStart(3, "0")}Z`;
    const extract: Extract = { report: null, findings: [], findingsTotal: 0, summary: null, year: 2022 };
    await services.store.putReport(round, id, JSON.stringify({ ...report, unit, submissionId: id, receivedAt }));
    await services.store.commit({
      record: { id, round, unit, receivedAt, sha256: "", size: 16_000, outcome: "accepted", errors: 0, warnings: 0, reason: "", fault: "" },
      extract,
      latestExtract: extract,
      latest: { next: { round, unit, submissionId: id, receivedAt, errors: 0, warnings: 0 }, etag: null },
    });
  });
  (services.store as EmbeddedStore).close();
  return dir;
}
