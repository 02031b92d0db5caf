/**
 * A round's consolidated ledger: the latest accepted submission of each unit; for a unit without one, why
 * (its file refused) or its latest accepted table of an earlier round (carried forward, up to a year back);
 * the coordinator's reviews; reminders `remindDays` ahead.
 */
import { consolidate, planYear, type Ledger, type UnitReport } from "../core/index.js";
import { roundConfig, rosterWith } from "./roundConfig.js";
import { StorageUnavailableError } from "./errors.js";
import type { Extract } from "./ingest.js";
import type { Services } from "./services.js";
import type { LatestRecord } from "./storage/store.js";

/** How many earlier rounds a unit's last table is looked for in. */
const CARRY_MONTHS = 12;

const previousRound = (round: string): string => {
  const [y, m] = round.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
};

function reportOf(l: LatestRecord, e: Extract | undefined): UnitReport {
  if (!e?.report) throw new StorageUnavailableError(new Error(`the index entry of ${l.submissionId} has no report`));
  return { ...e.report, unit: l.unit, submissionId: l.submissionId, receivedAt: l.receivedAt };
}

export async function roundLedger(services: Services, round: string, remindDays?: number): Promise<Ledger> {
  const { store } = services;
  const [config, latest, attempts, reviews] = await Promise.all([roundConfig(services, round), store.listLatest<Extract>(round, true), store.listSubmissions(round), store.listReviews()]);
  const reports = latest.map(({ latest: l, extract: e }) => reportOf(l, e));
  const have = new Set(reports.map((r) => r.unit));

  // Units whose file was refused this round and that have no accepted one: the last refusal's reason.
  const rejected = new Map<string, { reason: string; at: string }>();
  for (const a of attempts) {
    if (have.has(a.unit) || (a.outcome !== "rejected" && a.outcome !== "unreadable")) continue;
    const before = rejected.get(a.unit);
    if (!before || a.receivedAt > before.at) rejected.set(a.unit, { reason: a.reason || `校验有 ${a.errors} 处错误`, at: a.receivedAt });
  }

  // Earlier rounds, newest first, until every unit has a table or a year has been looked at.
  const carried: (UnitReport & { round: string })[] = [];
  const found = new Set(have);
  let earlier = round;
  for (let i = 0; i < CARRY_MONTHS; i++) {
    earlier = previousRound(earlier);
    const entries = await store.listLatest<Extract>(earlier, true);
    for (const { latest: l, extract: e } of entries) {
      if (found.has(l.unit)) continue;
      found.add(l.unit);
      carried.push({ ...reportOf(l, e), round: earlier });
    }
  }

  const today = services.today();
  const year = planYear(config.tasks.year, services.settings.planYear, today);
  const roster = rosterWith(config, [...reports.map((r) => r.unit), ...rejected.keys()]);
  return consolidate({
    round,
    today,
    year,
    tasks: config.tasks.tasks,
    roster,
    reports,
    rejected: [...rejected].map(([unit, r]) => ({ unit, reason: r.reason })),
    carried: carried.filter((c) => roster.canonicalUnit(c.unit) !== undefined),
    reviews,
    ...(remindDays !== undefined ? { remindDays } : {}),
  });
}
