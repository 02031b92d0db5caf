/**
 * 验收 / 退回 item by item: a unit's items of the ledger shown, each decided on the month drawn and the unit's version
 * in it (a newer version meanwhile is said, and nothing decided), with the month's file to download.
 */
import { cellOf, decisionText, lateText, localTime, reportStateText, type Ledger, type LedgerCell } from "../../core/index.js";
import { ApiError } from "../api.js";
import { escapeCloses } from "../a11y.js";
import { onBoard } from "./board.js";
import { refresh } from "./load.js";
import { $, el, fail, say } from "./page.js";
import { download, request } from "./service.js";

/** The unit whose items are open for 验收 / 退回. */
let reviewing: string | undefined;

/** One item of `unit` in `shown`, the ledger drawn: a decision taken on it names that ledger's month and the unit's version in it. */
function itemRow(shown: Ledger, unit: string, task: Ledger["tasks"][number], c: LedgerCell): HTMLElement {
  const evidence = /^https?:\/\//i.test(c.evidence) ? el("a", { href: c.evidence, target: "_blank", rel: "noopener", textContent: c.evidence }) : c.evidence || "（无）";
  // as the ledger says it (core decisionText): 已销号 only where the item was done, 已验收 where it is still under way
  const decided = c.review ? `${decisionText(c.review, c.state)}${c.review.comment ? `：${c.review.comment}` : ""}（${localTime(c.review.at)}）` : "未验收";
  // 验收 closes (销号) only a done item; of one under way it records the check
  const closes = c.status === "已完成" || c.status === "不涉及";
  const comment = el("input", { type: "text", placeholder: "退回意见（退回时必填）", className: "comment" }) as HTMLInputElement;
  comment.setAttribute("aria-label", `${task.label} 的退回意见`);
  const accept = el("button", { textContent: closes ? "验收销号" : "验收", className: "accept" });
  const back = el("button", { textContent: "退回", className: "return" });
  accept.setAttribute("aria-label", `${closes ? "验收销号" : "验收（尚未完成，不销号）"}：${task.label}`);
  back.setAttribute("aria-label", `退回：${task.label}`);
  // The decision is on what is shown: the month drawn and the unit's version it was drawn from (the ledger's).
  const submission = shown.units.find((u) => u.unit === unit)?.submissionId ?? "";
  const decide = (decision: "accepted" | "returned") => {
    const done = decision === "accepted" ? (closes ? "验收销号" : "验收（尚未完成，不销号）") : "退回";
    // the list is drawn anew after a decision: the keyboard stays on this item
    const focusBack = () => document.querySelector<HTMLElement>(`#review-items li[data-task="${CSS.escape(task.id)}"] button.${decision === "accepted" ? "accept" : "return"}`)?.focus();
    void request(`/api/reviews?round=${encodeURIComponent(shown.round)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ task: task.id, unit, decision, comment: comment.value, submission }),
    })
      .then(async () => {
        await refresh();
        focusBack();
        say(`${unit}“${task.label}”已${done}。`);
      })
      .catch(async (e: unknown) => {
        if (!(e instanceof ApiError && e.status === 409)) return fail(e);
        // the unit sent a new version meanwhile: nothing was decided; its items are drawn anew from that version
        await refresh();
        focusBack();
        say(`${unit}在您审看后重新报送了新版本，“${task.label}”的${done}没有保存。已重新载入该单位的事项，请查看新版本后再决定。（${e.message}）`, true);
      });
  };
  accept.addEventListener("click", () => decide("accepted"));
  back.addEventListener("click", () => decide("returned"));
  const li = el(
    "li",
    { className: `item state-${c.state}` },
    el("div", { className: "item-head" }, el("b", { textContent: `${task.id} ${task.label}` }), ` ${c.state}${c.stale ? "·未更新" : ""} · 时限：${task.deadline}`),
    el("div", { textContent: `进展：${c.progress || "（未填写）"}` }),
    // a late item: the reason and plan date as the unit wrote them, or that it wrote none
    ...(c.overdue ? [el("div", { className: "late", textContent: `逾期说明：${lateText(c) || "单位未写明原因和计划完成时间"}` })] : []),
    el("div", {}, "佐证：", evidence),
    el("div", { className: "muted", textContent: `验收：${decided}` }),
    el("div", { className: "item-actions" }, comment, accept, back),
  );
  li.dataset.task = task.id;
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
