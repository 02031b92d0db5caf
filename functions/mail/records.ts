/**
 * What the intake keeps of each mail, in the store beside everything else (configuration kind `mail`, under the
 * mail's key): the mail as received, once (.eml), and what became of it (JSON; a new version at each change, the
 * newest in force). The key is the mail's own hash, so a mail seen again after a restart is known.
 */
import { createHash } from "node:crypto";
import type { MailRecord } from "../../core/index.js";
import type { LedgerStore } from "../storage/types.js";

export type { AnswerState, KeptFile, MailRecord, MailState } from "../../core/index.js";

/** A mail's key: the first 24 hex digits of the SHA-256 of its bytes (or of what names it, when it was not downloaded). */
export const mailKey = (bytes: Uint8Array | string): string => createHash("sha256").update(bytes).digest("hex").slice(0, 24);

const KEY = /^[0-9a-f]{24}$/;
/** Where the day of the first check is kept (no mail's key looks like it). */
const SINCE = "since";
export const isMailKey = (s: string): boolean => KEY.test(s);

/** The mailbox's records in a store; versions already read are remembered (a version never changes). */
export class MailRecords {
  private readonly read = new Map<string, MailRecord>();

  constructor(private readonly store: LedgerStore) {}

  /** The newest version of each mail's record, newest mail first. */
  async list(): Promise<MailRecord[]> {
    const newest = new Map<string, string>();
    for (const name of await this.store.configVersions("mail")) {
      const key = name.split("/")[2]!;
      if (!name.endsWith(".json") || !isMailKey(key)) continue;
      if ((newest.get(key) ?? "") < name) newest.set(key, name);
    }
    const records = await Promise.all([...newest.values()].map((name) => this.version(name)));
    return records.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  }

  async get(key: string): Promise<MailRecord | undefined> {
    let best: string | undefined;
    for (const name of await this.store.configVersions("mail")) if (name.startsWith(`config/mail/${key}/`) && name.endsWith(".json") && (best === undefined || name > best)) best = name;
    return best === undefined ? undefined : this.version(best);
  }

  async put(record: MailRecord, at: Date): Promise<void> {
    const name = await this.store.putConfig("mail", record.key, Buffer.from(JSON.stringify(record)), "json", at);
    this.read.set(name, record);
  }

  /**
   * The day mails are taken from (`YYYY-MM-DD`): the one given (`GONGKAI_MAIL_SINCE`), else the day the mailbox was
   * first checked, kept then — a mailbox full of older mail (last year's tables, other correspondence) is left alone.
   */
  async since(given: string | undefined, today: string, at: Date): Promise<string> {
    if (given !== undefined) return given;
    const names = (await this.store.configVersions("mail")).filter((n) => n.startsWith(`config/mail/${SINCE}/`)).sort();
    if (names.length > 0) return (await this.store.readConfig(names[0]!)).toString("utf8");
    await this.store.putConfig("mail", SINCE, Buffer.from(today), "txt", at);
    return today;
  }

  /** Keeps the mail as received, once per key. */
  async keepMessage(key: string, raw: Uint8Array, at: Date): Promise<void> {
    if ((await this.messageName(key)) !== undefined) return;
    await this.store.putConfig("mail", key, raw, "eml", at);
  }

  /** The mail as received, byte for byte. */
  async message(key: string): Promise<Buffer | undefined> {
    const name = await this.messageName(key);
    return name === undefined ? undefined : this.store.readConfig(name);
  }

  private async messageName(key: string): Promise<string | undefined> {
    return (await this.store.configVersions("mail")).find((n) => n.startsWith(`config/mail/${key}/`) && n.endsWith(".eml"));
  }

  private async version(name: string): Promise<MailRecord> {
    const known = this.read.get(name);
    if (known) return known;
    const record = JSON.parse((await this.store.readConfig(name)).toString("utf8")) as MailRecord;
    this.read.set(name, record);
    return record;
  }
}
