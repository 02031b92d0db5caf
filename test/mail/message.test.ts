/**
 * readMail (functions/mail/message.ts) on raw mail written by hand the way the clients and servers units use write it
 * (CRLF line ends, folded headers, their boundaries and encodings): Outlook's GB2312 encoded words, Thunderbird's
 * RFC 2231 names, Foxmail and QQ mail, Apple Mail's inline attachments, forwarded mail, Postfix and Exchange bounces,
 * out-of-office answers. Names and addresses are a made-up county's (xx.gov.cn).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { OFFICIAL_ROWS } from "../../core/index.js";
import { readMail } from "../../functions/mail/message.js";
import { buildCopy } from "../fixtures/buildCopy.js";

/** A message as it travels: CRLF line ends. */
const crlf = (lines: readonly string[]): Buffer => Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8");
/** Base64 in 76-character lines, as every client writes an attachment. */
const base64 = (bytes: Buffer): string[] => bytes.toString("base64").match(/.{1,76}/g) ?? [];

/** File names as Outlook and Foxmail encode them in GB2312 (the bytes written out, checked below). */
const GB2312 = {
  "城关镇任务分解表.xlsx": "s8e52NXyyM7O8bfWveKx7S54bHN4",
  "县财政局任务分解表.xlsx": "z9iyxtX+vtbIzs7xt9a94rHtLnhsc3g=",
  // a long name: Outlook splits it into encoded words at a character boundary
  "2024年5月城关镇人民政府政务": "MjAyNMTqNdTCs8e52NXyyMvD8dX+uK7V/s7x",
  "公开工作提升任务分解表（修改后）.xlsx": "uau/qrmk1/fM4cn9yM7O8bfWveKx7aOo0N64xLrzo6kueGxzeA==",
  城关镇人民政府5月任务分解表: "s8e52NXyyMvD8dX+uK411MLIzs7xt9a94rHt",
  城关镇党政办: "s8e52NXytbPV/rDs",
  "您好，附件是我镇5月的任务分解表，请查收。": "xPq6w6OsuL28/srHztLV8jXUwrXEyM7O8bfWveKx7aOsx+uy6crVoaM=",
} as const;

let table: Buffer;
/** The attachment's bytes are the table's, byte for byte. */
const isTable = (bytes: Uint8Array): boolean => Buffer.compare(bytes, table) === 0;
beforeAll(async () => {
  table = (await buildCopy({ unit: "城关镇人民政府", title: "2024年城关镇政务公开工作提升任务分解表", rows: OFFICIAL_ROWS.slice(0, 6) })).bytes;
});

/** An attachment part: its type, its disposition, the lines that name it, its bytes. */
function part(boundary: string, headers: readonly string[], bytes: Buffer): string[] {
  return [`--${boundary}`, ...headers, "Content-Transfer-Encoding: base64", "", ...base64(bytes), ""];
}

/** Outlook 2016 in Chinese: GB2312 everywhere, an HTML alternative, the name as an encoded word in both headers. */
function outlook(attachments: (boundary: string) => string[]): Buffer {
  const b = "----=_NextPart_000_0005_01DA8B2C.3F4A5B60";
  const alt = "----=_NextPart_001_0006_01DA8B2C.3F4A5B60";
  return crlf([
    "Authentication-Results: mail.xx.gov.cn; spf=pass smtp.mailfrom=cgz@xx.gov.cn;",
    "\tdkim=pass header.d=xx.gov.cn; dmarc=pass header.from=xx.gov.cn",
    "ARC-Authentication-Results: i=1; relay.xx.gov.cn; dmarc=fail header.from=xx.gov.cn",
    "X-MS-Exchange-Authentication-Results: spf=fail (sender IP is 198.51.100.7)",
    "Authentication-Results: relay.xx.gov.cn; spf=fail smtp.mailfrom=cgz@xx.gov.cn",
    "Return-Path: <cgz@xx.gov.cn>",
    `From: "=?gb2312?B?${GB2312.城关镇党政办}?=" <CGZ@xx.gov.cn>`,
    "To: <gwgk@xx.gov.cn>",
    `Subject: =?gb2312?B?${GB2312.城关镇人民政府5月任务分解表}?=`,
    "Date: Wed, 15 May 2024 09:32:11 +0800",
    "Message-ID: <000501da8b2c$3f4a5b60$bdde1120$@xx.gov.cn>",
    "References: <a1.answer@xx.gov.cn>",
    " <b2.answer@xx.gov.cn>",
    "MIME-Version: 1.0",
    "Content-Type: multipart/mixed;",
    `\tboundary="${b}"`,
    "X-Mailer: Microsoft Outlook 16.0",
    "Thread-Index: AdqLLDscPSKq0zUTRl+Nw8Q2mXl1Bg==",
    "Content-Language: zh-cn",
    "",
    "This is a multipart message in MIME format.",
    "",
    `--${b}`,
    "Content-Type: multipart/alternative;",
    `\tboundary="${alt}"`,
    "",
    "",
    `--${alt}`,
    'Content-Type: text/plain;\r\n\tcharset="gb2312"',
    "Content-Transfer-Encoding: base64",
    "",
    GB2312["您好，附件是我镇5月的任务分解表，请查收。"],
    "",
    `--${alt}`,
    'Content-Type: text/html;\r\n\tcharset="gb2312"',
    "Content-Transfer-Encoding: quoted-printable",
    "",
    "<html><body><p>=C4=FA=BA=C3</p></body></html>",
    "",
    `--${alt}--`,
    "",
    ...attachments(b),
    `--${b}--`,
  ]);
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe("readMail: who wrote, and what the server said of it", () => {
  it("the GB2312 literals above are what they say", () => {
    for (const [text, b64] of Object.entries(GB2312)) expect(new TextDecoder("gbk").decode(Buffer.from(b64, "base64"))).toBe(text);
  });

  it("Outlook: the sender, the subject, the thread, the server's verdicts from the top", async () => {
    const mail = await readMail(outlook(() => []));
    expect(mail).toMatchObject({
      messageId: "<000501da8b2c$3f4a5b60$bdde1120$@xx.gov.cn>",
      references: ["<a1.answer@xx.gov.cn>", "<b2.answer@xx.gov.cn>"],
      subject: "城关镇人民政府5月任务分解表",
      from: "cgz@xx.gov.cn",
      automatic: undefined,
      failedRecipients: [],
      files: [],
    });
    // Authentication-Results only (not ARC's or Exchange's own), top first, unfolded
    expect(mail.authResults).toEqual([
      "mail.xx.gov.cn; spf=pass smtp.mailfrom=cgz@xx.gov.cn; dkim=pass header.d=xx.gov.cn; dmarc=pass header.from=xx.gov.cn",
      "relay.xx.gov.cn; spf=fail smtp.mailfrom=cgz@xx.gov.cn",
    ]);
  });
});

describe("readMail: attachment names as clients encode them", () => {
  it("Outlook: =?gb2312?B?…?= in name= and filename=", async () => {
    const name = `=?gb2312?B?${GB2312["城关镇任务分解表.xlsx"]}?=`;
    const mail = await readMail(outlook((b) => part(b, [`Content-Type: ${XLSX};`, `\tname="${name}"`, "Content-Disposition: attachment;", `\tfilename="${name}"`], table)));
    expect(mail.files).toHaveLength(1);
    expect(mail.files[0]!.name).toBe("城关镇任务分解表.xlsx");
    expect(mail.files[0]!.kind).toBe("table");
    expect(isTable(mail.files[0]!.bytes)).toBe(true);
  });

  it("Outlook: a long name in two encoded words on folded lines", async () => {
    const words = `"=?gb2312?B?${GB2312["2024年5月城关镇人民政府政务"]}?=\r\n =?gb2312?B?${GB2312["公开工作提升任务分解表（修改后）.xlsx"]}?="`;
    const mail = await readMail(outlook((b) => part(b, [`Content-Type: ${XLSX};`, `\tname=${words}`, "Content-Disposition: attachment;", `\tfilename=${words}`], table)));
    expect(mail.files.map((f) => [f.name, f.kind])).toEqual([["2024年5月城关镇人民政府政务公开工作提升任务分解表（修改后）.xlsx", "table"]]);
  });

  const long = "2024年5月城关镇人民政府政务公开工作提升任务分解表.xlsx";
  const encoded = encodeURIComponent(long);

  it.each([
    ["filename*=utf-8''…", [`Content-Disposition: attachment; filename*=utf-8''${encoded}`]],
    // Thunderbird: a long name continued over numbered parameters, each percent-encoded
    ["filename*0*=…; filename*1*=…", ["Content-Disposition: attachment;", ` filename*0*=UTF-8''${encoded.slice(0, 60)};`, ` filename*1*=${encoded.slice(60, 120)};`, ` filename*2*=${encoded.slice(120)}`]],
    // the type's name in RFC 2231 too, the disposition without a name
    ["name*=utf-8''… in Content-Type", [`Content-Type: ${XLSX}; name*=utf-8''${encoded}`, "Content-Disposition: attachment"]],
  ])("RFC 2231: %s", async (_, headers) => {
    const typed = headers.some((h) => h.startsWith("Content-Type")) ? headers : [`Content-Type: ${XLSX}`, ...headers];
    const mail = await readMail(outlook((b) => part(b, typed, table)));
    expect(mail.files.map((f) => [f.name, f.kind])).toEqual([[long, "table"]]);
    expect(isTable(mail.files[0]!.bytes)).toBe(true);
  });

  it("Foxmail: application/octet-stream, a GB2312 name", async () => {
    const b = "----=_001_NextPart575676200741_=----";
    const name = `=?GB2312?B?${GB2312["县财政局任务分解表.xlsx"]}?=`;
    const raw = crlf([
      "Date: Tue, 14 May 2024 16:00:00 +0800",
      'From: "czj@xx.gov.cn" <czj@xx.gov.cn>',
      "To: gwgk <gwgk@xx.gov.cn>",
      `Subject: =?GB2312?B?${GB2312.城关镇人民政府5月任务分解表}?=`,
      "X-Priority: 3",
      "X-Has-Attach: yes",
      "X-Mailer: Foxmail 7.2.25.254[cn]",
      "Mime-Version: 1.0",
      "Message-ID: <2024051416000012345678@xx.gov.cn>",
      "Content-Type: multipart/mixed;",
      `\tboundary="${b}"`,
      "",
      "This is a multi-part message in MIME format.",
      "",
      `--${b}`,
      "Content-Type: text/plain;",
      '\tcharset="GB2312"',
      "Content-Transfer-Encoding: base64",
      "",
      GB2312["您好，附件是我镇5月的任务分解表，请查收。"],
      "",
      ...part(b, ["Content-Type: application/octet-stream;", `\tname="${name}"`, "Content-Disposition: attachment;", `\tfilename="${name}"`], table),
      `--${b}--`,
      "",
      ".",
    ]);
    const mail = await readMail(raw);
    expect(mail.from).toBe("czj@xx.gov.cn");
    expect(mail.files.map((f) => [f.name, f.kind, isTable(f.bytes)])).toEqual([["县财政局任务分解表.xlsx", "table", true]]);
  });

  it("QQ mail: UTF-8 encoded words, a tencent_ Message-ID", async () => {
    const b = "----=_NextPart_6643A1B2_0A1C3B40_2F5E6D71";
    const name = `=?utf-8?B?${Buffer.from("县教育局任务分解表.xlsx").toString("base64")}?=`;
    const raw = crlf([
      "X-QQ-mid: xmsza12-0t1715740000tabcdef12",
      `From: "=?utf-8?B?${Buffer.from("县教育局办公室").toString("base64")}?=" <1234567890@qq.com>`,
      'To: "=?utf-8?B?Z3dnaw==?=" <gwgk@xx.gov.cn>',
      `Subject: =?utf-8?B?${Buffer.from("县教育局5月任务分解表").toString("base64")}?=`,
      "Mime-Version: 1.0",
      'Content-Type: multipart/mixed;\r\n\tboundary="' + b + '"',
      "Content-Transfer-Encoding: 8Bit",
      "Date: Wed, 15 May 2024 10:26:40 +0800",
      "X-Priority: 3",
      "Message-ID: <tencent_6A1B2C3D4E5F60718293A4B5C6D7E8F90A05@qq.com>",
      "X-QQ-MIME: TCMime 1.0 by Tencent",
      "X-Mailer: QQMail 2.x",
      "X-QQ-Mailer: QQMail 2.x",
      "",
      "This is a multi-part message in MIME format.",
      "",
      `--${b}`,
      'Content-Type: text/plain;\r\n\tcharset="utf-8"',
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from("附件为5月任务分解表。").toString("base64"),
      "",
      ...part(b, ['Content-Type: application/octet-stream;\r\n\tcharset="utf-8";', `\tname="${name}"`, `Content-Disposition: attachment; filename="${name}"`], table),
      `--${b}--`,
    ]);
    const mail = await readMail(raw);
    expect(mail).toMatchObject({ from: "1234567890@qq.com", subject: "县教育局5月任务分解表", messageId: "<tencent_6A1B2C3D4E5F60718293A4B5C6D7E8F90A05@qq.com>", authResults: [], automatic: undefined });
    expect(mail.files.map((f) => [f.name, f.kind, isTable(f.bytes)])).toEqual([["县教育局任务分解表.xlsx", "table", true]]);
  });

  it("Apple Mail: the table attached inline", async () => {
    const mail = await readMail(outlook((b) => part(b, [`Content-Type: ${XLSX};`, '\tx-unix-mode=0644;', '\tname="城关镇.xlsx"', "Content-Disposition: inline;", '\tfilename="城关镇.xlsx"'], table)));
    expect(mail.files.map((f) => [f.name, f.kind])).toEqual([["城关镇.xlsx", "table"]]);
  });
});

describe("readMail: what is not a table", () => {
  it("a mail with no attachment", async () => {
    const raw = crlf(["From: czj@xx.gov.cn", "To: gwgk@xx.gov.cn", "Subject: =?utf-8?B?5Lu75Yqh5YiG6Kej6KGo?=", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", "表格见网盘链接：https://pan.example.cn/s/1aBcD"]);
    const mail = await readMail(raw);
    expect(mail).toMatchObject({ subject: "任务分解表", from: "czj@xx.gov.cn", files: [], automatic: undefined });
  });

  it("an inline image (a signature's logo, a screenshot in the text): other, not a table", async () => {
    const rel = "----=_NextPart_002_0007_01DA8B2C.3F4A5B60";
    const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
    const mail = await readMail(
      outlook((b) => [
        `--${b}`,
        `Content-Type: multipart/related; boundary="${rel}"`,
        "",
        `--${rel}`,
        "Content-Type: text/html; charset=gb2312",
        "",
        '<html><body><img src="cid:image001.png@01DA8B2C.3F4A5B60"></body></html>',
        ...part(rel, ['Content-Type: image/png; name="image001.png"', 'Content-Description: image001.png', 'Content-Disposition: inline; filename="image001.png"; size=29', "Content-ID: <image001.png@01DA8B2C.3F4A5B60>"], png),
        `--${rel}--`,
        "",
      ]),
    );
    expect(mail.files.map((f) => [f.name, f.kind])).toEqual([["image001.png", "other"]]);
  });

  it("a .zip and a .xls beside the table, each with its kind", async () => {
    const mail = await readMail(
      outlook((b) => [
        ...part(b, ['Content-Type: application/x-zip-compressed; name="各村报表.zip"', 'Content-Disposition: attachment; filename="各村报表.zip"'], Buffer.from("504b0304", "hex")),
        ...part(b, ['Content-Type: application/vnd.ms-excel; name="旧表.xls"', 'Content-Disposition: attachment; filename="旧表.xls"'], Buffer.from("d0cf11e0a1b11ae1", "hex")),
        ...part(b, [`Content-Type: ${XLSX}; name="城关镇.xlsx"`, 'Content-Disposition: attachment; filename="城关镇.xlsx"'], table),
      ]),
    );
    expect(mail.files.map((f) => [f.name, f.kind])).toEqual([
      ["各村报表.zip", "archive"],
      ["旧表.xls", "other-sheet"],
      ["城关镇.xlsx", "table"],
    ]);
  });
});

/** A unit's mail with the table, as the inner part of a forward. */
function innerMail(subject: string): string[] {
  const b = "inner_b1";
  return [
    "From: =?utf-8?B?5Z+O5YWz6ZWH?= <cgz@xx.gov.cn>",
    "To: zhangsan@xx.gov.cn",
    `Subject: ${subject}`,
    "Date: Tue, 14 May 2024 17:02:00 +0800",
    "Message-ID: <inner-1@xx.gov.cn>",
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${b}"`,
    "",
    `--${b}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    "请转报。",
    ...part(b, [`Content-Type: ${XLSX}; name="城关镇任务分解表.xlsx"`, 'Content-Disposition: attachment; filename="城关镇任务分解表.xlsx"'], table),
    `--${b}--`,
  ];
}

/** A forward as an attachment (Outlook's and Thunderbird's "forward as attachment"): the forwarded mail as message/rfc822. */
function forward(inner: string[], level: number, type = "message/rfc822"): string[] {
  const b = `fwd_b${level}`;
  return [
    `From: =?utf-8?B?${Buffer.from(`第${level}次转发人`).toString("base64")}?= <fw${level}@xx.gov.cn>`,
    "To: gwgk@xx.gov.cn",
    `Subject: =?utf-8?B?${Buffer.from("转发：城关镇任务分解表").toString("base64")}?=`,
    `Message-ID: <fwd-${level}@xx.gov.cn>`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${b}"`,
    "",
    `--${b}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    "见附件中的邮件。",
    `--${b}`,
    `Content-Type: ${type}; name="=?utf-8?B?${Buffer.from("城关镇任务分解表.eml").toString("base64")}?="`,
    `Content-Disposition: attachment; filename="=?utf-8?B?${Buffer.from("城关镇任务分解表.eml").toString("base64")}?="`,
    "",
    ...inner,
    `--${b}--`,
  ];
}

describe("readMail: a forwarded mail holding the table", () => {
  it("at depth 1: the table inside the attached .eml, not the .eml itself", async () => {
    const mail = await readMail(crlf(forward(innerMail("城关镇5月"), 1)));
    expect(mail.from).toBe("fw1@xx.gov.cn");
    expect(mail.files.map((f) => [f.name, f.kind, isTable(f.bytes)])).toEqual([["城关镇任务分解表.xlsx", "table", true]]);
  });

  it("at depth 2: a forward of a forward", async () => {
    const mail = await readMail(crlf(forward(forward(innerMail("城关镇5月"), 2), 1)));
    expect(mail.files.map((f) => [f.name, f.kind, isTable(f.bytes)])).toEqual([["城关镇任务分解表.xlsx", "table", true]]);
  });

  it("an .eml attached as application/octet-stream (webmail downloads saved and attached again)", async () => {
    const b = "web_b";
    const inner = Buffer.from(`${innerMail("城关镇5月").join("\r\n")}\r\n`);
    const raw = crlf([
      "From: fw@xx.gov.cn",
      "Subject: fw",
      "MIME-Version: 1.0",
      `Content-Type: multipart/mixed; boundary="${b}"`,
      "",
      ...part(b, ['Content-Type: application/octet-stream; name="城关镇任务分解表.eml"', 'Content-Disposition: attachment; filename="城关镇任务分解表.eml"'], inner),
      `--${b}--`,
    ]);
    expect((await readMail(raw)).files.map((f) => [f.name, f.kind])).toEqual([["城关镇任务分解表.xlsx", "table"]]);
  });

  it("nested past any reason: read no deeper than three forwards, and no crash", async () => {
    let nested = innerMail("深");
    for (let level = 6; level >= 1; level--) nested = forward(nested, level);
    const mail = await readMail(crlf(nested));
    expect(mail.files).toEqual([]);
    let three = innerMail("三层");
    for (let level = 3; level >= 1; level--) three = forward(three, level);
    expect((await readMail(crlf(three))).files.map((f) => f.name)).toEqual(["城关镇任务分解表.xlsx"]);
  });
});

describe("readMail: bounces and automatic answers", () => {
  /** Our answer, returned: the coloured copy attached, as a bounce quotes it. */
  const answer = (b: string): string[] => [
    "From: gwgk@xx.gov.cn",
    "To: cgz@xx.gov.cn",
    `Subject: =?utf-8?B?${Buffer.from("【未接收】回复：城关镇5月").toString("base64")}?=`,
    "Message-ID: <k1.answer@xx.gov.cn>",
    "Auto-Submitted: auto-replied",
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${b}"`,
    "",
    `--${b}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    "城关镇人民政府：",
    ...part(b, [`Content-Type: ${XLSX}; name="=?utf-8?B?${Buffer.from("标注-城关镇.xlsx").toString("base64")}?="`, "Content-Disposition: attachment"], table),
    `--${b}--`,
  ];

  it("Postfix: a DSN, the unreachable addresses read from Final-Recipient", async () => {
    const b = "2762F139CC7.1715740000/mail.xx.gov.cn";
    const raw = crlf([
      "Return-Path: <>",
      "Delivered-To: gwgk@xx.gov.cn",
      "Received: by mail.xx.gov.cn (Postfix)",
      "\tid 2762F139CC7; Wed, 15 May 2024 10:26:40 +0800 (CST)",
      "Date: Wed, 15 May 2024 10:26:40 +0800 (CST)",
      "From: MAILER-DAEMON@mail.xx.gov.cn (Mail Delivery System)",
      "Subject: Undelivered Mail Returned to Sender",
      "To: gwgk@xx.gov.cn",
      "Auto-Submitted: auto-replied",
      "MIME-Version: 1.0",
      "Content-Type: multipart/report; report-type=delivery-status;",
      `\tboundary="${b}"`,
      "Content-Transfer-Encoding: 8bit",
      "Message-Id: <20240515022640.2762F139CC7@mail.xx.gov.cn>",
      "",
      "This is a MIME-encapsulated message.",
      "",
      `--${b}`,
      "Content-Description: Notification",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
      "",
      "This is the mail system at host mail.xx.gov.cn.",
      "",
      "I'm sorry to have to inform you that your message could not",
      "be delivered to one or more recipients. It's attached below.",
      "",
      "<cgz@xx.gov.cn>: host mx.xx.gov.cn[10.1.2.3] said: 550 5.1.1 <cgz@xx.gov.cn>:",
      "    Recipient address rejected: User unknown in virtual mailbox table (in reply",
      "    to RCPT TO command)",
      "",
      `--${b}`,
      "Content-Description: Delivery report",
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mail.xx.gov.cn",
      "X-Postfix-Queue-ID: 2762F139CC7",
      "X-Postfix-Sender: rfc822; gwgk@xx.gov.cn",
      "Arrival-Date: Wed, 15 May 2024 10:26:39 +0800 (CST)",
      "",
      "Final-Recipient: rfc822; cgz@xx.gov.cn",
      "Original-Recipient: rfc822;cgz@xx.gov.cn",
      "Action: failed",
      "Status: 5.1.1",
      "Remote-MTA: dns; mx.xx.gov.cn",
      "Diagnostic-Code: smtp; 550 5.1.1 <cgz@xx.gov.cn>: Recipient address rejected:",
      "    User unknown in virtual mailbox table",
      "",
      "Final-Recipient: rfc822; CZJ@xx.gov.cn",
      "Original-Recipient: rfc822;czj@xx.gov.cn",
      "Action: failed",
      "Status: 5.2.2",
      "",
      `--${b}`,
      "Content-Description: Undelivered Message",
      "Content-Type: message/rfc822",
      "Content-Transfer-Encoding: 8bit",
      "",
      ...answer("ans_b1"),
      "",
      `--${b}--`,
    ]);
    const mail = await readMail(raw);
    expect(mail.automatic).toBe("bounce");
    expect(mail.from).toBe("mailer-daemon@mail.xx.gov.cn");
    expect([...mail.failedRecipients].sort()).toEqual(["cgz@xx.gov.cn", "czj@xx.gov.cn"]);
  });

  it("Exchange: an NDR, the report between the text and the returned mail", async () => {
    const b = "_a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d_";
    const alt = "_000_a1b2c3d4_";
    const raw = crlf([
      "From: Microsoft Outlook",
      "\t<MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@xx.gov.cn>",
      "To: <gwgk@xx.gov.cn>",
      "Date: Wed, 15 May 2024 02:26:41 +0000",
      "Content-Type: multipart/report; report-type=delivery-status;",
      `\tboundary="${b}"`,
      "X-MS-Exchange-Message-Is-Ndr:",
      "Content-Language: zh-CN",
      "Message-ID: <8d1f2a3b-4c5d-4e6f-a7b8-c9d0e1f2a3b4@EXCH01.xx.gov.cn>",
      "In-Reply-To: <k1.answer@xx.gov.cn>",
      "References: <k1.answer@xx.gov.cn>",
      `Subject: =?utf-8?B?${Buffer.from("无法送达: 【未接收】回复：城关镇5月").toString("base64")}?=`,
      "Auto-Submitted: auto-replied",
      "MIME-Version: 1.0",
      "",
      `--${b}`,
      `Content-Type: multipart/alternative; differences=Content-Type;\r\n\tboundary="${alt}"`,
      "",
      `--${alt}`,
      'Content-Type: text/plain; charset="utf-8"',
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from("无法将邮件传递到以下收件人或组：\r\n\r\ncgz@xx.gov.cn\r\n").toString("base64"),
      "",
      `--${alt}`,
      'Content-Type: text/html; charset="utf-8"',
      "Content-Transfer-Encoding: quoted-printable",
      "",
      "<html><body><p>cgz@xx.gov.cn</p></body></html>",
      "",
      `--${alt}--`,
      "",
      `--${b}`,
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns;EXCH01.xx.gov.cn",
      "Received-From-MTA: dns;EXCH01.xx.gov.cn",
      "Arrival-Date: Wed, 15 May 2024 02:26:40 +0000",
      "",
      "Final-recipient: RFC822;cgz@xx.gov.cn",
      "Action: failed",
      "Status: 5.1.10",
      "Diagnostic-code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
      "",
      `--${b}`,
      "Content-Type: message/rfc822",
      "",
      ...answer("ans_b2"),
      "",
      `--${b}--`,
    ]);
    const mail = await readMail(raw);
    expect(mail.automatic).toBe("bounce");
    expect(mail.from).toBe("microsoftexchange329e71ec88ae4615bbc36ab6ce41109e@xx.gov.cn");
    expect(mail.failedRecipients).toEqual(["cgz@xx.gov.cn"]);
    expect(mail.references).toEqual(["<k1.answer@xx.gov.cn>"]);
  });

  it("the null sender alone, read from Return-Path: a bounce", async () => {
    // a mail system's notice with no report part and no daemon's name, only the null envelope sender
    const raw = crlf(["Return-Path: <>", "From: =?utf-8?B?57O757uf6YCA5L+h?= <notify@mail.xx.gov.cn>", "To: gwgk@xx.gov.cn", "Subject: =?utf-8?B?57O757uf6YCA5L+h?=", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", "您发送的邮件未能送达 cgz@xx.gov.cn。"]);
    expect((await readMail(raw)).automatic).toBe("bounce");
  });

  it("an ordinary Return-Path is no sign of anything", async () => {
    const raw = crlf(["Return-Path: <cgz@xx.gov.cn>", "From: cgz@xx.gov.cn", "To: gwgk@xx.gov.cn", "Subject: x", "Content-Type: text/plain; charset=utf-8", "", "x"]);
    expect((await readMail(raw)).automatic).toBeUndefined();
  });

  it("Exchange: an out-of-office answer", async () => {
    const raw = crlf([
      "Return-Path: <cgz@xx.gov.cn>",
      `From: =?gb2312?B?${GB2312.城关镇党政办}?= <cgz@xx.gov.cn>`,
      "To: <gwgk@xx.gov.cn>",
      `Subject: =?utf-8?B?${Buffer.from("自动答复: 【已接收】回复：城关镇5月").toString("base64")}?=`,
      "Thread-Topic: =?utf-8?B?44CQ5bey5o6l5pS244CR?=",
      "Date: Wed, 15 May 2024 02:30:00 +0000",
      "Message-ID: <b5d66930e76243eb8bddd885ad3fafdd@EXCH01.xx.gov.cn>",
      "X-MS-Has-Attach:",
      "x-autoreply: yes",
      "X-MS-Exchange-Inbox-Rules-Loop: cgz@xx.gov.cn",
      "X-MS-TNEF-Correlator:",
      "x-ms-exchange-parent-message-id: <k2.answer@xx.gov.cn>",
      "auto-submitted: auto-generated",
      "x-ms-exchange-generated-message-source: Mailbox Rules Agent",
      'Content-Type: text/plain; charset="utf-8"',
      "Content-Transfer-Encoding: base64",
      "MIME-Version: 1.0",
      "",
      Buffer.from("我5月16日至20日外出培训，急事请联系党政办。").toString("base64"),
    ]);
    const mail = await readMail(raw);
    expect(mail.automatic).toBe("auto-reply");
    expect(mail.failedRecipients).toEqual([]);
  });

  it.each([
    ["Auto-Submitted: auto-replied", ["Auto-Submitted: auto-replied"]],
    ["X-Autoreply: yes", ["X-Autoreply: yes"]],
    ["X-Autorespond", ["X-Autorespond: vacation"]],
    ["Precedence: auto_reply", ["Precedence: auto_reply"]],
    // Sieve's vacation: the null sender and Auto-Submitted — an answer, not a bounce
    ["Sieve vacation", ["Return-Path: <>", "Auto-Submitted: auto-replied (vacation)", "Precedence: bulk"]],
  ])("an automatic answer: %s", async (_, headers) => {
    const raw = crlf([...headers, "From: cgz@xx.gov.cn", "To: gwgk@xx.gov.cn", "Subject: =?utf-8?B?5LiN5Zyo5Yqe5YWs5a6k?=", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", "本人休假中。"]);
    expect((await readMail(raw)).automatic).toBe("auto-reply");
  });
});
