/**
 * A unit's own items (细化分解) in the ledger: each item's state, and the state of the official task they are under,
 * which follows them — done when all are done, overdue when one is, closed (已销号) when all are closed, returned
 * while one is returned — counted as one task in the unit's rates, as a task without items is.
 */
import { parseDeadline, type DeadlineParse } from "./deadline.js";
import { isLate, itemDueDate } from "./lateWork.js";
import { returnStands, reviewOf, type Review } from "./reviews.js";
import { isSettled, type Status } from "./status.js";
import { itemKeys, statusOfItems, type ReportItem } from "./unitItems.js";

/** What an item is, counted once, in the order of precedence (as a task's `CellState`). */
export type ItemState = "已销号" | "退回" | "逾期" | "未填报" | "未启动" | "推进中" | "已完成" | "不涉及";

export interface LedgerItem {
  /** Stable while the item's 具体事项 is unchanged (`T05-1k3x9a`): what a review of the item names. */
  key: string;
  /** 具体事项. */
  text: string;
  /** 具体责任人. */
  person: string;
  /** 推进时限 as written. */
  deadline: string;
  /** What the unit reported of it (未填报 where no status can be read): what 验收 goes by (`acceptCloses`). */
  status: Status | "未填报";
  state: ItemState;
  /** Not done, past its 推进时限 (its task's deadline where it has no date of its own) on the round's day, not closed. */
  overdue: boolean;
  /** 进展情况. */
  progress: string;
  /** The coordinator's decision in force on this item, if any. */
  review: Review | null;
}

export interface ItemsContext {
  unit: string;
  year: number;
  roundDay: string;
  /** The reviews in force (`reviewsInForce`). */
  inForce: ReadonlyMap<string, Review>;
  /** Whether the unit's report is of this round, and when it was received (a return stands until it reports again). */
  current: boolean;
  receivedAt: string | undefined;
}

/** The ledger's items of one unit under one task (`taskId`, its deadline `taskDue`), in the sheet's order. */
export function ledgerItems(items: readonly ReportItem[], taskId: string, taskDue: DeadlineParse, ctx: ItemsContext): LedgerItem[] {
  const keys = itemKeys(taskId, items.map((i) => i.text));
  return items.map((item, n) => {
    const key = keys[n]!;
    // a decision on the whole task holds for each item without one of its own
    const review = reviewOf(ctx.inForce, taskId, ctx.unit, key) ?? reviewOf(ctx.inForce, taskId, ctx.unit) ?? null;
    const status: Status | undefined = item.status;
    const closed = review?.decision === "accepted" && acceptCloses(status);
    const returned = returnStands(review, ctx.current, ctx.receivedAt);
    const own = item.deadline === "" ? undefined : parseDeadline(item.deadline, ctx.year);
    const overdue = !closed && isLate(itemDueDate(own, taskDue), ctx.roundDay, status);
    const state: ItemState = closed ? "已销号" : returned ? "退回" : overdue ? "逾期" : (status ?? "未填报");
    return { key, text: item.text, person: item.person, deadline: item.deadline, status: status ?? "未填报", state, overdue, progress: item.progress, review };
  });
}

/** What a task's items make of it for the unit: its reported status, and whether it is overdue, closed or returned. */
export interface ItemsVerdict {
  /** 已完成 when every item is done (or 不涉及), 未启动 when none has started, else 推进中. */
  status: Status;
  overdue: boolean;
  /** Every item closed (已销号). */
  closed: boolean;
  /** An item returned and not reported again since. */
  returned: boolean;
}

export function itemsVerdict(items: readonly LedgerItem[], reported: readonly Pick<ReportItem, "status">[]): ItemsVerdict {
  return {
    // what the unit reported of them, as validation reads it (a late or returned item says what it said)
    status: statusOfItems(reported.map((i) => i.status)),
    overdue: items.some((i) => i.overdue),
    closed: itemsClosed(items),
    returned: items.some((i) => i.state === "退回"),
  };
}

/**
 * Whether 验收 of what a unit reported closes it (销号): done or not applicable. Of work under way, or of nothing
 * readable, it records the check and closes nothing. A task's or an item's state does not decide it: an item the unit
 * reported done that was returned (退回) is closed by 验收 all the same.
 */
export const acceptCloses = (status: string | undefined): boolean => isSettled(status);

/** Whether every item of a task is closed (已销号): the task is then closed through them. */
export const itemsClosed = (items: readonly Pick<LedgerItem, "state">[]): boolean => items.length > 0 && items.every((i) => i.state === "已销号");

/** Where the coordinator's decisions on one item leave it: closed, returned, checked while under way, or not decided. */
const itemDecision = (i: Pick<LedgerItem, "state" | "review">): "已销号" | "退回" | "已验收" | "未验收" =>
  i.state === "已销号" ? "已销号" : i.state === "退回" ? "退回" : i.review?.decision === "accepted" ? "已验收" : "未验收";

/**
 * The decision on a task of items, read from them: `已销号（各细化事项均已验收）` when every item is closed, else how
 * many items stand each way (`细化事项2项：已销号1项，未验收1项`).
 */
export function itemsDecisionText(items: readonly Pick<LedgerItem, "state" | "review">[]): string {
  if (itemsClosed(items)) return "已销号（各细化事项均已验收）";
  const by = new Map<string, number>();
  for (const i of items) by.set(itemDecision(i), (by.get(itemDecision(i)) ?? 0) + 1);
  const order = ["已销号", "退回", "已验收", "未验收"].filter((d) => by.has(d));
  return `细化事项${items.length}项：${order.map((d) => `${d}${by.get(d)}项`).join("，")}`;
}

/** A progress text for a task of items, where the unit left the task's own cell blank: `2项已完成，1项推进中`. */
export function itemsProgress(items: readonly LedgerItem[]): string {
  const by = new Map<string, number>();
  for (const i of items) by.set(i.state, (by.get(i.state) ?? 0) + 1);
  return `细化事项${items.length}项：${[...by].map(([s, n]) => `${s}${n}项`).join("，")}`;
}

/**
 * A report's items by the task they are under: each item's task row on the unit's copy, matched to the task list as
 * the row itself was (`byRow`: the report row's index → the task's index). Items of a row that matched no task are left
 * out (the row is in 未匹配行).
 */
export function itemsByTask(report: { rows: readonly { row: number }[]; items?: readonly ReportItem[] | undefined }, byRow: ReadonlyMap<number, number>): Map<number, ReportItem[]> {
  const out = new Map<number, ReportItem[]>();
  if (!report.items || report.items.length === 0) return out;
  const rowIndex = new Map(report.rows.map((r, i) => [r.row, i]));
  for (const item of report.items) {
    const i = rowIndex.get(item.taskRow);
    const t = i === undefined ? undefined : byRow.get(i);
    if (t === undefined) continue;
    const list = out.get(t);
    if (list) list.push(item);
    else out.set(t, [item]);
  }
  return out;
}
