import { orderUnits } from "../../core/index.js";
import { authorize, json, roundOf, type Handler } from "../http.js";
import { roundConfig, rosterWith } from "../roundConfig.js";

/** `GET /api/status?round=`: who has submitted, when, with how many errors; who is missing. */
export const statusHandler: Handler = async (request, _context, services) => {
  await authorize(request, services, "coordinator");
  const round = roundOf(request, services);
  const [entries, attempts, config] = await Promise.all([services.store.listLatest(round), services.store.listSubmissions(round), roundConfig(services, round)]);
  const latest = entries.map((e) => e.latest);
  const byUnit = new Map(latest.map((l) => [l.unit, l]));
  const tries = new Map<string, typeof attempts>();
  for (const a of attempts) {
    const list = tries.get(a.unit);
    if (list) list.push(a);
    else tries.set(a.unit, [a]);
  }
  const roster = rosterWith(config, [...byUnit.keys()]);
  const names = orderUnits(roster, [...roster.unitNames, ...byUnit.keys()]);
  const units = names.map((unit) => {
    const l = byUnit.get(unit);
    const mine = (tries.get(unit) ?? []).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    const last = mine.at(-1);
    return {
      unit,
      submitted: l !== undefined,
      receivedAt: l?.receivedAt ?? null,
      errors: l?.errors ?? 0,
      warnings: l?.warnings ?? 0,
      latestId: l?.submissionId ?? null,
      attempts: mine.length,
      lastAttempt: last ? { id: last.id, receivedAt: last.receivedAt, outcome: last.outcome, reason: last.reason } : null,
      /** Every version received, oldest first: each one stays downloadable. */
      history: mine.map((a) => ({ id: a.id, receivedAt: a.receivedAt, outcome: a.outcome })),
    };
  });
  const missingUnits = units.filter((u) => !u.submitted).map((u) => u.unit);
  return json(200, { round, today: services.today(), submitted: units.length - missingUnits.length, expected: units.length, units, missingUnits });
};
