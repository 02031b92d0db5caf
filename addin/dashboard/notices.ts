/**
 * The texts the coordinator sends on: the 通报 and the 提醒 with the list of items falling due within the reminder
 * days, each with its copy button.
 */
import { noticeText, reminderText, type Ledger } from "../../core/index.js";
import { $, el, say } from "./page.js";

/** The 通报 and the 提醒 of the ledger shown. */
export function renderNotices(ledger: Ledger): void {
  $<HTMLTextAreaElement>("notice").value = noticeText(ledger);
  renderReminders(ledger);
}

function renderReminders(ledger: Ledger): void {
  const items = ledger.reminders.reduce((n, u) => n + u.items.length, 0);
  $("reminder-count").textContent = ledger.reminders.length ? `${ledger.remindDays}天内到期未完成：${ledger.reminders.length}个单位，${items}项（展开查看）` : `未来${ledger.remindDays}天内没有到期未完成的事项`;
  const box = $<HTMLDetailsElement>("reminder-box");
  // open at first on a screen wide enough; on a phone the list folds (the text to send is below it either way)
  if (!box.dataset.shown) box.open = window.matchMedia("(min-width: 641px)").matches;
  box.dataset.shown = "1";
  $("reminder-list").replaceChildren(
    ...(ledger.reminders.length
      ? ledger.reminders.map((u) => el("li", {}, el("b", { textContent: `${u.unit}：` }), u.items.map((r) => `${r.label}（${r.deadline}，${r.daysLeft === 0 ? "今天到期" : `还有${r.daysLeft}天`}）`).join("；")))
      : [el("li", { className: "muted", textContent: `未来${ledger.remindDays}天内没有到期未完成的事项。` })]),
  );
  $<HTMLTextAreaElement>("reminder").value = reminderText(ledger);
}

const copy = (id: string, what: string) => () =>
  void navigator.clipboard?.writeText($<HTMLTextAreaElement>(id).value).then(
    () => say(`${what}已复制。`),
    () => say(`无法自动复制：请在文本框中全选（Ctrl+A）后复制（Ctrl+C）。`, true),
  );
/** 复制通报 and 复制提醒. */
export function wireNotices(): void {
  $("copy-notice").addEventListener("click", copy("notice", "通报"));
  $("copy-reminder").addEventListener("click", copy("reminder", "提醒"));
}
