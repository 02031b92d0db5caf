/**
 * A round's consolidated ledger: the latest accepted submission of each unit; for a unit without one, why
 * (its file refused) or its latest accepted table of an earlier round (carried forward, up to a year back);
 * the coordinator's reviews; reminders `remindDays` ahead; and whether its counts are of the built-in sample's tasks.
 */
import { createHash } from "node:crypto";
import { consolidateReadings, planYear, readReport, refusalReasons, roundDay, shiftRound, type Ledger, type OfficialTask, type Review, type TasksSource, type UnitReading, type UnitReport } from "../core/index.js";
import { cachedNames, roundConfig, rosterWith, tasksSource, type RoundConfig } from "./roundConfig.js";
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
  const reasons = record.outcome === "rejected" ? refusalReasons(kept?.extract?.findings ?? [], kept?.extract?.sheet) : [];
  const reason = record.reason || `校验有 ${record.errors} 处错误`;
  return reasons.length > 0 ? reasons : [reason];
}

/** An accepted submission's report: stored apart (`putReport`), or in its index entry where it was kept before that. */
export async function reportOf(services: Services, l: LatestRecord, e: Extract | undefined): Promise<UnitReport> {
  const stored = e?.report ?? (await services.store.readReport(l.round, l.submissionId).then((text) => (text === undefined ? undefined : (JSON.parse(text) as UnitReport))));
  if (!stored) throw new StorageUnavailableError(new Error(`the report of ${l.submissionId} is missing`));
  return { ...stored, unit: l.unit, submissionId: l.submissionId, receivedAt: l.receivedAt };
}

export type RoundLedger = Ledger & { tasksSource: TasksSource };

/**
 * Reports read at a time: enough to cover Azure Storage's latency per blob (the disk is as fast at 16), few enough that
 * a round of thousands of units is never held as reports at once — each is matched to the tasks (`readReport`) and let
 * go as it comes. All 5,000 at once, as before, took the service's peak memory 100 MB higher than 64 or 16 do.
 */
const READ_AT_ONCE = 64;

/** `fn` over `items`, at most `limit` at a time, the results in the items' order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * The ledgers made last, each with the state of the store it was made from. A ledger is a function of that state (the
 * round's and the earlier months' latest submissions, refusals, reviews, configuration versions) and of the day: the
 * workbook asked for after the JSON, and the dashboard's refresh every 30 s, get the ledger made already while none
 * of it changed. Reports and stored configuration never change under their ids (create-only), so the ids stand for them.
 * Callers read a kept ledger and never change it (the JSON answer serialises it, a worker gets a copy).
 */
interface Kept {
  /** Which ledger: its round and reminder days (one kept of each: a newer state of the store replaces the older). */
  slot: string;
  key: string;
  ledger: Promise<RoundLedger>;
  /** The task list its reports were read against, and those readings by report (`round/submissionId`). */
  tasks: readonly OfficialTask[];
  readings: Map<string, UnitReading>;
}

/** Ledgers kept: the month shown and two more (one of 5,000 units is ≈ 35 MB). */
const KEEP = 3;
const kept = new WeakMap<Services, Kept[]>();

export async function roundLedger(services: Services, round: string, remindDays?: number): Promise<RoundLedger> {
  const { store } = services;
  const months = carryMonths(round);
  const [config, names, latest, attempts, reviews, earlier] = await Promise.all([
    roundConfig(services, round),
    Promise.all([cachedNames(store, "tasks"), cachedNames(store, "mapping"), cachedNames(store, "roster")]),
    store.listLatest<Extract>(round, true),
    store.listSubmissions(round),
    store.listReviews(),
    // the year before, read at once (the store answers rounds independently)
    Promise.all(months.map((m) => store.listLatest<Extract>(m, true))),
  ]);
  const today = services.today();
  const state = JSON.stringify([
    round,
    today,
    remindDays ?? null,
    names,
    [latest, ...earlier].map((entries) => entries.map((e) => e.latest.submissionId)),
    attempts.map((a) => [a.id, a.unit, a.outcome, a.receivedAt, a.reason, a.errors, a.warnings]),
    reviews.map((r) => r.id),
  ]);
  const key = createHash("sha256").update(state).digest("base64");
  const list = kept.get(services) ?? [];
  kept.set(services, list);
  const hit = list.find((k) => k.key === key);
  if (hit) {
    list.splice(list.indexOf(hit), 1);
    list.unshift(hit);
    return hit.ledger;
  }

  // A report read for a kept ledger is not read again: after one unit's new table, one report is read, not thousands.
  const tasks = config.tasks.tasks;
  const before = list.filter((k) => k.tasks === tasks).map((k) => k.readings);
  const readings = new Map<string, UnitReading>();
  const read = async (l: LatestRecord, e: Extract | undefined): Promise<UnitReading> => {
    const id = `${l.round}/${l.submissionId}`;
    const reading = before.find((r) => r.has(id))?.get(id) ?? readReport(await reportOf(services, l, e), l.round, tasks);
    readings.set(id, reading);
    return reading;
  };
  const slot = `${round}|${remindDays ?? ""}`;
  const made: Kept = { slot, key, tasks, readings, ledger: makeLedger(services, round, remindDays, { config, latest, attempts, reviews, earlier, today }, read) };
  const older = list.findIndex((k) => k.slot === slot);
  if (older >= 0) list.splice(older, 1);
  list.unshift(made);
  list.splice(KEEP);
  // a failure is not kept: the next request tries again
  made.ledger.catch(() => {
    const at = list.indexOf(made);
    if (at >= 0) list.splice(at, 1);
  });
  return made.ledger;
}

type Latest = { latest: LatestRecord; extract: Extract | undefined }[];

/** What the ledger is made of, as read from the store. */
interface StoreState {
  config: RoundConfig;
  latest: Latest;
  attempts: SubmissionRecord[];
  reviews: Review[];
  /** The months before, newest first (`carryMonths`). */
  earlier: Latest[];
  today: string;
}

async function makeLedger(
  services: Services,
  round: string,
  remindDays: number | undefined,
  s: StoreState,
  read: (l: LatestRecord, e: Extract | undefined) => Promise<UnitReading>,
): Promise<RoundLedger> {
  const { config, latest, attempts, reviews, earlier, today } = s;
  const have = new Set(latest.map((e) => e.latest.unit));

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

  // Each unit's newest table of the year before, for the units with none this round (and known to the roster).
  const roster = rosterWith(config, [...have, ...rejected.keys()]);
  const newest: Latest = [];
  const found = new Set(have);
  for (const entries of earlier) {
    for (const entry of entries) {
      if (found.has(entry.latest.unit)) continue;
      found.add(entry.latest.unit);
      if (roster.canonicalUnit(entry.latest.unit) !== undefined) newest.push(entry);
    }
  }
  const reports = await mapLimit(latest, READ_AT_ONCE, (e) => read(e.latest, e.extract));
  const carried = await mapLimit(newest, READ_AT_ONCE, (e) => read(e.latest, e.extract));

  // overdue is measured from the round's day (core roundDay: a past month's last day), which consolidate works out
  // a list without a year is the round's year, as validation on submit reads it (judged as of the round's day)
  const year = planYear(config.tasks.year, services.settings.planYear, roundDay(round, today));
  const ledger = consolidateReadings({
    round,
    today,
    year,
    tasks: config.tasks.tasks,
    roster,
    reports,
    rejected: refusals,
    carried,
    reviews,
    ...(remindDays !== undefined ? { remindDays } : {}),
  });
  // The sample is never adopted silently: counts made against it say so.
  return { ...ledger, tasksSource: tasksSource(config) };
}
