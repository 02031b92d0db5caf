/**
 * `gongkai mail --imap URL [--smtp URL] [--roster R] [--folder INBOX] [--once] [--json]`: the office mailbox read
 * into the store `npm start` uses, for an office without the service running (CONTRACT §9). `--once` takes in what is
 * there, sends the answers due, prints what it did and exits; without it the mailbox is checked every
 * `GONGKAI_MAIL_POLL_SECONDS` until Ctrl+C. Passwords come from the environment (`GONGKAI_IMAP_PASSWORD`, …).
 */
import { parseArgs } from "node:util";
import { FILE_OUTCOME_WORDS, MAIL_STATE_WORDS, type Roster } from "../core/index.js";
import { loadRosterFile, loadSettings } from "./config.js";
import { MailIntake } from "./mail/intake.js";
import type { MailRecord } from "./mail/records.js";
import { mailSettings, mailSettingsFrom } from "./mail/settings.js";
import { createServices } from "./services.js";
import type { TokenIO } from "./tokenCommand.js";

const USAGE = [
  "用法：gongkai mail --imap imaps://用户名@服务器:993 [--smtp smtps://用户名@服务器:465] [--roster 名册] [--folder INBOX] [--once] [--json]",
  "  从单位邮箱收取各单位发来的任务分解表，按与网页报送相同的检查存入台账，并回复校验结果（设置了 --smtp 时）。",
  "  密码用环境变量 GONGKAI_IMAP_PASSWORD（发信服务器另设 GONGKAI_SMTP_PASSWORD），或 OAuth2 令牌 GONGKAI_IMAP_TOKEN。",
  "  --once：处理现有邮件后退出，并列出处理了什么；不加则按 GONGKAI_MAIL_POLL_SECONDS（默认 60 秒）持续查看，Ctrl+C 停止。",
  "  --roster：按此名册的邮箱认发件单位（默认用服务正在使用的名册）。存储与 npm start 相同（GONGKAI_DATA_DIR 或 GONGKAI_STORAGE）。",
].join("\n");

const OPTIONS = {
  imap: { type: "string" },
  smtp: { type: "string" },
  roster: { type: "string" },
  folder: { type: "string" },
  once: { type: "boolean" },
  json: { type: "boolean" },
} as const;


/** One line a mail, then one a file. */
function lines(r: MailRecord): string[] {
  const head = `${MAIL_STATE_WORDS[r.state]}\t${r.from || "（无发件人）"}\t${r.subject || "（无主题）"}${r.unit ? `\t${r.unit}` : ""}${r.reason ? `\t${r.reason}` : ""}`;
  const answer = r.answer.state === "sent" ? "已回复" : r.answer.state === "pending" ? `待回复${r.answer.error ? `（${r.answer.error}）` : ""}` : `未回复：${r.answer.why ?? ""}`;
  return [head, ...r.files.map((f) => `  ${f.file}\t${FILE_OUTCOME_WORDS[f.outcome]}${f.id ? `\t${f.id}` : ""}${f.outcome === "accepted" ? "" : `\t${f.reason}`}`), `  ${answer}`];
}

export async function mailCommand(argv: string[], io: TokenIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>["values"];
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true }));
  } catch {
    io.err(USAGE);
    return 2;
  }
  let roster: Roster | undefined;
  let mail;
  try {
    const fromEnv = mailSettings(env);
    const imapUrl = values.imap ?? fromEnv?.imap.shown;
    if (values.imap === undefined && fromEnv === undefined) {
      io.err(`gongkai mail：缺少 --imap（或环境变量 GONGKAI_IMAP_URL）。\n${USAGE}`);
      return 2;
    }
    mail = values.imap === undefined && fromEnv
      ? { ...fromEnv, ...(values.folder ? { folder: values.folder } : {}) }
      : mailSettingsFrom({
          imapUrl: imapUrl!,
          imapSecret: { pass: env.GONGKAI_IMAP_PASSWORD || undefined, accessToken: env.GONGKAI_IMAP_TOKEN || undefined },
          smtpUrl: values.smtp ?? (env.GONGKAI_SMTP_URL || undefined),
          smtpSecret: { pass: env.GONGKAI_SMTP_PASSWORD || undefined, accessToken: env.GONGKAI_SMTP_TOKEN || undefined },
          folder: values.folder ?? (env.GONGKAI_MAIL_FOLDER || undefined),
          from: env.GONGKAI_MAIL_FROM || undefined,
          pollSeconds: fromEnv?.pollSeconds,
          answersPerHour: fromEnv?.answersPerHour,
          authservId: fromEnv?.authservId,
          caFile: env.GONGKAI_MAIL_CA || undefined,
        });
    if (values.roster !== undefined) roster = await loadRosterFile(values.roster);
  } catch (e) {
    io.err(`gongkai mail：${(e as Error).message}`);
    return 2;
  }
  const settings = await loadSettings(env);
  // --roster is the office's roster for all it does here: whose addresses are known, and what tables are checked against
  // (unless a roster was uploaded to this store, which is the coordinator's latest)
  const services = createServices(roster ? { ...settings, roster, rosterGiven: true } : settings);
  const intake = new MailIntake(services, mail, { roster });
  services.mailbox = intake;
  if (!values.once) {
    io.err(`每 ${mail.pollSeconds} 秒查看 ${mail.imap.shown} 的“${mail.folder}”，按 Ctrl+C 停止。`);
    intake.start();
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await intake.stop();
    return 0;
  }
  // what became of each mail, its answer included (sent after all were taken in)
  const taken = await Promise.all((await intake.check()).map(async (r) => (await intake.records.get(r.key)) ?? r));
  if (values.json) io.out(JSON.stringify({ status: intake.status, mails: taken }, null, 2));
  else for (const r of taken) for (const l of lines(r)) io.out(l);
  if (intake.status.state === "error") {
    io.err(`gongkai mail：${intake.status.lastError}`);
    return 2;
  }
  io.err(`处理了 ${taken.length} 封邮件（${mail.imap.shown} 的“${mail.folder}”）。`);
  return 0;
}
