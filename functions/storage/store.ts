/**
 * Everything the service keeps, on Azure Blob (files, create-only) and Azure Table (indexes, tokens).
 * Every storage fault that is not the caller's becomes `StorageUnavailableError` (HTTP 503).
 */
import { odata, type TableClient, type TableEntityResult } from "@azure/data-tables";
import type { ContainerClient } from "@azure/storage-blob";
import { StorageUnavailableError } from "../errors.js";
import { createClients } from "./connection.js";

export const CONTAINER = "gongkai";
export const TABLES = { submissions: "gongkaiSubmissions", latest: "gongkaiLatest", tokens: "gongkaiTokens" } as const;

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

/** The HTTP status of an Azure SDK error (RestError), `undefined` when the request never got an answer. */
const statusOf = (e: unknown): number | undefined =>
  e instanceof Error && e.name === "RestError" ? (e as Error & { statusCode?: number }).statusCode : undefined;

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

const unitKey = (unit: string) => encodeURIComponent(unit);

export class LedgerStore {
  private readonly container: ContainerClient;
  private readonly submissions: TableClient;
  private readonly latest: TableClient;
  private readonly tokens: TableClient;
  private ready: Promise<void> | undefined;

  constructor(connectionString: string) {
    const clients = createClients(connectionString);
    this.container = clients.blobs.getContainerClient(CONTAINER);
    this.submissions = clients.table(TABLES.submissions);
    this.latest = clients.table(TABLES.latest);
    this.tokens = clients.table(TABLES.tokens);
  }

  /** Creates the container and tables once per process (again after a failure). */
  ensureReady(): Promise<void> {
    this.ready ??= storage(async () => {
      await this.container.createIfNotExists();
      for (const t of [this.submissions, this.latest, this.tokens]) {
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
        await this.container.getProperties();
        await this.tokens.getAccessPolicy();
      });
      return { ok: true };
    } catch (e) {
      if (statusOf(e) === 404) return { ok: true }; // reachable, not yet initialised
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }

  // ---- blobs: create-only ----

  private async createBlob(name: string, bytes: Uint8Array, contentType: string): Promise<"created" | "exists"> {
    await this.ensureReady();
    return storage(async () => {
      try {
        await this.container.getBlockBlobClient(name).uploadData(bytes, {
          conditions: { ifNoneMatch: "*" },
          blobHTTPHeaders: { blobContentType: contentType },
        });
        return "created" as const;
      } catch (e) {
        if (statusOf(e) === 409 || statusOf(e) === 412) return "exists" as const;
        throw e;
      }
    });
  }

  private async readBlob(name: string): Promise<Buffer | undefined> {
    await this.ensureReady();
    return storage(async () => {
      try {
        return await this.container.getBlockBlobClient(name).downloadToBuffer();
      } catch (e) {
        if (statusOf(e) === 404) return undefined;
        throw e;
      }
    });
  }

  static fileName = (round: string, id: string) => `files/${round}/${id}.xlsx`;
  static extractName = (round: string, id: string) => `extracts/${round}/${id}.json`;

  /** The received file, byte for byte; never overwritten. */
  archiveFile(round: string, id: string, bytes: Uint8Array): Promise<"created" | "exists"> {
    return this.createBlob(LedgerStore.fileName(round, id), bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  }

  readFile(round: string, id: string): Promise<Buffer | undefined> {
    return this.readBlob(LedgerStore.fileName(round, id));
  }

  /** What validation made of the file (report and findings); written once. */
  saveExtract(round: string, id: string, value: unknown): Promise<"created" | "exists"> {
    return this.createBlob(LedgerStore.extractName(round, id), Buffer.from(JSON.stringify(value)), "application/json");
  }

  async readExtract<T>(round: string, id: string): Promise<T | undefined> {
    const b = await this.readBlob(LedgerStore.extractName(round, id));
    return b ? (JSON.parse(b.toString("utf8")) as T) : undefined;
  }

  // ---- tables ----

  async recordSubmission(r: SubmissionRecord): Promise<void> {
    await this.ensureReady();
    const { round, id, ...rest } = r;
    await storage(() => this.submissions.upsertEntity({ partitionKey: round, rowKey: id, ...rest }, "Replace"));
  }

  async getSubmission(round: string, id: string): Promise<SubmissionRecord | undefined> {
    await this.ensureReady();
    return storage(async () => {
      try {
        return toSubmission(await this.submissions.getEntity<Omit<SubmissionRecord, "id" | "round">>(round, id));
      } catch (e) {
        if (statusOf(e) === 404) return undefined;
        throw e;
      }
    });
  }

  async listSubmissions(round: string): Promise<SubmissionRecord[]> {
    await this.ensureReady();
    return storage(async () => {
      const out: SubmissionRecord[] = [];
      const it = this.submissions.listEntities<Omit<SubmissionRecord, "id" | "round">>({ queryOptions: { filter: odata`PartitionKey eq ${round}` } });
      for await (const e of it) out.push(toSubmission(e));
      return out;
    });
  }

  /**
   * Makes `next` the unit's latest accepted submission unless a later one is already there. Optimistic
   * concurrency on the entity's ETag: two submissions at the same moment cannot lose one another.
   */
  async updateLatest(next: LatestRecord): Promise<LatestRecord> {
    await this.ensureReady();
    const { round, unit, ...rest } = next;
    const key = unitKey(unit);
    for (let attempt = 0; attempt < 20; attempt++) {
      const current = await storage(async () => {
        try {
          return await this.latest.getEntity<Omit<LatestRecord, "round">>(round, key);
        } catch (e) {
          if (statusOf(e) === 404) return undefined;
          throw e;
        }
      });
      try {
        if (!current) {
          await storage(() => this.latest.createEntity({ partitionKey: round, rowKey: key, unit, ...rest }));
          return next;
        }
        const cur: LatestRecord = toLatest(current);
        if (laterThan(cur, next)) return cur;
        await storage(() => this.latest.updateEntity({ partitionKey: round, rowKey: key, unit, ...rest }, "Replace", { etag: current.etag }));
        return next;
      } catch (e) {
        if (statusOf(e) === 409 || statusOf(e) === 412) continue; // someone else wrote first: read again
        throw e;
      }
    }
    throw new StorageUnavailableError(new Error("too much contention on the latest-submission index"));
  }

  async listLatest(round: string): Promise<LatestRecord[]> {
    await this.ensureReady();
    return storage(async () => {
      const out: LatestRecord[] = [];
      const it = this.latest.listEntities<Omit<LatestRecord, "round">>({ queryOptions: { filter: odata`PartitionKey eq ${round}` } });
      for await (const e of it) out.push(toLatest(e));
      return out;
    });
  }

  async putToken(t: TokenRecord): Promise<void> {
    await this.ensureReady();
    const { tokenId, ...rest } = t;
    await storage(() => this.tokens.createEntity({ partitionKey: "token", rowKey: tokenId, ...rest }));
  }

  async getToken(tokenId: string): Promise<TokenRecord | undefined> {
    await this.ensureReady();
    return storage(async () => {
      try {
        const e = await this.tokens.getEntity<Omit<TokenRecord, "tokenId">>("token", tokenId);
        return { tokenId, role: e.role, unit: e.unit, secretHash: e.secretHash, createdAt: e.createdAt };
      } catch (e) {
        if (statusOf(e) === 404) return undefined;
        throw e;
      }
    });
  }
}

/** Is `a` later than `b`? Ties broken by id so that every writer agrees. */
function laterThan(a: Pick<LatestRecord, "receivedAt" | "submissionId">, b: Pick<LatestRecord, "receivedAt" | "submissionId">): boolean {
  return a.receivedAt > b.receivedAt || (a.receivedAt === b.receivedAt && a.submissionId >= b.submissionId);
}

function toSubmission(e: TableEntityResult<Omit<SubmissionRecord, "id" | "round">>): SubmissionRecord {
  return {
    id: e.rowKey!,
    round: e.partitionKey!,
    unit: e.unit,
    receivedAt: e.receivedAt,
    sha256: e.sha256,
    size: e.size,
    outcome: e.outcome,
    errors: e.errors,
    warnings: e.warnings,
    reason: e.reason ?? "",
    fault: e.fault ?? "",
  };
}

function toLatest(e: TableEntityResult<Omit<LatestRecord, "round">>): LatestRecord {
  return {
    round: e.partitionKey!,
    unit: e.unit,
    submissionId: e.submissionId,
    receivedAt: e.receivedAt,
    errors: e.errors,
    warnings: e.warnings,
  };
}
