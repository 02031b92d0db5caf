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
import { closeSync, fsyncSync, openSync } from "node:fs";
import { link, mkdir, open, readFile, readdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { StorageUnavailableError } from "../errors.js";
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
CREATE TABLE IF NOT EXISTS latest (
  round TEXT NOT NULL, unit TEXT NOT NULL, submissionId TEXT NOT NULL, receivedAt TEXT NOT NULL,
  errors INTEGER NOT NULL, warnings INTEGER NOT NULL, extract TEXT, version INTEGER NOT NULL,
  PRIMARY KEY (round, unit));
CREATE TABLE IF NOT EXISTS tokens (
  tokenId TEXT PRIMARY KEY, role TEXT NOT NULL, unit TEXT NOT NULL, secretHash TEXT NOT NULL, createdAt TEXT NOT NULL,
  expiresAt TEXT NOT NULL DEFAULT '', revokedAt TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS config (name TEXT PRIMARY KEY, kind TEXT NOT NULL, bytes BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS reviews (
  id TEXT PRIMARY KEY, round TEXT NOT NULL, task TEXT NOT NULL, label TEXT NOT NULL, unit TEXT NOT NULL,
  decision TEXT NOT NULL, comment TEXT NOT NULL, by TEXT NOT NULL, at TEXT NOT NULL, submission TEXT NOT NULL DEFAULT '');
`;

/** Columns added after a data folder may have been made: each added to an older database at open. */
const ADDED_COLUMNS: { table: string; column: string; definition: string }[] = [{ table: "reviews", column: "submission", definition: "TEXT NOT NULL DEFAULT ''" }];

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

export class EmbeddedStore implements LedgerStore {
  private db: Database.Database | undefined;
  private ready: Promise<void> | undefined;

  constructor(readonly dir: string) {}

  static fileName = (round: string, id: string) => `files/${round}/${id}.xlsx`;

  private path(round: string, id: string): string {
    if (!SAFE.test(round) || !SAFE.test(id)) throw new RangeError(`not a round and id: ${round} ${id}`);
    return join(this.dir, EmbeddedStore.fileName(round, id));
  }

  ensureReady(): Promise<void> {
    this.ready ??= (async () => {
      await mkdir(join(this.dir, "files"), { recursive: true });
      const db = new Database(join(this.dir, "gongkai.db"));
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = FULL");
      db.pragma("busy_timeout = 5000");
      db.exec(SCHEMA);
      for (const { table, column, definition } of ADDED_COLUMNS) {
        const has = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).some((c) => c.name === column);
        if (!has) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
      }
      this.db = db;
    })().catch((e: unknown) => {
      this.ready = undefined;
      throw new StorageUnavailableError(e);
    });
    return this.ready;
  }

  /** The open database; SQLite's own faults (disk full, locked, corrupt) are the service's: 503. */
  private async sql<T>(work: (db: Database.Database) => T): Promise<T> {
    await this.ensureReady();
    try {
      return work(this.db!);
    } catch (e) {
      if (e instanceof ConflictError || e instanceof RangeError) throw e;
      throw new StorageUnavailableError(e);
    }
  }

  async health(): Promise<{ ok: boolean; error?: string }> {
    try {
      await this.sql((db) => db.prepare("SELECT 1").get());
      return { ok: true };
    } catch (e) {
      return { ok: false, error: e instanceof Error ? String(e.cause ?? e.message) : String(e) };
    }
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
    this.ready = undefined;
  }

  async archiveFile(round: string, id: string, bytes: Uint8Array): Promise<"created" | "exists"> {
    await this.ensureReady();
    const path = this.path(round, id);
    try {
      return await writeDurably(path, bytes);
    } catch (e) {
      throw new StorageUnavailableError(e);
    }
  }

  async readFile(round: string, id: string): Promise<Buffer | undefined> {
    await this.ensureReady();
    try {
      return await readFile(this.path(round, id));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT" || e instanceof RangeError) return undefined;
      throw new StorageUnavailableError(e);
    }
  }

  async removeFile(round: string, id: string): Promise<boolean> {
    await this.ensureReady();
    try {
      await rm(this.path(round, id));
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT" || e instanceof RangeError) return false;
      throw new StorageUnavailableError(e);
    }
  }

  getSubmission<X>(round: string, id: string): Promise<{ record: SubmissionRecord; extract: X | undefined } | undefined> {
    return this.sql((db) => {
      const r = db.prepare("SELECT * FROM submissions WHERE round = ? AND id = ?").get(round, id) as Row | undefined;
      return r ? { record: toRecord(r), extract: parsed<X>(r.extract) } : undefined;
    });
  }

  getLatest<X>(round: string, unit: string): Promise<LatestEntry<X> | undefined> {
    return this.sql((db) => {
      const r = db.prepare("SELECT * FROM latest WHERE round = ? AND unit = ?").get(round, unit) as Row | undefined;
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
        const written = db.prepare(`${verb} INTO submissions VALUES (${values.map(() => "?").join(",")})`).run(...values);
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
      })(),
    );
  }

  listSubmissions(round: string): Promise<SubmissionRecord[]> {
    return this.sql((db) =>
      (db.prepare("SELECT round, id, unit, receivedAt, sha256, size, outcome, errors, warnings, reason, fault FROM submissions WHERE round = ?").all(round) as Row[]).map(toRecord),
    );
  }

  listLatest<X = never>(round: string, withExtract = false): Promise<{ latest: LatestRecord; extract: X | undefined }[]> {
    return this.sql((db) =>
      (db.prepare(`SELECT round, unit, submissionId, receivedAt, errors, warnings${withExtract ? ", extract" : ""} FROM latest WHERE round = ?`).all(round) as Row[]).map(
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
      const r = db.prepare("SELECT * FROM tokens WHERE tokenId = ?").get(tokenId) as Row | undefined;
      return r ? toToken(r) : undefined;
    });
  }

  listTokens(): Promise<TokenRecord[]> {
    return this.sql((db) => (db.prepare("SELECT * FROM tokens ORDER BY createdAt").all() as Row[]).map(toToken));
  }

  revokeToken(tokenId: string, at: Date): Promise<boolean> {
    return this.sql((db) => db.prepare("UPDATE tokens SET revokedAt = ? WHERE tokenId = ?").run(at.toISOString(), tokenId).changes > 0);
  }

  addReview(r: Review): Promise<void> {
    return this.sql((db) => {
      const added = db
        .prepare("INSERT OR IGNORE INTO reviews (id, round, task, label, unit, decision, comment, by, at, submission) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .run(r.id, r.round, r.task, r.label, r.unit, r.decision, r.comment, r.by, r.at, r.submission);
      if (added.changes === 0) throw new ConflictError(`review ${r.id} exists`);
    });
  }

  listReviews(): Promise<Review[]> {
    return this.sql((db) => (db.prepare("SELECT * FROM reviews ORDER BY at, id").all() as Review[]).map((r) => ({ ...r })));
  }

  putConfig(kind: ConfigKind, key: string, bytes: Uint8Array, ext: string, at: Date): Promise<string> {
    const name = configName(kind, key, at, randomUUID().slice(0, 8), ext);
    return this.sql((db) => {
      db.prepare("INSERT INTO config VALUES (?, ?, ?)").run(name, kind, Buffer.from(bytes));
      return name;
    });
  }

  configVersions(kind: ConfigKind): Promise<string[]> {
    return this.sql((db) => (db.prepare("SELECT name FROM config WHERE kind = ?").all(kind) as { name: string }[]).map((r) => r.name));
  }

  readConfig(name: string): Promise<Buffer> {
    return this.sql((db) => {
      const r = db.prepare("SELECT bytes FROM config WHERE name = ?").get(name) as { bytes: Buffer } | undefined;
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
      for (const name of await readdir(join(this.dir, "files", round))) {
        if (!name.endsWith(".xlsx")) continue;
        const id = name.slice(0, -".xlsx".length);
        if (!(await this.getSubmission(round, id))) out.push({ round, id });
      }
    }
    return out;
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
  } finally {
    await handle.close();
  }
  let outcome: "created" | "exists" = "created";
  try {
    await link(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    outcome = "exists";
  } finally {
    await rm(tmp, { force: true });
  }
  const fd = openSync(folder, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return outcome;
}
