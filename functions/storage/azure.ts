/**
 * The Azure Storage backend, for those who outgrow one machine: everything the service keeps, on Azure Blob (received files, create-only) and Azure Table (one table
 * per deployment: per round, a record of every submission and the index of each unit's latest accepted
 * one, written together in one transaction; and the tokens). Every storage fault that is not the
 * caller's becomes `StorageUnavailableError` (HTTP 503).
 */
import { odata, type TableClient, type TableEntity, type TableEntityResult, type TransactionAction } from "@azure/data-tables";
import type { ContainerClient } from "@azure/storage-blob";
import { randomUUID } from "node:crypto";
import { StorageUnavailableError } from "../errors.js";
import { createClients } from "./connection.js";
import {
  MAX_EXTRACT_CHARS,
  configName,
  isConflict,
  statusOf,
  type Commit,
  type ConfigKind,
  type LatestEntry,
  type LatestRecord,
  type LedgerStore,
  type Outcome,
  type SubmissionRecord,
  type TokenRecord,
  type Review,
} from "./types.js";

export const CONTAINER = "gongkai";
export const TABLES = { ledger: "gongkaiLedger", tokens: "gongkaiTokens", reviews: "gongkaiReviews" } as const;

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

export class AzureStore implements LedgerStore {
  private readonly container: ContainerClient;
  private readonly ledger: TableClient;
  private readonly tokens: TableClient;
  private readonly reviews: TableClient;
  private ready: Promise<void> | undefined;

  constructor(connectionString: string) {
    const clients = createClients(connectionString);
    this.container = clients.blobs.getContainerClient(CONTAINER);
    this.ledger = clients.table(TABLES.ledger);
    this.tokens = clients.table(TABLES.tokens);
    this.reviews = clients.table(TABLES.reviews);
  }

  /** Creates the container and tables once per process (again after a failure). */
  ensureReady(): Promise<void> {
    this.ready ??= storage(async () => {
      await this.container.createIfNotExists();
      for (const t of [this.ledger, this.tokens, this.reviews]) {
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

  /**
   * Can storage be reached, and written? Never throws. A small blob and a table entity are written (outside every
   * prefix and partition the service reads), so that a key or SAS without write permission, or a container under
   * an immutability policy, is told here rather than at the next submission.
   */
  async health(): Promise<{ ok: boolean; error?: string }> {
    const where = `Azure 存储容器 ${this.container.url} 和表 ${TABLES.ledger}`;
    try {
      await this.ensureReady();
      await storage(async () => {
        await this.container.getBlockBlobClient("health/probe").upload("ok", 2);
        await this.ledger.upsertEntity({ partitionKey: "health", rowKey: "probe", at: new Date().toISOString() }, "Replace");
      });
      return { ok: true };
    } catch (e) {
      const status = statusOf(e);
      if (status === 401 || status === 403) return { ok: false, error: `${where} 拒绝写入（${status}）：请检查连接字符串中的账户密钥或 SAS 是否有读写权限、容器是否设了不可变策略。` };
      return { ok: false, error: `${where} 暂时无法访问（${e instanceof Error ? e.message.split("\n")[0] : String(e)}）：请检查网络和存储账户的状态。` };
    }
  }

  // ---- received files: create-only blobs ----

  static fileName = (round: string, id: string) => `files/${round}/${id}.xlsx`;
  static reportName = (round: string, id: string) => `reports/${round}/${id}.json`;

  /** A blob written once: never overwritten ("exists" when it is there already). */
  private async createBlob(name: string, bytes: Uint8Array, contentType: string): Promise<"created" | "exists"> {
    await this.ensureReady();
    return storage(async () => {
      try {
        await this.container.getBlockBlobClient(name).uploadData(bytes, { conditions: { ifNoneMatch: "*" }, blobHTTPHeaders: { blobContentType: contentType } });
        return "created" as const;
      } catch (e) {
        if (isConflict(e)) return "exists" as const;
        throw e;
      }
    });
  }

  /** The received file, byte for byte; never overwritten ("exists" when these bytes are there already). */
  archiveFile(round: string, id: string, bytes: Uint8Array): Promise<"created" | "exists"> {
    return this.createBlob(AzureStore.fileName(round, id), bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  }

  async readFile(round: string, id: string): Promise<Buffer | undefined> {
    await this.ensureReady();
    return storage(() => orUndefined(() => this.container.getBlockBlobClient(AzureStore.fileName(round, id)).downloadToBuffer()));
  }

  putReport(round: string, id: string, json: string): Promise<"created" | "exists"> {
    return this.createBlob(AzureStore.reportName(round, id), new TextEncoder().encode(json), "application/json; charset=utf-8");
  }

  async readReport(round: string, id: string): Promise<string | undefined> {
    await this.ensureReady();
    return storage(async () => (await orUndefined(() => this.container.getBlockBlobClient(AzureStore.reportName(round, id)).downloadToBuffer()))?.toString("utf8"));
  }

  async removeFile(round: string, id: string): Promise<boolean> {
    await this.ensureReady();
    // the report read from it goes with it (a refused file has none; one the store failed to record may)
    await storage(() => this.container.getBlockBlobClient(AzureStore.reportName(round, id)).deleteIfExists());
    return storage(async () => (await this.container.getBlockBlobClient(AzureStore.fileName(round, id)).deleteIfExists()).succeeded);
  }

  // ---- the coordinator's configuration: task lists per round, the roster; every version kept ----

  async putConfig(kind: ConfigKind, key: string, bytes: Uint8Array, ext: string, at: Date): Promise<string> {
    await this.ensureReady();
    const name = configName(kind, key, at, randomUUID().slice(0, 8), ext);
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

  /** Every submission of a round (records only, not their extracts), or one unit's since a time. */
  async listSubmissions(round: string, of?: { unit: string; since: string }): Promise<SubmissionRecord[]> {
    await this.ensureReady();
    return storage(async () => {
      const out: SubmissionRecord[] = [];
      const all = odata`PartitionKey eq ${round} and RowKey ge ${SUB} and RowKey lt ${"s;"}`;
      const filter = of ? `${all} and ${odata`unit eq ${of.unit} and receivedAt ge ${of.since}`}` : all;
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
    const e = await storage(() => orUndefined(() => this.tokens.getEntity<Record<string, unknown>>("token", tokenId)));
    return e ? toToken(tokenId, e) : undefined;
  }

  async listTokens(): Promise<TokenRecord[]> {
    await this.ensureReady();
    return storage(async () => {
      const out: TokenRecord[] = [];
      for await (const e of this.tokens.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${"token"}` } })) out.push(toToken(String(e.rowKey), e));
      return out;
    });
  }

  // ---- reviews (one partition: a county takes a few thousand decisions a year) ----

  async addReview(r: Review): Promise<void> {
    await this.ensureReady();
    const { id, ...rest } = r;
    await storage(() => this.reviews.createEntity({ partitionKey: "review", rowKey: id, ...rest }));
  }

  async listReviews(): Promise<Review[]> {
    await this.ensureReady();
    return storage(async () => {
      const out: Review[] = [];
      for await (const e of this.reviews.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${"review"}` } })) {
        out.push({
          id: String(e.rowKey), round: String(e.round), task: String(e.task), label: String(e.label), unit: String(e.unit),
          decision: e.decision === "accepted" ? "accepted" : "returned", comment: String(e.comment ?? ""), by: String(e.by), at: String(e.at),
          submission: String(e.submission ?? ""),
          ...(typeof e.item === "string" && e.item !== "" ? { item: e.item } : {}),
        });
      }
      return out.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
    });
  }

  async revokeToken(tokenId: string, at: Date): Promise<boolean> {
    await this.ensureReady();
    return storage(async () => {
      try {
        await this.tokens.updateEntity({ partitionKey: "token", rowKey: tokenId, revokedAt: at.toISOString() }, "Merge");
        return true;
      } catch (e) {
        if (statusOf(e) === 404) return false;
        throw e;
      }
    });
  }

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


function toToken(tokenId: string, e: Record<string, unknown>): TokenRecord {
  return {
    tokenId,
    role: e.role as TokenRecord["role"],
    unit: String(e.unit ?? ""),
    secretHash: String(e.secretHash),
    createdAt: String(e.createdAt),
    expiresAt: String(e.expiresAt ?? ""),
    revokedAt: String(e.revokedAt ?? ""),
  };
}
