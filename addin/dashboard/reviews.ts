/**
 * 验收 / 退回 item by item: a unit's items of the ledger shown, each decided on the month drawn and the unit's version
 * in it (a newer version meanwhile is said, and nothing decided), with the month's file to download.
 */
import { acceptCloses, cellOf, decisionText, itemStateText, itemsClosed, itemsDecisionText, lateText, localTime, reportStateText, reviewText, type Ledger, type LedgerCell, type LedgerItem } from "../../core/index.js";
import { ApiError } from "../api.js";
import { escapeCloses } from "../a11y.js";
import { onBoard } from "./board.js";
import { refresh } from "./load.js";
import { $, el, fail, say } from "./page.js";
import { download, request } from "./service.js";

/** The unit whose items are open for 验收 / 退回. */
let reviewing: string | undefined;

/** What a decision is on: a unit's task, or one of the unit's own items under it (细化分解). */
interface Decided {
  task: Ledger["tasks"][number];
  /** The item, for one of the unit's own items. */
  item?: LedgerItem;
  /** Its name in the words said and read out: the task's label, or the item's 具体事项. */
  name: string;
  /** Done or not applicable: 验收 closes it (销号); of one under way it records the check. */
  closes: boolean;
  /** Closed already (已销号): nothing to accept again, only a return to reopen it. */
  closed: boolean;
  /** The `li` the decision's buttons are found in again after the list is drawn anew. */
  selector: string;
}

/** The comment box and the 验收 / 退回 buttons of one task or item, deciding on the month drawn and the unit's version in it. */
function decisionControls(shown: Ledger, unit: string, d: Decided): HTMLElement {
  const comment = el("input", { type: "text", placeholder: "退回意见（退回时必填）", className: "comment" }) as HTMLInputElement;
  comment.setAttribute("aria-label", `${d.name} 的退回意见`);
  const accept = el("button", { textContent: d.closes ? "验收销号" : "验收", className: "accept" });
  const back = el("button", { textContent: "退回", className: "return" });
  accept.setAttribute("aria-label", `${d.closes ? "验收销号" : "验收（尚未完成，不销号）"}：${d.name}`);
  back.setAttribute("aria-label", `退回：${d.name}`);
  // The decision is on what is shown: the month drawn and the unit's version it was drawn from (the ledger's).
  const submission = shown.units.find((u) => u.unit === unit)?.submissionId ?? "";
  const what = d.item ? `“${d.task.label}”的细化事项“${d.name}”` : `“${d.name}”`;
  const decide = (decision: "accepted" | "returned") => {
    const done = decision === "accepted" ? (d.closes ? "验收销号" : "验收（尚未完成，不销号）") : "退回";
    // the list is drawn anew after a decision: the keyboard stays on this task or item
    // (a closed one offers 退回 only: the keyboard goes there)
    const focusBack = () =>
      (document.querySelector<HTMLElement>(`${d.selector} > .item-actions button.${decision === "accepted" ? "accept" : "return"}`) ??
        document.querySelector<HTMLElement>(`${d.selector} > .item-actions button.return`))?.focus();
    void request(`/api/reviews?round=${encodeURIComponent(shown.round)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ task: d.task.id, unit, decision, comment: comment.value, submission, ...(d.item ? { item: d.item.key } : {}) }),
    })
      .then(async () => {
        await refresh();
        focusBack();
        say(`${unit}${what}已${done}。`);
      })
      .catch(async (e: unknown) => {
        if (!(e instanceof ApiError && (e.status === 409 || (e.status === 404 && d.item)))) return fail(e);
        // the unit sent a new version meanwhile (or changed the item): nothing was decided; its items are drawn anew from that version
        await refresh();
        focusBack();
        say(`${unit}在您审看后重新报送了新版本，${what}的${done}没有保存。已重新载入该单位的事项，请查看新版本后再决定。（${e.message}）`, true);
      });
  };
  accept.addEventListener("click", () => decide("accepted"));
  back.addEventListener("click", () => decide("returned"));
  return el("div", { className: "item-actions" }, comment, ...(d.closed ? [] : [accept]), back);
}

/** One of the unit's own items under a task (细化分解): what, who, by when, its state and progress, and its own 验收 / 退回. */
function ownItemRow(shown: Ledger, unit: string, task: Ledger["tasks"][number], item: LedgerItem): HTMLElement {
  const decided = item.review ? reviewText(item) : "未验收";
  const li = el(
    "li",
    { className: `item own-item state-${item.state}` },
    el("div", { className: "item-head" }, el("b", { textContent: item.text }), ` ${itemStateText(item)} · 责任人：${item.person || "（未填写）"} · 时限：${item.deadline || "（未填写）"}`),
    el("div", { textContent: `进展：${item.progress || "（未填写）"}` }),
    el("div", { className: "muted", textContent: `验收：${decided}` }),
  );
  li.dataset.item = item.key;
  const selector = `#review-items li[data-item="${CSS.escape(item.key)}"]`;
  // 验收 closes what the unit reported done, whatever its state (a returned item reported done is closed by it): core's rule
  li.append(decisionControls(shown, unit, { task, item, name: item.text, closes: acceptCloses(item.status), closed: item.state === "已销号", selector }));
  return li;
}

/** One item of `unit` in `shown`, the ledger drawn: a decision taken on it names that ledger's month and the unit's version in it. */
function itemRow(shown: Ledger, unit: string, task: Ledger["tasks"][number], c: LedgerCell): HTMLElement {
  const evidence = /^https?:\/\//i.test(c.evidence) ? el("a", { href: c.evidence, target: "_blank", rel: "noopener", textContent: c.evidence }) : c.evidence || "（无）";
  const own = c.items ?? [];
  // as the ledger says it (core decisionText): 已销号 only where the item was done, 已验收 where it is still under way
  const onTask = c.review ? `${decisionText(c.review, c.state)}${c.review.comment ? `：${c.review.comment}` : ""}（${localTime(c.review.at)}）` : "";
  // a task of items is decided through them: closed once each is (core itemsClosed), else what each item's decision is
  const closedByItems = itemsClosed(own);
  const decided = own.length === 0 ? onTask || "未验收" : closedByItems || !onTask ? itemsDecisionText(own) : `${onTask}；${itemsDecisionText(own)}`;
  // 验收 closes (销号) only a done item; of one under way it records the check
  const closes = acceptCloses(c.status);
  const li = el(
    "li",
    { className: `item state-${c.state}` },
    el("div", { className: "item-head" }, el("b", { textContent: `${task.id} ${task.label}` }), ` ${c.state}${c.stale ? "·未更新" : ""} · 时限：${task.deadline}`),
    el("div", { textContent: `进展：${c.progress || "（未填写）"}` }),
    // a late item: the reason and plan date as the unit wrote them, or that it wrote none
    ...(c.overdue ? [el("div", { className: "late", textContent: `逾期说明：${lateText(c) || "单位未写明原因和计划完成时间"}` })] : []),
    el("div", {}, "佐证：", evidence),
    el("div", { className: "muted", textContent: `验收：${decided}` }),
  );
  li.dataset.task = task.id;
  // a task closed through its items has nothing left to decide on the whole: a return is of one of its items
  if (!closedByItems) li.append(decisionControls(shown, unit, { task, name: task.label, closes, closed: c.state === "已销号", selector: `#review-items li[data-task="${CSS.escape(task.id)}"]` }));
  // the unit's own items under the task, each decided on its own; the task follows them
  if (own.length > 0) {
    const list = el("ul", { className: "items own-items" }, ...own.map((i) => ownItemRow(shown, unit, task, i)));
    list.setAttribute("aria-label", `${task.label} 的细化事项（${own.length} 项）`);
    li.append(el("div", { className: "muted", textContent: `细化事项 ${own.length} 项（任务的状态随事项：全部完成为已完成，有一项逾期即逾期）：` }), list);
  }
  return li;
}

export function openReview(unit: string): void {
  const current = onBoard();
  if (!current) return;
  reviewing = unit;
  const { ledger, status } = current;
  const u = ledger.units.find((x) => x.unit === unit);
  const s = status.units.find((x) => x.unit === unit);
  const items = ledger.tasks.flatMap((t) => {
    const c = cellOf(t, unit);
    return c ? [itemRow(ledger, unit, t, c)] : [];
  });
  const file = s?.latestId ? el("button", { textContent: "下载本月报送的原件", className: "version" }) : undefined;
  file?.addEventListener("click", () => void download(`/api/submissions/${s!.latestId}/file`, `${unit}-${status.round}.xlsx`).catch(fail));
  $("review-title").textContent = `逐项验收：${unit}（${u ? reportStateText(u) : ""}，${items.length} 项）`;
  $("review-file").replaceChildren(...(file ? [file] : []));
  $("review-items").replaceChildren(...items);
  $("review").hidden = false;
}

/** The review open before a refresh, drawn again from the new data. */
export function reopenReview(): void {
  if (reviewing) openReview(reviewing);
}

function closeReview(): void {
  const unit = reviewing;
  reviewing = undefined;
  $("review").hidden = true;
  if (unit) document.querySelector<HTMLElement>(`tr[data-unit="${CSS.escape(unit)}"] button.review`)?.focus();
}

/** 收起 and Esc. */
export function wireReviews(): void {
  $("review-close").addEventListener("click", closeReview);
  escapeCloses($("review"), closeReview);
}
