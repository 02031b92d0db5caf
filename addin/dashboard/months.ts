/**
 * The months units may submit to: which are open (this one and the last by default) and why, and the coordinator
 * opening or closing the month shown.
 */
import { fields } from "./fields.js";
import { $, fail, say } from "./page.js";
import { request, type Months } from "./service.js";

const yearMonth = (round: string) => `${round.slice(0, 4)}年${Number(round.slice(5, 7))}月`;

export function renderMonths(m: Months, round: string): void {
  const open = m.open.find((o) => o.round === round);
  // why a month is open is said where it is not the default window (this month and the last)
  const months = m.open.map((o) => (o.why.every((w) => w === "default") ? yearMonth(o.round) : `${yearMonth(o.round)}（${o.label}）`));
  $("rounds-summary").textContent = `单位可报送（默认本月和上月）：${months.join("、")}。所选的${yearMonth(round)}${open ? "已开放" : "未开放，单位报送该月会被拒绝"}。`;
  $<HTMLButtonElement>("round-open").disabled = open !== undefined;
  $<HTMLButtonElement>("round-close").disabled = open === undefined;
}

function setMonth(open: boolean): void {
  const round = fields.round.value;
  void request(`/api/rounds/${encodeURIComponent(round)}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ open }) })
    .then(async (r) => {
      renderMonths((await r.json()) as Months, round);
      say(`${yearMonth(round)}的报送已${open ? "开放" : "关闭"}。`);
    })
    .catch(fail);
}

/** 开放 and 关闭 of the month shown. */
export function wireMonths(): void {
  $("round-open").addEventListener("click", () => setMonth(true));
  $("round-close").addEventListener("click", () => setMonth(false));
}
