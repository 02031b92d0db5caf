/**
 * The office mailbox's settings (README, "The office mailbox"): off unless `GONGKAI_IMAP_URL` is set. Secrets come
 * from the environment apart from the URLs, so that a URL can be shown on the dashboard and in logs.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

/** One server: where, how (TLS from the start, or STARTTLS when offered), as whom. */
export interface MailServer {
  host: string;
  port: number;
  /** TLS from the first byte (`imaps:`/`smtps:`); otherwise STARTTLS where the server offers it. */
  secure: boolean;
  user: string;
  /** A password, or an OAuth2 access token (never both). */
  pass?: string | undefined;
  accessToken?: string | undefined;
  /** The URL without its password, for the dashboard and logs. */
  shown: string;
}

export interface MailSettings {
  imap: MailServer;
  /** Where answers are sent; without it mail is taken in and nobody is answered (the dashboard says so). */
  smtp: MailServer | undefined;
  folder: string;
  /** The From of answers: the mailbox's own address. */
  from: string;
  pollSeconds: number;
  /** Answers one address may get in an hour: more are not sent (a loop, or a unit sending again and again). */
  answersPerHour: number;
  /** The mail server's name in `Authentication-Results` (its authserv-id): only its verdict is believed. */
  authservId: string | undefined;
  /** PEM certificates of the intranet's own certificate authority, for TLS to servers with certificates it issued. */
  ca: string | undefined;
  /** Mails that arrived before this day (`YYYY-MM-DD`) are left alone; unset: the day the mailbox was first checked. */
  since: string | undefined;
}

const Env = z.object({
  GONGKAI_IMAP_URL: z.string().min(1).optional(),
  GONGKAI_IMAP_PASSWORD: z.string().min(1).optional(),
  GONGKAI_IMAP_TOKEN: z.string().min(1).optional(),
  GONGKAI_SMTP_URL: z.string().min(1).optional(),
  GONGKAI_SMTP_PASSWORD: z.string().min(1).optional(),
  GONGKAI_SMTP_TOKEN: z.string().min(1).optional(),
  GONGKAI_MAIL_FOLDER: z.string().min(1).default("INBOX"),
  GONGKAI_MAIL_FROM: z.string().min(3).optional(),
  GONGKAI_MAIL_POLL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
  GONGKAI_MAIL_ANSWERS_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(10),
  GONGKAI_MAIL_AUTHSERV_ID: z.string().min(1).optional(),
  GONGKAI_MAIL_CA: z.string().min(1).optional(),
  GONGKAI_MAIL_SINCE: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "应为日期 YYYY-MM-DD，例如 2026-12-01").optional(),
});

const PORTS: Record<string, { port: number; secure: boolean }> = {
  "imap:": { port: 143, secure: false },
  "imaps:": { port: 993, secure: true },
  "smtp:": { port: 587, secure: false },
  "smtps:": { port: 465, secure: true },
};

/** `imaps://user@host:993`, the password given apart (or in the URL, percent-encoded, where nothing else is possible). */
export function mailServer(url: string, kind: "imap" | "smtp", secret: { pass?: string | undefined; accessToken?: string | undefined }): MailServer {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // the URL may hold a password: the message shows it without
    const shown = url.replace(/(\/\/[^:@/]*):.*@/, "$1:***@");
    throw new Error(`邮箱设置有误：${kind.toUpperCase()} 地址“${shown}”不是网址，应为 ${kind}s://用户名@服务器:端口，例如 ${kind === "imap" ? "imaps://gwgk@mail.example.gov.cn:993" : "smtps://gwgk@mail.example.gov.cn:465"}`);
  }
  const scheme = PORTS[u.protocol];
  if (!scheme || !u.protocol.startsWith(kind)) throw new Error(`邮箱设置有误：${kind.toUpperCase()} 地址应以 ${kind}:// 或 ${kind}s:// 开头，而不是“${u.protocol}//”。`);
  const decode = (part: string, what: string): string => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw new Error(`邮箱设置有误：${kind.toUpperCase()} 地址中的${what}含有未编码的“%”：请写作 %25，或把密码放在 GONGKAI_${kind.toUpperCase()}_PASSWORD 中。`);
    }
  };
  const user = decode(u.username, "用户名");
  const pass = secret.pass ?? (u.password ? decode(u.password, "密码") : undefined);
  if (kind === "imap" && user === "") throw new Error("邮箱设置有误：GONGKAI_IMAP_URL 中没有用户名，应为 imaps://用户名@服务器:端口。");
  if (kind === "imap" && pass === undefined && secret.accessToken === undefined) throw new Error("邮箱设置有误：没有邮箱密码：请设置 GONGKAI_IMAP_PASSWORD（或 OAuth2 令牌 GONGKAI_IMAP_TOKEN）。");
  // for people: the user as written (gwgk@xx.gov.cn@mail.xx.gov.cn), never the password
  const shown = `${u.protocol}//${user ? `${user}@` : ""}${u.host}`;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : scheme.port,
    secure: scheme.secure,
    user,
    ...(secret.accessToken !== undefined ? { accessToken: secret.accessToken } : pass !== undefined ? { pass } : {}),
    shown,
  };
}

/** The mailbox's settings from the environment; `undefined` when no mailbox is configured. */
export function mailSettings(env: NodeJS.ProcessEnv = process.env): MailSettings | undefined {
  const set = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith("GONGKAI_") && v !== undefined && v !== ""));
  const parsed = Env.safeParse(set);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`邮箱设置有误：${issue.path.join(".")} ${issue.message}`);
  }
  const e = parsed.data;
  if (e.GONGKAI_IMAP_URL === undefined) return undefined;
  return mailSettingsFrom({
    imapUrl: e.GONGKAI_IMAP_URL,
    imapSecret: { pass: e.GONGKAI_IMAP_PASSWORD, accessToken: e.GONGKAI_IMAP_TOKEN },
    smtpUrl: e.GONGKAI_SMTP_URL,
    smtpSecret: { pass: e.GONGKAI_SMTP_PASSWORD, accessToken: e.GONGKAI_SMTP_TOKEN },
    folder: e.GONGKAI_MAIL_FOLDER,
    from: e.GONGKAI_MAIL_FROM,
    pollSeconds: e.GONGKAI_MAIL_POLL_SECONDS,
    answersPerHour: e.GONGKAI_MAIL_ANSWERS_PER_HOUR,
    authservId: e.GONGKAI_MAIL_AUTHSERV_ID,
    caFile: e.GONGKAI_MAIL_CA,
    since: e.GONGKAI_MAIL_SINCE,
  });
}

export interface MailInput {
  imapUrl: string;
  imapSecret?: { pass?: string | undefined; accessToken?: string | undefined };
  smtpUrl?: string | undefined;
  smtpSecret?: { pass?: string | undefined; accessToken?: string | undefined };
  folder?: string | undefined;
  from?: string | undefined;
  pollSeconds?: number | undefined;
  answersPerHour?: number | undefined;
  authservId?: string | undefined;
  caFile?: string | undefined;
  since?: string | undefined;
}

/** The settings from URLs and secrets (the environment's, or `gongkai mail`'s options). */
export function mailSettingsFrom(i: MailInput): MailSettings {
  const imap = mailServer(i.imapUrl, "imap", i.imapSecret ?? {});
  const own = i.smtpUrl === undefined ? undefined : mailServer(i.smtpUrl, "smtp", i.smtpSecret ?? {});
  // the SMTP server usually takes the mailbox's own login: where it has no password or token of its own (setting or URL)
  const imapLogin = imap.accessToken !== undefined ? { accessToken: imap.accessToken } : imap.pass !== undefined ? { pass: imap.pass } : {};
  const smtp = own && own.pass === undefined && own.accessToken === undefined ? { ...own, ...imapLogin } : own;
  const from = i.from ?? (imap.user.includes("@") ? imap.user : smtp?.user.includes("@") ? smtp.user : undefined);
  if (smtp && from === undefined) throw new Error("邮箱设置有误：回复邮件的发件地址未知：请设置 GONGKAI_MAIL_FROM（本邮箱的地址，例如 gwgk@example.gov.cn）。");
  let ca: string | undefined;
  if (i.caFile !== undefined) {
    try {
      ca = readFileSync(i.caFile, "utf8");
    } catch (e) {
      throw new Error(`邮箱设置有误：无法读取 GONGKAI_MAIL_CA 指定的证书文件 ${i.caFile}（${(e as Error).message}）。`);
    }
  }
  return {
    imap,
    smtp,
    folder: i.folder ?? "INBOX",
    from: from ?? "",
    pollSeconds: i.pollSeconds ?? 60,
    answersPerHour: i.answersPerHour ?? 10,
    authservId: i.authservId,
    ca,
    since: i.since,
  };
}
