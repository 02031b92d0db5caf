import { expectedUnits, orderUnits, roundDay } from "../../core/index.js";
import { authorize, json, roundOf, type Handler } from "../http.js";
import { roundConfig, rosterWith, tasksSource } from "../roundConfig.js";
import { refusalOf } from "../roundLedger.js";

/** `GET /api/status?round=`: who has submitted, when, with how many errors; who is missing. */
export const statusHandler: Handler = async (request, _context, services) => {
  await authorize(request, services, "coordinator");
  const round = roundOf(request, services);
  const [entries, attempts, config] = await Promise.all([services.store.listLatest(round), services.store.listSubmissions(round), roundConfig(services, round)]);
  const latest = entries.map((e) => e.latest);
  const byUnit = new Map(latest.map((l) => [l.unit, l]));
  // A file refused as another unit's table is not a version of the uploader's: it is listed apart.
  const tries = new Map<string, typeof attempts>();
  const refused = attempts.filter((a) => a.outcome === "forbidden").sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  for (const a of attempts) {
    if (a.outcome === "forbidden") continue;
    const list = tries.get(a.unit);
    if (list) list.push(a);
    else tries.set(a.unit, [a]);
  }
  const roster = rosterWith(config, [...byUnit.keys()]);
  // as the ledger counts (core expectedUnits): a unit that answers for no task is not expected to report
  const expected = expectedUnits(config.tasks.tasks, roster);
  const names = orderUnits(roster, [...roster.unitNames, ...byUnit.keys()]).filter((u) => expected.has(u));
  const units = await Promise.all(names.map(async (unit) => {
    const l = byUnit.get(unit);
    const mine = (tries.get(unit) ?? []).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    const last = mine.at(-1);
    // a refused last attempt says why, as the submission was answered (its first three errors)
    const reasons = last && last.outcome !== "accepted" ? await refusalOf(services, last) : [];
    return {
      unit,
      submitted: l !== undefined,
      receivedAt: l?.receivedAt ?? null,
      // A unit with no accepted version shows what its last attempt had.
      errors: l?.errors ?? last?.errors ?? 0,
      warnings: l?.warnings ?? last?.warnings ?? 0,
      latestId: l?.submissionId ?? null,
      attempts: mine.length,
      lastAttempt: last ? { id: last.id, receivedAt: last.receivedAt, outcome: last.outcome, reason: last.reason, reasons, errors: last.errors, warnings: last.warnings } : null,
      /** Every version received, oldest first: each one stays downloadable. */
      history: mine.map((a, i) => {
        // a file sent again after another (a new receipt that became the latest) names the attempt it repeats
        const earlier = mine.slice(0, i).find((b) => b.sha256 === a.sha256);
        return { id: a.id, receivedAt: a.receivedAt, outcome: a.outcome, ...(earlier ? { resendOf: earlier.id } : {}) };
      }),
    };
  }));
  const missingUnits = units.filter((u) => !u.submitted).map((u) => u.unit);
  return json(200, {
    round,
    today: services.today(),
    /** The day late work is measured from: today for the current month, a past month's last day (as the ledger says it). */
    roundDay: roundDay(round, services.today()),
    /** "built-in" while no task list was given for the round: every count is then of the sample's tasks. */
    tasksSource: tasksSource(config),
    submitted: units.length - missingUnits.length,
    expected: units.length,
    units,
    missingUnits,
    /** Files refused as another unit's table: who sent them, and the unit the file names (in `reason`). */
    refused: refused.map((a) => ({ id: a.id, uploader: a.unit, receivedAt: a.receivedAt, reason: a.reason })),
  });
};
