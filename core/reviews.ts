/**
 * 验收 / 销号 / 退回, item by item ("落实一项、验收一项、销号一项"): the coordinator's decision on one unit's
 * task. Reviews are kept for ever (append-only); the latest one of an item decides what it is now.
 */
export type Decision = "accepted" | "returned";

export interface Review {
  id: string;
  /** The round (`YYYY-MM`) the decision was taken in. */
  round: string;
  /** The task's id in the round's task list, and its label as the coordinator saw it. */
  task: string;
  label: string;
  unit: string;
  decision: Decision;
  comment: string;
  /** Who decided (the coordinator token's id) and when (ISO instant). */
  by: string;
  at: string;
  /** The unit's submission the coordinator judged (its id); "" for a decision taken before reviews named one. */
  submission: string;
  /** One of the unit's own items under the task (细化分解: `LedgerItem.key`); absent for a decision on the task itself. */
  item?: string;
}

export const DECISION_LABEL: Record<Decision, string> = { accepted: "已销号", returned: "退回" };

const itemKey = (task: string, unit: string, item = "") => `${task}\u0000${unit}\u0000${item}`;

/**
 * The review in force on each item in `round` (a unit's task, or one of its own items under a task): the latest one taken in that round or before (reviews of
 * later rounds do not reach back). An accepted item stays closed in later rounds until a later review
 * returns it.
 */
export function reviewsInForce(reviews: readonly Review[], round: string): Map<string, Review> {
  const out = new Map<string, Review>();
  const sorted = reviews.filter((r) => r.round <= round).sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  for (const r of sorted) out.set(itemKey(r.task, r.unit, r.item), r);
  return out;
}

/**
 * A return stands until the unit reports again after it: `current` (its table is this round's) and received after
 * the decision. The same for a task and for one of its items.
 */
export const returnStands = (review: Review | null | undefined, current: boolean, receivedAt: string | undefined): boolean =>
  review?.decision === "returned" && !(current && (receivedAt ?? "") > review.at);

/** The review in force on a unit's task, or on one of its own items under it (`item`: the item's key). */
export const reviewOf = (inForce: ReadonlyMap<string, Review>, task: string, unit: string, item?: string): Review | undefined => inForce.get(itemKey(task, unit, item));
