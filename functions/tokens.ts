/** API tokens: random, shown once, stored only as a hash, checked in constant time; issued for a whole roster; `tokens.txt`. */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { labelKey, similarity, within, type RosterIndex } from "../core/index.js";
import type { Settings } from "./config.js";
import type { LedgerStore, TokenRecord } from "./storage/store.js";

/** Who a token stands for (and, once verified, which token: a review records who decided). */
export type Principal = ({ role: "coordinator"; unit: "" } | { role: "unit"; unit: string }) & { tokenId?: string };

const TOKEN = /^gk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const hash = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");

/** Issues a token for a unit or for the coordinator (valid for `days`, or until revoked); returns the token, which is not stored. */
export async function issueToken(store: LedgerStore, who: Principal, now = new Date(), days?: number): Promise<string> {
  const tokenId = randomBytes(8).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  const expiresAt = days === undefined ? "" : new Date(now.getTime() + days * 86_400_000).toISOString();
  const record: TokenRecord = { tokenId, role: who.role, unit: who.unit, secretHash: hash(secret), createdAt: now.toISOString(), expiresAt, revokedAt: "" };
  await store.putToken(record);
  return `gk_${tokenId}_${secret}`;
}

/** The principal a token stands for, or `undefined` for a malformed, unknown, wrong, expired or revoked token. */
export async function verifyToken(store: LedgerStore, token: string, now = new Date()): Promise<Principal | undefined> {
  const m = TOKEN.exec(token.trim());
  if (!m) return undefined;
  const record = await store.getToken(m[1]!);
  if (!record) return undefined;
  const given = Buffer.from(hash(m[2]!), "hex");
  const stored = Buffer.from(record.secretHash, "hex");
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) return undefined;
  if (record.revokedAt !== "" || (record.expiresAt !== "" && record.expiresAt <= now.toISOString())) return undefined;
  return record.role === "coordinator" ? { role: "coordinator", unit: "", tokenId: record.tokenId } : { role: "unit", unit: record.unit, tokenId: record.tokenId };
}

/** Whether a stored token still works (not revoked, not expired). */
const active = (t: TokenRecord, now: Date) => t.revokedAt === "" && (t.expiresAt === "" || t.expiresAt > now.toISOString());

/** Issuing for a whole roster, one at a time per store: two clicks at once never give a unit two tokens. */
const issuing = new WeakMap<LedgerStore, Promise<unknown>>();

/**
 * A token for every unit of `units` that has no active one (in the roster's order); the units that have one already
 * apart (their secrets cannot be shown again). The new tokens are returned, not stored.
 */
export function issueForUnits(
  store: LedgerStore,
  units: readonly string[],
  now = new Date(),
  days?: number,
): Promise<{ issued: { unit: string; token: string }[]; existing: string[] }> {
  const run = async () => {
    const have = new Set((await store.listTokens()).filter((t) => t.role === "unit" && active(t, now)).map((t) => t.unit));
    const issued: { unit: string; token: string }[] = [];
    const existing: string[] = [];
    for (const unit of new Set(units)) {
      if (have.has(unit)) existing.push(unit);
      else issued.push({ unit, token: await issueToken(store, { role: "unit", unit }, now, days) });
    }
    return { issued, existing };
  };
  const next = (issuing.get(store) ?? Promise.resolve()).catch(() => undefined).then(run);
  issuing.set(store, next);
  return next;
}

/** Who the coordinator's line of `tokens.txt` stands for. */
export const COORDINATOR_LINE = "汇总人";

/** The `单位<TAB>令牌` lines of a `tokens.txt` (comments and blank lines skipped), in order. */
export function parseTokensFile(text: string): [string, string][] {
  const lines: [string, string][] = [];
  for (const line of text.split("\n")) {
    const [who, token] = line.replace(/\r$/, "").split("\t");
    if (!who || !token || who.startsWith("#")) continue;
    lines.push([who, token]);
  }
  return lines;
}

/** `tokens.txt` of the embedded store's data folder (`undefined` on Azure Storage: there is no folder of the service's). */
export function tokensFileOf(settings: Settings): string | undefined {
  return settings.storage.kind === "embedded" ? join(settings.storage.dir, "tokens.txt") : undefined;
}

/** Writes `tokens.txt`: a comment, then one `单位<TAB>令牌` a line; readable by its owner only (0600), never half-written. */
export async function writeTokensFile(file: string, comment: string, lines: Iterable<[string, string]>): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const text = [`# ${comment}：单位<TAB>令牌`, ...[...lines].map(([who, token]) => `${who}\t${token}`), ""].join("\n");
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}

/**
 * Brings `tokens.txt` to the roster in use: newly issued tokens added (a unit's line replaced), the coordinator's and
 * the roster's units' lines kept, other units' lines left out (a sample unit's, once a roster of one's own is in:
 * their tokens stay valid until revoked) — so that the file and the next start use the roster's tokens only.
 */
export async function addToTokensFile(file: string, issued: readonly { unit: string; token: string }[], comment: string, rosterUnits: readonly string[]): Promise<void> {
  const before = parseTokensFile(await readFile(file, "utf8").catch(() => ""));
  const keep = new Set([COORDINATOR_LINE, ...rosterUnits]);
  const lines = new Map(before.filter(([who]) => keep.has(who)));
  for (const { unit, token } of issued) lines.set(unit, token);
  if (issued.length === 0 && lines.size === before.length) return;
  await writeTokensFile(file, comment, lines);
}

/**
 * A short form as people make one (`住建局` of `市住房城乡建设局`, `发改委` of `市发展改革委`): three characters or more,
 * each found in the full name in order, ending as it ends (the kind of body: 局, 委, 办).
 */
function shortFor(short: string, full: string): boolean {
  const s = [...short];
  const f = [...full];
  return s.length >= 3 && s.length < f.length && s.at(-1) === f.at(-1) && within(s, f);
}

/**
 * Roster names nearest to a name the roster does not know (`财政` → `市财政局`), best first: by the pairs of characters
 * they share with the name or one of the unit's aliases, one written inside the other, or a short form of it. For "是否指：…".
 */
export function nearestUnits(roster: RosterIndex, asked: string, n = 3): string[] {
  const key = labelKey(asked);
  const likeness = (name: string) => {
    const other = labelKey(name);
    if (other === "" || key === "") return 0;
    // how alike, as rows are matched to tasks (core's Dice of character pairs)
    const dice = similarity(key, other);
    const inside = [...key].length >= 2 && [...other].length >= 2 && (other.includes(key) || key.includes(other));
    return Math.max(dice, inside ? 0.6 : 0, shortFor(key, other) ? 0.5 : 0);
  };
  return roster.roster.units
    .map((u, i) => ({ name: u.name, i, score: Math.max(likeness(u.name), ...u.aliases.map(likeness)) }))
    .filter((u) => u.score >= 0.34)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, n)
    .map((u) => u.name);
}
