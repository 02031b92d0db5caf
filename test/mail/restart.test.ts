/**
 * A restart mid-batch neither loses nor repeats a mail (issue 27): `gongkai mail --once` killed (SIGKILL) while it
 * works through a mailbox of six mails, then run again — every mail taken in once, every table submitted once, each
 * unit's latest the last it sent, one answer per mail (a resent answer carries the same Message-ID).
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTransport } from "nodemailer";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ROSTER, localDay, roundOf } from "../../core/index.js";
import { TAKEN } from "../../functions/mail/intake.js";
import { EmbeddedStore } from "../../functions/storage/embedded.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";
import { startImapServer, startSmtpServer, type ImapServer, type SmtpServer } from "../fixtures/mailServers.js";

const dovecot = process.env.DOVECOT_PATH;
const OFFICE = "office@county.gov.cn";
const SENDERS: Record<string, string> = { 旗财政局: "czj@county.gov.cn", 旗统计局: "tjj@county.gov.cn" };

const gongkai = (args: string[], env: NodeJS.ProcessEnv) =>
  spawn(process.execPath, [join(import.meta.dirname, "../../bin/gongkai.js"), ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });

describe.skipIf(!dovecot)("gongkai mail killed mid-batch, then run again", () => {
  let imap: ImapServer;
  let smtp: SmtpServer;
  let dir: string;
  beforeAll(async () => {
    imap = await startImapServer();
    smtp = await startSmtpServer({ imap });
    dir = await mkdtemp(join(tmpdir(), "gongkai-mail-"));
  }, 120_000);
  afterAll(async () => {
    await smtp?.stop();
    await imap?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("takes in every mail once, submits every table once, answers every mail once", async () => {
    const roster = { ...DEFAULT_ROSTER, units: DEFAULT_ROSTER.units.map((u) => (SENDERS[u.name] ? { ...u, emails: [SENDERS[u.name]] } : u)) };
    await writeFile(join(dir, "roster.json"), JSON.stringify(roster));
    const composer = createTransport({ streamTransport: true, buffer: true });
    const sent: { unit: string; bytes: Buffer }[] = [];
    for (const [i, unit] of ["旗财政局", "旗统计局", "旗财政局", "旗统计局", "旗财政局", "旗统计局"].entries()) {
      const filled = allDone(FINANCE_TASKS);
      const bytes = (await buildCopy({ rows: CLEAN_ROWS, unit, filled: { ...filled, [FINANCE_TASKS[0]!]: { progress: `第${i + 1}次报送：已按要求完成。` } } })).bytes;
      sent.push({ unit, bytes });
      const info = await composer.sendMail({ from: SENDERS[unit], to: OFFICE, subject: `${unit}台账 第${i + 1}版`, text: "请查收。", attachments: [{ filename: `${unit}.xlsx`, content: bytes }] });
      await imap.deliver(OFFICE, info.message as Buffer);
    }
    const args = ["mail", "--imap", imap.url(OFFICE), "--smtp", smtp.url, "--roster", join(dir, "roster.json"), "--once"];
    const env = { GONGKAI_DATA_DIR: dir, GONGKAI_MAIL_FROM: OFFICE };

    // killed as soon as the first mail is marked taken: the next is then half done
    const first = gongkai(args, env);
    let killedAfter = -1;
    while (first.exitCode === null) {
      const taken = (await imap.list(OFFICE)).filter((m) => m.flags.includes(TAKEN)).length;
      if (taken >= 1) {
        first.kill("SIGKILL");
        killedAfter = taken;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => first.once("close", r));
    expect(killedAfter).toBeGreaterThanOrEqual(1);
    expect(killedAfter).toBeLessThan(6);

    const second = gongkai(args, env);
    let out = "";
    let err = "";
    second.stdout.on("data", (d: Buffer) => (out += d.toString()));
    second.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => second.once("close", r));
    expect(err).toContain("处理了");
    expect(code).toBe(0);
    expect(out).not.toContain("内部错误");

    expect((await imap.list(OFFICE)).map((m) => m.flags.includes(TAKEN))).toEqual(Array(6).fill(true));
    const store = new EmbeddedStore(dir);
    try {
      const round = roundOf(localDay(new Date()));
      const submissions = await store.listSubmissions(round);
      expect(submissions).toHaveLength(6);
      expect(submissions.map((s) => [s.unit, s.outcome, s.reason]).filter(([, o]) => o !== "accepted")).toEqual([]);
      // each unit's latest is the last file it sent
      for (const unit of Object.keys(SENDERS)) {
        const latest = await store.getLatest(round, unit);
        const file = await store.readFile(round, latest!.latest.submissionId);
        expect(file!.equals(sent.filter((s) => s.unit === unit).at(-1)!.bytes)).toBe(true);
      }
    } finally {
      store.close();
    }
    const answers = await Promise.all(smtp.received.map((m) => simpleParser(m.raw)));
    expect(new Set(answers.map((a) => a.messageId)).size).toBe(6);
    expect(new Set(answers.map((a) => a.inReplyTo)).size).toBe(6);
  }, 240_000);
});
