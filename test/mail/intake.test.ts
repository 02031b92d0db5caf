/**
 * The office mailbox end to end (issue 27): mail delivered into a real Dovecot, taken in by the service's intake,
 * submitted through the very path of POST /api/submissions (the embedded store, as npm start runs), answered through
 * a real SMTP server that delivers into the unit's own Dovecot mailbox.
 */
import { ImapFlow } from "imapflow";
import { simpleParser, type ParsedMail } from "mailparser";
import { createTransport } from "nodemailer";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_ROSTER, type Roster } from "../../core/index.js";
import { MailIntake, TAKEN, HELD } from "../../functions/mail/intake.js";
import { mailSettingsFrom } from "../../functions/mail/settings.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";
import { startImapServer, startSmtpServer, type ImapServer, type SmtpServer } from "../fixtures/mailServers.js";
import { postfixBounce } from "../fixtures/mails.js";
import { startHarness, type Harness } from "../functions/harness.js";

const dovecot = process.env.DOVECOT_PATH;
const OFFICE = "office@county.gov.cn";
const FINANCE = "czj@county.gov.cn";
const STATS = "tjj@county.gov.cn";
const SHARED = "xzb@county.gov.cn";
const EDUCATION = "jyj@county.gov.cn";

/** The sample's units, with the addresses a coordinator's roster gives them (one address shared by two towns). */
const ROSTER: Roster = {
  ...DEFAULT_ROSTER,
  units: DEFAULT_ROSTER.units.map((u) => {
    if (u.name === "旗财政局") return { ...u, emails: [FINANCE] };
    if (u.name === "旗统计局") return { ...u, emails: [STATS] };
    if (u.name === "旗教育局") return { ...u, emails: [EDUCATION] };
    if (u.name.endsWith("镇人民政府")) return { ...u, emails: [SHARED] };
    return u;
  }),
};

interface Attachment {
  filename: string;
  content: Buffer;
  contentType?: string;
}

/** A mail as a client writes it. */
async function mail(from: string, subject: string, attachments: Attachment[] = [], headers: Record<string, string> = {}): Promise<Buffer> {
  const composer = createTransport({ streamTransport: true, buffer: true });
  const info = await composer.sendMail({ from, to: OFFICE, subject, text: "附件是本单位的台账，请查收。", attachments, headers });
  return info.message as Buffer;
}

const faulty = async () => (await buildCopy({ rows: CLEAN_ROWS, filled: { ...allDone(FINANCE_TASKS), 统计信息: {} } })).bytes;
const clean = async (unit = "旗财政局") => (await buildCopy({ rows: CLEAN_ROWS, unit, filled: allDone(FINANCE_TASKS) })).bytes;

describe.skipIf(!dovecot)("the office mailbox, Dovecot and an SMTP server on 127.0.0.1", () => {
  let h: Harness;
  let imap: ImapServer;
  let smtp: SmtpServer;
  let intake: MailIntake;

  beforeAll(async () => {
    imap = await startImapServer();
    smtp = await startSmtpServer({ imap });
    h = await startHarness({ embedded: true, roster: ROSTER });
    intake = new MailIntake(h.services, mailSettingsFrom({ imapUrl: imap.url(OFFICE), smtpUrl: smtp.url, from: OFFICE, answersPerHour: 100 }));
    h.services.mailbox = intake;
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await smtp?.stop();
    await imap?.stop();
  });
  beforeEach(() => void (smtp.received.length = 0));

  /** The answers the unit's own mailbox holds, parsed. */
  const inbox = async (who: string): Promise<ParsedMail[]> => Promise.all((await imap.list(who)).map((m) => simpleParser(m.raw)));

  it("a unit's mail with a faulty table: submitted, refused with its findings; the answer in the unit's mailbox, threaded, with the coloured copy; then a clean one is in the ledger", async () => {
    const first = await mail(`县财政局 <${FINANCE}>`, "财政局3月台账", [{ filename: "财政局台账.xlsx", content: await faulty() }]);
    await imap.deliver(OFFICE, first);
    const [record] = await intake.check();
    expect(intake.status).toMatchObject({ state: "ok" });
    expect(record).toMatchObject({ state: "filed", unit: "旗财政局", files: [{ file: "财政局台账.xlsx", outcome: "rejected", marked: true }], answer: { state: "pending" } });
    const [office] = await imap.list(OFFICE);
    expect(office!.flags).toContain(TAKEN);

    const [answer, ...more] = await inbox(FINANCE);
    expect(more).toEqual([]);
    const original = await simpleParser(first);
    expect(answer!.inReplyTo).toBe(original.messageId);
    expect(answer!.subject).toBe("【未接收】回复：财政局3月台账");
    expect(answer!.headers.get("auto-submitted")).toBe("auto-replied");
    expect(answer!.text).toContain("Sheet1!H10");
    expect(answer!.text).toContain("进展情况为空");
    const copy = answer!.attachments.find((a) => a.filename === "标注-财政局台账.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(copy!.content as unknown as ArrayBuffer);
    expect(wb.getWorksheet("Sheet1")!.getCell("H10").fill).toMatchObject({ fgColor: { argb: "FFFFC7CE" } });

    const fixed = await clean();
    await imap.deliver(OFFICE, await mail(FINANCE, "回复：【未接收】回复：财政局3月台账", [{ filename: "财政局台账（改）.xlsx", content: fixed }]));
    const [second] = await intake.check();
    expect(second!.files).toMatchObject([{ outcome: "accepted", round: "2022-03" }]);
    const ledger = await (await h.get("/api/ledger?round=2022-03&format=json", h.coordinator)).json();
    expect(ledger.units.find((u: { unit: string }) => u.unit === "旗财政局")).toMatchObject({ submitted: true, errors: 0 });
    expect((await inbox(FINANCE)).map((m) => m.subject)).toContain("【已接收】回复：财政局3月台账");

    // the file and the mail, each kept byte for byte
    const file = await h.get(`/api/submissions/${second!.files[0]!.id}/file`, h.coordinator);
    expect(Buffer.from(await file.arrayBuffer()).equals(fixed)).toBe(true);
    const kept = await h.get(`/api/mail/${record!.key}/message`, h.coordinator);
    expect(Buffer.from(await kept.arrayBuffer()).equals(first)).toBe(true);
  }, 120_000);

  it("a sender nobody listed is held, never answered; the coordinator assigns it and its table counts for that unit", async () => {
    await imap.deliver(OFFICE, await mail("someone@qq.com", "统计局台账", [{ filename: "统计局.xlsx", content: await clean("旗统计局") }]));
    const [held] = await intake.check();
    expect(held).toMatchObject({ state: "held", files: [], answer: { state: "none" } });
    expect(held!.reason).toContain("someone@qq.com 不在单位名册的邮箱中");
    expect(smtp.received).toEqual([]);
    expect((await imap.list(OFFICE)).at(-1)!.flags).toEqual(expect.arrayContaining([TAKEN, HELD]));
    const listed = await (await h.get("/api/mail", h.coordinator)).json();
    expect(listed.held.map((m: { key: string }) => m.key)).toContain(held!.key);
    expect((await h.get("/api/mail", await h.token("旗统计局"))).status).toBe(403);

    const r = await fetch(`${h.host.url}/api/mail/${held!.key}`, { method: "POST", headers: { authorization: `Bearer ${h.coordinator}`, "content-type": "application/json" }, body: JSON.stringify({ action: "assign", unit: "统计局" }) });
    expect(r.status).toBe(200);
    expect((await r.json()).mail).toMatchObject({ state: "assigned", unit: "旗统计局", files: [{ outcome: "accepted" }], answer: { state: "none" } });
    const status = await (await h.get("/api/status?round=2022-03", h.coordinator)).json();
    expect(JSON.stringify(status)).toContain("旗统计局");
    expect(smtp.received.map((m) => m.to)).not.toContainEqual(["someone@qq.com"]);
  }, 120_000);

  it("a table naming another unit, an address two units share, a failed DMARC: held; only listed, trusted senders are told", async () => {
    await imap.deliver(OFFICE, await mail(FINANCE, "代统计局报送", [{ filename: "统计局.xlsx", content: await clean("旗统计局") }]));
    await imap.deliver(OFFICE, await mail(SHARED, "镇台账", [{ filename: "镇.xlsx", content: await clean("星耀镇人民政府") }]));
    await imap.deliver(OFFICE, await mail(STATS, "统计局台账", [{ filename: "统计局.xlsx", content: await clean("旗统计局") }], { "Authentication-Results": "mx.county.gov.cn; spf=fail smtp.mailfrom=county.gov.cn; dkim=none; dmarc=fail header.from=county.gov.cn" }));
    const records = await intake.check();
    expect(records.map((r) => r.state)).toEqual(["held", "held", "held"]);
    expect(records[0]!.reason).toContain("旗统计局");
    expect(records[1]!.reason).toContain("多个单位");
    expect(records[2]!.reason).toContain("验证未通过");
    expect(smtp.received.map((m) => m.to[0])).toEqual([FINANCE, SHARED]);
    expect(smtp.received.map((m) => m.raw.toString())).not.toContainEqual(expect.stringContaining("dmarc"));
  }, 120_000);

  it("bad mail: none, several, .xls, .zip, an RFC 2231 name, a forwarded mail, a bounce, an out-of-office answer — each answered or named, none stalls the rest", async () => {
    const table = await clean();
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]);
    const forwarded = await mail(FINANCE, "台账", [{ filename: "转发的台账.xlsx", content: table }]);
    const rfc2231 = Buffer.from(
      [
        `From: ${FINANCE}`,
        `To: ${OFFICE}`,
        "Subject: =?UTF-8?B?5Y+w6LSm?=",
        "Message-ID: <rfc2231@county.gov.cn>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="b"',
        "",
        "--b",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "see attached",
        "--b",
        "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Transfer-Encoding: base64",
        "Content-Disposition: attachment; filename*0*=utf-8''%E8%B4%A2%E6%94%BF%E5%B1%80; filename*1*=%E5%8F%B0%E8%B4%A6.xlsx",
        "",
        table.toString("base64").replace(/.{76}/g, "$&\r\n"),
        "--b--",
        "",
      ].join("\r\n"),
    );
    const bounce = postfixBounce(OFFICE, "gone@county.gov.cn", "county.gov.cn");
    const mails = [
      await mail(FINANCE, "忘了附件"),
      await mail(FINANCE, "两个表", [{ filename: "一.xlsx", content: await faulty() }, { filename: "二.xlsx", content: table }]),
      await mail(FINANCE, "旧格式", [{ filename: "台账.xls", content: xls }]),
      await mail(FINANCE, "压缩包", [{ filename: "台账.zip", content: Buffer.from("PK\u0005\u0006" + "\0".repeat(18)) }]),
      rfc2231,
      await mail(FINANCE, "Fwd: 台账", [{ filename: "台账.eml", content: forwarded, contentType: "message/rfc822" }]),
      bounce,
      await mail(FINANCE, "自动回复：台账", [], { "Auto-Submitted": "auto-replied" }),
    ];
    for (const m of mails) await imap.deliver(OFFICE, m);
    const records = await intake.check();
    expect(records.map((r) => r.state)).toEqual(["filed", "filed", "filed", "filed", "filed", "filed", "bounce", "automatic"]);
    const [none, several, old, zip, encoded, fwd, bounced, auto] = records;
    expect(none!.answer.text).toContain("没有找到任务分解表附件");
    expect(several!.files.map((f) => [f.file, f.outcome])).toEqual([["一.xlsx", "rejected"], ["二.xlsx", "accepted"]]);
    expect(old!.answer.text).toMatch(/旧版 Excel 97-2003（\.xls）/);
    expect(zip!.answer.text).toContain("压缩文件");
    expect(encoded!.files.map((f) => f.file)).toEqual(["财政局台账.xlsx"]);
    expect(fwd!.files).toMatchObject([{ file: "转发的台账.xlsx", outcome: "accepted" }]);
    expect(bounced!.reason).toContain("gone@county.gov.cn");
    expect(bounced!.answer.state).toBe("none");
    expect(auto!.answer.state).toBe("none");
    // answers to the six unit mails, none to the bounce or the automatic one
    expect(smtp.received.map((m) => m.to[0])).toEqual(Array(6).fill(FINANCE));
  }, 180_000);

  it("answers are rate-limited per address: past the hour's number, the mail is taken in and the coordinator sees why it was not answered", async () => {
    const limited = new MailIntake(h.services, mailSettingsFrom({ imapUrl: imap.url(OFFICE), smtpUrl: smtp.url, from: OFFICE, answersPerHour: 2 }));
    for (let i = 1; i <= 3; i++) await imap.deliver(OFFICE, await mail(EDUCATION, `第${i}封`));
    const records = await limited.check();
    expect(records).toHaveLength(3);
    expect(smtp.received.map((m) => m.to[0])).toEqual([EDUCATION, EDUCATION]);
    const listed = await (await h.get("/api/mail", h.coordinator)).json();
    const why = listed.recent.filter((r: { from: string }) => r.from === EDUCATION).map((r: { answer: { state: string; why?: string } }) => r.answer.why ?? r.answer.state);
    expect(why.filter((w: string) => w.includes("一小时内已回复该地址 2 封"))).toHaveLength(1);
  }, 60_000);

  it("a 30 MB attachment is not downloaded: the sender is told the limit, the mail stays in the mailbox", async () => {
    await imap.deliver(OFFICE, await mail(STATS, "大附件", [{ filename: "统计局台账.xlsx", content: Buffer.alloc(30 * 1024 * 1024, 7) }]));
    const [big] = await intake.check();
    expect(big).toMatchObject({ state: "too-large", unit: "旗统计局", attachments: ["统计局台账.xlsx"] });
    expect(big!.answer.text).toContain("“统计局台账.xlsx”：未接收。约 30 MB，超过 10 MB 的上限");
    expect(big!.reason).toContain("附件“统计局台账.xlsx”约 30 MB，超过 10 MB 的上限，未下载");
    expect(big!.answer.subject).toBe("【未接收】回复：大附件");
    expect(smtp.received.map((m) => m.to[0])).toEqual([STATS]);
  }, 180_000);

  it("a mail naming last month in its subject goes to last month, while it is open", async () => {
    await imap.deliver(OFFICE, await mail(STATS, "统计局2月份台账", [{ filename: "统计局.xlsx", content: await clean("旗统计局") }]));
    const [r] = await intake.check();
    expect(r).toMatchObject({ round: "2022-02", files: [{ outcome: "accepted", round: "2022-02" }] });
    expect((await simpleParser(smtp.received[0]!.raw)).text).toContain("计入2022年2月台账");
  });

  it("mails that arrived before the mailbox was first checked are left alone (GONGKAI_MAIL_SINCE takes them)", async () => {
    const old = await mail(FINANCE, "去年的台账", [{ filename: "财政局.xlsx", content: await clean() }]);
    await imap.deliver(OFFICE, old, "INBOX", [], new Date("2021-06-01T09:00:00+08:00"));
    expect(await intake.check()).toEqual([]);
    const earlier = new MailIntake(h.services, mailSettingsFrom({ imapUrl: imap.url(OFFICE), from: OFFICE, since: "2021-05-01" }));
    const [taken] = await earlier.check();
    expect(taken).toMatchObject({ subject: "去年的台账", state: "filed" });
  });

  it("a held mail assigned after the unit sent newer tables is kept as a version, never put before them", async () => {
    const older = await clean("旗统计局");
    await imap.deliver(OFFICE, await mail("clerk@163.com", "统计局台账", [{ filename: "统计局（旧）.xlsx", content: older }]));
    const [held] = await intake.check();
    const newer = (await buildCopy({ rows: CLEAN_ROWS, unit: "旗统计局", filled: { ...allDone(FINANCE_TASKS), [FINANCE_TASKS[0]!]: { progress: "较新的一版：已完成。" } } })).bytes;
    await imap.deliver(OFFICE, await mail(STATS, "统计局台账（新）", [{ filename: "统计局（新）.xlsx", content: newer }]));
    const [fresh] = await intake.check();
    const r = await fetch(`${h.host.url}/api/mail/${held!.key}`, { method: "POST", headers: { authorization: `Bearer ${h.coordinator}`, "content-type": "application/json" }, body: JSON.stringify({ action: "assign", unit: "旗统计局" }) });
    const assigned = (await r.json()).mail;
    expect(assigned.files).toMatchObject([{ outcome: "accepted", superseded: true }]);
    const latest = await h.services.store.getLatest("2022-03", "旗统计局");
    expect(latest!.latest.submissionId).toBe(fresh!.files[0]!.id);
  });

  it("a unit's mail for a month that is closed is held, the unit told why; opened, then assigned, it counts for that month", async () => {
    await imap.deliver(OFFICE, await mail(FINANCE, "县财政局10月份台账（补报）", [{ filename: "财政局10月.xlsx", content: await clean() }]));
    const [held] = await intake.check();
    expect(held).toMatchObject({ state: "held", unit: "旗财政局", round: "2021-10", files: [] });
    expect(held!.reason).toContain("2021年10月的台账，该月现在不接收报送");
    const told = await simpleParser(smtp.received[0]!.raw);
    expect(told.subject).toBe("【已转交汇总人】回复：县财政局10月份台账（补报）");
    const assign = () => fetch(`${h.host.url}/api/mail/${held!.key}`, { method: "POST", headers: { authorization: `Bearer ${h.coordinator}`, "content-type": "application/json" }, body: JSON.stringify({ action: "assign", unit: "旗财政局" }) });
    const refused = await assign();
    expect(refused.status).toBe(403);
    expect((await refused.json()).message).toContain("2022-03");
    const opened = await fetch(`${h.host.url}/api/rounds/2021-10`, { method: "PUT", headers: { authorization: `Bearer ${h.coordinator}`, "content-type": "application/json" }, body: JSON.stringify({ open: true }) });
    expect(opened.status).toBe(200);
    const r = await assign();
    expect((await r.json()).mail).toMatchObject({ state: "assigned", round: "2021-10", files: [{ outcome: "accepted", round: "2021-10" }] });
  });

  it("units never see each other's addresses: GET /api/roster gives them to the coordinator only", async () => {
    const asUnit = await (await h.get("/api/roster", await h.token("旗财政局"))).json();
    expect(JSON.stringify(asUnit)).not.toContain("@county.gov.cn");
    const asCoordinator = await (await h.get("/api/roster", h.coordinator)).json();
    expect(asCoordinator.units.find((u: { name: string }) => u.name === "旗财政局").emails).toEqual([FINANCE]);
  });

  it("a wrong password, a server that is down: the state says which and what to check; nothing is lost", async () => {
    const wrong = new MailIntake(h.services, mailSettingsFrom({ imapUrl: imap.url(OFFICE).replace(/:[^:@]*@/, ":wrong@"), from: OFFICE }));
    await wrong.check();
    expect(wrong.status).toMatchObject({ state: "error" });
    expect(wrong.status.lastError).toContain("登录失败");
    // tried again later and later (a wrong password tried every minute gets the account locked), up to an hour
    expect(wrong.delaySeconds()).toBe(120);
    await wrong.check();
    expect(wrong.delaySeconds()).toBe(240);
    const down = new MailIntake(h.services, mailSettingsFrom({ imapUrl: "imap://a%40b.cn:x@127.0.0.1:1", from: OFFICE }));
    await down.check();
    expect(down.status.lastError).toContain("连接被拒绝");
  }, 60_000);
});

describe.skipIf(!dovecot)("the office mailbox on Azure Storage (Azurite)", () => {
  let h: Harness;
  let imap: ImapServer;
  let smtp: SmtpServer;
  beforeAll(async () => {
    imap = await startImapServer();
    smtp = await startSmtpServer({ imap });
    h = await startHarness({ roster: ROSTER });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await smtp?.stop();
    await imap?.stop();
  });

  it("a unit's table filed and answered, an unknown sender held and assigned; a second intake (a restart) repeats nothing", async () => {
    const settings = mailSettingsFrom({ imapUrl: imap.url(OFFICE), smtpUrl: smtp.url, from: OFFICE });
    h.services.mailbox = new MailIntake(h.services, settings);
    await imap.deliver(OFFICE, await mail(FINANCE, "财政局台账", [{ filename: "财政局.xlsx", content: await clean() }]));
    await imap.deliver(OFFICE, await mail("someone@163.com", "统计局台账", [{ filename: "统计局.xlsx", content: await clean("旗统计局") }]));
    const records = await h.services.mailbox.check();
    expect(records.map((r) => [r.state, r.unit ?? null])).toEqual([["filed", "旗财政局"], ["held", null]]);
    expect(smtp.received.map((m) => m.to[0])).toEqual([FINANCE]);
    const held = records[1]!;
    const r = await fetch(`${h.host.url}/api/mail/${held.key}`, { method: "POST", headers: { authorization: `Bearer ${h.coordinator}`, "content-type": "application/json" }, body: JSON.stringify({ action: "assign", unit: "旗统计局" }) });
    expect((await r.json()).mail).toMatchObject({ state: "assigned", files: [{ outcome: "accepted" }] });

    // a new process: the keywords are set, nothing is taken or answered again
    const again = new MailIntake(h.services, settings);
    expect(await again.check()).toEqual([]);
    expect(smtp.received).toHaveLength(1);
    // keywords lost (a server that keeps none, a client that cleared them): each mail is known by its key
    const client = new ImapFlow({ host: imap.host, port: imap.port, secure: false, auth: { user: OFFICE, pass: imap.password }, logger: false });
    await client.connect();
    await client.mailboxOpen("INBOX");
    await client.messageFlagsRemove("1:*", [TAKEN, HELD]);
    await client.logout();
    const submissions = (await h.services.store.listSubmissions("2022-03")).length;
    expect((await again.check()).map((r) => r.state)).toEqual(["filed", "assigned"]);
    expect(smtp.received).toHaveLength(1);
    expect(await h.services.store.listSubmissions("2022-03")).toHaveLength(submissions);
    const listed = await (await h.get("/api/mail", h.coordinator)).json();
    expect(listed.total).toBe(2);
  }, 120_000);
});
