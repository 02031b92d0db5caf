/**
 * The mail servers the mail tests run against (test/fixtures/mailServers.ts): a real Dovecot and a real SMTP server
 * on 127.0.0.1. Dovecot comes from test/globalSetup.ts; where it cannot be had, the IMAP tests say so and do not run
 * (the SMTP server alone still does).
 */
import { simpleParser } from "mailparser";
import { createTransport } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startImapServer, startSmtpServer, type ImapServer, type SmtpServer } from "../fixtures/mailServers.js";

const dovecot = process.env.DOVECOT_PATH;
const UNIT = "office@county.gov.cn";

/** A unit's reply as a mail client writes it: Chinese subject, an .xlsx attached. */
async function reply(to: string): Promise<Buffer> {
  const composer = createTransport({ streamTransport: true, buffer: true });
  const info = await composer.sendMail({
    from: "县政务公开办 <office@county.gov.cn>",
    to,
    subject: "关于报送政务公开台账的回复",
    text: "附件是本单位的台账，请查收。",
    attachments: [{ filename: "某县政务公开台账.xlsx", content: Buffer.from("PK\u0003\u0004 not really a workbook") }],
  });
  return info.message as Buffer;
}

describe(dovecot ? "Dovecot on 127.0.0.1" : "Dovecot on 127.0.0.1 (not installed here: see test/globalSetup.ts)", () => {
  let imap: ImapServer;
  beforeAll(async () => {
    if (dovecot) imap = await startImapServer();
  });
  afterAll(() => imap?.stop());

  it.skipIf(!dovecot)("keeps a delivered message with its attachment, and reads it back", async () => {
    await imap.deliver(UNIT, await reply("ledger@city.gov.cn"));
    const [message, ...rest] = await imap.list(UNIT);
    expect(rest).toEqual([]);
    const parsed = await simpleParser(message!.raw);
    expect(parsed.subject).toBe("关于报送政务公开台账的回复");
    expect(parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([["某县政务公开台账.xlsx", "PK\u0003\u0004 not really a workbook"]]);
    expect(imap.url("a b@x.cn")).toBe(`imap://a%20b%40x.cn:${imap.password}@127.0.0.1:${imap.port}`);
  });

  it.skipIf(!dovecot)("stores custom keywords on a message (PERMANENTFLAGS \\*)", async () => {
    await imap.deliver("keywords@county.gov.cn", "Subject: one\r\n\r\nbody\r\n", "Processed", ["$GongkaiHandled", "\\Seen"]);
    const [message] = await imap.list("keywords@county.gov.cn", "Processed");
    expect(message?.flags.sort()).toEqual(["$GongkaiHandled", "\\Seen"]);
    expect(await imap.list("keywords@county.gov.cn")).toEqual([]); // other users' and folders' mail stays apart
  });

  it.skipIf(!dovecot)("keeps the mail over a restart, on the same port", async () => {
    await imap.deliver("restart@county.gov.cn", "Subject: before\r\n\r\nkept\r\n", "INBOX", ["$GongkaiHandled"]);
    const before = await imap.list("restart@county.gov.cn");
    const port = imap.port;
    await imap.restart();
    expect(imap.port).toBe(port);
    expect(await imap.list("restart@county.gov.cn")).toEqual(before);
  });

  describe("with the SMTP server delivering into it", () => {
    let smtp: SmtpServer;
    beforeAll(async () => {
      if (dovecot) smtp = await startSmtpServer({ imap });
    });
    afterAll(() => smtp?.stop());

    it.skipIf(!dovecot)("puts a mail sent with nodemailer into the recipient's mailbox", async () => {
      const sender = createTransport(smtp.url);
      await sender.sendMail({ from: "ledger@city.gov.cn", to: "reply@county.gov.cn", subject: "请报送台账", text: "请于本周五前报送。" });
      expect(smtp.received.map((m) => [m.from, m.to])).toEqual([["ledger@city.gov.cn", ["reply@county.gov.cn"]]]);
      const [message] = await imap.list("reply@county.gov.cn");
      expect((await simpleParser(message!.raw)).subject).toBe("请报送台账");
    });
  });
});

describe("the SMTP server alone", () => {
  let smtp: SmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer({ failRecipients: ["gone@county.gov.cn"] });
  });
  afterAll(() => smtp.stop());

  it("keeps what it receives", async () => {
    await createTransport(smtp.url).sendMail({ from: "a@city.gov.cn", to: ["b@county.gov.cn", "c@county.gov.cn"], subject: "s", text: "t" });
    expect(smtp.received.map((m) => [m.from, m.to])).toEqual([["a@city.gov.cn", ["b@county.gov.cn", "c@county.gov.cn"]]]);
  });

  it("refuses a recipient in failRecipients with 550, which the sender gets as an error", async () => {
    const sender = createTransport({ host: smtp.host, port: smtp.port, secure: false, auth: { user: "ledger", pass: "any" } });
    await expect(sender.sendMail({ from: "ledger@city.gov.cn", to: "gone@county.gov.cn", subject: "x", text: "x" })).rejects.toMatchObject({
      code: "EENVELOPE",
      responseCode: 550,
    });
    expect(smtp.received.flatMap((m) => m.to)).not.toContain("gone@county.gov.cn");
  });
});
