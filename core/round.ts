/**
 * Domain decisions every host makes the same way: what "today" is, which round a day falls in, and which
 * year a deadline such as `3月15日` belongs to. Written once here; the CLI, the service, the add-in and the
 * browser page call these.
 */
import { USERS_TIME_ZONE, localDay } from "./usersClock.js";

/** A round is a month, `YYYY-MM`, of this century (a year 0000 or 9999 is a typing mistake, not a plan). */
export const ROUND_PATTERN = /^20\d{2}-(0[1-9]|1[0-2])$/;

export const isRound = (s: string): boolean => ROUND_PATTERN.test(s);

/** The round a day (`YYYY-MM-DD`) falls in: its month. */
export const roundOf = (day: string): string => day.slice(0, 7);

/** The round `months` after `round` (before it, for a negative number): `shiftRound("2022-01", -1)` is `2021-12`. */
export function shiftRound(round: string, months: number): string {
  const [y, m] = round.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + months, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The last day of a round: `roundEnd("2022-02")` is `2022-02-28`. */
export function roundEnd(round: string): string {
  const [y, m] = round.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Whether a round is over on `today` (a month before today's). */
export const isPastRound = (round: string, today: string): boolean => round < roundOf(today);

/**
 * The round's day: what overdue and due-soon are measured from. Today for the current round (and a later one);
 * the round's last day for a past round — a March report judged in June is judged as of 31 March. Validation on
 * submit, the ledger and the 通报 all measure from it.
 */
export function roundDay(round: string, today: string): string {
  return isPastRound(round, today) ? roundEnd(round) : today;
}

/** "Today" in the users' time zone (`GONGKAI_TIMEZONE`, default 北京时间), never the machine's or UTC. */
export function todayIn(timeZone: string = USERS_TIME_ZONE, now: Date = new Date()): string {
  return localDay(now, timeZone);
}

/** A real calendar day `YYYY-MM-DD`. */
export function isDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * The plan year for deadlines without one: the year the table's title names, else the one configured
 * (`--year`, `GONGKAI_PLAN_YEAR`), else today's year. Never a fixed year.
 */
export function planYear(tableYear: number | undefined, configured: number | undefined, today: string): number {
  return tableYear ?? configured ?? Number(today.slice(0, 4));
}
