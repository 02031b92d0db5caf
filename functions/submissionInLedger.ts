/**
 * The submission a unit's items are counted on in a round's ledger: its latest accepted one of the round, else
 * (none this round) the earlier month's table the ledger carries forward (沿用), else none. A review names the
 * version the coordinator judged; it is taken only while that is still this one.
 */
import { carryMonths } from "./roundLedger.js";
import type { Services } from "./services.js";

export interface SubmissionInLedger {
  /** "" when the unit is counted on no table (未报送). */
  id: string;
  /** The month of the table (the round itself, or an earlier one: 沿用). */
  round: string;
  receivedAt: string | null;
}

export async function submissionInLedger(services: Services, round: string, unit: string): Promise<SubmissionInLedger> {
  const latest = await services.store.getLatest(round, unit);
  if (latest) return { id: latest.latest.submissionId, round, receivedAt: latest.latest.receivedAt };
  // No version this round: the newest of the months the ledger carries a table from (its own rule, `carryMonths`)
  const months = carryMonths(round);
  const earlier = await Promise.all(months.map((m) => services.store.getLatest(m, unit)));
  const i = earlier.findIndex((e) => e !== undefined);
  return i < 0 ? { id: "", round, receivedAt: null } : { id: earlier[i]!.latest.submissionId, round: months[i]!, receivedAt: earlier[i]!.latest.receivedAt };
}
