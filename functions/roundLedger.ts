/** A round's consolidated ledger, from the latest accepted submission of each unit. */
import { consolidate, planYear, type Ledger, type UnitReport } from "../core/index.js";
import { roundConfig, rosterWith } from "./roundConfig.js";
import { StorageUnavailableError } from "./errors.js";
import type { Extract } from "./ingest.js";
import type { Services } from "./services.js";

export async function roundLedger(services: Services, round: string): Promise<Ledger> {
  const { store } = services;
  const [config, latest] = await Promise.all([roundConfig(services, round), store.listLatest<Extract>(round, true)]);
  const reports = latest.map(({ latest: l, extract: e }) => {
    if (!e?.report) throw new StorageUnavailableError(new Error(`the index entry of ${l.submissionId} has no report`));
    return { ...e.report, unit: l.unit, submissionId: l.submissionId, receivedAt: l.receivedAt } satisfies UnitReport;
  });
  const today = services.today();
  const year = planYear(config.tasks.year, services.settings.planYear, today);
  const roster = rosterWith(config, reports.map((r) => r.unit));
  return consolidate({ round, today, year, tasks: config.tasks.tasks, roster, reports });
}
