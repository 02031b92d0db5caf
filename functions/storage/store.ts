/**
 * Everything the service keeps, on Azure Blob (received files, create-only) and Azure Table (one table
 * per deployment: per round, a record of every submission and the index of each unit's latest accepted
 * one, written together in one transaction; and the tokens). Every storage fault that is not the
 * caller's becomes `StorageUnavailableError` (HTTP 503).
 */
import { odata, type TableClient, type TableEntity, type TableEntityResult, type TransactionAction } from "@azure/data-tables";
import type { ContainerClient } from "@azure/storage-blob";
import { randomUUID } from "node:crypto";
import { StorageUnavailableError } from "../errors.js";
import { createClients } from "./connection.js";

export const CONTAINER = "gongkai";
export const TABLES = { ledger: "gongkaiLedger", tokens: "gongkaiTokens" } as const;

export type ConfigKind = "tasks" | "roster";

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
}

/** The index entry as read, with what is needed to replace it safely. */
export interface LatestEntry<X> {
  latest: LatestRecord;
  extract: X | undefined;
  etag: string;
}

/** The HTTP status of an Azure SDK error (RestError), `undefined` when the request never got an answer. */
const statusOf = (e: unknown): number | undefined =>
  e instanceof Error && e.name === "RestError" ? (e as Error & { statusCode?: number }).statusCode : undefined;

/** A write that lost a race (the entity was created or changed meanwhile). */
export const isConflict = (e: unknown): boolean => statusOf(e) === 409 || statusOf(e) === 412;

/** Runs a storage call; faults of the service (unreachable, 5xx) become `StorageUnavailableError`. */
async function storage<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    const status = statusOf(e);
    if (status === undefined || status >= 500 || status === 408 || status === 429) throw new StorageUnavailableError(e);
    throw e;
  }
}

async function orUndefined<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (e) {
    if (statusOf(e) === 404) return undefined;
    throw e;
  }
}

const SUB = "s:";
const LATEST = "u:";
const subKey = (id: string) => `${SUB}${id}`;
const latestKey = (unit: string) => `${LATEST}${encodeURIComponent(unit)}`;

/** A table property holds at most 32K UTF-16 characters: large JSON is spread over `x0`, `x1`, … */
const CHUNK = 16_000;
/** An entity holds at most 1 MB. */
export const MAX_EXTRACT_CHARS = 400_000;

function chunked(value: unknown): Record<string, string | number> {
  if (value === undefined) return {};
  const text = JSON.stringify(value);
  if (text.length > MAX_EXTRACT_CHARS) throw new RangeError(`extract of ${text.length} characters is over ${MAX_EXTRACT_CHARS}`);
  const out: Record<string, string | number> = { xn: Math.ceil(text.length / CHUNK) };
  for (let i = 0; i * CHUNK < text.length; i++) out[`x${i}`] = text.slice(i * CHUNK, (i + 1) * CHUNK);
  return out;
}

function unchunked<X>(e: Record<string, unknown>): X | undefined {
  const n = Number(e.xn ?? 0);
  if (n === 0) return undefined;
  let text = "";
  for (let i = 0; i < n; i++) text += String(e[`x${i}`] ?? "");
  return JSON.parse(text) as X;
}

const RECORD_FIELDS = ["unit", "receivedAt", "sha256", "size", "outcome", "errors", "warnings", "reason", "fault"] as const;
const LATEST_FIELDS = ["unit", "submissionId", "receivedAt", "errors", "warnings"] as const;

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

export class LedgerStore {
  private readonly container: ContainerClient;
  private readonly ledger: TableClient;
  private readonly tokens: TableClient;
  private ready: Promise<void> | undefined;

  constructor(connectionString: string) {
    const clients = createClients(connectionString);
    this.container = clients.blobs.getContainerClient(CONTAINER);
    this.ledger = clients.table(TABLES.ledger);
    this.tokens = clients.table(TABLES.tokens);
  }

  /** Creates the container and tables once per process (again after a failure). */
  ensureReady(): Promise<void> {
    this.ready ??= storage(async () => {
      await this.container.createIfNotExists();
      for (const t of [this.ledger, this.tokens]) {
        try {
          await t.createTable();
        } catch (e) {
          if (statusOf(e) !== 409) throw e;
        }
      }
    }).catch((e: unknown) => {
      this.ready = undefined;
      throw e;
    });
    return this.ready;
  }

  /** Can storage be reached? Never throws. */
  async health(): Promise<{ ok: boolean; error?: string }> {
    try {
      await storage(async () => {
        await orUndefined(() => this.container.getProperties());
        await orUndefined(() => this.tokens.getAccessPolicy());
      });
      return { ok: true };
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }

  // ---- received files: create-only blobs ----

  static fileName = (round: string, id: string) => `files/${round}/${id}.xlsx`;

  /** The received file, byte for byte; never overwritten ("exists" when these bytes are there already). */
  async archiveFile(round: string, id: string, bytes: Uint8Array): Promise<"created" | "exists"> {
    await this.ensureReady();
    return storage(async () => {
      try {
        await this.container.getBlockBlobClient(LedgerStore.fileName(round, id)).uploadData(bytes, {
          conditions: { ifNoneMatch: "*" },
          blobHTTPHeaders: { blobContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        });
        return "created" as const;
      } catch (e) {
        if (isConflict(e)) return "exists" as const;
        throw e;
      }
    });
  }

  async readFile(round: string, id: string): Promise<Buffer | undefined> {
    await this.ensureReady();
    return storage(() => orUndefined(() => this.container.getBlockBlobClient(LedgerStore.fileName(round, id)).downloadToBuffer()));
  }

  // ---- the coordinator's configuration: task lists per round, the roster; every version kept ----

  /** `config/tasks/2022-03/20220301T080000000Z-ab12cd34.xlsx`: sorted by key, then by time. */
  static configName = (kind: ConfigKind, key: string, stamp: string, ext: string) => `config/${kind}/${key}/${stamp}.${ext}`;

  /** Keeps a new version of a configuration file (create-only: an earlier version is never overwritten). */
  async putConfig(kind: ConfigKind, key: string, bytes: Uint8Array, ext: string, at: Date): Promise<string> {
    await this.ensureReady();
    const stamp = `${at.toISOString().replace(/[-:.]/g, "")}-${randomUUID().slice(0, 8)}`;
    const name = LedgerStore.configName(kind, key, stamp, ext);
    await storage(() => this.container.getBlockBlobClient(name).uploadData(bytes, { conditions: { ifNoneMatch: "*" } }));
    return name;
  }

  /** Every stored version of a kind of configuration, by name (`config/{kind}/{key}/{stamp}.{ext}`). */
  async configVersions(kind: ConfigKind): Promise<string[]> {
    await this.ensureReady();
    return storage(async () => {
      const names: string[] = [];
      for await (const b of this.container.listBlobsFlat({ prefix: `config/${kind}/` })) names.push(b.name);
      return names;
    });
  }

  async readConfig(name: string): Promise<Buffer> {
    await this.ensureReady();
    return storage(() => this.container.getBlockBlobClient(name).downloadToBuffer());
  }

  /** The newest version under the latest key not after `upTo` (a round inherits the last list given before it). */
  async latestConfig(kind: ConfigKind, upTo?: string): Promise<{ name: string; key: string; bytes: Buffer } | undefined> {
    const best = latestVersion(await this.configVersions(kind), upTo);
    return best ? { ...best, bytes: await this.readConfig(best.name) } : undefined;
  }

  // ---- the ledger table ----

  async getSubmission<X>(round: string, id: string): Promise<{ record: SubmissionRecord; extract: X | undefined } | undefined> {
    await this.ensureReady();
    const e = await storage(() => orUndefined(() => this.ledger.getEntity<Record<string, unknown>>(round, subKey(id))));
    return e ? { record: toRecord(e), extract: unchunked<X>(e) } : undefined;
  }

  async getLatest<X>(round: string, unit: string): Promise<LatestEntry<X> | undefined> {
    await this.ensureReady();
    const e = await storage(() => orUndefined(() => this.ledger.getEntity<Record<string, unknown>>(round, latestKey(unit))));
    return e ? { latest: toLatest(e), extract: unchunked<X>(e), etag: e.etag } : undefined;
  }

  /**
   * Writes a submission's record and, when given, the unit's new latest entry, in one transaction: both
   * or neither. A record that exists already, or a latest entry changed meanwhile, fails the whole
   * transaction (`isConflict`).
   */
  async commit<X>(c: Commit<X>): Promise<void> {
    await this.ensureReady();
    const { id, round, ...fields } = c.record;
    const extract = chunked(c.extract);
    const recordEntity: TableEntity = { partitionKey: round, rowKey: subKey(id), ...fields, ...extract };
    const actions: TransactionAction[] = [c.recordExists ? ["upsert", recordEntity, "Replace"] : ["create", recordEntity]];
    if (c.latest) {
      const { round: _r, ...next } = c.latest.next;
      const entity: TableEntity = { partitionKey: round, rowKey: latestKey(next.unit), ...next, ...chunked(c.latestExtract ?? c.extract) };
      actions.push(c.latest.etag === null ? ["create", entity] : ["update", entity, "Replace", { etag: c.latest.etag }]);
    }
    await storage(() => this.ledger.submitTransaction(actions));
  }

  /** Every submission of a round (records only, not their extracts). */
  async listSubmissions(round: string): Promise<SubmissionRecord[]> {
    await this.ensureReady();
    return storage(async () => {
      const out: SubmissionRecord[] = [];
      const filter = odata`PartitionKey eq ${round} and RowKey ge ${SUB} and RowKey lt ${"s;"}`;
      const it = this.ledger.listEntities<Record<string, unknown>>({ queryOptions: { filter, select: ["RowKey", ...RECORD_FIELDS] } });
      for await (const e of it) out.push(toRecord({ ...e, partitionKey: round }));
      return out;
    });
  }

  /** The latest accepted submission of each unit in a round, with its extract when asked for. */
  async listLatest<X = never>(round: string, withExtract = false): Promise<{ latest: LatestRecord; extract: X | undefined }[]> {
    await this.ensureReady();
    return storage(async () => {
      const out: { latest: LatestRecord; extract: X | undefined }[] = [];
      const filter = odata`PartitionKey eq ${round} and RowKey ge ${LATEST} and RowKey lt ${"u;"}`;
      const select = withExtract ? undefined : ["RowKey", ...LATEST_FIELDS];
      const it = this.ledger.listEntities<Record<string, unknown>>({ queryOptions: { filter, ...(select ? { select } : {}) } });
      for await (const e of it) {
        const full = { ...e, partitionKey: round };
        out.push({ latest: toLatest(full), extract: withExtract ? unchunked<X>(full) : undefined });
      }
      return out;
    });
  }

  // ---- tokens ----

  async putToken(t: TokenRecord): Promise<void> {
    await this.ensureReady();
    const { tokenId, ...rest } = t;
    await storage(() => this.tokens.createEntity({ partitionKey: "token", rowKey: tokenId, ...rest }));
  }

  async getToken(tokenId: string): Promise<TokenRecord | undefined> {
    await this.ensureReady();
    const e = await storage(() => orUndefined(() => this.tokens.getEntity<Omit<TokenRecord, "tokenId">>("token", tokenId)));
    return e ? { tokenId, role: e.role, unit: e.unit, secretHash: e.secretHash, createdAt: e.createdAt } : undefined;
  }
}

/** Is `a` later than `b`? Ties broken by id so that every writer agrees. */
export function isLater(a: Pick<LatestRecord, "receivedAt" | "submissionId">, b: Pick<LatestRecord, "receivedAt" | "submissionId">): boolean {
  return a.receivedAt > b.receivedAt || (a.receivedAt === b.receivedAt && a.submissionId > b.submissionId);
}

function toRecord(e: TableEntityResult<Record<string, unknown>> | Record<string, unknown>): SubmissionRecord {
  return {
    id: String(e.rowKey).slice(SUB.length),
    round: String(e.partitionKey),
    unit: String(e.unit),
    receivedAt: String(e.receivedAt),
    sha256: String(e.sha256),
    size: Number(e.size),
    outcome: e.outcome as Outcome,
    errors: Number(e.errors),
    warnings: Number(e.warnings),
    reason: String(e.reason ?? ""),
    fault: String(e.fault ?? ""),
  };
}

function toLatest(e: TableEntityResult<Record<string, unknown>> | Record<string, unknown>): LatestRecord {
  return {
    round: String(e.partitionKey),
    unit: String(e.unit),
    submissionId: String(e.submissionId),
    receivedAt: String(e.receivedAt),
    errors: Number(e.errors),
    warnings: Number(e.warnings),
  };
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
