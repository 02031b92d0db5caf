/**
 * The users' clock: their time zone, their day and their times (never the server's). A module of its own, below both
 * the rounds (core/round.ts) and the ledger's layout (core/ledgerLayout.ts), which each need it.
 */

/** The users' time zone: "today", rounds and receipt times are theirs, not the server's. */
export const USERS_TIME_ZONE = "Asia/Shanghai";

/** `YYYY-MM-DD` of an instant in the users' time zone. */
export function localDay(at: Date, timeZone = USERS_TIME_ZONE): string {
  return formatter(timeZone, false).format(at);
}

/** Intl formatters are costly to make (a ledger shows thousands of times): one per zone and kind. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone, year: "numeric", month: "2-digit", day: "2-digit", ...(withTime ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

/** `"2022-03-10T02:00:00.000Z"` → `"2022-03-10 10:00"` (the users' clock); "" for none. */
export function localTime(iso: string | null | undefined, timeZone = USERS_TIME_ZONE): string {
  if (!iso) return "";
  const parts = formatter(timeZone, true).formatToParts(new Date(iso));
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? "";
  return `${p("year")}-${p("month")}-${p("day")} ${p("hour")}:${p("minute")}`;
}
