/** A round's consolidated ledger, from the latest accepted submission of each unit. */
import { consolidate, officialTasks, type Ledger, type UnitReport } from "../core/index.js";
import { StorageUnavailableError } from "./errors.js";
import type { Extract } from "./ingest.js";
import type { Services } from "./services.js";

const mostCommon = (xs: number[]): number | undefined => {
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
};

export async function roundLedger(services: Services, round: string): Promise<Ledger> {
  const { store } = services;
  const extracts = (await store.listLatest<Extract>(round, true)).map(({ latest: l, extract: e }) => {
    if (!e?.report) throw new StorageUnavailableError(new Error(`the index entry of ${l.submissionId} has no report`));
    const report: UnitReport = { ...e.report, unit: l.unit, submissionId: l.submissionId, receivedAt: l.receivedAt };
    return { report, year: e.year };
  });
  const today = services.today();
  const year =
    services.settings.planYear ?? mostCommon(extracts.flatMap((e) => (e.year ? [e.year] : []))) ?? Number(today.slice(0, 4));
  return consolidate({ round, today, year, tasks: officialTasks(), roster: services.roster, reports: extracts.map((e) => e.report) });
}
