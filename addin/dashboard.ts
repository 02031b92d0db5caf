/**
 * The coordinator's dashboard: who has reported, who was refused, who relies on last month's table, what is
 * late, what falls due; 验收销号 / 退回 item by item; the trend over the last months; the 通报 and 提醒 texts;
 * how the round's official table was read, and the coordinator's corrections to it.
 */
import { RATE_LABEL, cellOf, decisionText, lateText, localDay, localTime, monthLabel, noticeText, percentText as pct, rejectedText, reminderText, reportStateText, roundDayText, shiftRound, type Ledger, type LedgerCell, type LedgerUnit } from "../core/index.js";
import { ApiError } from "./api.js";
import { announce, escapeCloses } from "./a11y.js";
import { barChart, trendChart, withDataTable, type ChartSize } from "./charts.js";
import { correctionsOf, keepPhrasesInStep, needsLook, renderReading, type ReadingAnswer } from "./dashboardReading.js";
import { applyLargeText } from "./settings.js";

interface UnitStatus {
  unit: string;
  submitted: boolean;
  receivedAt: string | null;
  errors: number;
  warnings: number;
  latestId: string | null;
  attempts: number;
  lastAttempt: { id: string; receivedAt: string; outcome: string; reason: string; reasons: string[] } | null;
  history: { id: string; receivedAt: string; outcome: string }[];
}
/** Counts made against the built-in sample (no task list given for the round) say so. */
type TasksSource = "built-in" | "file";
/** As `#sample-notice` says it beside the counts. */
const SAMPLE_IN_USE = "正在使用内置示例表（正镶白旗2022年），请先上传本地区的任务分解表";

interface Status {
  round: string;
  tasksSource: TasksSource;
  units: UnitStatus[];
  missingUnits: string[];
  refused: { id: string; uploader: string; receivedAt: string; reason: string }[];
}

const KEY = "gongkai-ledger.dashboard.v1";
/** What each number of a unit's row is called where the rows are drawn as cards (from 报送时间 on). */
const CARD_LABELS = ["报送时间", "逾期", "错误", "报送次数"];
/** How many months the trend looks back, this one included. */
const TREND_MONTHS = 6;
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const fields = {
  server: $<HTMLInputElement>("server"),
  token: $<HTMLInputElement>("token"),
  round: $<HTMLInputElement>("round"),
  days: $<HTMLInputElement>("remind-days"),
  largeText: $<HTMLInputElement>("large-text"),
};
const saved = JSON.parse(localStorage.getItem(KEY) ?? "{}") as { server?: string; token?: string; largeText?: boolean };
fields.server.value = saved.server ?? location.origin;
fields.token.value = saved.token ?? "";
fields.largeText.checked = saved.largeText === true;
applyLargeText(document, fields.largeText.checked);
const remember = () =>
  localStorage.setItem(KEY, JSON.stringify({ server: fields.server.value.trim(), token: fields.token.value.trim(), ...(fields.largeText.checked ? { largeText: true } : {}) }));
fields.round.value = localDay(new Date()).slice(0, 7);

/** The message line, also read out by screen readers. */
function say(text: string, error = false): void {
  const m = $("message");
  m.textContent = text;
  m.className = `message${error ? " error" : ""}`;
  m.hidden = text === "";
  if (text !== "") announce(document, text);
}
const fail = (e: unknown) => say(e instanceof ApiError ? e.message : `出错了：${e instanceof Error ? e.message : String(e)}`, true);

/** One wording per failure, whatever the request. */
const REFUSALS: Record<number, string> = {
  401: "令牌无效或已作废：请填写汇总人令牌（npm start 时写在数据文件夹的 tokens.txt 中“汇总人”一行）。",
  403: "这不是汇总人令牌：看板只对汇总人开放。",
};

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const base = fields.server.value.trim().replace(/\/+$/, "");
  const token = fields.token.value.trim();
  if (token === "") throw new ApiError(REFUSALS[401]!);
  let r: Response;
  try {
    r = await fetch(`${base}${path}`, { ...init, headers: { ...(init.headers ?? {}), authorization: `Bearer ${token}` } });
  } catch (e) {
    // a refresh superseded by another (the month changed): not a network fault
    if (init.signal?.aborted) throw e;
    throw new ApiError(`无法连接服务器 ${base}：请检查网络或服务器地址。`);
  }
  if (REFUSALS[r.status]) throw new ApiError(REFUSALS[r.status]!, r.status);
  if (!r.ok) {
    const body = (await r.json().catch(() => ({}))) as { message?: unknown };
    throw new ApiError(typeof body.message === "string" ? body.message : `服务器出错（${r.status}）：请稍后再试。`, r.status);
  }
  return r;
}
const getJson = async <T>(path: string, signal?: AbortSignal): Promise<T> => (await request(path, signal ? { signal } : {})).json() as Promise<T>;

interface RoundTasks {
  title: string;
  source: "built-in" | "file";
  from: string | null;
  rosterSource: "uploaded" | "settings" | "task-list" | "built-in";
  tasks: unknown[];
}

const ROSTER_SOURCE: Record<RoundTasks["rosterSource"], string> = {
  uploaded: "已上传的单位名册",
  settings: "服务器配置的单位名册",
  "task-list": "任务清单中出现的单位（未上传名册：分组成员按名称推断，建议上传名册）",
  "built-in": "内置示例名册",
};

function renderConfig(t: RoundTasks): void {
  $("config-summary").textContent =
    t.source === "built-in"
      ? `任务清单：内置示例表（${t.tasks.length}项）——请上传本地下发的任务分解表。单位名册：${ROSTER_SOURCE[t.rosterSource]}。`
      : `任务清单：${t.title || "（无标题）"}（${t.tasks.length}项，${t.from}起使用）。单位名册：${ROSTER_SOURCE[t.rosterSource]}。`;
}

/** `GET /api/rounds`: the months units may submit to, each with why, and those the coordinator closed. */
interface Months {
  open: { round: string; why: string[]; label: string }[];
  closed: string[];
}

const yearMonth = (round: string) => `${round.slice(0, 4)}年${Number(round.slice(5, 7))}月`;

function renderMonths(m: Months, round: string): void {
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
$("round-open").addEventListener("click", () => setMonth(true));
$("round-close").addEventListener("click", () => setMonth(false));

async function download(path: string, name: string): Promise<void> {
  const blob = await (await request(path)).blob();
  const a = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
}

function el(tag: string, props: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}
const total = (l: Ledger, f: (u: LedgerUnit) => number) => l.units.reduce((n, u) => n + f(u), 0);

/** The `n` months up to `round`, oldest first. */
const lastRounds = (round: string, n: number): string[] => Array.from({ length: n }, (_, i) => shiftRound(round, i - (n - 1)));

/** What changed since the month before, per unit, in words. */
function changes(prev: Ledger | undefined, cur: Ledger): string[] {
  if (!prev) return [];
  const lines: string[] = [];
  for (const u of cur.units) {
    const p = prev.units.find((x) => x.unit === u.unit);
    if (!p) continue;
    const parts: string[] = [];
    if (Math.round(p.completionRate * 1000) !== Math.round(u.completionRate * 1000)) parts.push(`${RATE_LABEL} ${pct(p.completionRate)} → ${pct(u.completionRate)}`);
    if (u.completed > p.completed) parts.push(`新完成 ${u.completed - p.completed} 项`);
    if (u.overdue !== p.overdue) parts.push(`逾期 ${p.overdue} → ${u.overdue} 项`);
    if (u.closed > p.closed) parts.push(`新销号 ${u.closed - p.closed} 项`);
    if (p.reportState !== u.reportState) parts.push(`${reportStateText(p)} → ${reportStateText(u)}`);
    if (parts.length > 0) lines.push(`${u.unit}：${parts.join("，")}`);
  }
  return lines;
}

let current: { ledger: Ledger; status: Status; trend: Ledger[] } | undefined;
/** The reading on screen, and the corrections it was made with (what 保存更正 builds on). */
let reading: ReadingAnswer | undefined;

/** The box a chart is drawn in, measured now (the board is shown first), and the page's text size (大字模式 too). */
function chartSize(id: string): ChartSize {
  const box = $(id);
  const padding = parseFloat(getComputedStyle(box).paddingLeft) + parseFloat(getComputedStyle(box).paddingRight);
  const width = Math.floor(box.clientWidth - padding);
  return { width: width > 0 ? width : 560, font: Math.round(parseFloat(getComputedStyle(document.documentElement).fontSize)) || 14 };
}

/** The charts, drawn for the width of their boxes: again when the window's width changes. */
function renderCharts(ledger: Ledger, trend: Ledger[]): void {
  // Each chart says what it shows in a sentence and carries its numbers as a table (screen readers, colour blindness).
  const rates = [...ledger.units].sort((a, b) => b.completionRate - a.completionRate || a.unit.localeCompare(b.unit, "zh"));
  const rateBars = rates.map((u) => ({ label: u.unit, value: u.completionRate, text: u.reportState === "未报送" || u.reportState === "被退回" ? u.reportState : pct(u.completionRate), color: u.submitted ? "#63be7b" : u.reportState === "沿用" ? "#ffeb9c" : "#ffc7ce" }));
  const rateSummary = rates.length
    ? `各单位${RATE_LABEL}：${rates.length}个单位，最高${rates[0]!.unit} ${pct(rates[0]!.completionRate)}，最低${rates.at(-1)!.unit} ${pct(rates.at(-1)!.completionRate)}；未报送或被退回的${ledger.missingUnits.length}个单位按0计。`
    : "没有单位。";
  $("chart-rate").replaceChildren(
    withDataTable(document, barChart(document, rateBars, 1, "没有单位", rateSummary, chartSize("chart-rate")), `各单位${RATE_LABEL}`, ["单位", `${RATE_LABEL}或状态`], rateBars.map((b) => [b.label, b.text])),
  );
  // Only reported items can be late: units that have not reported are counted under 未报送, never here.
  const byTask = ledger.tasks.map((t) => ({ label: `${t.id} ${t.label}`, value: t.counts.逾期 })).filter((t) => t.value > 0).sort((a, b) => b.value - a.value);
  const maxOverdue = Math.max(0, ...byTask.map((t) => t.value));
  const overdueSummary = byTask.length ? `${byTask.length}项任务有单位逾期，最多的是${byTask[0]!.label}（${byTask[0]!.value}个单位）。` : "没有逾期事项。";
  $("chart-overdue").replaceChildren(
    withDataTable(
      document,
      barChart(document, byTask.map((t) => ({ ...t, text: `${t.value}个单位`, color: "#f4a09c" })), maxOverdue, "没有逾期事项。", overdueSummary, chartSize("chart-overdue")),
      "各项任务逾期单位数",
      ["任务", "逾期单位数"],
      byTask.map((t) => [t.label, String(t.value)]),
    ),
  );
  const points = trend.map((l) => ({ label: `${monthLabel(l.round)}`, rate: l.units.length ? total(l, (u) => u.completionRate) / l.units.length : 0, overdue: total(l, (u) => u.overdue) }));
  $("chart-trend").replaceChildren(
    withDataTable(document, trendChart(document, points, false, chartSize("chart-trend")), `近几个月平均${RATE_LABEL}与逾期事项`, ["月份", `平均${RATE_LABEL}`, "逾期事项"], points.map((p) => [p.label, pct(p.rate), String(p.overdue)])),
  );
  drawnFor = window.innerWidth;
}
let drawnFor = 0;
let redraw: ReturnType<typeof setTimeout> | undefined;
window.addEventListener("resize", () => {
  clearTimeout(redraw);
  redraw = setTimeout(() => {
    if (current && window.innerWidth !== drawnFor) renderCharts(current.ledger, current.trend);
  }, 150);
});

function render(status: Status, ledger: Ledger, trend: Ledger[]): void {
  current = { ledger, status, trend };
  // shown before anything is drawn: the charts are drawn for the boxes they are shown in
  $("board").hidden = false;
  $("welcome").hidden = true;
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

  renderCharts(ledger, trend);
  const changed = changes(trend.at(-2), ledger);
  $("changes").replaceChildren(...(changed.length ? changed.map((c) => el("li", { textContent: c })) : [el("li", { className: "muted", textContent: "与上月相比没有变化（或上月没有数据）。" })]));

  const body = $("units").querySelector("tbody")!;
  body.replaceChildren(
    ...status.units.map((s) => {
      const u = ledger.units.find((x) => x.unit === s.unit);
      const tr = el("tr", { role: "row" });
      tr.dataset.unit = s.unit;
      // a refused file's reasons (its first findings) wherever 被退回 is said
      const state = u ? (u.reportState === "被退回" ? `被退回（${rejectedText(u)}）` : reportStateText(u)) : s.submitted ? "已报送" : "未报送";
      const history = trend.map((l) => l.units.find((x) => x.unit === s.unit));
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
      spark.append(trendChart(document, history.map((h, i) => ({ label: `${monthLabel(trend[i]!.round)}`, rate: h?.completionRate ?? 0, overdue: h?.overdue ?? 0 })), true));
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
    }),
  );
  $("refused").hidden = status.refused.length === 0;
  $("refused-list").replaceChildren(
    ...status.refused.map((f) => {
      const b = el("button", { textContent: "下载原件", className: "version" });
      b.addEventListener("click", () => void download(`/api/submissions/${f.id}/file`, `拒收-${f.uploader}上传-${status.round}.xlsx`).catch(fail));
      return el("li", {}, `${localTime(f.receivedAt)} ${f.uploader} 的令牌上传：${f.reason} `, b);
    }),
  );
  $<HTMLTextAreaElement>("notice").value = noticeText(ledger);
  renderReminders(ledger);
  if (reviewing) openReview(reviewing);
  $("updated").textContent = `更新于 ${new Date().toLocaleTimeString("zh-CN", { hour12: false })}`;
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

function openReview(unit: string): void {
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

/**
 * The setup (task list, roster, tokens) where a new coordinator looks first: at the top of the board while the
 * built-in sample (or its roster) is in use, else at its end, reached from the contents line at the top.
 */
let placedFor: string | undefined;
function placeSetup(round: string, first: boolean): void {
  // placed once per month shown: after an upload the section stays where the coordinator is working in it
  if (placedFor === round) return;
  placedFor = round;
  const board = $("board");
  const config = $("config");
  if (first && board.firstElementChild !== config) board.prepend(config);
  if (!first && board.lastElementChild !== config) board.append(config);
}

/** The refresh in flight: a newer one (another month, 刷新 pressed again) cancels it, so what is drawn is what was asked last. */
let inFlight: AbortController | undefined;
/**
 * `announced`: said to screen readers when done (a refresh the user asked for; not the one every 30 s).
 * `background`: the refresh every 30 s, which gives way to one in flight instead of cancelling it.
 */
async function refresh(announced = false, background = false): Promise<void> {
  if (background && inFlight) return;
  if (fields.token.value.trim() === "") {
    $("welcome").hidden = false;
    return say(REFUSALS[401]!, true);
  }
  inFlight?.abort();
  const mine = new AbortController();
  inFlight = mine;
  const { signal } = mine;
  $("loading").hidden = false;
  $("board").setAttribute("aria-busy", "true");
  try {
    remember();
    const round = fields.round.value || localDay(new Date()).slice(0, 7);
    const days = /^\d{1,3}$/.test(fields.days.value) ? fields.days.value : "7";
    const q = (r: string) => `round=${encodeURIComponent(r)}`;
    const rounds = lastRounds(round, TREND_MONTHS);
    const [status, tasks, months, ...ledgers] = await Promise.all([
      getJson<Status>(`/api/status?${q(round)}`, signal),
      getJson<RoundTasks>(`/api/tasks?${q(round)}&format=json`, signal),
      getJson<Months>("/api/rounds", signal),
      ...rounds.map((r) => getJson<Ledger>(`/api/ledger?${q(r)}&format=json&days=${days}`, signal)),
    ]);
    if (signal.aborted) return;
    const sample = status.tasksSource === "built-in";
    placeSetup(round, sample || tasks.rosterSource === "built-in");
    render(status, ledgers.at(-1)!, ledgers);
    renderConfig(tasks);
    renderMonths(months, round);
    $("sample-notice").hidden = !sample;
    say("");
    if (announced) announce(document, `已刷新：${$("t-submitted").textContent}个单位已报送，${$("t-missing").textContent}个未报送，逾期事项${$("t-overdue").textContent}项。${sample ? `${SAMPLE_IN_USE}。` : ""}`);
  } catch (e) {
    if (!signal.aborted) fail(e);
  } finally {
    // a cancelled refresh leaves the page to the one that replaced it
    if (inFlight === mine) {
      inFlight = undefined;
      $("loading").hidden = true;
      $("board").removeAttribute("aria-busy");
    }
  }
}

$("refresh").addEventListener("click", () => void refresh(true));
fields.round.addEventListener("change", () => {
  // another month may use another list: its reading is asked for anew
  reading = undefined;
  $("reading").hidden = true;
  void refresh();
});
fields.days.addEventListener("change", () => void refresh());
function closeReview(): void {
  const unit = reviewing;
  reviewing = undefined;
  $("review").hidden = true;
  if (unit) document.querySelector<HTMLElement>(`tr[data-unit="${CSS.escape(unit)}"] button.review`)?.focus();
}
$("review-close").addEventListener("click", closeReview);
escapeCloses($("review"), closeReview);
fields.largeText.addEventListener("change", () => {
  applyLargeText(document, fields.largeText.checked);
  remember();
});
$("download-ledger").addEventListener("click", () =>
  void download(`/api/ledger?round=${encodeURIComponent(fields.round.value)}&format=xlsx&days=${encodeURIComponent(fields.days.value || "7")}`, `政务公开汇总台账-${fields.round.value}.xlsx`).catch(fail),
);
function upload(input: string, path: () => string, done: (body: Record<string, unknown>) => string): void {
  const field = $<HTMLInputElement>(input);
  field.addEventListener("change", () => {
    const file = field.files?.[0];
    if (!file) return;
    void file
      .arrayBuffer()
      .then((body) => request(path(), { method: "PUT", body }))
      .then((r) => r.json() as Promise<Record<string, unknown>>)
      .then(async (body) => {
        await refresh();
        say(done(body));
      })
      .catch(fail)
      .finally(() => (field.value = ""));
  });
}
upload("upload-tasks", () => `/api/tasks?round=${encodeURIComponent(fields.round.value)}`, (b) => {
  const warnings = Array.isArray(b.warnings) && b.warnings.length > 0 ? ` 注意：${(b.warnings as string[]).join("；")}` : "";
  const report = b.report as ReadingAnswer["report"];
  showReading({ round: String(b.round), from: String(b.round), mapping: report.mapping, report });
  const look = report.tasks.filter(needsLook).length;
  return `已采用任务清单“${String(b.title ?? "")}”（${String(b.tasks)}项），本月及以后各月都按它校验和汇总。${look ? `有${look}项任务读不出单位或时限，请在下方“读取结果”中确认。` : "读取结果见下方。"}${warnings}`;
});
upload("upload-roster", () => "/api/roster", (b) => `已采用单位名册（${String(b.units)}个单位）。`);
$("download-template").addEventListener("click", () =>
  void download(`/api/template?round=${encodeURIComponent(fields.round.value)}`, `任务分解表-${fields.round.value}.xlsx`).catch(fail),
);
function showReading(answer: ReadingAnswer): void {
  reading = answer;
  renderReading(document, answer);
  $("reading").hidden = false;
}
keepPhrasesInStep(document);
$("show-reading").addEventListener("click", () =>
  void getJson<ReadingAnswer>(`/api/mapping?round=${encodeURIComponent(fields.round.value)}`)
    .then((answer) => {
      showReading(answer);
      $("reading-title").focus(); // the keyboard goes to what opened; Esc or 收起 brings it back
    })
    .catch(fail),
);
function closeReading(): void {
  $("reading").hidden = true;
  $("show-reading").focus();
}
$("reading-close").addEventListener("click", closeReading);
escapeCloses($("reading"), closeReading);
$("save-mapping").addEventListener("click", () => {
  if (!reading) return;
  const mapping = correctionsOf(document, reading.mapping);
  const save = $<HTMLButtonElement>("save-mapping");
  save.disabled = true;
  void request(`/api/mapping?round=${encodeURIComponent(fields.round.value)}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(mapping) })
    .then((r) => r.json() as Promise<ReadingAnswer>)
    .then(async (answer) => {
      showReading(answer);
      await refresh();
      const left = answer.report.tasks.filter((t) => t.noUnit).length;
      say(`已保存更正（${answer.from}起的任务清单）：读出任务${answer.report.tasks.length}项，${left ? `仍有${left}项读不出单位` : "每项任务都有单位"}。`);
    })
    .catch(fail)
    .finally(() => {
      save.disabled = false;
      save.focus(); // the panel was drawn anew: the keyboard stays on 保存更正
    });
});
/** What `POST /api/tokens` answers: the secrets of the units given one now (shown this once), the units that had one. */
interface IssuedTokens {
  issued: { unit: string; token: string }[];
  existing: string[];
  rosterSource?: RoundTasks["rosterSource"];
}
/** The secrets on screen, until 收起: never stored, never shown again. */
let issued: IssuedTokens["issued"] = [];

function showIssued(answer: IssuedTokens): void {
  issued = answer.issued;
  const roster = answer.rosterSource ? `（${ROSTER_SOURCE[answer.rosterSource]}）` : "";
  const had = answer.existing.length ? `${answer.existing.length}个单位已有有效令牌，未重发：${answer.existing.join("、")}。` : "";
  $("issued-summary").textContent = issued.length ? `为名册${roster}中的${issued.length}个单位签发了令牌。${had}` : `名册${roster}中的单位都已有有效令牌，没有新签发。${had}`;
  $("issued-table").querySelector("tbody")!.replaceChildren(...issued.map((t) => el("tr", {}, el("th", { scope: "row", textContent: t.unit }), el("td", { textContent: t.token }))));
  $("issued-table").closest(".scroll")!.toggleAttribute("hidden", issued.length === 0);
  $<HTMLButtonElement>("download-tokens").hidden = issued.length === 0;
  $("issued").querySelector(".secret")!.toggleAttribute("hidden", issued.length === 0);
  $("issued").hidden = false;
  $("issued-title").focus();
}
$("issue-tokens").addEventListener("click", () => {
  const button = $<HTMLButtonElement>("issue-tokens");
  button.disabled = true;
  void request("/api/tokens", { method: "POST" })
    .then((r) => r.json() as Promise<IssuedTokens>)
    .then((answer) => {
      showIssued(answer);
      say(answer.issued.length ? `已签发${answer.issued.length}个令牌：只显示这一次，请下载 tokens.txt。` : "名册中的单位都已有有效令牌，没有新签发。");
    })
    .catch(fail)
    .finally(() => (button.disabled = false));
});
$("download-tokens").addEventListener("click", () => {
  // as npm start writes it: one `单位<TAB>令牌` a line
  const text = issued.map((t) => `${t.unit}\t${t.token}\n`).join("");
  const href = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const a = el("a", { href, download: "tokens.txt" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000); // the secrets do not stay in the page's memory
});
function closeIssued(): void {
  issued = [];
  $("issued-table").querySelector("tbody")!.replaceChildren();
  $("issued").hidden = true;
  $("issue-tokens").focus();
}
$("issued-close").addEventListener("click", closeIssued);
escapeCloses($("issued"), closeIssued);
const copy = (id: string, what: string) => () =>
  void navigator.clipboard?.writeText($<HTMLTextAreaElement>(id).value).then(
    () => say(`${what}已复制。`),
    () => say(`无法自动复制：请在文本框中全选（Ctrl+A）后复制（Ctrl+C）。`, true),
  );
$("copy-notice").addEventListener("click", copy("notice", "通报"));
$("copy-reminder").addEventListener("click", copy("reminder", "提醒"));
// Refreshes by itself, without reloading the page.
setInterval(() => void (fields.token.value && refresh(false, true)), 30_000);
if (fields.token.value) void refresh();
else $("welcome").hidden = false;
