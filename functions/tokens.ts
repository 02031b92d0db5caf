/** API tokens: random, shown once, stored only as a hash, checked in constant time. */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
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
