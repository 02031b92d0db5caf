/**
 * The office mailbox (CONTRACT §9), the decisions only: which attachments are tables, whether a mail is an
 * automatic one (a bounce, an out-of-office answer) that must never be answered, what the mail server said of the
 * sender, and the answer a unit gets, in Chinese. The hosts (the service, `gongkai mail`) fetch, submit and send.
 */
import type { Finding } from "./findings.js";

/**
 * What an attachment is to the intake: a table to submit; a spreadsheet in another format (.xls, WPS's .et, .xlsb,
 * .ods, .numbers, .csv — submitted too: the file check says in words how to save it as .xlsx); a compressed folder; a
 * mail inside the mail; anything else (left alone).
 */
export type AttachmentKind = "table" | "other-sheet" | "archive" | "message" | "other";

const TABLE = /\.(xlsx|xlsm)$/i;
const OTHER_SHEET = /\.(xls|et|ett|xlsb|ods|numbers|csv)$/i;
const ARCHIVE = /\.(zip|rar|7z|tar|gz|tgz)$/i;

export function attachmentKind(filename: string, contentType: string): AttachmentKind {
  const type = contentType.toLowerCase();
  if (type === "message/rfc822" || /\.eml$/i.test(filename)) return "message";
  if (TABLE.test(filename) || type === "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") return "table";
  if (OTHER_SHEET.test(filename) || type === "application/vnd.ms-excel" || type === "application/vnd.oasis.opendocument.spreadsheet") return "other-sheet";
  if (ARCHIVE.test(filename) || /zip|rar|7z|x-tar|gzip/.test(type)) return "archive";
  return "other";
}

/** What the receiving mail server said of the sender (`Authentication-Results`, RFC 8601): `none` where it said nothing. */
export interface AuthVerdict {
  result: "pass" | "fail" | "none";
  /** The methods' results as the header gave them, e.g. `spf=pass dkim=pass dmarc=pass`. */
  detail: string;
}

/**
 * The verdict of the office's own mail server: the first `Authentication-Results` header (the one nearest the top,
 * added on arrival; lower ones may be a sender's own), or the first from `authservId` when it is set. DMARC decides
 * where it was checked; else a DKIM or SPF pass is a pass and a fail of either (with no pass) a fail.
 */
export function authVerdict(headers: readonly string[], authservId?: string): AuthVerdict {
  const header = authservId === undefined ? headers[0] : headers.find((h) => h.trim().split(/[\s;]/)[0]?.toLowerCase() === authservId.toLowerCase());
  if (header === undefined) return { result: "none", detail: "" };
  // comments may quote other results (Gmail's `arc=pass (i=1 spf=pass … dmarc=pass …)`): only the server's own count
  let own = header;
  while (/\([^()]*\)/.test(own)) own = own.replace(/\([^()]*\)/g, " "); // innermost first: comments nest
  const results = new Map<string, string>();
  for (const m of own.matchAll(/\b(spf|dkim|dmarc)\s*=\s*([a-z]+)/gi)) {
    const method = m[1]!.toLowerCase();
    const value = m[2]!.toLowerCase();
    // a message may carry several DKIM signatures: one that passes is enough
    if (!results.has(method) || value === "pass") results.set(method, value);
  }
  const detail = [...results].map(([k, v]) => `${k}=${v}`).join(" ");
  const failed = (v: string | undefined) => v === "fail" || v === "softfail" || v === "permerror";
  const dmarc = results.get("dmarc");
  if (dmarc === "pass") return { result: "pass", detail };
  if (failed(dmarc)) return { result: "fail", detail };
  if (results.get("dkim") === "pass" || results.get("spf") === "pass") return { result: "pass", detail };
  if (failed(results.get("dkim")) || failed(results.get("spf"))) return { result: "fail", detail };
  return { result: "none", detail };
}

/** The headers that tell an automatic mail apart, lower-cased names. */
export interface MailHeaders {
  from: string;
  contentType: string;
  autoSubmitted?: string | undefined;
  precedence?: string | undefined;
  returnPath?: string | undefined;
  /** `X-Autoreply` or `X-Autorespond` was present. */
  autoreplyMarks?: boolean | undefined;
}

/**
 * A bounce (a delivery status report, or mail from the mailer daemon) or an automatic answer (RFC 3834
 * `Auto-Submitted`, an out-of-office note). Neither is ever answered: an answer to one could start a loop.
 */
export function automaticMail(h: MailHeaders): "bounce" | "auto-reply" | undefined {
  const type = h.contentType.toLowerCase();
  const local = h.from.toLowerCase().split("@")[0] ?? "";
  if (/multipart\/report/.test(type) && /report-type\s*=\s*"?delivery-status/.test(type)) return "bounce";
  if (type.startsWith("message/delivery-status")) return "bounce";
  if (local === "mailer-daemon" || local === "postmaster") return "bounce";
  const auto = h.autoSubmitted?.trim().toLowerCase();
  if (auto !== undefined && auto !== "" && auto !== "no") return "auto-reply";
  if (/^(bulk|junk|list|auto_reply)$/i.test(h.precedence?.trim() ?? "") || h.autoreplyMarks === true) return "auto-reply";
  // the null sender: a bounce, unless it said it is an automatic answer (a Sieve vacation note is sent from <> too)
  if (h.returnPath?.trim() === "<>") return "bounce";
  return undefined;
}

/** Who a mail is from, as the intake decides it: a unit, or held for the coordinator with the reason. */
export type Sender = { unit: string } | { held: string };

/**
 * The unit a sender is: the one unit whose roster entry lists the address, unless the mail server's verdict is a
 * fail. An address nobody listed, or one listed for several units, is held for the coordinator to assign.
 */
export function senderOf(address: string, units: readonly string[], auth: AuthVerdict): Sender {
  if (auth.result === "fail") return { held: `发件人验证未通过（${auth.detail}）：邮件可能是冒用 ${address} 发出的，未归入任何单位。` };
  if (units.length === 0) return { held: `发件地址 ${address || "（空）"} 不在单位名册的邮箱中，未归入任何单位。` };
  if (units.length > 1) return { held: `发件地址 ${address} 登记在多个单位下（${units.join("、")}），无法确定是哪个单位报送。` };
  return { unit: units[0]! };
}

/** What became of one attachment. */
export interface FileOutcome {
  file: string;
  /** `not-taken`: not submitted (a compressed folder, a file over the limit before download). */
  outcome: "accepted" | "rejected" | "unreadable" | "forbidden" | "not-taken";
  reason: string;
  id?: string | undefined;
  round?: string | undefined;
  /** These bytes from this unit were on record already (sent before). */
  duplicate?: boolean | undefined;
  /** Accepted as a version, but the unit had already sent a newer one, which stays the one counted. */
  superseded?: boolean | undefined;
  findings?: readonly Finding[] | undefined;
}

/** What became of a file, in words (the console, `gongkai mail`, the dashboard). */
export const FILE_OUTCOME_WORDS: Record<FileOutcome["outcome"], string> = {
  accepted: "已接收",
  rejected: "未通过校验",
  unreadable: "无法读取",
  forbidden: "填报单位不符，待核实",
  "not-taken": "未接收",
};

/**
 * What the intake keeps of a mail, as `GET /api/mail` answers it. `filed`: its tables went through the submission
 * path under the sender's unit; `held`: waiting for the coordinator to assign it to a unit (or dismiss it);
 * `assigned`/`dismissed`: the coordinator decided; `bounce`: a delivery failure report; `automatic`: an
 * out-of-office answer or the like (never answered); `too-large`: not downloaded.
 */
export type MailState = "filed" | "held" | "assigned" | "dismissed" | "bounce" | "automatic" | "too-large";

/** A mail's state in words (the console, `gongkai mail`). */
export const MAIL_STATE_WORDS: Record<MailState, string> = {
  filed: "已处理",
  held: "待汇总人处理",
  assigned: "已指定单位",
  dismissed: "已忽略",
  bounce: "退信",
  automatic: "自动回复",
  "too-large": "过大未下载",
};

/** An answer due (`pending`, retried at each check until sent), `sent`, or none (`none`: `why` says why not). */
export interface AnswerState {
  state: "pending" | "sent" | "none";
  to?: string | undefined;
  subject?: string | undefined;
  text?: string | undefined;
  why?: string | undefined;
  at?: string | undefined;
  /** The last attempt's failure, while `pending`. */
  error?: string | undefined;
}

/** A file's outcome as kept: without its findings (they are in the submission's record); `marked`: its answer carries the coloured copy. */
export type KeptFile = Omit<FileOutcome, "findings"> & { marked?: boolean | undefined };

export interface MailRecord {
  key: string;
  messageId: string | undefined;
  /** The thread, for the answer's `References`. */
  references: string[];
  from: string;
  subject: string;
  /** When the intake took it in. */
  at: string;
  size: number;
  state: MailState;
  /** The unit it was filed under (or assigned to). */
  unit?: string | undefined;
  /** Why it is held, or what it was (a bounce: who could not be reached). */
  reason?: string | undefined;
  /** The round its tables went to. */
  round?: string | undefined;
  files: KeptFile[];
  /** The attachments by name, for the dashboard (a held mail's are not submitted yet). */
  attachments: string[];
  answer: AnswerState;
  /** Who decided a held mail, and when. */
  decidedAt?: string | undefined;
}

/** The mailbox as the service reads it, for the dashboard and `GET /api/mail`. */
export interface MailboxStatus {
  server: string;
  folder: string;
  /** Answers are sent (an SMTP server is set). */
  answering: boolean;
  everySeconds: number;
  state: "starting" | "ok" | "error";
  lastCheckAt?: string | undefined;
  lastOkAt?: string | undefined;
  lastError?: string | undefined;
  lastErrorAt?: string | undefined;
}

/** The reasons an attachment is not submitted, in the words the answer uses. */
export const NOT_TAKEN = {
  archive: (file: string) => `“${file}”是压缩文件，本系统不拆开压缩文件：请把任务分解表（.xlsx）直接作为附件发送。`,
  tooLarge: (mb: number, limitMb: number) => `约 ${mb} MB，超过 ${limitMb} MB 的上限：请只保留本单位的任务分解表，删去图片等内容后重新发送。`,
  closedMonth: (round: string, open: readonly string[]) =>
    `邮件标明是${roundWords(round)}的台账，该月现在不接收报送（开放的月份：${open.map(roundWords).join("、") || "无"}）：汇总人在看板上开放该月后，可把这封邮件指定给本单位计入。`,
  noTable: "邮件中没有找到任务分解表附件（.xlsx）：请把填好的任务分解表作为附件重新发送（不要粘贴在正文中，也不要只发网盘链接）。",
} as const;

/** At most this many findings are listed in an answer; the coloured copy attached marks every one. */
export const ANSWER_FINDINGS = 30;

const SEVERITY_WORD: Record<Finding["severity"], string> = { error: "错误", warning: "提醒", info: "提示" };

function findingLines(findings: readonly Finding[]): string[] {
  const shown = findings.filter((f) => f.severity !== "info");
  const lines = shown.slice(0, ANSWER_FINDINGS).map((f) => {
    const fix = f.fix ? `（可改为：${f.fix.label}）` : "";
    return `  · [${SEVERITY_WORD[f.severity]}] ${f.sheet}!${f.cell}${f.task ? `（${f.task.label}）` : ""}：${f.message}${fix}`;
  });
  if (shown.length > ANSWER_FINDINGS) lines.push(`  ……另有 ${shown.length - ANSWER_FINDINGS} 处，见附件中的标注副本。`);
  return lines;
}

const roundWords = (round: string | undefined) => (round ? `${Number(round.slice(0, 4))}年${Number(round.slice(5, 7))}月` : "本月");

function fileLines(f: FileOutcome): string[] {
  switch (f.outcome) {
    case "accepted": {
      const head = f.duplicate
        ? `“${f.file}”：此前已收到同一文件，不重复计入（回执号 ${f.id}）。`
        : f.superseded
          ? `“${f.file}”：已接收并存档（回执号 ${f.id}），但本单位此后已报送更新的版本，${roundWords(f.round)}台账仍以较新的版本为准。`
          : `“${f.file}”：已接收，计入${roundWords(f.round)}台账（回执号 ${f.id}）。`;
      const notes = (f.findings ?? []).filter((x) => x.severity === "warning");
      return notes.length === 0 ? [head] : [head, `  有 ${notes.length} 处提醒，请酌情处理：`, ...findingLines(notes)];
    }
    case "rejected":
      return [`“${f.file}”：未通过校验，未计入台账。${f.reason}`, ...findingLines(f.findings ?? []), "  出错的单元格已在附件的标注副本中标红，并写明了修改办法。"];
    case "forbidden":
      return [`“${f.file}”：${f.reason} 已转交汇总人核实，暂未计入台账。`];
    case "unreadable":
    case "not-taken":
      return [`“${f.file}”：未接收。${f.reason}`];
  }
}

export interface Answer {
  subject: string;
  text: string;
}

const FOOTER = "本邮件由政务公开台账系统自动发送。修改后请直接回复本邮件并附上新的表格；如有疑问请联系汇总人。";

/** The answer to a listed sender whose mail is held for the coordinator (an address two units share, a closed month): why, and who decides. */
export function heldAnswer(subject: string, reason: string, unit?: string): Answer {
  return { subject: `【已转交汇总人】${replySubject(subject)}`, text: [`${unit ?? "您好"}：`, "", reason, "邮件已转交汇总人，由汇总人确认报送单位后计入台账。", "", FOOTER].join("\n") };
}

/** The answer to a unit's mail: one paragraph per attachment, what to do where something was not taken. */
export function answerFor(o: { subject: string; unit: string; files: readonly FileOutcome[]; notTaken?: string | undefined }): Answer {
  const accepted = o.files.filter((f) => f.outcome === "accepted").length;
  const lines = [`${o.unit}：`, ""];
  if (o.files.length === 0) lines.push(o.notTaken ?? NOT_TAKEN.noTable);
  else {
    lines.push(`收到您的邮件，共 ${o.files.length} 个附件已处理，${accepted} 个已接收：`, "");
    for (const f of o.files) lines.push(...fileLines(f), "");
    if (o.files.filter((f) => f.outcome === "accepted" && !f.duplicate).length > 1) lines.push("同一邮件中有多个表格通过校验时，以最后接收的一个为本单位的最新报送。", "");
    if (o.notTaken) lines.push(o.notTaken, "");
  }
  lines.push("", FOOTER);
  const word = accepted > 0 && accepted === o.files.length ? "已接收" : o.files.length === 0 ? "未找到表格" : accepted > 0 ? "部分接收" : "未接收";
  return { subject: `【${word}】${replySubject(o.subject)}`, text: lines.join("\n") };
}

/** `回复：` once, whatever the client put before (Re:, 回复:, 答复：) and the tag of an earlier answer (【未接收】). */
export function replySubject(subject: string): string {
  const bare = subject.replace(/^\s*((re|aw|回复|答复)\s*[:：]\s*|【(已接收|未接收|部分接收|未找到表格|已转交汇总人)】\s*)+/i, "").trim();
  return `回复：${bare || "报送任务分解表"}`;
}
