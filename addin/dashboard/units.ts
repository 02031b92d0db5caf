/**
 * Who reported what: the units table (state, time, overdue, errors, attempts, a sparkline of the trend, every
 * version received to download, 逐项验收) and the list of files refused for a token that names another unit.
 */
import { localTime, monthLabel, percentText as pct, rejectedText, reportStateText, type Ledger } from "../../core/index.js";
import { sparkline } from "../charts.js";
import { monthHasData } from "./charts.js";
import { $, el, fail } from "./page.js";
import { openReview } from "./reviews.js";
import { download, type Status } from "./service.js";

/** What each number of a unit's row is called where the rows are drawn as cards (from 报送时间 on). */
const CARD_LABELS = ["报送时间", "逾期", "错误", "报送次数"];

/** Rows drawn before the board is first painted; the rest follow a chunk at a time (a province's 1,000 units). */
const FIRST_ROWS = 100;
const CHUNK_ROWS = 200;
/** The drawing of the rows still to come, cancelled when the board is drawn again. */
let pending: ReturnType<typeof setTimeout> | undefined;

/** One row a unit of the status, with its state and numbers from the ledger. */
export function renderUnits(status: Status, ledger: Ledger, trend: Ledger[]): void {
  const body = $("units").querySelector("tbody")!;
  if (pending !== undefined) clearTimeout(pending);
  // each ledger's units by name, once (not a search of every unit for every row)
  const byUnit = (l: Ledger) => new Map(l.units.map((u) => [u.unit, u]));
  const shown = byUnit(ledger);
  const months = trend.map(byUnit);
  const withData = trend.map(monthHasData);
  const row = (s: Status["units"][number]): HTMLElement => {
    const u = shown.get(s.unit);
    const tr = el("tr", { role: "row" });
    tr.dataset.unit = s.unit;
    // a refused file's reasons (its first findings) wherever 被退回 is said
    const state = u ? (u.reportState === "被退回" ? `被退回（${rejectedText(u)}）` : reportStateText(u)) : s.submitted ? "已报送" : "未报送";
    // a month the unit is not in, or where no report counts at all, has no data (a gap, as on the board's trend), not 0
    const history = months.map((m, i) => (withData[i] ? m.get(s.unit) : undefined));
    const trendText = history.map((h, i) => (h ? `${monthLabel(trend[i]!.round)} ${pct(h.completionRate)}${h.overdue ? `（逾期${h.overdue}）` : ""}` : "")).filter(Boolean).join("，");
    // 报送时间 always: this month's file, else the refused one, else the earlier month's table it is counted on (the ledger's)
    const cells = [s.unit, state, localTime(s.receivedAt ?? s.lastAttempt?.receivedAt ?? u?.receivedAt ?? null), String(u?.overdue ?? 0), String(s.errors), String(s.attempts)];
    cells.forEach((text, i) => {
      const td = el("td", { textContent: text, role: "cell" });
      // a phone shows the rows as cards: each number says what it is
      if (i >= 2) td.dataset.label = CARD_LABELS[i - 2]!;
      if (i === 1) td.className = u?.reportState === "已报送" ? "" : u?.reportState === "被退回" ? "rejected" : u?.reportState === "沿用" ? "carried" : "missing";
      tr.append(td);
    });
    const spark = el("td", { className: "spark", title: trendText, role: "cell" });
    spark.append(sparkline(document, history.map((h, i) => ({ round: trend[i]!.round, rate: h?.completionRate ?? null, overdue: h?.overdue ?? null })), trendText));
    tr.append(spark);
    const td = el("td", { role: "cell" });
    // every version received stays downloadable; the one in the ledger is marked
    s.history.forEach((v, i) => {
      const label = `第${i + 1}版${v.id === s.latestId ? "（计入汇总）" : v.outcome === "accepted" ? "" : "（退回）"}`;
      const b = el("button", { textContent: label, title: localTime(v.receivedAt), className: "version" });
      b.dataset.id = v.id;
      b.addEventListener("click", () => void download(`/api/submissions/${v.id}/file`, `${s.unit}-${status.round}-第${i + 1}版.xlsx`).catch(fail));
      td.append(b);
    });
    const review = el("button", { textContent: "逐项验收", className: "review" });
    review.setAttribute("aria-label", `逐项验收：${s.unit}`);
    review.addEventListener("click", () => {
      openReview(s.unit);
      $("review-title").focus(); // the keyboard goes to what opened; Esc or 收起 brings it back
    });
    td.append(review);
    tr.append(td);
    return tr;
  };
  body.replaceChildren(...status.units.slice(0, FIRST_ROWS).map(row));
  // the rest after the board is painted, a chunk at a time; the table says it is still filling meanwhile
  const table = $("units");
  const more = (from: number) => {
    if (from >= status.units.length) {
      pending = undefined;
      table.removeAttribute("aria-busy");
      return;
    }
    table.setAttribute("aria-busy", "true");
    pending = setTimeout(() => {
      body.append(...status.units.slice(from, from + CHUNK_ROWS).map(row));
      more(from + CHUNK_ROWS);
    }, 0);
  };
  more(FIRST_ROWS);
}

/** The files refused this month, each downloadable. */
export function renderRefused(status: Status): void {
  $("refused").hidden = status.refused.length === 0;
  $("refused-list").replaceChildren(
    ...status.refused.map((f) => {
      const b = el("button", { textContent: "下载原件", className: "version" });
      b.addEventListener("click", () => void download(`/api/submissions/${f.id}/file`, `拒收-${f.uploader}上传-${status.round}.xlsx`).catch(fail));
      return el("li", {}, `${localTime(f.receivedAt)} ${f.uploader} 的令牌上传：${f.reason} `, b);
    }),
  );
}
