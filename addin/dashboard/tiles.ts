/**
 * The count tiles at the top of the board (expected, reported, carried, refused, missing, overdue, returned,
 * closed), as core's ledger totals state them, and the day overdue and due-soon are counted from.
 */
import { monthLabel, roundDayText, type Ledger } from "../../core/index.js";
import { $ } from "./page.js";

/** The tiles and the day they are counted on. */
export function renderTiles(ledger: Ledger): void {
  // the counts as defined once in core (ledgerTotals): the 汇总 sheet, the 通报 and the JSON state the same
  const t = ledger.totals;
  const tiles: [string, number][] = [
    ["t-expected", t.expected],
    ["t-submitted", t.submitted],
    ["t-carried", t.carried],
    ["t-rejected", t.rejected],
    ["t-missing", t.notReported],
    ["t-overdue", t.overdueItems],
    ["t-returned", t.returnedItems],
    ["t-closed", t.closedItems],
  ];
  for (const [id, n] of tiles) $(id).textContent = String(n);
  // what overdue and due-soon are measured from: today, or a past month's last day
  $("round-day").textContent = `${monthLabel(ledger.round)}的统计${roundDayText(ledger)}：逾期和临期按这一天计算。`;
}
