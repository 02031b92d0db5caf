/**
 * The embedded backend, the default of `npm start` and of a county's own server: a data folder with every
 * received file (`files/{round}/{id}.xlsx`) and a SQLite index (`gongkai.db`).
 *
 * Durable before it answers: a file is written to a temporary name, fsynced, linked to its final name
 * (create-only: a link never replaces) and its folder fsynced; the index is SQLite in WAL mode with
 * `synchronous=FULL`, so a committed transaction survives a power cut. better-sqlite3 is SQLite itself
 * (not an emulation), builds from the npm registry alone, and its synchronous calls suit one short
 * transaction per submission.
 */
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { constants } from "node:fs";
import { access, link, mkdir, open, readFile, readdir, rm, statfs, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { StorageUnavailableError, type StoreFault } from "../errors.js";
import {
  ConflictError,
  MAX_EXTRACT_CHARS,
  configName,
  type Commit,
  type ConfigKind,
  type LatestEntry,
  type LatestRecord,
  type LedgerStore,
  type Outcome,
  type Review,
  type SubmissionRecord,
  type TokenRecord,
} from "./types.js";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS submissions (
  round TEXT NOT NULL, id TEXT NOT NULL, unit TEXT NOT NULL, receivedAt TEXT NOT NULL, sha256 TEXT NOT NULL,
  size INTEGER NOT NULL, outcome TEXT NOT NULL, errors INTEGER NOT NULL, warnings INTEGER NOT NULL,
  reason TEXT NOT NULL, fault TEXT NOT NULL, extract TEXT, PRIMARY KEY (round, id));
CREATE INDEX IF NOT EXISTS submissions_by_unit ON submissions (round, unit, receivedAt);
CREATE TABLE IF NOT EXISTS latest (
  round TEXT NOT NULL, unit TEXT NOT NULL, submissionId TEXT NOT NULL, receivedAt TEXT NOT NULL,
  errors INTEGER NOT NULL, warnings INTEGER NOT NULL, extract TEXT, version INTEGER NOT NULL,
  PRIMARY KEY (round, unit));
CREATE TABLE IF NOT EXISTS tokens (
  tokenId TEXT PRIMARY KEY, role TEXT NOT NULL, unit TEXT NOT NULL, secretHash TEXT NOT NULL, createdAt TEXT NOT NULL,
  expiresAt TEXT NOT NULL DEFAULT '', revokedAt TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS orphans (round TEXT NOT NULL, id TEXT NOT NULL, announcedAt TEXT NOT NULL, PRIMARY KEY (round, id));
CREATE TABLE IF NOT EXISTS config (name TEXT PRIMARY KEY, kind TEXT NOT NULL, bytes BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS reviews (
  id TEXT PRIMARY KEY, round TEXT NOT NULL, task TEXT NOT NULL, label TEXT NOT NULL, unit TEXT NOT NULL,
  decision TEXT NOT NULL, comment TEXT NOT NULL, by TEXT NOT NULL, at TEXT NOT NULL, submission TEXT NOT NULL DEFAULT '',
  item TEXT NOT NULL DEFAULT '');
`;

/** Columns added after a data folder may have been made: each added to an older database at open. */
const ADDED_COLUMNS: { table: string; column: string; definition: string }[] = [
  { table: "reviews", column: "submission", definition: "TEXT NOT NULL DEFAULT ''" },
  // a decision on one of a unit's own items (细化分解); '' for one on the task itself
  { table: "reviews", column: "item", definition: "TEXT NOT NULL DEFAULT ''" },
];

type Row = Record<string, unknown>;

const json = (value: unknown): string | null => {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  if (text.length > MAX_EXTRACT_CHARS) throw new RangeError(`extract of ${text.length} characters is over ${MAX_EXTRACT_CHARS}`);
  return text;
};
const parsed = <X>(text: unknown): X | undefined => (typeof text === "string" ? (JSON.parse(text) as X) : undefined);

function toRecord(r: Row): SubmissionRecord {
  return {
    id: String(r.id),
    round: String(r.round),
    unit: String(r.unit),
    receivedAt: String(r.receivedAt),
    sha256: String(r.sha256),
    size: Number(r.size),
    outcome: r.outcome as Outcome,
    errors: Number(r.errors),
    warnings: Number(r.warnings),
    reason: String(r.reason),
    fault: String(r.fault),
  };
}

const toLatest = (r: Row): LatestRecord => ({
  round: String(r.round),
  unit: String(r.unit),
  submissionId: String(r.submissionId),
  receivedAt: String(r.receivedAt),
  errors: Number(r.errors),
  warnings: Number(r.warnings),
});

const toToken = (r: Row): TokenRecord => ({
  tokenId: String(r.tokenId),
  role: r.role as TokenRecord["role"],
  unit: String(r.unit),
  secretHash: String(r.secretHash),
  createdAt: String(r.createdAt),
  expiresAt: String(r.expiresAt),
  revokedAt: String(r.revokedAt),
});

/** A round or id as a file name: only what the service itself makes (`2022-03`, hex ids) is accepted. */
const SAFE = /^[0-9A-Za-z-]+$/;

/** A database error that passes once another program lets go of the database. */
const isBusy = (e: unknown): boolean => /^SQLITE_(BUSY|LOCKED)/.test(String((e as { code?: unknown }).code ?? ""));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface EmbeddedOptions {
  /**
   * How long a call waits for another program's lock on the database before it answers 503 "稍后重试". The wait is
   * asynchronous (SQLite's own busy wait is held to a few milliseconds): health and other requests go on meanwhile.
   */
  busyDeadlineMs: number;
  /** Below this much free space on the data folder's disk the store accepts no received file, and health says so (503). */
  minFreeBytes: number;
}

export const DEFAULT_EMBEDDED_OPTIONS: EmbeddedOptions = { busyDeadlineMs: 10_000, minFreeBytes: 100 * 1024 * 1024 };

/** What health reports of the embedded store. */
export interface EmbeddedHealth {
  ok: boolean;
  error?: string;
  fault?: StoreFault;
  /** The database and the folder of received files can be written. */
  writable: boolean;
  /** Free space on the data folder's disk, in bytes (`undefined` when it could not be read). */
  freeBytes: number | undefined;
  /** `PRAGMA quick_check` when the database was opened by this process. */
  integrity: "ok" | "corrupt" | "unchecked";
  /** Another program holds the database right now: writes wait for it (up to `busyDeadlineMs`). */
  busy: boolean;
  database: string;
}

export class EmbeddedStore implements LedgerStore {
  private db: Database.Database | undefined;
  private ready: Promise<void> | undefined;
  private integrity: EmbeddedHealth["integrity"] = "unchecked";
  private cleaned = false;
  /** Temporary files (`*.tmp`, left by a process killed mid-write or a full disk) removed when the store was opened. */
  temporaryFilesRemoved = 0;
  readonly options: EmbeddedOptions;

  constructor(
    readonly dir: string,
    options: Partial<EmbeddedOptions> = {},
  ) {
    this.options = { ...DEFAULT_EMBEDDED_OPTIONS, ...options };
  }

  static fileName = (round: string, id: string) => `files/${round}/${id}.xlsx`;

  /** The index's file. */
  get database(): string {
    return join(this.dir, "gongkai.db");
  }

  private path(round: string, id: string): string {
    if (!SAFE.test(round) || !SAFE.test(id)) throw new RangeError(`not a round and id: ${round} ${id}`);
    return join(this.dir, EmbeddedStore.fileName(round, id));
  }

  /** A fault of the database or of the data folder, named: which file, and what kind (what to do follows from it). */
  private fault(e: unknown): StorageUnavailableError {
    if (e instanceof StorageUnavailableError) return e;
    const code = String((e as { code?: unknown }).code ?? "");
    const path = (e as { path?: unknown }).path;
    const at = typeof path === "string" ? path : this.database;
    if (isBusy(e)) return new StorageUnavailableError(e, { kind: "busy", path: this.database });
    if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) {
      this.integrity = "corrupt"; // found in use, not only at open: health says so from now on
      return new StorageUnavailableError(e, { kind: "corrupt", path: this.database });
    }
    if (/^SQLITE_FULL/.test(code) || code === "ENOSPC" || code === "EDQUOT") return new StorageUnavailableError(e, { kind: "full", path: this.dir });
    if (code === "ENOTDIR" || code === "EEXIST") return new StorageUnavailableError(e, { kind: "not-a-folder", path: at });
    if (/^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/.test(code) || ["EACCES", "EPERM", "EROFS", "EISDIR"].includes(code)) {
      return new StorageUnavailableError(e, { kind: "read-only", path: at });
    }
    return new StorageUnavailableError(e, { kind: "unreachable", path: this.database });
  }

  /**
   * Runs `work` again while another program holds the database, waiting between tries on timers (never in a
   * synchronous busy wait that would stop every other request), up to `deadlineMs`; then a named 503.
   */
  private async retrying<T>(work: () => T, deadlineMs = this.options.busyDeadlineMs): Promise<T> {
    const deadline = Date.now() + deadlineMs;
    for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
      try {
        return work();
      } catch (e) {
        if (e instanceof ConflictError || e instanceof RangeError) throw e;
        if (!isBusy(e) || Date.now() + wait > deadline) throw this.fault(e);
      }
      await sleep(wait);
    }
  }

  ensureReady(): Promise<void> {
    this.ready ??= (async () => {
      await mkdir(join(this.dir, "files"), { recursive: true });
      if (!this.cleaned) {
        this.temporaryFilesRemoved = await removeTemporaryFiles(join(this.dir, "files"));
        this.cleaned = true;
      }
      this.db = await this.retrying(() => this.open());
    })().catch((e: unknown) => {
      const fault = this.fault(e);
      // A corrupted database stays so until someone restores it: not checked again at every request.
      if (fault.fault.kind !== "corrupt") this.ready = undefined;
      throw fault;
    });
    return this.ready;
  }

  private open(): Database.Database {
    const db = new Database(this.database);
    try {
      // A few milliseconds at most inside SQLite: longer waits are `retrying`'s, on timers.
      db.pragma("busy_timeout = 10");
      const check = String(db.pragma("quick_check", { simple: true }));
      this.integrity = check === "ok" ? "ok" : "corrupt";
      if (check !== "ok") throw Object.assign(new Error(`quick_check: ${check}`), { code: "SQLITE_CORRUPT" });
      if (!db.readonly) {
        db.pragma("journal_mode = WAL");
        db.pragma("synchronous = FULL");
        db.exec(SCHEMA);
        for (const { table, column, definition } of ADDED_COLUMNS) {
          const has = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).some((c) => c.name === column);
          if (!has) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
        }
      }
      return db;
    } catch (e) {
      db.close();
      throw e;
    }
  }

  /** A statement of the open database, prepared once: a submission runs the same few over and over. */
  private prepare(db: Database.Database, text: string): Database.Statement {
    let prepared = this.statements.get(db);
    if (!prepared) this.statements.set(db, (prepared = new Map()));
    let statement = prepared.get(text);
    if (!statement) prepared.set(text, (statement = db.prepare(text)));
    return statement;
  }
  private readonly statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

  /** The open database; SQLite's own faults (disk full, locked, corrupt, read-only) are the service's: 503, named. */
  private async sql<T>(work: (db: Database.Database) => T): Promise<T> {
    await this.ensureReady();
    // (a database SQLite could open only read-only still answers reads; a write fails SQLITE_READONLY, named)
    return this.retrying(() => work(this.db!));
  }

  /** Can storage be used? Never throws. */
  async health(): Promise<{ ok: boolean; error?: string }> {
    const s = await this.state();
    return s.ok ? { ok: true } : { ok: false, error: s.error ?? "" };
  }

  /** Can a submission be accepted now? The database's integrity (checked at open), writability and the disk's free space. */
  async state(): Promise<EmbeddedHealth> {
    const base = { database: this.database, busy: false, freeBytes: await freeSpace(this.dir) };
    try {
      await this.ensureReady();
    } catch (e) {
      const fault = this.fault(e);
      return { ...base, ok: false, error: fault.messageFor("health"), fault: fault.fault, writable: fault.fault.kind !== "read-only", integrity: this.integrity };
    }
    const unwritable = await this.unwritable();
    let busy = false;
    if (!unwritable) {
      try {
        // A write lock taken and let go at once: refused for a read-only database; busy when another program holds it.
        this.tryWrite(() => this.db!.exec("BEGIN IMMEDIATE; ROLLBACK;"));
      } catch (e) {
        if (isBusy(e)) busy = true;
        else {
          const fault = this.fault(e);
          return { ...base, ok: false, error: fault.messageFor("health"), fault: fault.fault, writable: fault.fault.kind !== "read-only", integrity: this.integrity };
        }
      }
    }
    const state = { ...base, busy, writable: !unwritable, integrity: this.integrity };
    if (this.integrity === "corrupt") {
      const fault = new StorageUnavailableError(undefined, { kind: "corrupt", path: this.database });
      return { ...state, ok: false, error: fault.messageFor("health"), fault: fault.fault };
    }
    if (unwritable) {
      const fault = new StorageUnavailableError(undefined, { kind: "read-only", path: unwritable });
      return { ...state, ok: false, error: fault.messageFor("health"), fault: fault.fault };
    }
    if (base.freeBytes !== undefined && base.freeBytes < this.options.minFreeBytes) {
      const fault = new StorageUnavailableError(undefined, { kind: "full", path: this.dir });
      return { ...state, ok: false, error: fault.messageFor("health"), fault: fault.fault };
    }
    return { ...state, ok: true };
  }

  /** One try, no wait: health must answer at once. */
  private tryWrite(work: () => void): void {
    if (this.db!.readonly) throw Object.assign(new Error("the database was opened read-only"), { code: "SQLITE_READONLY" });
    work();
  }

  /** The first of the database, its folder and the folder of received files that cannot be written, if any. */
  private async unwritable(): Promise<string | undefined> {
    const files = join(this.dir, "files");
    for (const path of [this.database, this.dir, files]) {
      try {
        await access(path, constants.W_OK);
      } catch {
        return path;
      }
    }
    // Permissions can say yes on a disk mounted read-only, or to root: a file actually made and removed.
    const probe = join(files, `.probe-${randomUUID()}.tmp`);
    try {
      await writeFile(probe, "");
      await rm(probe, { force: true });
      return undefined;
    } catch {
      return files;
    }
  }

  /** Lets go of the database, its write-ahead log checkpointed into `gongkai.db` (a copy of that file alone is whole). */
  close(): void {
    const db = this.db;
    this.db = undefined;
    this.ready = undefined;
    if (!db) return;
    try {
      if (!db.readonly) db.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      db.close();
    }
  }

  async archiveFile(round: string, id: string, bytes: Uint8Array): Promise<"created" | "exists"> {
    await this.ensureReady();
    // what health says is what a submission meets: below the margin nothing new is taken (the database keeps its room)
    const free = await freeSpace(this.dir);
    if (free !== undefined && free < this.options.minFreeBytes) throw new StorageUnavailableError(undefined, { kind: "full", path: this.dir });
    const path = this.path(round, id);
    try {
      return await writeDurably(path, bytes);
    } catch (e) {
      throw this.fault(e);
    }
  }

  async readFile(round: string, id: string): Promise<Buffer | undefined> {
    await this.ensureReady();
    try {
      return await readFile(this.path(round, id));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT" || e instanceof RangeError) return undefined;
      throw this.fault(e);
    }
  }

  /** Beside the file: `files/{round}/{id}.report.json`, written as durably. */
  async putReport(round: string, id: string, json: string): Promise<"created" | "exists"> {
    await this.ensureReady();
    try {
      return await writeDurably(this.path(round, id).replace(/\.xlsx$/, ".report.json"), new TextEncoder().encode(json));
    } catch (e) {
      throw this.fault(e);
    }
  }

  async readReport(round: string, id: string): Promise<string | undefined> {
    await this.ensureReady();
    try {
      return await readFile(this.path(round, id).replace(/\.xlsx$/, ".report.json"), "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT" || e instanceof RangeError) return undefined;
      throw this.fault(e);
    }
  }

  async removeFile(round: string, id: string): Promise<boolean> {
    await this.ensureReady();
    try {
      // the report read from it goes with it (a refused file has none; one the store failed to record may)
      await rm(this.path(round, id).replace(/\.xlsx$/, ".report.json"), { force: true });
      await rm(this.path(round, id));
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT" || e instanceof RangeError) return false;
      throw this.fault(e);
    }
  }

  getSubmission<X>(round: string, id: string): Promise<{ record: SubmissionRecord; extract: X | undefined } | undefined> {
    return this.sql((db) => {
      const r = this.prepare(db, "SELECT * FROM submissions WHERE round = ? AND id = ?").get(round, id) as Row | undefined;
      return r ? { record: toRecord(r), extract: parsed<X>(r.extract) } : undefined;
    });
  }

  getLatest<X>(round: string, unit: string): Promise<LatestEntry<X> | undefined> {
    return this.sql((db) => {
      const r = this.prepare(db, "SELECT * FROM latest WHERE round = ? AND unit = ?").get(round, unit) as Row | undefined;
      return r ? { latest: toLatest(r), extract: parsed<X>(r.extract), etag: String(r.version) } : undefined;
    });
  }

  commit<X>(c: Commit<X>): Promise<void> {
    const r = c.record;
    const extract = json(c.extract);
    const latestExtract = c.latest ? json(c.latestExtract ?? c.extract) : null;
    return this.sql((db) =>
      db.transaction(() => {
        const values = [r.round, r.id, r.unit, r.receivedAt, r.sha256, r.size, r.outcome, r.errors, r.warnings, r.reason, r.fault, extract];
        const verb = c.recordExists ? "INSERT OR REPLACE" : "INSERT OR IGNORE";
        const written = this.prepare(db, `${verb} INTO submissions VALUES (${values.map(() => "?").join(",")})`).run(...values);
        if (written.changes === 0) throw new ConflictError(`submission ${r.id} exists`);
        if (!c.latest) return;
        const n = c.latest.next;
        if (c.latest.etag === null) {
          const added = db
            .prepare("INSERT OR IGNORE INTO latest VALUES (?, ?, ?, ?, ?, ?, ?, 1)")
            .run(n.round, n.unit, n.submissionId, n.receivedAt, n.errors, n.warnings, latestExtract);
          if (added.changes === 0) throw new ConflictError(`latest of ${n.unit} exists`);
        } else {
          const changed = db
            .prepare("UPDATE latest SET submissionId = ?, receivedAt = ?, errors = ?, warnings = ?, extract = ?, version = version + 1 WHERE round = ? AND unit = ? AND version = ?")
            .run(n.submissionId, n.receivedAt, n.errors, n.warnings, latestExtract, n.round, n.unit, Number(c.latest.etag));
          if (changed.changes === 0) throw new ConflictError(`latest of ${n.unit} changed`);
        }
        // BEGIN IMMEDIATE: the write lock taken first, so that a busy database fails (and is retried) before any read
      }).immediate(),
    );
  }

  listSubmissions(round: string, of?: { unit: string; since: string }): Promise<SubmissionRecord[]> {
    const columns = "round, id, unit, receivedAt, sha256, size, outcome, errors, warnings, reason, fault";
    return this.sql((db) =>
      (of
        ? (this.prepare(db, `SELECT ${columns} FROM submissions WHERE round = ? AND unit = ? AND receivedAt >= ?`).all(round, of.unit, of.since) as Row[])
        : (this.prepare(db, `SELECT ${columns} FROM submissions WHERE round = ?`).all(round) as Row[])
      ).map(toRecord),
    );
  }

  listLatest<X = never>(round: string, withExtract = false): Promise<{ latest: LatestRecord; extract: X | undefined }[]> {
    return this.sql((db) =>
      (this.prepare(db, `SELECT round, unit, submissionId, receivedAt, errors, warnings${withExtract ? ", extract" : ""} FROM latest WHERE round = ?`).all(round) as Row[]).map(
        (r) => ({ latest: toLatest(r), extract: withExtract ? parsed<X>(r.extract) : undefined }),
      ),
    );
  }

  putToken(t: TokenRecord): Promise<void> {
    return this.sql((db) => {
      const added = db
        .prepare("INSERT OR IGNORE INTO tokens VALUES (?, ?, ?, ?, ?, ?, ?)")
        .run(t.tokenId, t.role, t.unit, t.secretHash, t.createdAt, t.expiresAt, t.revokedAt);
      if (added.changes === 0) throw new ConflictError(`token ${t.tokenId} exists`);
    });
  }

  getToken(tokenId: string): Promise<TokenRecord | undefined> {
    return this.sql((db) => {
      const r = this.prepare(db, "SELECT * FROM tokens WHERE tokenId = ?").get(tokenId) as Row | undefined;
      return r ? toToken(r) : undefined;
    });
  }

  listTokens(): Promise<TokenRecord[]> {
    return this.sql((db) => (this.prepare(db, "SELECT * FROM tokens ORDER BY createdAt").all() as Row[]).map(toToken));
  }

  revokeToken(tokenId: string, at: Date): Promise<boolean> {
    return this.sql((db) => this.prepare(db, "UPDATE tokens SET revokedAt = ? WHERE tokenId = ?").run(at.toISOString(), tokenId).changes > 0);
  }

  addReview(r: Review): Promise<void> {
    return this.sql((db) => {
      const added = db
        .prepare("INSERT OR IGNORE INTO reviews (id, round, task, label, unit, decision, comment, by, at, submission, item) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .run(r.id, r.round, r.task, r.label, r.unit, r.decision, r.comment, r.by, r.at, r.submission, r.item ?? "");
      if (added.changes === 0) throw new ConflictError(`review ${r.id} exists`);
    });
  }

  listReviews(): Promise<Review[]> {
    return this.sql((db) =>
      (this.prepare(db, "SELECT * FROM reviews ORDER BY at, id").all() as (Omit<Review, "item"> & { item: string })[]).map(({ item, ...r }) => ({ ...r, ...(item !== "" ? { item } : {}) })),
    );
  }

  putConfig(kind: ConfigKind, key: string, bytes: Uint8Array, ext: string, at: Date): Promise<string> {
    const name = configName(kind, key, at, randomUUID().slice(0, 8), ext);
    return this.sql((db) => {
      this.prepare(db, "INSERT INTO config VALUES (?, ?, ?)").run(name, kind, Buffer.from(bytes));
      return name;
    });
  }

  configVersions(kind: ConfigKind): Promise<string[]> {
    return this.sql((db) => (this.prepare(db, "SELECT name FROM config WHERE kind = ?").all(kind) as { name: string }[]).map((r) => r.name));
  }

  readConfig(name: string): Promise<Buffer> {
    return this.sql((db) => {
      const r = this.prepare(db, "SELECT bytes FROM config WHERE name = ?").get(name) as { bytes: Buffer } | undefined;
      if (!r) throw new StorageUnavailableError(new Error(`no configuration ${name}`));
      return r.bytes;
    });
  }

  /**
   * Files with no record: left by a crash between archiving and recording (the submitter got no answer
   * and will send again). Listed at start so that nothing is silently dropped.
   */
  async orphans(): Promise<{ round: string; id: string }[]> {
    await this.ensureReady();
    const out: { round: string; id: string }[] = [];
    const rounds = await readdir(join(this.dir, "files")).catch(() => [] as string[]);
    for (const round of rounds) {
      const names = await readdir(join(this.dir, "files", round)).catch(() => [] as string[]);
      for (const name of names) {
        if (!name.endsWith(".xlsx")) continue;
        const id = name.slice(0, -".xlsx".length);
        if (!(await this.getSubmission(round, id))) out.push({ round, id });
      }
    }
    return out;
  }

  /** Orphans not announced before, noted as announced now: each is told once, not at every start. */
  async newOrphans(at: Date): Promise<{ round: string; id: string }[]> {
    const all = await this.orphans();
    return this.sql((db) =>
      db.transaction(() => {
        const add = this.prepare(db, "INSERT OR IGNORE INTO orphans VALUES (?, ?, ?)");
        return all.filter((o) => add.run(o.round, o.id, at.toISOString()).changes > 0);
      }).immediate(),
    );
  }
}

/** Removes what a write killed midway left (`*.tmp` beside the received files); returns how many. */
async function removeTemporaryFiles(files: string): Promise<number> {
  let removed = 0;
  for (const round of await readdir(files).catch(() => [] as string[])) {
    const names = await readdir(join(files, round)).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith(".tmp"))) {
      await rm(join(files, round, name), { force: true });
      removed++;
    }
  }
  return removed;
}

/** Free space for this process on the disk of `dir`, in bytes. */
async function freeSpace(dir: string): Promise<number | undefined> {
  try {
    const s = await statfs(dir);
    return s.bavail * s.bsize;
  } catch {
    return undefined; // not there yet, or not a folder: health names the fault from opening the store
  }
}

/**
 * Writes `bytes` at `path` so that, once this returns, they survive a power cut: a temporary file,
 * fsynced, then linked to its name (fails if the name exists: nothing is ever overwritten), then the
 * folder fsynced so that the name itself is durable.
 */
async function writeDurably(path: string, bytes: Uint8Array): Promise<"created" | "exists"> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  const tmp = `${path}.${randomUUID()}.tmp`;
  const handle = await open(tmp, "wx", 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (e) {
    // a full disk, say: no half-written file left behind (one a killed process leaves is removed at the next start)
    await handle.close();
    await rm(tmp, { force: true });
    throw e;
  }
  await handle.close();
  let outcome: "created" | "exists" = "created";
  try {
    await link(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    outcome = "exists";
  } finally {
    await rm(tmp, { force: true });
  }
  // asynchronous like the rest: a slow disk holds this submission, not the request loop
  const dir = await open(folder, "r");
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
  return outcome;
}
