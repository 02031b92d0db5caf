/** What the service keeps, whatever it is kept in: the records, and the one interface both backends implement. */
import type { Review } from "../../core/index.js";
import type { StoreFault } from "../errors.js";

export type { Review };

/**
 * `tasks`: official tables by the round they were given for; `roster`: under `all`; `mapping`: the coordinator's
 * corrections to how a task list is read (JSON), under the key of the list they correct; `rounds`: the months the
 * coordinator opened or closed for submissions (JSON, under `all`); `letterhead`: the 通报's 版头 and 版记 settings
 * (JSON) by the round they were set for, later rounds inheriting them; `mail`: the office mailbox's records, under each
 * mail's key — the mail as received (.eml, once) and what became of it (JSON, a new version at each change).
 */
export type ConfigKind = "tasks" | "roster" | "mapping" | "rounds" | "letterhead" | "mail";

export type Outcome = "accepted" | "rejected" | "unreadable" | "forbidden";

export interface SubmissionRecord {
  id: string;
  round: string;
  unit: string;
  receivedAt: string;
  sha256: string;
  size: number;
  outcome: Outcome;
  errors: number;
  warnings: number;
  /** Why a file was not accepted, in words. */
  reason: string;
  /** For an unreadable file, the kind of fault (`WorkbookErrorKind`); "" otherwise. */
  fault: string;
}

export interface LatestRecord {
  round: string;
  unit: string;
  submissionId: string;
  receivedAt: string;
  errors: number;
  warnings: number;
}

export interface TokenRecord {
  tokenId: string;
  role: "unit" | "coordinator";
  unit: string;
  secretHash: string;
  createdAt: string;
  /** ISO instant after which the token no longer works; "" for never. */
  expiresAt: string;
  /** ISO instant it was revoked; "" while it is valid. */
  revokedAt: string;
}

/** The index entry as read, with what is needed to replace it safely. */
export interface LatestEntry<X> {
  latest: LatestRecord;
  extract: X | undefined;
  etag: string;
}

/** The HTTP status of an Azure SDK error (RestError), `undefined` when the request never got an answer. */
/** An entity (record plus extract) holds at most 1 MB on Azure Table: extracts are bounded for both backends. */
export const MAX_EXTRACT_CHARS = 400_000;

export interface Commit<X> {
  record: SubmissionRecord;
  /** Kept with the record (what the submitter is told again on a repeat). */
  extract: X;
  /** Kept with the latest entry (what the ledger is built from); defaults to `extract`. */
  latestExtract?: X;
  /** Make this the unit's latest: `etag` of the entry it replaces, or `null` to create the first one. */
  latest?: { next: LatestRecord; etag: string | null };
  /** The record is there already (a retry): replace it rather than create it. */
  recordExists?: boolean;
}

/** A write that lost a race: the record exists already, or the latest entry changed meanwhile. */
export class ConflictError extends Error {
  override readonly name = "ConflictError";
}

/** The HTTP status of an Azure SDK error (RestError), `undefined` when the request never got an answer. */
export const statusOf = (e: unknown): number | undefined =>
  e instanceof Error && e.name === "RestError" ? (e as Error & { statusCode?: number }).statusCode : undefined;

/** A write that lost a race (the entity was created or changed meanwhile), in either backend. */
export const isConflict = (e: unknown): boolean => e instanceof ConflictError || statusOf(e) === 409 || statusOf(e) === 412;

/**
 * What a store may say of itself beyond `ok`, for `GET /api/health` (the embedded store: all of it). Each detail is
 * absent when the store cannot tell.
 */
export interface StoreState {
  /** A submission can be accepted now. */
  ok: boolean;
  /** What is wrong, in words (which file, what to do), when not `ok`. */
  error?: string;
  fault?: StoreFault;
  /** The database and the folder of received files can be written. */
  writable?: boolean;
  /** Free space on the data's disk, in bytes. */
  freeBytes?: number;
  /** The database's integrity as checked when it was opened ("ok", "corrupt", "unchecked"). */
  integrity?: string;
  /** Another program holds the store right now: writes wait for it. */
  busy?: boolean;
  /** The database file. */
  database?: string;
}

/**
 * The service's storage: received files (create-only), per round a record of every submission and the
 * index of each unit's latest accepted one (written together, with optimistic concurrency), tokens, and
 * the coordinator's configuration (every version kept). Every fault that is not the caller's is
 * `StorageUnavailableError` (HTTP 503).
 */
export interface LedgerStore {
  /** Creates what the store needs once per process (again after a failure). */
  ensureReady(): Promise<void>;
  /** Can storage be reached? Never throws. */
  health(): Promise<{ ok: boolean; error?: string }>;
  /** Its state in detail (writable, space left, integrity at start), for a store that can tell; never throws. */
  state?(): Promise<StoreState>;
  /** The received file, byte for byte; never overwritten ("exists" when these bytes are there already). */
  archiveFile(round: string, id: string, bytes: Uint8Array): Promise<"created" | "exists">;
  readFile(round: string, id: string): Promise<Buffer | undefined>;
  /**
   * Keeps what was read from an accepted file (its report, JSON) apart from the index, whatever its size: the index
   * holds what is bounded, the report as many rows as the file had. Create-only ("exists" when it is there already).
   */
  putReport(round: string, id: string, json: string): Promise<"created" | "exists">;
  readReport(round: string, id: string): Promise<string | undefined>;
  /** Deletes a received file and any report read from it (the coordinator purging refused files; the record stays); `false` when the file was not there. */
  removeFile(round: string, id: string): Promise<boolean>;
  getSubmission<X>(round: string, id: string): Promise<{ record: SubmissionRecord; extract: X | undefined } | undefined>;
  getLatest<X>(round: string, unit: string): Promise<LatestEntry<X> | undefined>;
  /**
   * Writes a submission's record and, when given, the unit's new latest entry, in one transaction: both
   * or neither. A record that exists already, or a latest entry changed meanwhile, fails the whole
   * transaction (`isConflict`).
   */
  commit<X>(c: Commit<X>): Promise<void>;
  /**
   * Every submission of a round (records only, not their extracts); with `of`, only one unit's received at or after
   * `since` (an ISO time) — the day's quota asks this at every upload, so the store filters, not the caller.
   */
  listSubmissions(round: string, of?: { unit: string; since: string }): Promise<SubmissionRecord[]>;
  /** The latest accepted submission of each unit in a round, with its extract when asked for. */
  listLatest<X = never>(round: string, withExtract?: boolean): Promise<{ latest: LatestRecord; extract: X | undefined }[]>;
  putToken(t: TokenRecord): Promise<void>;
  getToken(tokenId: string): Promise<TokenRecord | undefined>;
  /** Every token issued (hashes only: a secret is never stored). */
  listTokens(): Promise<TokenRecord[]>;
  /** Marks a token revoked; `false` when there is no such token. */
  revokeToken(tokenId: string, at: Date): Promise<boolean>;
  /** Keeps a coordinator's review for ever (create-only: a review is never changed, a later one supersedes it). */
  addReview(r: Review): Promise<void>;
  /** Every review taken, oldest first. */
  listReviews(): Promise<Review[]>;
  /** Keeps a new version of a configuration file (create-only); returns its name. */
  putConfig(kind: ConfigKind, key: string, bytes: Uint8Array, ext: string, at: Date): Promise<string>;
  /** Every stored version of a kind of configuration, by name (`config/{kind}/{key}/{stamp}.{ext}`). */
  configVersions(kind: ConfigKind): Promise<string[]>;
  readConfig(name: string): Promise<Buffer>;
}

/** `config/tasks/2022-03/20220301T080000000Z-ab12cd34.xlsx`: sorted by key, then by time. */
export const configName = (kind: ConfigKind, key: string, at: Date, unique: string, ext: string): string =>
  `config/${kind}/${key}/${at.toISOString().replace(/[-:.]/g, "")}-${unique}.${ext}`;

/** The newest version under the latest key not after `upTo` (a round inherits the last list given before it). */
export async function latestConfig(store: LedgerStore, kind: ConfigKind, upTo?: string): Promise<{ name: string; key: string; bytes: Buffer } | undefined> {
  const best = latestVersion(await store.configVersions(kind), upTo);
  return best ? { ...best, bytes: await store.readConfig(best.name) } : undefined;
}

/** The newest version stored under exactly `key` (a mapping belongs to one task list, never inherited by another). */
export async function configOf(store: LedgerStore, kind: ConfigKind, key: string): Promise<{ name: string; key: string; bytes: Buffer } | undefined> {
  const best = versionOf(await store.configVersions(kind), key);
  return best ? { ...best, bytes: await store.readConfig(best.name) } : undefined;
}

/** Is `a` later than `b`? Ties broken by id so that every writer agrees. */
export function isLater(a: Pick<LatestRecord, "receivedAt" | "submissionId">, b: Pick<LatestRecord, "receivedAt" | "submissionId">): boolean {
  return a.receivedAt > b.receivedAt || (a.receivedAt === b.receivedAt && a.submissionId > b.submissionId);
}

/** Of stored configuration versions, the newest under the latest key not after `upTo`. */
export function latestVersion(names: readonly string[], upTo?: string): { name: string; key: string } | undefined {
  let best: { name: string; key: string } | undefined;
  for (const name of names) {
    const key = name.split("/")[2] ?? "";
    if (upTo !== undefined && key > upTo) continue;
    if (!best || key > best.key || (key === best.key && name > best.name)) best = { name, key };
  }
  return best;
}

/** Of stored configuration versions, the newest under exactly `key`. */
export function versionOf(names: readonly string[], key: string): { name: string; key: string } | undefined {
  const best = latestVersion(names, key);
  return best?.key === key ? best : undefined;
}
