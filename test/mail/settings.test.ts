/**
 * The office mailbox's settings (functions/mail/settings.ts): off unless GONGKAI_IMAP_URL is set; the URLs as an
 * office writes them (its own intranet server, an Exchange Online mailbox, a 163/QQ enterprise mailbox); secrets from
 * the environment, never in what is shown.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mailServer, mailSettings, mailSettingsFrom } from "../../functions/mail/settings.js";

const PASSWORD = "Gwgk#2024pass";
/** Throws, and returns the message (to read it, and to check what it does not say). */
const errorOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("no error");
};

describe("mailSettings: nothing on by default", () => {
  it.each([
    ["an empty environment", {}],
    ["GONGKAI_IMAP_URL empty", { GONGKAI_IMAP_URL: "" }],
    ["only the SMTP side and a password", { GONGKAI_SMTP_URL: "smtps://gwgk@mail.xx.gov.cn", GONGKAI_IMAP_PASSWORD: PASSWORD }],
    ["other settings only", { GONGKAI_DATA_DIR: "/srv/gongkai", PATH: "/usr/bin" }],
  ])("%s → off", (_, env) => {
    expect(mailSettings(env)).toBeUndefined();
  });

  it("the defaults once a mailbox is set", () => {
    const s = mailSettings({ GONGKAI_IMAP_URL: "imaps://gwgk%40xx.gov.cn@mail.xx.gov.cn", GONGKAI_IMAP_PASSWORD: PASSWORD, GONGKAI_MAIL_FOLDER: "" });
    expect(s).toEqual({
      imap: { host: "mail.xx.gov.cn", port: 993, secure: true, user: "gwgk@xx.gov.cn", pass: PASSWORD, shown: "imaps://gwgk@xx.gov.cn@mail.xx.gov.cn" },
      smtp: undefined,
      folder: "INBOX",
      from: "gwgk@xx.gov.cn",
      pollSeconds: 60,
      answersPerHour: 10,
      authservId: undefined,
      ca: undefined,
    });
  });

  it("every setting read", () => {
    const s = mailSettings({
      GONGKAI_IMAP_URL: "imap://gwgk@192.168.10.5",
      GONGKAI_IMAP_PASSWORD: PASSWORD,
      GONGKAI_SMTP_URL: "smtp://gwgk@192.168.10.5:25",
      GONGKAI_MAIL_FOLDER: "任务分解表",
      GONGKAI_MAIL_FROM: "县政务服务局 <gwgk@xx.gov.cn>",
      GONGKAI_MAIL_POLL_SECONDS: "300",
      GONGKAI_MAIL_ANSWERS_PER_HOUR: "3",
      GONGKAI_MAIL_AUTHSERV_ID: "mail.xx.gov.cn",
    })!;
    expect(s.folder).toBe("任务分解表");
    expect(s.from).toBe("县政务服务局 <gwgk@xx.gov.cn>");
    expect([s.pollSeconds, s.answersPerHour, s.authservId]).toEqual([300, 3, "mail.xx.gov.cn"]);
    expect(s.smtp).toMatchObject({ host: "192.168.10.5", port: 25, secure: false, user: "gwgk", pass: PASSWORD });
  });

  it.each([
    ["GONGKAI_MAIL_POLL_SECONDS", "abc"],
    ["GONGKAI_MAIL_POLL_SECONDS", "1"],
    ["GONGKAI_MAIL_ANSWERS_PER_HOUR", "0"],
  ])("%s=%s refused, the setting named", (key, value) => {
    expect(errorOf(() => mailSettings({ GONGKAI_IMAP_URL: "imaps://gwgk@mail.xx.gov.cn", GONGKAI_IMAP_PASSWORD: PASSWORD, [key]: value }))).toMatch(new RegExp(`^邮箱设置有误：${key}`));
  });
});

describe("mailServer: a URL as an office writes it", () => {
  it.each([
    ["imaps://gwgk@mail.xx.gov.cn", "imap", { host: "mail.xx.gov.cn", port: 993, secure: true }],
    ["imap://gwgk@mail.xx.gov.cn", "imap", { host: "mail.xx.gov.cn", port: 143, secure: false }],
    ["imaps://gwgk@imap.qiye.163.com:994", "imap", { host: "imap.qiye.163.com", port: 994, secure: true }],
    ["IMAPS://gwgk@outlook.office365.com", "imap", { host: "outlook.office365.com", port: 993, secure: true }],
    ["smtps://gwgk@smtp.exmail.qq.com", "smtp", { host: "smtp.exmail.qq.com", port: 465, secure: true }],
    ["smtp://gwgk@smtp.office365.com", "smtp", { host: "smtp.office365.com", port: 587, secure: false }],
    ["smtp://relay.xx.gov.cn:25", "smtp", { host: "relay.xx.gov.cn", port: 25, secure: false, user: "" }], // an intranet relay without login
  ] as const)("%s", (url, kind, expected) => {
    expect(mailServer(url, kind, { pass: PASSWORD })).toMatchObject(expected);
  });

  it("the password from the environment, or percent-encoded in the URL", () => {
    expect(mailServer("imaps://gwgk@mail.xx.gov.cn", "imap", { pass: PASSWORD }).pass).toBe(PASSWORD);
    expect(mailServer(`imaps://gwgk:${encodeURIComponent(PASSWORD)}@mail.xx.gov.cn`, "imap", {}).pass).toBe(PASSWORD);
    expect(mailServer("imaps://gwgk:p%40ss%3Aw%2Frd@mail.xx.gov.cn", "imap", {}).pass).toBe("p@ss:w/rd");
    // the environment's wins over the URL's
    expect(mailServer("imaps://gwgk:old@mail.xx.gov.cn", "imap", { pass: PASSWORD }).pass).toBe(PASSWORD);
    // an address as user name, its @ encoded
    expect(mailServer("imaps://gwgk%40xx.gov.cn@mail.xx.gov.cn", "imap", { pass: PASSWORD }).user).toBe("gwgk@xx.gov.cn");
  });

  it("an OAuth2 token (Exchange Online, Gmail) instead of a password", () => {
    const s = mailServer("imaps://gwgk%40xx.gov.cn@outlook.office365.com", "imap", { accessToken: "eyJ0eXAiOiJKV1Qi.token" });
    expect(s.accessToken).toBe("eyJ0eXAiOiJKV1Qi.token");
    expect(s).not.toHaveProperty("pass");
    expect(mailServer("imaps://gwgk@outlook.office365.com", "imap", { pass: PASSWORD, accessToken: "tok" })).not.toHaveProperty("pass");
  });

  it.each([
    ["no user", "imaps://mail.xx.gov.cn", {}, ["GONGKAI_IMAP_URL", "用户名"]],
    ["no user, a password given", "imaps://mail.xx.gov.cn", { pass: PASSWORD }, ["GONGKAI_IMAP_URL", "用户名"]],
    ["no password", "imaps://gwgk@mail.xx.gov.cn", {}, ["GONGKAI_IMAP_PASSWORD", "GONGKAI_IMAP_TOKEN"]],
    ["a web address", "https://mail.xx.gov.cn", { pass: PASSWORD }, ["imap://", "imaps://", "https://"]],
    ["a POP3 address", "pop3s://gwgk@pop.xx.gov.cn", { pass: PASSWORD }, ["imaps://", "pop3s://"]],
    ["an SMTP address where IMAP belongs", "smtps://gwgk@mail.xx.gov.cn", { pass: PASSWORD }, ["imaps://", "smtps://"]],
    ["a server and port only", "mail.xx.gov.cn:993", { pass: PASSWORD }, ["imaps://"]],
    ["not a URL", "imaps://gwgk@mail xx.gov.cn", { pass: PASSWORD }, ["不是网址", "imaps://用户名@服务器:端口"]],
  ])("%s: a Chinese error naming what to set", (_, url, secret, words) => {
    const message = errorOf(() => mailServer(url, "imap", secret));
    expect(message.startsWith("邮箱设置有误：")).toBe(true);
    for (const w of words) expect(message).toContain(w);
  });

  it("an SMTP server without login needs no password", () => {
    expect(mailServer("smtp://relay.xx.gov.cn", "smtp", {})).toEqual({ host: "relay.xx.gov.cn", port: 587, secure: false, user: "", shown: "smtp://relay.xx.gov.cn" });
  });

  it("a password with an unencoded % in the URL: the Chinese error, not a URIError", () => {
    const message = errorOf(() => mailServer("imaps://gwgk:100%sure@mail.xx.gov.cn", "imap", {}));
    expect(message.startsWith("邮箱设置有误：")).toBe(true);
    expect(message).toContain("GONGKAI_IMAP_PASSWORD");
    expect(message).not.toContain("100%sure");
  });

  it("shown: never the password, from the URL or the environment", () => {
    for (const [url, secret] of [
      [`imaps://gwgk:${encodeURIComponent(PASSWORD)}@mail.xx.gov.cn:993`, {}],
      ["imaps://gwgk@mail.xx.gov.cn", { pass: PASSWORD }],
      [`smtps://gwgk%40xx.gov.cn:${encodeURIComponent(PASSWORD)}@smtp.xx.gov.cn/INBOX?x=1`, {}],
    ] as const) {
      const s = mailServer(url, url.startsWith("imap") ? "imap" : "smtp", secret);
      expect(s.shown).not.toContain("2024pass");
      expect(s.shown).not.toContain(encodeURIComponent(PASSWORD));
      expect(s.shown).toMatch(/^(imaps|smtps):\/\/gwgk(@xx\.gov\.cn)?@(mail|smtp)\.xx\.gov\.cn(:993)?$/);
    }
  });

  it("nor does an error about the URL repeat its password", () => {
    const message = errorOf(() => mailServer(`imaps://gwgk:${PASSWORD.replace("#", "%23")}@mail.xx.gov.cn:99999`, "imap", {}));
    expect(message).toContain("不是网址");
    expect(message).not.toContain("2024pass");
  });
});

describe("mailSettingsFrom: the answers' From and the SMTP login", () => {
  const imapUrl = "imaps://gwgk%40xx.gov.cn@mail.xx.gov.cn";
  const imapSecret = { pass: PASSWORD };

  it.each([
    ["the IMAP user when it is an address", { imapUrl, imapSecret, smtpUrl: "smtps://mail.xx.gov.cn" }, "gwgk@xx.gov.cn"],
    ["the SMTP user when only it is an address", { imapUrl: "imaps://gwgk@mail.xx.gov.cn", imapSecret, smtpUrl: "smtps://gwgk%40xx.gov.cn@mail.xx.gov.cn" }, "gwgk@xx.gov.cn"],
    ["GONGKAI_MAIL_FROM over both", { imapUrl, imapSecret, smtpUrl: "smtps://mail.xx.gov.cn", from: "zwgk@xx.gov.cn" }, "zwgk@xx.gov.cn"],
    ["empty without SMTP, when nothing says it", { imapUrl: "imaps://gwgk@mail.xx.gov.cn", imapSecret }, ""],
  ])("From: %s", (_, input, from) => {
    expect(mailSettingsFrom(input).from).toBe(from);
  });

  it("From required when answers are sent and no user name is an address", () => {
    const message = errorOf(() => mailSettingsFrom({ imapUrl: "imaps://gwgk@mail.xx.gov.cn", imapSecret, smtpUrl: "smtps://gwgk@mail.xx.gov.cn" }));
    expect(message).toContain("GONGKAI_MAIL_FROM");
    expect(message.startsWith("邮箱设置有误：")).toBe(true);
  });

  it("SMTP takes the mailbox's own login where it has none of its own", () => {
    expect(mailSettingsFrom({ imapUrl, imapSecret, smtpUrl: "smtps://gwgk%40xx.gov.cn@smtp.xx.gov.cn" }).smtp?.pass).toBe(PASSWORD);
    expect(mailSettingsFrom({ imapUrl, imapSecret: { accessToken: "tok" }, smtpUrl: "smtps://gwgk%40xx.gov.cn@smtp.xx.gov.cn" }).smtp?.accessToken).toBe("tok");
  });

  it.each([
    ["GONGKAI_SMTP_PASSWORD over the IMAP token", { GONGKAI_IMAP_TOKEN: "imap-token", GONGKAI_SMTP_PASSWORD: "smtp-pass" }, { pass: "smtp-pass" }],
    ["GONGKAI_SMTP_TOKEN over the IMAP password", { GONGKAI_IMAP_PASSWORD: PASSWORD, GONGKAI_SMTP_TOKEN: "smtp-token" }, { accessToken: "smtp-token" }],
    ["the SMTP URL's password over the IMAP password", { GONGKAI_IMAP_PASSWORD: PASSWORD, GONGKAI_SMTP_URL: "smtps://gwgk%40xx.gov.cn:relay-pass@relay.xx.gov.cn" }, { pass: "relay-pass" }],
    ["the IMAP password where SMTP has none", { GONGKAI_IMAP_PASSWORD: PASSWORD }, { pass: PASSWORD }],
    ["the IMAP token where SMTP has none", { GONGKAI_IMAP_TOKEN: "imap-token" }, { accessToken: "imap-token" }],
  ])("from the environment: %s", (_, env, login) => {
    const s = mailSettings({ GONGKAI_IMAP_URL: imapUrl, GONGKAI_SMTP_URL: "smtps://gwgk%40xx.gov.cn@smtp.xx.gov.cn", ...env })!;
    const { pass, accessToken } = s.smtp!;
    expect({ ...(pass !== undefined ? { pass } : {}), ...(accessToken !== undefined ? { accessToken } : {}) }).toEqual(login);
  });

  describe("GONGKAI_MAIL_CA", () => {
    const dir = mkdtempSync(join(tmpdir(), "gongkai-mail-ca-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUb3JnLmdvdi54eCBpbnRyYW5ldCBDQTAKBggqhkjOPQQD\n-----END CERTIFICATE-----\n";

    it("the intranet CA's certificates read from the file", () => {
      const file = join(dir, "intranet-ca.pem");
      writeFileSync(file, PEM);
      expect(mailSettings({ GONGKAI_IMAP_URL: imapUrl, GONGKAI_IMAP_PASSWORD: PASSWORD, GONGKAI_MAIL_CA: file })!.ca).toBe(PEM);
    });

    it.each([
      ["a file that is not there", () => join(dir, "missing.pem")],
      ["a folder", () => dir],
    ])("%s: a clear error naming the setting and the path", (_, path) => {
      const message = errorOf(() => mailSettings({ GONGKAI_IMAP_URL: imapUrl, GONGKAI_IMAP_PASSWORD: PASSWORD, GONGKAI_MAIL_CA: path() }));
      expect(message).toContain("GONGKAI_MAIL_CA");
      expect(message).toContain(path());
      expect(message.startsWith("邮箱设置有误：")).toBe(true);
    });
  });
});
