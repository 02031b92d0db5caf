/**
 * The board drawn from one refresh's answers, part by part in the order it reads — tiles, charts, changes, units,
 * refused files, 通报 and 提醒, the review left open — and what it shows now, for the parts that draw again later
 * (the charts on a resize, a review opened).
 */
import type { Ledger } from "../../core/index.js";
import { renderChanges } from "./changes.js";
import { renderCharts } from "./charts.js";
import { renderNotices } from "./notices.js";
import { $ } from "./page.js";
import { reopenReview } from "./reviews.js";
import type { Status } from "./service.js";
import { renderTiles } from "./tiles.js";
import { renderRefused, renderUnits } from "./units.js";

let current: { ledger: Ledger; status: Status; trend: Ledger[] } | undefined;
/** What the board shows now. */
export const onBoard = () => current;

export function render(status: Status, ledger: Ledger, trend: Ledger[]): void {
  current = { ledger, status, trend };
  // shown before anything is drawn: the charts are drawn for the boxes they are shown in
  $("board").hidden = false;
  $("welcome").hidden = true;
  renderTiles(ledger);
  renderCharts(ledger, trend);
  renderChanges(trend, ledger);
  renderUnits(status, ledger, trend);
  renderRefused(status);
  renderNotices(ledger);
  reopenReview();
  $("updated").textContent = `更新于 ${new Date().toLocaleTimeString("zh-CN", { hour12: false })}`;
}
