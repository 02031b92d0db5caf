/**
 * The coordinator's dashboard: who has reported, who was refused, who relies on last month's table, what is
 * late, what falls due; 验收销号 / 退回 item by item; the trend over the last months; the 通报 and 提醒 texts, the 通报
 * as a Word document and its letterhead;
 * how the round's official table was read, and the coordinator's corrections to it; the office mailbox (单位邮箱). The
 * page's entry point: each part lives in dashboard/ (loading, tiles, charts, units, reviews, uploads, reading, tokens,
 * mail, …); this wires them.
 */
import { applyLargeText } from "./settings.js";
import { redrawChartsOnResize } from "./dashboard/charts.js";
import { fields, remember, restoreFields } from "./dashboard/fields.js";
import { wireLetterhead } from "./dashboard/letterhead.js";
import { refresh } from "./dashboard/load.js";
import { loadMail, wireMail } from "./dashboard/mail.js";
import { wireMonths } from "./dashboard/months.js";
import { wireNotices } from "./dashboard/notices.js";
import { $, fail } from "./dashboard/page.js";
import { forgetReading, wireReading } from "./dashboard/reading.js";
import { wireReviews } from "./dashboard/reviews.js";
import { download } from "./dashboard/service.js";
import { wireTokens } from "./dashboard/tokens.js";
import { wireUploads } from "./dashboard/uploads.js";

restoreFields();
wireMonths();
redrawChartsOnResize();
// the office mailbox is not a month's: loaded with each refresh the coordinator asks for and every 30 s, not per month
const reload = () => void Promise.all([refresh(true), loadMail()]);
$("refresh").addEventListener("click", reload);
// Enter in 令牌 or 月份 does what 刷新 does (no form to submit; not while an input method is composing, not repeated)
for (const field of [fields.token, fields.round])
  field.addEventListener("keydown", (e) => {
    if (e.key !== "Enter" || e.isComposing || e.repeat) return;
    e.preventDefault();
    reload();
  });
fields.round.addEventListener("change", () => {
  forgetReading();
  void refresh();
});
fields.days.addEventListener("change", () => void refresh());
wireReviews();
fields.largeText.addEventListener("change", () => {
  applyLargeText(document, fields.largeText.checked);
  remember();
});
$("download-ledger").addEventListener("click", () =>
  void download(`/api/ledger?round=${encodeURIComponent(fields.round.value)}&format=xlsx&days=${encodeURIComponent(fields.days.value || "7")}`, `政务公开汇总台账-${fields.round.value}.xlsx`).catch(fail),
);
wireUploads();
wireReading();
wireTokens();
wireNotices();
wireLetterhead();
wireMail();
// Refreshes by itself, without reloading the page.
setInterval(() => void (fields.token.value && Promise.all([refresh(false, true), loadMail(true)])), 30_000);
if (fields.token.value) void Promise.all([refresh(), loadMail()]);
else $("welcome").hidden = false;
