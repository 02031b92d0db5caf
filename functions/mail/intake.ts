/**
 * The office mailbox as a way in (CONTRACT §9). Each check: the mails in the folder not yet taken in (no `$GongkaiTaken`
 * keyword) are read one by one — each table attachment submitted through `ingest`, the very path of
 * `POST /api/submissions` (same checks, archive, limits and quota), under the unit whose roster entry lists the sender;
 * anything else held for the coordinator — and each is marked taken only after its record is kept. Then the answers
 * due are sent (SMTP), threaded to the mail, to roster addresses only, at most so many an hour per address.
 *
 * A restart at any point neither loses nor repeats a mail: one not yet marked is read again and known by its key (its
 * record exists: it is only marked), and a submission sent again is the same submission (`ingest` is idempotent). An
 * answer is retried until the SMTP server takes it; a restart between its sending and its record resends it with the
 * same Message-ID (mail clients show it once).
 */
import { ImapFlow, type FetchMessageObject, type MessageStructureObject } from "imapflow";
import nodemailer, { type Transporter } from "nodemailer";
import {
  FILE_OUTCOME_WORDS,
  MAIL_STATE_WORDS,
  NOT_TAKEN,
  answerFor,
  authVerdict,
  heldAnswer,
  monthNamed,
  roundOf as roundOfDay,
  senderOf,
  unitsForAddress,
  type FileOutcome,
  type MailboxStatus,
  type Roster,
} from "../../core/index.js";
import { WorkbookError } from "../../workbook/index.js";
import { HttpError, StorageUnavailableError } from "../errors.js";
import { ingest, judgeInput } from "../ingest.js";
import { TaskError, offLoop } from "../parsePool.js";
import { admitUpload } from "../quota.js";
import { roundConfig } from "../roundConfig.js";
import { ensureOpen, roundsNow } from "../rounds.js";
import type { Services } from "../services.js";
import type { MailFile, ReadMail } from "./message.js";
import { MailRecords, mailKey, type AnswerState, type KeptFile, type MailRecord } from "./records.js";
import type { MailServer, MailSettings } from "./settings.js";

/** The keyword a mail gets once taken in; a held one gets `$GongkaiHeld` too (mail clients may show both as tags). */
export const TAKEN = "$GongkaiTaken";
export const HELD = "$GongkaiHeld";

/** A mail larger than this is not downloaded (its attachment would be refused anyway): twice the upload limit, and 1 MB for the text. */
export const maxMailBytes = (maxUploadBytes: number): number => 2 * maxUploadBytes + 1024 * 1024;

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** A fault of the mail servers in words: which server, what happened, what to check. */
export function describeMailError(e: unknown, server: MailServer, kind: "IMAP" | "SMTP"): string {
  const err = e as Error & { code?: string; authenticationFailed?: boolean; responseCode?: number; response?: string; serverResponseCode?: string };
  const where = `${server.host}:${server.port}`;
  const setting = kind === "IMAP" ? "GONGKAI_IMAP_URL" : "GONGKAI_SMTP_URL";
  if (err.authenticationFailed || err.code === "EAUTH" || err.serverResponseCode === "AUTHENTICATIONFAILED") {
    return `${kind} 邮箱登录失败（${where}，用户 ${server.user}）：用户名或密码（${kind === "IMAP" ? "GONGKAI_IMAP_PASSWORD" : "GONGKAI_SMTP_PASSWORD"}）不对，或邮箱未开启 ${kind} 服务。`;
  }
  if (err.code === "ECONNREFUSED" || ((err.code === "ESOCKET" || err.code === "ECONNECTION") && /ECONNREFUSED/.test(err.message))) return `无法连接 ${kind} 邮件服务器 ${where}（连接被拒绝）：请检查 ${setting} 的服务器和端口，以及服务器是否开启了 ${kind} 服务。`;
  if (err.code === "ENOTFOUND" || err.code === "EAI_AGAIN") return `找不到 ${kind} 邮件服务器 ${server.host}：请检查 ${setting} 中的服务器名称和本机的 DNS。`;
  if (err.code === "ETIMEDOUT" || err.code === "ETIMEOUT" || err.code === "CONNECT_TIMEOUT" || err.code === "GREETING_TIMEOUT") return `连接 ${kind} 邮件服务器 ${where} 超时：请检查网络和防火墙。`;
  if (/wrong version number|EPROTO|packet length too long/i.test(`${err.code ?? ""} ${err.message}`)) {
    return `与 ${kind} 邮件服务器 ${where} 的加密方式不符：${kind === "IMAP" ? "imaps:// 用于 993 端口（一开始就加密），imap:// 用于 143 端口" : "smtps:// 用于 465 端口（一开始就加密），smtp:// 用于 587 或 25 端口"}，请检查 ${setting}。`;
  }
  if (/certificate|self.signed|CERT_|UNABLE_TO_VERIFY/i.test(`${err.code ?? ""} ${err.message}`)) {
    return `${kind} 邮件服务器 ${where} 的证书无法验证（${err.message}）：内网自签证书请用 GONGKAI_MAIL_CA 指定签发它的证书。`;
  }
  return `${kind} 邮件服务器 ${where} 出错：${err.response ?? err.message}`;
}

/** The attachments as the mail's structure gives them (a mail not downloaded): names, and sizes once decoded. */
function attachmentsIn(node: MessageStructureObject | undefined, into: { name: string; bytes: number }[] = []): { name: string; bytes: number }[] {
  if (!node) return into;
  const name = node.dispositionParameters?.filename ?? node.parameters?.name;
  const encoded = node.size ?? 0;
  // base64 in lines of 76 characters and a line break: 57 bytes in every 78
  if (name) into.push({ name, bytes: node.encoding?.toLowerCase() === "base64" ? Math.floor((encoded * 57) / 78) : encoded });
  for (const child of node.childNodes ?? []) attachmentsIn(child, into);
  return into;
}

export interface IntakeOptions {
  /** `gongkai mail --roster R`: whose addresses are known, instead of the roster in use. */
  roster?: Roster | undefined;
  /** A line for the service's console per mail taken in and per failed check. */
  log?: ((line: string) => void) | undefined;
}

export class MailIntake {
  readonly status: MailboxStatus;
  readonly records: MailRecords;
  private checking: Promise<MailRecord[]> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  /** Checks that failed in a row (the next waits longer). */
  private failures = 0;

  constructor(
    private readonly services: Services,
    readonly settings: MailSettings,
    private readonly options: IntakeOptions = {},
  ) {
    this.records = new MailRecords(services.store);
    this.status = { server: settings.imap.shown, folder: settings.folder, answering: settings.smtp !== undefined, everySeconds: settings.pollSeconds, state: "starting" };
  }

  /** Checks now and then every `pollSeconds`, until `stop`. */
  start(): void {
    const next = () => {
      if (this.stopped) return;
      this.timer = setTimeout(() => void this.check().finally(next), this.delaySeconds() * 1000);
      this.timer.unref?.();
    };
    void this.check().finally(next);
  }

  /**
   * How long until the next check: `pollSeconds`, doubled after each failure in a row up to an hour — a wrong
   * password tried every minute makes mail servers (and fail2ban) lock the account.
   */
  delaySeconds(): number {
    return Math.min(this.settings.pollSeconds * 2 ** this.failures, Math.max(3600, this.settings.pollSeconds));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.checking?.catch(() => undefined);
  }

  /** One check: new mails taken in, then the answers due sent. Never throws: a fault is the status's `lastError`. */
  check(): Promise<MailRecord[]> {
    this.checking ??= this.checkOnce().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async checkOnce(): Promise<MailRecord[]> {
    const at = () => this.services.now().toISOString();
    this.status.lastCheckAt = at();
    let taken: MailRecord[] = [];
    try {
      taken = await this.takeIn();
      // mail read: the mailbox works, whatever becomes of the answers (an SMTP fault is said on its own)
      this.status.lastOkAt = at();
      await this.sendAnswers();
      this.status.state = "ok";
      this.status.lastOkAt = at();
      this.failures = 0;
    } catch (e) {
      this.failures++;
      this.status.state = "error";
      this.status.lastError = e instanceof StorageUnavailableError ? e.message : (e as { mailError?: string }).mailError ?? describeMailError(e, this.settings.imap, "IMAP");
      this.status.lastErrorAt = at();
      this.options.log?.(`单位邮箱：${this.status.lastError}（${this.delaySeconds()} 秒后再试）`);
    }
    for (const r of taken) this.options.log?.(`单位邮箱：${r.from || "（无发件人）"}“${r.subject}” ${MAIL_STATE_WORDS[r.state]}${r.unit ? ` ${r.unit}` : ""}${r.files.length > 0 ? `：${r.files.map((f) => `${f.file} ${FILE_OUTCOME_WORDS[f.outcome]}`).join("，")}` : ""}`);
    return taken;
  }

  private async takeIn(): Promise<MailRecord[]> {
    const { imap, ca, folder } = this.settings;
    const client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: imap.secure,
      auth: imap.accessToken !== undefined ? { user: imap.user, accessToken: imap.accessToken } : { user: imap.user, pass: imap.pass ?? "" },
      ...(ca !== undefined ? { tls: { ca } } : {}),
      logger: false,
      disableAutoIdle: true,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 120_000,
    });
    client.on("error", () => {}); // a dropped connection fails the call in progress; nothing else to do
    await client.connect();
    const taken: MailRecord[] = [];
    try {
      const lock = await client.getMailboxLock(folder).catch((e: unknown) => {
        throw Object.assign(new Error(String(e)), { mailError: `邮箱中打不开文件夹“${folder}”：请检查 GONGKAI_MAIL_FOLDER（${(e as Error).message}）。` });
      });
      try {
        const since = await this.records.since(this.settings.since, this.services.today(), this.services.now());
        // IMAP's SINCE is by the day a mail arrived, in the server's time zone: a day early rather than one late
        const day = new Date(Date.parse(`${since}T00:00:00Z`) - 86_400_000);
        const uids = (await client.search({ unKeyword: TAKEN, since: day }, { uid: true })) || [];
        for (const uid of uids.sort((a, b) => a - b)) {
          const meta = await client.fetchOne(String(uid), { uid: true, size: true, envelope: true, bodyStructure: true }, { uid: true });
          if (!meta) continue; // deleted meanwhile
          const limit = maxMailBytes(this.services.settings.maxUploadBytes);
          let record: MailRecord;
          if ((meta.size ?? 0) > limit) record = await this.tooLarge(meta, client.mailbox ? String(client.mailbox.uidValidity) : "");
          else {
            const full = await client.fetchOne(String(uid), { source: true }, { uid: true });
            if (!full || !full.source) continue;
            record = await this.handle(full.source);
          }
          await client.messageFlagsAdd(String(uid), record.state === "held" ? [TAKEN, HELD] : [TAKEN], { uid: true });
          taken.push(record);
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
    return taken;
  }

  /**
   * The month a mail is for: the one its subject or a table's name gives (`10月份台账`), else this month; `closed`
   * says why the month it names cannot take it now (the coordinator may open it, then assign the mail).
   */
  private async roundOf(mail: ReadMail): Promise<{ round: string; closed?: string }> {
    const today = this.services.today();
    const named = monthNamed([mail.subject, ...mail.files.map((f) => f.name)], today);
    if (named === undefined) return { round: roundOfDay(today) };
    const { open } = await roundsNow(this.services);
    if (open.some((o) => o.round === named)) return { round: named };
    return { round: named, closed: NOT_TAKEN.closedMonth(named, open.map((o) => o.round)) };
  }

  /** The roster whose addresses are known: `--roster`, else the one in use for this month. */
  private async roster(round: string): Promise<Roster> {
    return this.options.roster ?? (await roundConfig(this.services, round)).roster.roster;
  }

  /** One mail, downloaded: known already (only marked again), or read, submitted or held, and recorded. */
  async handle(raw: Buffer): Promise<MailRecord> {
    const key = mailKey(raw);
    const known = await this.records.get(key);
    if (known) return known;
    const now = this.services.now();
    await this.records.keepMessage(key, raw, now);
    let mail: ReadMail;
    try {
      // read in a parse worker: a 20 MB mail's decoding, or a hostile one's, never holds the request loop
      mail = await offLoop({ kind: "mail", raw });
    } catch (e) {
      // the mail is at fault (unreadable, too complex): held for a person; the tool is (a worker that could not
      // start): the check fails and the mail, not marked, is read again next time
      if (!(e instanceof TaskError || e instanceof WorkbookError)) throw e;
      const record: MailRecord = { key, messageId: undefined, references: [], from: "", subject: "", at: now.toISOString(), size: raw.length, state: "held", reason: `无法读取这封邮件（${(e as Error).message}），请在邮箱中查看。`, files: [], attachments: [], answer: { state: "none", why: "邮件无法读取" } };
      await this.records.put(record, now);
      return record;
    }
    const { round, closed } = await this.roundOf(mail);
    const base = { key, messageId: mail.messageId, references: mail.references, from: mail.from, subject: mail.subject, at: now.toISOString(), size: raw.length, round, attachments: mail.files.map((f) => f.name) };
    let record: MailRecord;
    if (mail.automatic) {
      const bounce = mail.automatic === "bounce";
      record = {
        ...base,
        state: bounce ? "bounce" : "automatic",
        reason: bounce ? `退信：${mail.failedRecipients.length > 0 ? `${mail.failedRecipients.join("、")} 无法送达` : "一封邮件未能送达"}（${mail.subject}）` : `自动回复（${mail.subject}）`,
        files: [],
        answer: { state: "none", why: "自动邮件不回复（避免邮件往复）" },
      };
    } else {
      const roster = await this.roster(round);
      const units = unitsForAddress(roster, mail.from);
      const auth = authVerdict(mail.authResults, this.settings.authservId);
      const named = senderOf(mail.from, units, auth);
      // a unit's mail for a month not open is the coordinator's to decide (open the month, then assign it)
      const sender = "unit" in named && closed ? { held: closed, unit: named.unit } : named;
      if ("held" in sender) {
        // only an address the roster lists is ever answered, and not when the mail server doubts who sent it
        const answer: AnswerState =
          units.length > 0 && auth.result !== "fail"
            ? this.answer(mail.from, heldAnswer(mail.subject, sender.held, "unit" in sender ? sender.unit : undefined))
            : { state: "none", why: units.length === 0 ? "发件地址不在单位名册中，不回复" : "发件人验证未通过，不回复" };
        record = { ...base, state: "held", reason: sender.held, files: [], answer, ...("unit" in sender ? { unit: sender.unit } : {}) };
      } else {
        const outcomes = await this.submit(sender.unit, round, mail.files, now.toISOString());
        const forbidden = outcomes.find((f) => f.outcome === "forbidden");
        const answer = answerFor({ subject: mail.subject, unit: sender.unit, files: outcomes, notTaken: outcomes.length === 0 ? NOT_TAKEN.noTable : undefined });
        record = {
          ...base,
          state: forbidden ? "held" : "filed",
          unit: sender.unit,
          ...(forbidden ? { reason: `“${forbidden.file}”：${forbidden.reason}` } : {}),
          files: outcomes.map(keep),
          answer: this.answer(mail.from, answer),
        };
      }
    }
    await this.records.put(record, now);
    return record;
  }

  /** A mail over the limit, not downloaded: the sender (if a unit) is told, the mail stays in the mailbox for a person. */
  private async tooLarge(meta: FetchMessageObject, uidValidity: string): Promise<MailRecord> {
    const messageId = meta.envelope?.messageId;
    const key = mailKey(`${uidValidity}/${meta.uid}/${messageId ?? ""}/${meta.size}`);
    const known = await this.records.get(key);
    if (known) return known;
    const now = this.services.now();
    const round = roundOfDay(this.services.today());
    const from = meta.envelope?.from?.[0]?.address?.toLowerCase() ?? "";
    const subject = meta.envelope?.subject ?? "";
    const attachments = attachmentsIn(meta.bodyStructure);
    const names = attachments.map((a) => a.name);
    const largest = attachments.reduce<{ name: string; bytes: number } | undefined>((a, b) => (a && a.bytes >= b.bytes ? a : b), undefined);
    const units = unitsForAddress(await this.roster(round), from);
    const size = meta.size ?? 0;
    // said against the file limit units know (GONGKAI_MAX_UPLOAD_MB), not the mail's download limit
    const upload = this.services.settings.maxUploadBytes;
    const why = NOT_TAKEN.tooLarge(mb(largest?.bytes ?? size), mb(upload));
    const reason = `${from} 的邮件${largest ? `附件“${largest.name}”` : ""}约 ${mb(largest?.bytes ?? size)} MB，超过 ${mb(upload)} MB 的上限，未下载，仍在邮箱中。`;
    const answer: AnswerState =
      units.length === 1
        ? this.answer(from, answerFor({ subject, unit: units[0]!, files: [{ file: largest?.name ?? "邮件", outcome: "not-taken", reason: why }] }))
        : { state: "none", why: "发件地址不在单位名册中，不回复" };
    const record: MailRecord = { key, messageId, references: [], from, subject, at: now.toISOString(), size, state: "too-large", reason, files: [], attachments: names, answer, ...(units.length === 1 ? { unit: units[0] } : {}) };
    await this.records.put(record, now);
    return record;
  }

  /**
   * The coordinator's decision on a held mail: its tables submitted under `unit` (the sender answered where the
   * roster lists the address, for this unit or another), or the mail dismissed (spam, a mail for someone else).
   */
  async decide(key: string, d: { action: "assign"; unit: string } | { action: "dismiss" }): Promise<MailRecord> {
    const record = await this.records.get(key);
    if (!record) throw new HttpError(404, "not-found", `没有编号为“${key}”的邮件。`);
    if (record.state !== "held") throw new HttpError(409, "not-held", `这封邮件（${record.subject}）不在待处理之列（${record.state}），无需再处理。`);
    const now = this.services.now();
    if (d.action === "dismiss") {
      const next: MailRecord = { ...record, state: "dismissed", decidedAt: now.toISOString() };
      await this.records.put(next, now);
      return next;
    }
    const raw = await this.records.message(key);
    if (!raw) throw new HttpError(410, "not-kept", "这封邮件的原件未保存（超过大小上限未下载），请在邮箱中处理。");
    const mail = await offLoop({ kind: "mail", raw });
    // the month it was taken in for (a closed one must be opened first: submit says so)
    const round = record.round ?? (await this.roundOf(mail)).round;
    const config = await roundConfig(this.services, round);
    const unit = config.roster.canonicalUnit(d.unit);
    if (!unit) throw new HttpError(400, "unknown-unit", `单位名册中没有“${d.unit}”：请选名册中的单位。`);
    const outcomes = await this.submit(unit, round, mail.files, record.at);
    const forbidden = outcomes.find((f) => f.outcome === "forbidden");
    // the sender is told where the roster lists its address (for this unit or another): never anyone else
    const listed = unitsForAddress(this.options.roster ?? config.roster.roster, mail.from).length > 0;
    const next: MailRecord = {
      ...record,
      state: forbidden ? "held" : "assigned",
      unit,
      round,
      decidedAt: now.toISOString(),
      ...(forbidden ? { reason: `“${forbidden.file}”：${forbidden.reason}` } : {}),
      files: outcomes.map(keep),
      answer: listed && !forbidden
        ? this.answer(mail.from, answerFor({ subject: mail.subject, unit, files: outcomes, notTaken: outcomes.length === 0 ? NOT_TAKEN.noTable : undefined }))
        : { state: "none", why: listed ? "仍待汇总人处理" : "发件地址不在单位名册中，不回复" },
    };
    await this.records.put(next, now);
    return next;
  }

  /** An answer due, or why none is sent. */
  private answer(to: string, a: { subject: string; text: string }): AnswerState {
    if (!this.settings.smtp) return { state: "none", to, subject: a.subject, text: a.text, why: "未设置发信服务器（GONGKAI_SMTP_URL），未回复" };
    return { state: "pending", to, subject: a.subject, text: a.text };
  }

  /** Each table of the mail through the submission path, under the unit; compressed folders are named, other files left. */
  async submit(unit: string, round: string, files: readonly MailFile[], at: string): Promise<FileOutcome[]> {
    const open = await ensureOpen(this.services, round);
    const outcomes: FileOutcome[] = [];
    for (const [i, f] of files.entries()) {
      if (f.kind === "archive") outcomes.push({ file: f.name, outcome: "not-taken", reason: NOT_TAKEN.archive(f.name) });
      if (f.kind !== "table" && f.kind !== "other-sheet") continue;
      try {
        // received when the mail came, a millisecond apart in the mail's order (the last accepted is the latest)
        const receivedAt = new Date(Date.parse(at) + i).toISOString();
        const r = await ingest(this.services, unit, round, f.bytes, { admit: (b) => admitUpload(this.services, unit, b.length, open), receivedAt, by: "mail" });
        const s = r.submission;
        const latest = s.outcome === "accepted" && !r.duplicate ? await this.services.store.getLatest(round, unit) : undefined;
        const superseded = latest !== undefined && latest.latest.submissionId !== s.id;
        outcomes.push({ file: f.name, outcome: s.outcome, reason: s.reason, id: s.id, round: s.round, duplicate: r.duplicate, superseded, findings: r.extract.findings });
      } catch (e) {
        // the day's quota: not taken, said in words; a storage fault stops the check (the mail is read again next time)
        if (!(e instanceof HttpError) || e instanceof StorageUnavailableError) throw e;
        outcomes.push({ file: f.name, outcome: "not-taken", reason: e.message });
      }
    }
    return outcomes;
  }

  /** Sends the answers due: to roster addresses only, at most `answersPerHour` to one address, the coloured copies attached. */
  async sendAnswers(): Promise<void> {
    const smtp = this.settings.smtp;
    if (!smtp) return;
    const records = await this.records.list();
    const due = records.filter((r) => r.answer.state === "pending").reverse(); // oldest first
    if (due.length === 0) return;
    const transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      ...(smtp.user !== "" ? { auth: smtp.accessToken !== undefined ? { type: "OAuth2" as const, user: smtp.user, accessToken: smtp.accessToken } : { user: smtp.user, pass: smtp.pass ?? "" } } : {}),
      ...(this.settings.ca !== undefined ? { tls: { ca: this.settings.ca } } : {}),
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 120_000,
    });
    try {
      for (const r of due) await this.sendOne(transport, r, records);
    } finally {
      transport.close();
    }
  }

  private async sendOne(transport: Transporter, r: MailRecord, records: MailRecord[]): Promise<void> {
    const now = this.services.now();
    const to = r.answer.to ?? r.from;
    const settle = async (answer: AnswerState) => {
      const next = { ...r, answer: { ...r.answer, ...answer } };
      await this.records.put(next, now);
      records[records.indexOf(r)] = next;
    };
    // the roster may have changed since the mail came: an address no longer listed is not written to
    const round = r.round ?? roundOfDay(this.services.today());
    if (unitsForAddress(await this.roster(round), to).length === 0) return settle({ state: "none", why: "该地址已不在单位名册中，未回复" });
    const hourAgo = new Date(now.getTime() - 3600_000).toISOString();
    const sent = records.filter((x) => x.answer.state === "sent" && x.answer.to === to && (x.answer.at ?? "") > hourAgo).length;
    if (sent >= this.settings.answersPerHour) return settle({ state: "none", why: `一小时内已回复该地址 ${sent} 封，未再回复（GONGKAI_MAIL_ANSWERS_PER_HOUR）` });
    const domain = this.settings.from.split("@")[1] ?? "gongkai-ledger.invalid";
    try {
      await transport.sendMail({
        from: this.settings.from,
        to,
        subject: r.answer.subject ?? "报送结果",
        text: r.answer.text ?? "",
        messageId: `<${r.key}.answer@${domain}>`,
        ...(r.messageId ? { inReplyTo: r.messageId, references: [...r.references, r.messageId] } : {}),
        // RFC 3834: an automatic answer, which other automatic answerers leave alone
        headers: { "Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All" },
        attachments: await this.colouredCopies(r),
      });
      await settle({ state: "sent", at: now.toISOString(), error: undefined });
    } catch (e) {
      const code = (e as { responseCode?: number }).responseCode;
      const words = describeMailError(e, this.settings.smtp!, "SMTP");
      // refused for good (5xx: no such address, not allowed): never retried; anything else is tried again next check
      if (code !== undefined && code >= 500) return settle({ state: "none", why: `邮件服务器拒绝发送：${words}` });
      await settle({ state: "pending", error: words });
      throw Object.assign(new Error(words), { mailError: words });
    }
  }

  /** The coloured copy of each file whose answer lists findings, made from the archived file with the same checks. */
  private async colouredCopies(r: MailRecord): Promise<{ filename: string; content: Buffer }[]> {
    const copies: { filename: string; content: Buffer }[] = [];
    for (const f of r.files) {
      if (!f.marked || f.id === undefined || f.round === undefined || r.unit === undefined) continue;
      const bytes = await this.services.store.readFile(f.round, f.id);
      if (!bytes) continue;
      const input = await judgeInput(this.services, r.unit, f.round, f.id, r.at, bytes);
      const copy = await offLoop({ kind: "annotate", input }).catch(() => undefined);
      if (copy) copies.push({ filename: `标注-${f.file.replace(/\.(xlsx|xlsm)$/i, "")}.xlsx`, content: Buffer.from(copy) });
    }
    return copies;
  }
}

/** What a record keeps of a file's outcome: whether its answer carries a coloured copy, not the findings themselves. */
function keep(f: FileOutcome): KeptFile {
  const { findings, ...rest } = f;
  const marked = (f.outcome === "accepted" || f.outcome === "rejected") && (findings ?? []).some((x) => x.severity !== "info");
  return { ...rest, marked };
}
