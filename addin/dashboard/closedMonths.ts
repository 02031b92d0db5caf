/**
 * The trend's earlier months, kept: a month before this one that units can no longer submit to changes only when
 * the coordinator acts (a review, an upload, opening a month), so its ledger is asked for once, not at every
 * refresh. Anything this page sends to the service forgets them all, and each is kept ten minutes at most (another
 * coordinator's decisions show within that). The month shown is always asked for anew.
 */
import { localDay, type Ledger } from "../../core/index.js";
import type { Months } from "./service.js";

const KEEP_MS = 10 * 60_000;
const kept = new Map<string, { ledger: Ledger; at: number }>();
/** The open months as the service last said them; until it has, no month counts as closed. */
let open: Set<string> | undefined;

/** Whether `round` can no longer change by a unit's submission: before this month and not open. */
const closed = (round: string, now: Date): boolean => open !== undefined && !open.has(round) && round < localDay(now).slice(0, 7);

export function noteOpenMonths(months: Months): void {
  open = new Set(months.open.map((o) => o.round));
}

/** The ledger kept under `key` (its month, days and server) if `round` is closed and it is fresh enough. */
export function keptLedger(round: string, key: string, now = new Date()): Ledger | undefined {
  const k = kept.get(key);
  if (!k || !closed(round, now) || now.getTime() - k.at > KEEP_MS) return undefined;
  return k.ledger;
}

/** Kept whatever the month: whether it is closed is asked when it is next wanted (the open months may come later). */
export function keepLedger(key: string, ledger: Ledger, now = new Date()): void {
  kept.set(key, { ledger, at: now.getTime() });
}

/** The page changed something (or talks to another server): every kept month is asked for again. */
export function forgetLedgers(): void {
  kept.clear();
  open = undefined;
}
