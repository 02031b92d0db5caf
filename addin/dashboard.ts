/** The coordinator's dashboard: this round's submissions, who is missing, charts, downloads, the notice. */
import { localDay, localTime, noticeText, type Ledger } from "../core/index.js";
import { ApiError } from "./api.js";
import { barChart } from "./charts.js";

interface UnitStatus {
  unit: string;
  submitted: boolean;
  receivedAt: string | null;
  errors: number;
  warnings: number;
  latestId: string | null;
  attempts: number;
  lastAttempt: { id: string; receivedAt: string; outcome: string; reason: string } | null;
  history: { id: string; receivedAt: string; outcome: string }[];
}
interface Status {
  round: string;
  units: UnitStatus[];
  missingUnits: string[];
  refused: { id: string; uploader: string; receivedAt: string; reason: string }[];
}

const KEY = "gongkai-ledger.dashboard.v1";
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const fields = { server: $<HTMLInputElement>("server"), token: $<HTMLInputElement>("token"), round: $<HTMLInputElement>("round") };
const saved = JSON.parse(localStorage.getItem(KEY) ?? "{}") as { server?: string; token?: string };
fields.server.value = saved.server ?? location.origin;
fields.token.value = saved.token ?? "";
fields.round.value = localDay(new Date()).slice(0, 7);

function say(text: string, error = false): void {
  const m = $("message");
  m.textContent = text;
  m.className = `message${error ? " error" : ""}`;
  m.hidden = text === "";
}

async function get(path: string): Promise<Response> {
  const base = fields.server.value.trim().replace(/\/+$/, "");
  let r: Response;
  try {
    r = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${fields.token.value.trim()}` } });
  } catch {
    throw new ApiError(`无法连接服务器 ${base}：请检查网络或服务器地址。`);
  }
  if (r.status === 401) throw new ApiError("令牌无效：请填写汇总人令牌。");
  if (r.status === 403) throw new ApiError("这不是汇总人令牌：看板只对汇总人开放。");
  if (!r.ok) throw new ApiError(`服务器出错（${r.status}）：请稍后再试。`);
  return r;
}

/** Sends a configuration file; the server's own words come back when it refuses one. */
async function put(path: string, file: File): Promise<Record<string, unknown>> {
  const base = fields.server.value.trim().replace(/\/+$/, "");
  let r: Response;
  try {
    r = await fetch(`${base}${path}`, { method: "PUT", body: await file.arrayBuffer(), headers: { authorization: `Bearer ${fields.token.value.trim()}` } });
  } catch {
    throw new ApiError(`无法连接服务器 ${base}：请检查网络或服务器地址。`);
  }
  const body = (await r.json().catch(() => ({}))) as Record<string, unknown>;
  if (!r.ok) throw new ApiError(typeof body.message === "string" ? body.message : `服务器拒绝（${r.status}）`);
  return body;
}

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

async function download(path: string, name: string): Promise<void> {
  const blob = await (await get(path)).blob();
  const a = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
}


function render(status: Status, ledger: Ledger): void {
  const overdue = ledger.units.reduce((n, u) => n + u.overdue, 0);
  $("t-expected").textContent = String(ledger.units.length);
  $("t-submitted").textContent = String(ledger.units.length - ledger.missingUnits.length);
  $("t-missing").textContent = String(ledger.missingUnits.length);
  $("t-overdue").textContent = String(overdue);

  const rates = [...ledger.units].sort((a, b) => b.completionRate - a.completionRate || a.unit.localeCompare(b.unit, "zh"));
  $("chart-rate").replaceChildren(
    barChart(document, rates.map((u) => ({ label: u.unit, value: u.completionRate, text: u.submitted ? `${Math.round(u.completionRate * 1000) / 10}%` : "未报送", color: u.submitted ? "#63be7b" : "#ffc7ce" })), 1, "没有单位"),
  );
  const byTask = ledger.tasks
    .map((t) => ({ label: `${t.id} ${t.label}`, value: Object.values(t.units).filter((c) => c.overdue).length }))
    .filter((t) => t.value > 0)
    .sort((a, b) => b.value - a.value);
  const maxOverdue = Math.max(0, ...byTask.map((t) => t.value));
  $("chart-overdue").replaceChildren(barChart(document, byTask.map((t) => ({ ...t, text: `${t.value}个单位`, color: "#f4a09c" })), maxOverdue, "没有逾期事项。"));

  const body = $("units").querySelector("tbody")!;
  body.replaceChildren(
    ...status.units.map((u) => {
      const tr = document.createElement("tr");
      tr.dataset.unit = u.unit;
      const state = u.submitted ? "已报送" : u.lastAttempt ? `被退回（${u.lastAttempt.outcome === "rejected" ? "校验未通过" : "无法读取"}）` : "未报送";
      const cells = [u.unit, state, localTime(u.receivedAt ?? u.lastAttempt?.receivedAt ?? null), String(u.errors), String(u.warnings), String(u.attempts)];
      for (const [i, text] of cells.entries()) {
        const td = Object.assign(document.createElement("td"), { textContent: text });
        if (i === 1) td.className = u.submitted ? "" : u.lastAttempt ? "rejected" : "missing";
        tr.append(td);
      }
      const td = document.createElement("td");
      // every version received stays downloadable; the one in the ledger is marked
      u.history.forEach((v, i) => {
        const label = `第${i + 1}版${v.id === u.latestId ? "（计入汇总）" : v.outcome === "accepted" ? "" : "（退回）"}`;
        const b = Object.assign(document.createElement("button"), { textContent: label, title: localTime(v.receivedAt), className: "version" });
        b.dataset.id = v.id;
        b.addEventListener("click", () => void download(`/api/submissions/${v.id}/file`, `${u.unit}-${status.round}-第${i + 1}版.xlsx`).catch((e: unknown) => say(String((e as Error).message), true)));
        td.append(b);
      });
      tr.append(td);
      return tr;
    }),
  );
  $("refused").hidden = status.refused.length === 0;
  $("refused-list").replaceChildren(
    ...status.refused.map((f) => {
      const li = Object.assign(document.createElement("li"), { textContent: `${localTime(f.receivedAt)} ${f.uploader} 的令牌上传：${f.reason} ` });
      const b = Object.assign(document.createElement("button"), { textContent: "下载原件", className: "version" });
      b.addEventListener("click", () => void download(`/api/submissions/${f.id}/file`, `拒收-${f.uploader}上传-${status.round}.xlsx`).catch((e: unknown) => say(String((e as Error).message), true)));
      li.append(b);
      return li;
    }),
  );
  ($("notice") as HTMLTextAreaElement).value = noticeText(ledger);
  $("board").hidden = false;
  $("updated").textContent = `更新于 ${new Date().toLocaleTimeString("zh-CN", { hour12: false })}`;
}

let loading = false;
async function refresh(): Promise<void> {
  if (loading) return;
  loading = true;
  try {
    if (fields.token.value.trim() === "") return say("请填写汇总人令牌。", true);
    localStorage.setItem(KEY, JSON.stringify({ server: fields.server.value.trim(), token: fields.token.value.trim() }));
    const round = encodeURIComponent(fields.round.value || "");
    const [status, ledger, tasks] = await Promise.all([
      get(`/api/status?round=${round}`).then((r) => r.json() as Promise<Status>),
      get(`/api/ledger?round=${round}&format=json`).then((r) => r.json() as Promise<Ledger>),
      get(`/api/tasks?round=${round}&format=json`).then((r) => r.json() as Promise<RoundTasks>),
    ]);
    render(status, ledger);
    renderConfig(tasks);
    say("");
  } catch (e) {
    say(e instanceof ApiError ? e.message : `出错了：${String(e)}`, true);
  } finally {
    loading = false;
  }
}

$("refresh").addEventListener("click", () => void refresh());
fields.round.addEventListener("change", () => void refresh());
$("download-ledger").addEventListener("click", () =>
  void download(`/api/ledger?round=${encodeURIComponent(fields.round.value)}&format=xlsx`, `政务公开汇总台账-${fields.round.value}.xlsx`).catch((e: unknown) => say((e as Error).message, true)),
);
function upload(input: string, path: () => string, done: (body: Record<string, unknown>) => string): void {
  const el = $<HTMLInputElement>(input);
  el.addEventListener("change", () => {
    const file = el.files?.[0];
    if (!file) return;
    void put(path(), file)
      .then(async (body) => {
        await refresh();
        say(done(body));
      })
      .catch((e: unknown) => say(e instanceof ApiError ? e.message : String(e), true))
      .finally(() => (el.value = ""));
  });
}
upload("upload-tasks", () => `/api/tasks?round=${encodeURIComponent(fields.round.value)}`, (b) => {
  const warnings = Array.isArray(b.warnings) && b.warnings.length > 0 ? ` 注意：${(b.warnings as string[]).join("；")}` : "";
  return `已采用任务清单“${String(b.title ?? "")}”（${String(b.tasks)}项），本月及以后各月都按它校验和汇总。${warnings}`;
});
upload("upload-roster", () => "/api/roster", (b) => `已采用单位名册（${String(b.units)}个单位）。`);
$("download-template").addEventListener("click", () =>
  void download(`/api/template?round=${encodeURIComponent(fields.round.value)}`, `任务分解表-${fields.round.value}.xlsx`).catch((e: unknown) => say((e as Error).message, true)),
);
$("copy-notice").addEventListener("click", () => void navigator.clipboard?.writeText(($("notice") as HTMLTextAreaElement).value).then(() => say("通报已复制。")));
// Refreshes by itself, without reloading the page.
setInterval(() => void refresh(), 30_000);
if (fields.token.value) void refresh();
