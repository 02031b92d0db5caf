/**
 * A round's consolidated ledger: the latest accepted submission of each unit; for a unit without one, why
 * (its file refused) or its latest accepted table of an earlier round (carried forward, up to a year back);
 * the coordinator's reviews; reminders `remindDays` ahead; and whether its counts are of the built-in sample's tasks.
 */
import { consolidate, planYear, refusalReasons, roundDay, shiftRound, type Ledger, type TasksSource, type UnitReport } from "../core/index.js";
import { roundConfig, rosterWith, tasksSource } from "./roundConfig.js";
import { StorageUnavailableError } from "./errors.js";
import type { Extract } from "./ingest.js";
import type { Services } from "./services.js";
import type { LatestRecord, SubmissionRecord } from "./storage/store.js";

/** How many earlier rounds a unit's last table is looked for in. */
const CARRY_MONTHS = 12;

/** The months a unit's last table is looked for in, newest first. */
export const carryMonths = (round: string): string[] => Array.from({ length: CARRY_MONTHS }, (_, i) => shiftRound(round, -(i + 1)));

/** Why a file was refused, as `/api/submissions` answered it: its first errors (`D12：message`), else its reason in words. */
export async function refusalOf(services: Services, record: SubmissionRecord): Promise<string[]> {
  const kept = await services.store.getSubmission<Extract>(record.round, record.id);
  const reasons = record.outcome === "rejected" ? refusalReasons(kept?.extract?.findings ?? []) : [];
  const reason = record.reason || `校验有 ${record.errors} 处错误`;
  return reasons.length > 0 ? reasons : [reason];
}

/** An accepted submission's report: stored apart (`putReport`), or in its index entry where it was kept before that. */
export async function reportOf(services: Services, l: LatestRecord, e: Extract | undefined): Promise<UnitReport> {
  const stored = e?.report ?? (await services.store.readReport(l.round, l.submissionId).then((text) => (text === undefined ? undefined : (JSON.parse(text) as UnitReport))));
  if (!stored) throw new StorageUnavailableError(new Error(`the report of ${l.submissionId} is missing`));
  return { ...stored, unit: l.unit, submissionId: l.submissionId, receivedAt: l.receivedAt };
}

export async function roundLedger(services: Services, round: string, remindDays?: number): Promise<Ledger & { tasksSource: TasksSource }> {
  const { store } = services;
  const [config, latest, attempts, reviews] = await Promise.all([roundConfig(services, round), store.listLatest<Extract>(round, true), store.listSubmissions(round), store.listReviews()]);
  const reports = await Promise.all(latest.map(({ latest: l, extract: e }) => reportOf(services, l, e)));
  const have = new Set(reports.map((r) => r.unit));

  // Units whose file was refused this round and that have no accepted one: the last refusal's reason, when it came.
  const rejected = new Map<string, SubmissionRecord>();
  for (const a of attempts) {
    if (have.has(a.unit) || (a.outcome !== "rejected" && a.outcome !== "unreadable")) continue;
    const before = rejected.get(a.unit);
    if (!before || a.receivedAt > before.receivedAt) rejected.set(a.unit, a);
  }
  // ...and its first findings, kept with the refused file's record (an unreadable file: the reason itself)
  const refusals = await Promise.all(
    [...rejected].map(async ([unit, r]) => ({ unit, reason: r.reason || `校验有 ${r.errors} 处错误`, reasons: await refusalOf(services, r), receivedAt: r.receivedAt, errors: r.errors, warnings: r.warnings })),
  );

  // The year before, read at once (the store answers rounds independently); each unit's newest table wins.
  const months = carryMonths(round);
  const earlier = await Promise.all(months.map((m) => store.listLatest<Extract>(m, true)));
  const newest: { entry: (typeof earlier)[number][number]; round: string }[] = [];
  const found = new Set(have);
  earlier.forEach((entries, i) => {
    for (const entry of entries) {
      if (found.has(entry.latest.unit)) continue;
      found.add(entry.latest.unit);
      newest.push({ entry, round: months[i]! });
    }
  });
  const carried = await Promise.all(newest.map(async ({ entry, round: from }) => ({ ...(await reportOf(services, entry.latest, entry.extract)), round: from })));

  // overdue is measured from the round's day (core roundDay: a past month's last day), which consolidate works out
  const today = services.today();
  // a list without a year is the round's year, as validation on submit reads it (judged as of the round's day)
  const year = planYear(config.tasks.year, services.settings.planYear, roundDay(round, today));
  const roster = rosterWith(config, [...reports.map((r) => r.unit), ...rejected.keys()]);
  const ledger = consolidate({
    round,
    today,
    year,
    tasks: config.tasks.tasks,
    roster,
    reports,
    rejected: refusals,
    carried: carried.filter((c) => roster.canonicalUnit(c.unit) !== undefined),
    reviews,
    ...(remindDays !== undefined ? { remindDays } : {}),
  });
  // The sample is never adopted silently: counts made against it say so.
  return { ...ledger, tasksSource: tasksSource(config) };
}
