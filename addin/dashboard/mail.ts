/**
 * 单位邮箱 (the office mailbox, issue 27): a line in the top bar, beside 更新于 — not set up (and where to read how), or
 * its state and how many mails wait, linking to the section; the section, when a mailbox is set up: its state in words
 * (the last error in full), the mails held for the coordinator — each assigned to a roster unit, dismissed, or
 * downloaded as received — and the latest mails taken in, with what became of each file and whether it was answered.
 * Loaded once per refresh (`loadMail`, wired beside `refresh`); drawn again when the board is, for the units of the
 * status table.
 */
import { FILE_OUTCOME_WORDS, localTime, type KeptFile, type MailboxStatus, type MailRecord } from "../../core/index.js";
import { ApiError } from "../api.js";
import { onBoard } from "./board.js";
import { fields } from "./fields.js";
import { refresh } from "./load.js";
import { $, el, fail, say } from "./page.js";
import { download, getJson, request } from "./service.js";

/** A file's outcome as `GET /api/mail` answers it. */
type MailFile = KeptFile;

type MailAnswer =
  | { configured: false; message: string; held: []; recent: [] }
  | { configured: true; status: MailboxStatus; held: MailRecord[]; recent: MailRecord[]; total: number };

/**
 * Said in the top bar beside 更新于 when the service reads no mailbox: short enough to share that row at 360 px, so
 * the page is no taller for it (the 360 px dashboard stood 3 px under its bound).
 */
const OFF = "单位邮箱未设置：见 README“单位邮箱”";

const subjectOf = (r: MailRecord) => `“${r.subject || "（无主题）"}”`;
const fromOf = (r: MailRecord) => r.from || "（无发件地址）";

/** A sentence of the service's without its full stop, to be joined with others. */
const clause = (s: string) => s.trim().replace(/[。.]+$/, "");

/** An accepted file the unit had already sent a newer version of: kept, the newer one stays in force. */
const OLDER = "已接收为旧版本（该单位已报送更新的版本，仍以新版本为准）";

/** What became of one file, in words: accepted, or why not. */
const fileText = (f: MailFile) =>
  f.outcome === "accepted"
    ? `“${f.file}”${f.duplicate ? "此前已收到，不重复计入" : f.superseded ? OLDER : "已接收"}`
    : `“${f.file}”${FILE_OUTCOME_WORDS[f.outcome]}：${clause(f.reason)}`;

/** Why a file was not taken, in a word or two, for the line's summary (the file's own words follow). */
const NOT_TAKEN_WORDS: Record<Exclude<MailFile["outcome"], "accepted">, string> = {
  rejected: "校验未通过",
  unreadable: "无法读取",
  forbidden: "填报单位不符",
  "not-taken": "未提交校验",
};

/**
 * What became of a mail's tables, counted from the files' outcomes (a mail handled under a unit may have filed
 * nothing: no attachment, a .zip, a table refused by the checks): `1 个表已接收` / `未接收（校验未通过）` / `没有表格附件`.
 */
function tablesText(files: readonly MailFile[]): string {
  if (files.length === 0) return "没有表格附件";
  const accepted = files.filter((f) => f.outcome === "accepted");
  const count = (n: number, words: string) => (n > 0 ? [`${n} 个表${words}`] : []);
  const notTaken = files.filter((f) => f.outcome !== "accepted");
  const why = [...new Set(notTaken.map((f) => NOT_TAKEN_WORDS[f.outcome as keyof typeof NOT_TAKEN_WORDS]))].join("、");
  return [
    ...count(accepted.filter((f) => !f.duplicate && !f.superseded).length, "已接收"),
    ...count(accepted.filter((f) => !f.duplicate && f.superseded).length, OLDER),
    ...count(accepted.filter((f) => f.duplicate).length, "此前已收到"),
    ...(notTaken.length === 0 ? [] : accepted.length === 0 ? [`未接收（${why}）`] : [`${notTaken.length} 个未接收（${why}）`]),
  ].join("，");
}

/** What became of the mail as a whole: the state in words, with its unit (and what became of its tables) or reason. */
function stateText(r: MailRecord): string {
  switch (r.state) {
    case "filed":
      // `filed` means only "handled under that unit": whether any table counts is in its files
      return `${r.unit ?? ""}：${tablesText(r.files)}`;
    case "held":
      return "待处理";
    case "assigned":
      return `已指定给${r.unit ?? ""}：${tablesText(r.files)}`;
    case "dismissed":
      return "已忽略";
    case "bounce":
      return r.reason ?? "退信";
    case "automatic":
      return `${r.reason ?? "自动回复"}，不处理`;
    case "too-large":
      return `过大未下载：${r.reason ?? ""}`;
  }
}

function answerText(a: MailRecord["answer"]): string {
  if (a.state === "sent") return `已回复${a.to ? ` ${a.to}` : ""}`;
  if (a.state === "pending") return `回复待发送${a.error ? `（上次失败：${a.error}）` : ""}`;
  // the service's reasons mostly say 未回复 / 不回复 themselves
  const why = clause(a.why ?? "");
  return why === "" ? "未回复" : /回复/.test(why) ? why : `未回复：${why}`;
}

const filesText = (r: MailRecord) =>
  r.files.length > 0 ? r.files.map(fileText).join("；") : r.attachments.length > 0 ? `附件：${r.attachments.join("、")}` : "无附件";

/** A sign beside 出错 for the eye; the word says it (not colour alone), so screen readers skip the sign. */
function mark(): HTMLElement {
  const m = el("span", { textContent: "⚠ " });
  m.setAttribute("aria-hidden", "true");
  return m;
}

/**
 * The mailbox as people write it: `gwgk@qinghe.gov.cn（服务器 imaps://mail.qinghe.gov.cn:993）` rather than the URL with
 * its user percent-encoded (`imaps://gwgk%40qinghe.gov.cn@…`); the URL as given when it is not of that shape.
 */
function mailboxText(server: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/]*)@([^@/]+)$/i.exec(server);
  if (!m) return server;
  try {
    return `${decodeURIComponent(m[2]!)}（服务器 ${m[1]!}${m[3]!}）`;
  } catch {
    return server;
  }
}

/**
 * The mailbox's state: 正常 / 出错 (the error in full) / 正在连接, then where it reads and whether it answers. Once
 * well again, the last error stays in a quieter line with its time (an outage overnight is seen in the morning).
 */
function stateLines(s: MailboxStatus): HTMLElement[] {
  const checked = s.lastCheckAt ? `上次检查 ${localTime(s.lastCheckAt)}` : "尚未检查";
  const state =
    s.state === "error"
      ? el("p", { className: "mail-error" }, el("b", {}, mark(), "出错"), `（${localTime(s.lastErrorAt)}）：${clause(s.lastError ?? "")}。${s.lastOkAt ? `上次正常：${localTime(s.lastOkAt)}。` : "尚未成功收取过。"}`)
      : s.state === "ok"
        ? el("p", {}, el("b", { textContent: "正常" }), `：${checked}。`)
        : el("p", {}, el("b", { textContent: "正在连接" }), `：${checked}。`);
  const answers = s.answering ? "向名册中的发件地址回复处理结果" : "不回复（未设置发信服务器 GONGKAI_SMTP_URL）";
  const earlier =
    s.state !== "error" && s.lastError ? [el("p", { className: "muted mail-last-error" }, `上次出错：${clause(s.lastError)}（${localTime(s.lastErrorAt)}）`)] : [];
  return [state, ...earlier, el("p", { className: "muted" }, `邮箱 ${mailboxText(s.server)}，文件夹 ${s.folder}，每 ${s.everySeconds} 秒检查一次；${answers}。`)];
}

/** The unit chosen for each held mail, kept across a redraw (every 30 s, or after another action). */
const chosen = new Map<string, string>();
let shown: MailAnswer | undefined;
/** What the section was last drawn from: not drawn again (focus and choices kept) when nothing changed. */
let drawnFrom = "";

const units = () => onBoard()?.status.units.map((u) => u.unit) ?? [];

function heldItem(r: MailRecord, roster: readonly string[]): HTMLElement {
  const head = el("div", { className: "item-head" }, el("b", { textContent: subjectOf(r) }));
  // a held mail may come from a known unit (a table naming another unit, an address two units share, a closed month)
  const meta = el("div", { className: "muted", textContent: `${r.unit ? `${r.unit} · ` : ""}${fromOf(r)} · ${localTime(r.at)} · ${r.attachments.length ? `附件：${r.attachments.join("、")}` : "无附件"}` });
  const reason = el("div", { textContent: `原因：${r.reason ?? "未说明。"}` });
  const select = el("select", {}, el("option", { value: "", textContent: "请选择单位" }), ...roster.map((u) => el("option", { value: u, textContent: u }))) as HTMLSelectElement;
  select.value = roster.includes(chosen.get(r.key) ?? "") ? chosen.get(r.key)! : "";
  select.dataset.mail = r.key;
  select.dataset.role = "unit";
  select.addEventListener("change", () => chosen.set(r.key, select.value));
  // the visible word first in the name (WCAG 2.5.3), then which mail
  const label = el("label", { className: "mail-unit" }, "指定给", el("span", { className: "sr-only", textContent: `（${fromOf(r)} 的邮件${subjectOf(r)}）` }), select);
  const button = (text: string, role: string, className = "") => {
    const b = el("button", { textContent: text, className }) as HTMLButtonElement;
    b.setAttribute("aria-label", `${text}：${fromOf(r)} 的邮件${subjectOf(r)}`);
    b.dataset.mail = r.key;
    b.dataset.role = role;
    return b;
  };
  const assign = button("指定单位", "assign", "primary");
  const dismiss = button("忽略", "dismiss");
  const raw = button("下载原邮件", "download");
  assign.addEventListener("click", () => {
    if (select.value === "") {
      say(`请先在“指定给”中为${subjectOf(r)}选择单位。`, true);
      select.focus();
      return;
    }
    const unit = select.value;
    void decide(r, { action: "assign", unit }, (m) =>
      m.state === "held"
        ? { text: `指定给${unit}后，这封邮件仍待处理：${m.reason ?? ""}`, error: true }
        : { text: `已将 ${fromOf(r)} 的邮件${subjectOf(r)}指定给${unit}：${m.files.length ? m.files.map(fileText).join("；") : "邮件中没有任务分解表"}。${answerText(m.answer)}。` },
    );
  });
  dismiss.addEventListener("click", () => void decide(r, { action: "dismiss" }, () => ({ text: `已忽略 ${fromOf(r)} 的邮件${subjectOf(r)}：不计入台账（邮件仍在邮箱中）。` })));
  raw.addEventListener("click", () => void download(`/api/mail/${r.key}/message`, `邮件-${r.key}.eml`).catch(fail));
  const li = el("li", { className: "item mail-held" }, head, meta, reason, el("div", { className: "item-actions" }, label, assign, dismiss, raw));
  li.dataset.mail = r.key;
  return li;
}

function recentItem(r: MailRecord): HTMLElement {
  // a bounce's or an automatic answer's reason names its subject already
  const subject = r.state === "bounce" || r.state === "automatic" ? "" : `${subjectOf(r)} `;
  const li = el(
    "li",
    {},
    el("span", { className: "muted", textContent: `${localTime(r.at)} ${fromOf(r)} ` }),
    subject,
    el("b", { textContent: clause(stateText(r)) }),
    `。${filesText(r)}；${answerText(r.answer)}。`,
  );
  li.dataset.mail = r.key;
  li.dataset.state = r.state;
  return li;
}

/** Draws the section from the last answer and the board's units; nothing when neither changed. */
function draw(): void {
  const a = shown;
  if (!a) return;
  const roster = units();
  const from = JSON.stringify([a, roster]);
  if (from === drawnFrom) return;
  drawnFrom = from;
  $("mail").hidden = !a.configured;
  $("jump-mail").hidden = !a.configured;
  const line = $("mail-status");
  line.hidden = false;
  if (!a.configured) {
    line.replaceChildren(OFF);
    return;
  }
  const state = a.status.state === "error" ? "出错" : a.status.state === "ok" ? "正常" : "正在连接";
  line.replaceChildren(el("a", { href: "#mail-title", textContent: `单位邮箱：${state}${a.held.length ? `，待处理${a.held.length}封` : ""}` }));
  // the keyboard stays where it was when the lists are drawn anew
  const active = document.activeElement as HTMLElement | null;
  const focus = active?.dataset.mail ? `[data-mail="${active.dataset.mail}"][data-role="${active.dataset.role ?? ""}"]` : undefined;
  $("mail-state").replaceChildren(...stateLines(a.status));
  $("mail-held-title").textContent = a.held.length ? `待处理：${a.held.length}封需要您确认（请指定单位或忽略）` : "待处理：没有";
  $("mail-held").replaceChildren(...a.held.map((r) => heldItem(r, roster)));
  $("mail-held").hidden = a.held.length === 0;
  const more = a.total > a.recent.length ? `（共${a.total}封，列出最近${a.recent.length}封）` : "";
  $("mail-recent-count").textContent = a.recent.length ? `最近收到的邮件：${a.recent.length}封${more}` : "最近收到的邮件：还没有";
  $("mail-recent").replaceChildren(...a.recent.map(recentItem));
  const box = $<HTMLDetailsElement>("mail-recent-box");
  // open at first on a screen wide enough; folded on a phone, as the reminders are
  if (!box.dataset.shown) box.open = window.matchMedia("(min-width: 641px)").matches;
  box.dataset.shown = "1";
  if (focus) document.querySelector<HTMLElement>(focus)?.focus();
}

let loading: Promise<void> | undefined;
let asked = 0;

/**
 * `GET /api/mail`, once, and the section drawn from it. `background`: the refresh every 30 s, which gives way to a
 * load in flight. A failure is said in the top bar's mailbox line (the board's own refresh says a refused token).
 */
export function loadMail(background = false): Promise<void> {
  if (background && loading) return loading;
  if (fields.token.value.trim() === "") return Promise.resolve();
  const mine = ++asked;
  const line = $("mail-status");
  line.setAttribute("aria-busy", "true");
  const load = getJson<MailAnswer>("/api/mail")
    .then((a) => {
      if (mine !== asked) return;
      shown = a;
      draw();
    })
    .catch((e: unknown) => {
      if (mine !== asked) return;
      shown = undefined;
      drawnFrom = "";
      $("mail").hidden = true;
      $("jump-mail").hidden = true;
      line.hidden = false;
      line.replaceChildren(`单位邮箱：无法读取（${e instanceof Error ? e.message : String(e)}）`);
    })
    .finally(() => {
      if (mine === asked) {
        line.removeAttribute("aria-busy");
        loading = undefined;
      }
    });
  loading = load;
  return load;
}

/** A decision on a held mail; then the board (an assigned mail's tables count for its unit) and the section anew. */
async function decide(r: MailRecord, body: { action: "assign"; unit: string } | { action: "dismiss" }, said: (m: MailRecord) => { text: string; error?: boolean }): Promise<void> {
  const buttons = [...document.querySelectorAll<HTMLButtonElement>(`li[data-mail="${r.key}"] button`)];
  buttons.forEach((b) => (b.disabled = true));
  // where the keyboard goes once this mail has left 待处理: the next one held, else the list's heading
  const held = [...document.querySelectorAll<HTMLElement>("#mail-held > li")].map((li) => li.dataset.mail);
  const next = held[held.indexOf(r.key) + 1] ?? held[held.indexOf(r.key) - 1];
  try {
    const answer = (await (await request(`/api/mail/${r.key}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json()) as { mail: MailRecord };
    chosen.delete(r.key);
    await Promise.all([body.action === "assign" ? refresh() : Promise.resolve(), loadMail()]);
    const still = document.querySelector<HTMLElement>(`[data-mail="${r.key}"][data-role="unit"]`);
    (still ?? document.querySelector<HTMLElement>(`[data-mail="${next ?? ""}"][data-role="unit"]`) ?? $("mail-held-title")).focus();
    const { text, error } = said(answer.mail);
    say(text, error === true);
  } catch (e) {
    buttons.forEach((b) => (b.disabled = false));
    // decided meanwhile (another coordinator's page): the section as it is now, and why nothing was done
    if (e instanceof ApiError && (e.status === 409 || e.status === 404)) await loadMail();
    fail(e);
  }
}

/** The section drawn again whenever the board is (its `#updated` time is set last by every drawing). */
export function wireMail(): void {
  new MutationObserver(() => draw()).observe($("updated"), { childList: true, characterData: true, subtree: true });
}
