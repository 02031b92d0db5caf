/**
 * The office mailbox's decisions (core/mail.ts, issue 27) over headers as real servers and clients write them: the
 * shapes below follow Gmail, Exchange Online, Coremail (163), Postfix and Exchange on-premises; addresses and ids are
 * made up (a county's 县政务服务局 at xx.gov.cn), the layout, the comments and the folding are theirs.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_ROSTER } from "../../core/index.js";
import type { Finding } from "../../core/findings.js";
import {
  ANSWER_FINDINGS,
  NOT_TAKEN,
  answerFor,
  heldAnswer,
  attachmentKind,
  authVerdict,
  automaticMail,
  replySubject,
  senderOf,
  type AuthVerdict,
  type FileOutcome,
  type MailHeaders,
} from "../../core/mail.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const OCTET = "application/octet-stream";

describe("attachmentKind: which attachments are tables", () => {
  it.each([
    // Outlook and QQ mail label a workbook with its own type; Foxmail sends everything as octet-stream
    ["城关镇任务分解表.xlsx", XLSX, "table"],
    ["城关镇任务分解表.XLSX", OCTET, "table"],
    ["县财政局（5月）.xlsm", "application/vnd.ms-excel.sheet.macroEnabled.12", "table"],
    ["任务分解表", XLSX, "table"], // a name the client lost, the type kept
    ["任务分解表.xls", "application/vnd.ms-excel", "other-sheet"],
    ["任务分解表.XLS", OCTET, "other-sheet"],
    ["任务分解表.et", OCTET, "other-sheet"], // WPS 表格's own format
    ["任务分解表", "application/vnd.ms-excel", "other-sheet"],
    ["任务分解表.xlsb", OCTET, "other-sheet"], // Excel's binary workbook
    ["任务分解表.ods", "application/vnd.oasis.opendocument.spreadsheet", "other-sheet"], // LibreOffice's own format
    ["任务分解表.csv", "text/csv", "other-sheet"],
    ["各股室报表.zip", "application/zip", "archive"],
    ["各股室报表.zip", "application/x-zip-compressed", "archive"], // Outlook on Windows
    ["各股室报表.rar", OCTET, "archive"],
    ["各股室报表.7z", "application/x-7z-compressed", "archive"],
    ["转发：任务分解表.eml", OCTET, "message"],
    ["转发的邮件.eml", "message/rfc822", "message"],
    ["", "MESSAGE/RFC822", "message"],
    ["image001.png", "image/png", "other"],
    ["说明.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "other"],
    ["未命名附件", OCTET, "other"],
    ["任务分解表.xlsx.pdf", "application/pdf", "other"],
  ])("%s (%s) → %s", (name, type, kind) => {
    expect(attachmentKind(name, type)).toBe(kind);
  });
});

/** Gmail's verdict on mail from a unit that signs its mail (one header, three methods, Google's comments). */
const GMAIL_PASS = [
  "mx.google.com;",
  "       dkim=pass header.i=@xx.gov.cn header.s=s2048 header.b=Qw3rTy12;",
  "       spf=pass (google.com: domain of czj@xx.gov.cn designates 203.0.113.25 as permitted sender) smtp.mailfrom=czj@xx.gov.cn;",
  "       dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=xx.gov.cn",
].join(" ");

/** Gmail on mail sent through a bulk sender in a gmail.com address's name: SPF and DKIM pass for the sender's domain, DMARC fails for the From. */
const GMAIL_DMARC_FAIL = [
  "mx.google.com;",
  "       dkim=pass header.i=@amazonses.com header.s=gdwg2y3k header.b=FxxfSHRK;",
  "       spf=pass (google.com: domain of 0101016f-000000@us-west-2.amazonses.com designates 54.240.27.116 as permitted sender) smtp.mailfrom=0101016f-000000@us-west-2.amazonses.com;",
  "       dmarc=fail (p=NONE sp=QUARANTINE dis=NONE) header.from=gmail.com",
].join(" ");

/** Gmail on mail that came through a forwarder: the ARC comment repeats what the forwarder saw, Gmail's own DMARC fails. */
const GMAIL_ARC_COMMENT = [
  "mx.google.com;",
  "       dkim=fail header.i=@xx.gov.cn header.s=s2048 header.b=Qw3rTy12;",
  "       arc=pass (i=1 spf=pass spfdomain=xx.gov.cn dkim=pass dkdomain=xx.gov.cn dmarc=pass fromdomain=xx.gov.cn);",
  "       spf=fail (google.com: domain of czj@xx.gov.cn does not designate 198.51.100.7 as permitted sender) smtp.mailfrom=czj@xx.gov.cn;",
  "       dmarc=fail (p=QUARANTINE sp=QUARANTINE dis=QUARANTINE) header.from=xx.gov.cn",
].join(" ");

/** Exchange Online: no authserv-id first, the tenant's name after the method, `;` without a space, compauth last. */
const EXO_PASS =
  "spf=pass (sender IP is 123.126.97.3) smtp.mailfrom=163.com; xxgov.onmicrosoft.com; dkim=pass (signature was verified) header.d=163.com;xxgov.onmicrosoft.com; dmarc=pass action=none header.from=163.com;compauth=pass reason=100";
const EXO_DMARC_FAIL =
  "spf=fail (sender IP is 198.51.100.7) smtp.mailfrom=xx.gov.cn; dkim=none (message not signed) header.d=none;dmarc=fail action=oreject header.from=xx.gov.cn;compauth=fail reason=000";
const EXO_DKIM_PASS_DMARC_FAIL =
  "spf=fail (sender IP is 52.17.62.50) smtp.mailfrom=xx.gov.cn; dkim=pass (signature was verified) header.d=xxgov.onmicrosoft.com;dmarc=fail action=none header.from=xx.gov.cn;";
const EXO_TWO_DKIM =
  "spf=none (sender IP is 52.128.44.60) smtp.mailfrom=em-41.relay.example; dkim=fail (body hash did not verify) header.d=xx.gov.cn;dkim=pass (signature was verified) header.d=relay.example;compauth=pass reason=109";
const EXO_BESTGUESS =
  "spf=pass (sender IP is 203.0.113.25) smtp.mailfrom=xx.gov.cn; dkim=none (message not signed) header.d=none;dmarc=bestguesspass action=none header.from=xx.gov.cn;compauth=pass reason=109";

/** Coremail at 163.com (authserv-id `mx19`), as mailparser gives it: unfolded, the fold after `dkim=` left as a space. */
const COREMAIL_PASS = "mx19; spf=pass smtp.mail=czj_bgs@163.com; dkim= pass header.i=@163.com";

const verdict = (result: AuthVerdict["result"], detail: string): AuthVerdict => ({ result, detail });

describe("authVerdict: what the office's mail server said of the sender (RFC 8601)", () => {
  it.each([
    ["Gmail, everything passes", [GMAIL_PASS], verdict("pass", "dkim=pass spf=pass dmarc=pass")],
    ["Gmail, SPF and DKIM pass for another domain, DMARC fails", [GMAIL_DMARC_FAIL], verdict("fail", "dkim=pass spf=pass dmarc=fail")],
    ["Gmail, a comment quoting a forwarder's results is not the verdict", [GMAIL_ARC_COMMENT], verdict("fail", "dkim=fail spf=fail dmarc=fail")],
    ["Exchange Online, compauth=pass", [EXO_PASS], verdict("pass", "spf=pass dkim=pass dmarc=pass")],
    ["Exchange Online, dmarc=fail action=oreject", [EXO_DMARC_FAIL], verdict("fail", "spf=fail dkim=none dmarc=fail")],
    ["Exchange Online, dkim=pass for the tenant but dmarc=fail for the From", [EXO_DKIM_PASS_DMARC_FAIL], verdict("fail", "spf=fail dkim=pass dmarc=fail")],
    ["Exchange Online, two DKIM signatures, one passing", [EXO_TWO_DKIM], verdict("pass", "spf=none dkim=pass")],
    ["Exchange Online, dmarc=bestguesspass (no DMARC record), SPF passes", [EXO_BESTGUESS], verdict("pass", "spf=pass dkim=none dmarc=bestguesspass")],
    ["Coremail (163), folded after dkim=", [COREMAIL_PASS], verdict("pass", "spf=pass dkim=pass")],
    ["several DKIM results, the passing one first", ["mail.xx.gov.cn; dkim=pass header.d=xx.gov.cn; dkim=fail header.d=old.xx.gov.cn"], verdict("pass", "dkim=pass")],
    ["a comment inside a comment", ["mail.xx.gov.cn; spf=fail (no (spf=pass) here) smtp.mailfrom=czj@xx.gov.cn"], verdict("fail", "spf=fail")],
    ["SPF softfail alone", ["mail.xx.gov.cn; spf=softfail smtp.mailfrom=czj@xx.gov.cn"], verdict("fail", "spf=softfail")],
    ["SPF permerror alone", ["mail.xx.gov.cn; spf=permerror smtp.mailfrom=czj@xx.gov.cn"], verdict("fail", "spf=permerror")],
    ["SPF neutral, DKIM none: nothing either way", ["mail.xx.gov.cn; spf=neutral smtp.mailfrom=czj@xx.gov.cn; dkim=none"], verdict("none", "spf=neutral dkim=none")],
    ["a server that checked nothing (RFC 8601's `none`)", ["mail.xx.gov.cn; none"], verdict("none", "")],
    ["no header at all (QQ mail adds none)", [], verdict("none", "")],
  ])("%s", (_, headers, expected) => {
    expect(authVerdict(headers)).toEqual(expected);
  });

  // the office's server adds its header on top; one lower down came with the mail and says what its sender wants
  const OURS_FAIL = "mail.xx.gov.cn; spf=fail smtp.mailfrom=czj@xx.gov.cn; dkim=none; dmarc=fail header.from=xx.gov.cn";
  const FORGED_PASS = "mail.xx.gov.cn; spf=pass smtp.mailfrom=czj@xx.gov.cn; dkim=pass header.d=xx.gov.cn; dmarc=pass header.from=xx.gov.cn";
  const FILTER_ON_TOP = "filter.xx.gov.cn; spf=pass smtp.mailfrom=relay.xx.gov.cn";

  it.each([
    ["without an authserv-id, the top header", [OURS_FAIL, FORGED_PASS], undefined, "fail"],
    ["with it, the first of that server, a lower forged one ignored", [OURS_FAIL, FORGED_PASS], "mail.xx.gov.cn", "fail"],
    ["with it, the server's header below an internal filter's", [FILTER_ON_TOP, OURS_FAIL], "mail.xx.gov.cn", "fail"],
    ["the id compared without case, a version after it", ["MAIL.XX.GOV.CN 1; dkim=pass header.d=xx.gov.cn", FORGED_PASS], "mail.xx.gov.cn", "pass"],
    ["no header from that server: nothing is believed", [FORGED_PASS.replace("mail.xx.gov.cn", "mx.evil.example")], "mail.xx.gov.cn", "none"],
  ])("%s", (_, headers, id, result) => {
    expect(authVerdict(headers, id).result).toBe(result);
  });
});

describe("automaticMail: bounces and automatic answers are never answered (RFC 3464, RFC 3834)", () => {
  const base = { contentType: "multipart/mixed; boundary=b1" };
  it.each<[string, MailHeaders, ReturnType<typeof automaticMail>]>([
    // Postfix: a DSN from MAILER-DAEMON with the null sender
    ["Postfix DSN", { from: "mailer-daemon@mail.xx.gov.cn", contentType: 'multipart/report; report-type=delivery-status; boundary="2762F139CC7.1589354389/mail.xx.gov.cn"', returnPath: "<>" }, "bounce"],
    // Exchange on-premises NDR: from the organisation's MicrosoftExchange… system mailbox
    ["Exchange NDR", { from: "microsoftexchange329e71ec88ae4615bbc36ab6ce41109e@xx.gov.cn", contentType: "multipart/report; report-type=delivery-status; boundary=ndr_boundary", autoSubmitted: "auto-replied" }, "bounce"],
    ["Exchange Online NDR", { from: "postmaster@xxgov.onmicrosoft.com", contentType: "multipart/report; report-type=delivery-status; boundary=ndr" }, "bounce"],
    ["a report with its type quoted", { from: "postmaster@163.com", contentType: 'multipart/report; report-type="delivery-status"; boundary=x' }, "bounce"],
    ["a bare status report", { from: "mta@xx.gov.cn", contentType: "message/delivery-status" }, "bounce"],
    // qmail-style plain-text bounces (Winmail Server and others): no report part, only the sender says it
    ["plain-text bounce from MAILER-DAEMON", { ...base, from: "mailer-daemon@mail.xx.gov.cn", contentType: "text/plain; charset=gb2312" }, "bounce"],
    ["a 系统退信 from postmaster", { ...base, from: "postmaster@mail.xx.gov.cn" }, "bounce"],
    ["the null sender and nothing else", { ...base, from: "notify@xx.gov.cn", returnPath: "<>" }, "bounce"],
    // Exchange's out-of-office answer: auto-generated, with its own marks
    ["Exchange OOF", { ...base, from: "czj@xx.gov.cn", contentType: 'text/plain; charset="us-ascii"', autoSubmitted: "auto-generated", autoreplyMarks: true }, "auto-reply"],
    // a Sieve vacation answer is sent with the null sender too, and says what it is
    ["Sieve vacation, null sender", { ...base, from: "czj@xx.gov.cn", autoSubmitted: "auto-replied", returnPath: "<>" }, "auto-reply"],
    ["Auto-Submitted with a comment", { ...base, from: "czj@xx.gov.cn", autoSubmitted: "Auto-Replied (vacation)" }, "auto-reply"],
    ["X-Autoreply: yes", { ...base, from: "czj@xx.gov.cn", autoreplyMarks: true }, "auto-reply"],
    ["Precedence: auto_reply", { ...base, from: "czj@xx.gov.cn", precedence: "auto_reply" }, "auto-reply"],
    ["Precedence: bulk", { ...base, from: "news@xx.gov.cn", precedence: " bulk " }, "auto-reply"],
    ["Auto-Submitted: no is a person's mail", { ...base, from: "czj@xx.gov.cn", autoSubmitted: "no" }, undefined],
    ["a unit's own mail", { ...base, from: "czj@xx.gov.cn", returnPath: "<czj@xx.gov.cn>" }, undefined],
  ])("%s", (_, headers, expected) => {
    expect(automaticMail(headers)).toBe(expected);
  });
});

describe("senderOf: a unit only by its roster address, and not when the server doubts the sender", () => {
  const pass = verdict("pass", "spf=pass dkim=pass dmarc=pass");
  it("the one unit that lists the address", () => {
    expect(senderOf("czj@xx.gov.cn", ["县财政局"], pass)).toEqual({ unit: "县财政局" });
    expect(senderOf("czj@xx.gov.cn", ["县财政局"], verdict("none", ""))).toEqual({ unit: "县财政局" });
  });
  it.each([
    ["a failed verdict, even for a listed address", "czj@xx.gov.cn", ["县财政局"], verdict("fail", "spf=fail dmarc=fail"), ["冒用 czj@xx.gov.cn", "spf=fail dmarc=fail"]],
    ["an address nobody listed", "someone@qq.com", [], pass, ["someone@qq.com", "不在单位名册"]],
    ["no address at all", "", [], pass, ["（空）"]],
    ["an address two units list", "bgs@xx.gov.cn", ["县财政局", "城关镇人民政府"], pass, ["县财政局、城关镇人民政府"]],
  ])("held: %s", (_, address, units, auth, words) => {
    const s = senderOf(address, units, auth);
    expect(s).toHaveProperty("held");
    for (const w of words) expect((s as { held: string }).held).toContain(w);
  });
});

describe("replySubject: 回复： once", () => {
  it.each([
    ["城关镇5月任务分解表", "回复：城关镇5月任务分解表"],
    ["Re: 城关镇5月任务分解表", "回复：城关镇5月任务分解表"],
    ["RE: 回复：城关镇5月任务分解表", "回复：城关镇5月任务分解表"],
    ["答复: 城关镇5月任务分解表", "回复：城关镇5月任务分解表"], // Outlook in Chinese
    ["回复:Re:回复： 城关镇5月任务分解表", "回复：城关镇5月任务分解表"],
    ["AW: Tabelle", "回复：Tabelle"],
    ["Review: 城关镇", "回复：Review: 城关镇"], // a word that starts like Re is not a prefix
    ["转发：城关镇5月任务分解表", "回复：转发：城关镇5月任务分解表"],
    ["Re: 【未接收】回复：城关镇5月任务分解表", "回复：城关镇5月任务分解表"], // a unit answering our answer
    ["回复：【部分接收】 回复：城关镇", "回复：城关镇"],
    ["", "回复：报送任务分解表"],
    ["Re:", "回复：报送任务分解表"],
    ["   ", "回复：报送任务分解表"],
  ])("%j → %j", (subject, expected) => {
    expect(replySubject(subject)).toBe(expected);
  });
});

describe("answerFor: the answer a unit gets, in Chinese", () => {
  const UNIT = "城关镇人民政府";
  const finding = (i: number, over: Partial<Finding> = {}): Finding => ({
    code: "cell.required",
    severity: "error",
    sheet: "任务分解表",
    cell: `H${i + 5}`,
    row: i + 5,
    message: "进展情况未填写",
    task: { label: `第${i}项任务` },
    ...over,
  });
  const accepted: FileOutcome = { file: "城关镇5月任务分解表.xlsx", outcome: "accepted", reason: "", id: "s-2024-05-0001", round: "2024-05", findings: [] };
  const SAMPLE_WORDS = ["正镶白旗", ...DEFAULT_ROSTER.units.map((u) => u.name).filter((n) => n !== UNIT && n !== "县财政局")];
  const noSampleNames = (text: string) => {
    for (const w of SAMPLE_WORDS) expect(text, w).not.toContain(w);
  };

  it("accepted: the round in words and the receipt number", () => {
    const a = answerFor({ subject: "Re: 城关镇5月任务分解表", unit: UNIT, files: [accepted] });
    expect(a.subject).toBe("【已接收】回复：城关镇5月任务分解表");
    expect(a.text.startsWith(`${UNIT}：`)).toBe(true);
    expect(a.text).toContain("共 1 个附件已处理，1 个已接收");
    expect(a.text).toContain("“城关镇5月任务分解表.xlsx”：已接收，计入2024年5月台账（回执号 s-2024-05-0001）。");
    expect(a.text).not.toContain("提醒");
    noSampleNames(a.text);
  });

  it("accepted with warnings: the warnings listed, the notes left out", () => {
    const warn = finding(1, { code: "deadline.due-soon", severity: "warning", message: "完成时限将至（6月30日）" });
    const note = finding(2, { code: "unit.alias", severity: "info", message: "“财政局”按“县财政局”计" });
    const a = answerFor({ subject: "城关镇", unit: UNIT, files: [{ ...accepted, findings: [warn, note] }] });
    expect(a.subject).toBe("【已接收】回复：城关镇");
    expect(a.text).toContain("有 1 处提醒，请酌情处理：");
    expect(a.text).toContain("  · [提醒] 任务分解表!H6（第1项任务）：完成时限将至（6月30日）");
    expect(a.text).not.toContain("按“县财政局”计");
  });

  it("rejected: each finding with its cell, task and fix", () => {
    const withFix = finding(1, { code: "unit.reporting-mismatch", cell: "A3", message: "填报单位写作“城关镇”", fix: { value: "城关镇人民政府", label: "“城关镇” → “城关镇人民政府”" } });
    const plain = finding(2, { task: undefined });
    const rejected: FileOutcome = { file: "任务分解表.xlsx", outcome: "rejected", reason: "有 2 处错误。", findings: [withFix, plain] };
    const a = answerFor({ subject: "任务分解表", unit: UNIT, files: [rejected] });
    expect(a.subject).toBe("【未接收】回复：任务分解表");
    expect(a.text).toContain("共 1 个附件已处理，0 个已接收");
    expect(a.text).toContain("“任务分解表.xlsx”：未通过校验，未计入台账。有 2 处错误。");
    expect(a.text).toContain("  · [错误] 任务分解表!A3（第1项任务）：填报单位写作“城关镇”（可改为：“城关镇” → “城关镇人民政府”）");
    expect(a.text).toContain("  · [错误] 任务分解表!H7：进展情况未填写\n");
    expect(a.text).toContain("已在附件的标注副本中标红");
    expect(a.text).not.toContain("另有");
    noSampleNames(a.text);
  });

  it(`rejected with many findings: ${ANSWER_FINDINGS} listed, the rest counted`, () => {
    const many = Array.from({ length: ANSWER_FINDINGS + 7 }, (_, i) => finding(i));
    const notes = Array.from({ length: 5 }, (_, i) => finding(100 + i, { severity: "info" }));
    const a = answerFor({ subject: "", unit: UNIT, files: [{ file: "表.xlsx", outcome: "rejected", reason: "", findings: [...many, ...notes] }] });
    expect(a.text.split("\n").filter((l) => l.startsWith("  · ")).length).toBe(ANSWER_FINDINGS);
    expect(a.text).toContain(`第${ANSWER_FINDINGS - 1}项任务`);
    expect(a.text).not.toContain(`第${ANSWER_FINDINGS}项任务`);
    expect(a.text).toContain("  ……另有 7 处，见附件中的标注副本。");
    expect(a.subject).toBe("【未接收】回复：报送任务分解表");
  });

  it("a file sent before: not counted again", () => {
    const a = answerFor({ subject: "城关镇", unit: UNIT, files: [{ ...accepted, duplicate: true }] });
    expect(a.subject).toBe("【已接收】回复：城关镇");
    expect(a.text).toContain("“城关镇5月任务分解表.xlsx”：此前已收到同一文件，不重复计入（回执号 s-2024-05-0001）。");
    expect(a.text).not.toContain("以最后接收的一个");
  });

  it("several files: one paragraph each, the last accepted one counts", () => {
    const second: FileOutcome = { ...accepted, file: "城关镇5月任务分解表（修改）.xlsx", id: "s-2024-05-0002" };
    const zip: FileOutcome = { file: "附件.zip", outcome: "not-taken", reason: NOT_TAKEN.archive("附件.zip") };
    const xls: FileOutcome = { file: "旧表.xls", outcome: "unreadable", reason: "这是旧版 Excel 文件（.xls）：请另存为 .xlsx 后重新发送。" };
    const a = answerFor({ subject: "城关镇", unit: UNIT, files: [accepted, second, zip, xls] });
    expect(a.subject).toBe("【部分接收】回复：城关镇");
    expect(a.text).toContain("共 4 个附件已处理，2 个已接收");
    expect(a.text).toContain("回执号 s-2024-05-0001");
    expect(a.text).toContain("回执号 s-2024-05-0002");
    expect(a.text).toContain("“附件.zip”：未接收。“附件.zip”是压缩文件");
    expect(a.text).toContain("“旧表.xls”：未接收。这是旧版 Excel 文件");
    expect(a.text).toContain("同一邮件中有多个表格通过校验时，以最后接收的一个为本单位的最新报送。");
  });

  it("a file whose 填报单位 names another unit: handed to the coordinator", () => {
    const a = answerFor({ subject: "表", unit: UNIT, files: [{ file: "县财政局.xlsx", outcome: "forbidden", reason: "表中填报单位为“县财政局”，与发件单位不符。" }] });
    expect(a.subject).toBe("【未接收】回复：表");
    expect(a.text).toContain("“县财政局.xlsx”：表中填报单位为“县财政局”，与发件单位不符。 已转交汇总人核实，暂未计入台账。");
  });

  it("no files: what to send instead", () => {
    const a = answerFor({ subject: "报送", unit: UNIT, files: [] });
    expect(a.subject).toBe("【未找到表格】回复：报送");
    expect(a.text).toContain(NOT_TAKEN.noTable);
    expect(a.text).not.toContain("附件已处理");
    noSampleNames(a.text);
    const other = answerFor({ subject: "报送", unit: UNIT, files: [], notTaken: NOT_TAKEN.tooLarge(31, 25) });
    expect(other.text).toContain("约 31 MB，超过 25 MB 的上限");
    expect(other.text).not.toContain(NOT_TAKEN.noTable);
  });

  it("names only the units it is given", () => {
    const a = answerFor({ subject: "县财政局5月", unit: "县财政局", files: [accepted] });
    expect(a.text.startsWith("县财政局：")).toBe(true);
    expect(a.text).not.toContain(UNIT);
    noSampleNames(a.text);
  });
});

describe("heldAnswer: a listed sender told the mail waits for the coordinator", () => {
  it("says why and who decides, threaded under the mail's subject", () => {
    const a = heldAnswer("Re: 镇台账", "发件地址 xzb@county.gov.cn 登记在多个单位下（城关镇人民政府、东关镇人民政府），无法确定是哪个单位报送。");
    expect(a.subject).toBe("【已转交汇总人】回复：镇台账");
    expect(a.text).toContain("登记在多个单位下");
    expect(a.text).toContain("由汇总人确认报送单位后计入台账");
  });
});
