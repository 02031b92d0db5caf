/**
 * One submission, received: validated on the server with the same core (the client is never trusted),
 * archived byte for byte, recorded and indexed.
 *
 * The file is written first (create-only, in parallel with parsing: it is kept whatever the outcome);
 * then the record and, for an accepted file, the unit's latest-entry index are written in one table
 * transaction. So an index entry never exists without its file, and a retry after a failure completes
 * what was begun.
 */
import { createHash } from "node:crypto";
import { roundDay } from "../core/index.js";
import { DEFAULT_LIMITS, isWorkbookFile, type WorkbookErrorKind } from "../workbook/index.js";
import { EMPTY_EXTRACT, type Extract, type JudgeInput } from "./judgeFile.js";
import { judgeOffLoop } from "./parsePool.js";
import { roundConfig, rosterWith } from "./roundConfig.js";
import type { Services } from "./services.js";
import { isConflict, isLater, type LatestEntry, type SubmissionRecord } from "./storage/store.js";

export type { Extract } from "./judgeFile.js";

export interface IngestResult {
  submission: SubmissionRecord;
  /** True when these bytes from this unit in this round had been received before. */
  duplicate: boolean;
  extract: Extract;
  /** For files that could not be read: what kind of fault. */
  unreadable?: WorkbookErrorKind;
  /** A resend of an earlier accepted file (that file's id): a new receipt that became the unit's latest. */
  resendOf?: string;
}

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** The same bytes from the same unit in the same round always get the same id. */
export function submissionId(unit: string, round: string, fileHash: string): string {
  return `${round}-${createHash("sha256").update(`${unit}\u0000${round}\u0000${fileHash}`).digest("hex").slice(0, 24)}`;
}

/** The round an id belongs to (ids start with it). */
export const roundOfId = (id: string): string | undefined => /^(\d{4}-\d{2})-[0-9a-f]{24}$/.exec(id)?.[1];

/** What a file is judged with: the round's task list and roster, the round's day, the service's limits. */
export async function judgeInput(services: Services, unit: string, round: string, id: string, receivedAt: string, bytes: Uint8Array): Promise<JudgeInput> {
  const config = await roundConfig(services, round);
  return {
    bytes,
    unit,
    // a past month's report is judged as of that month's last day, not years late (core/round.ts)
    today: roundDay(round, services.today()),
    year: services.settings.planYear,
    roster: rosterWith(config, [unit]).roster,
    // never the built-in sample unasked: without a list of the coordinator's, validation decides (CONTRACT §1)
    tasks: config.tasksFrom === undefined ? undefined : config.tasks,
    submissionId: id,
    receivedAt,
    limits: { ...DEFAULT_LIMITS, maxFileBytes: services.settings.maxUploadBytes, maxUncompressedBytes: services.settings.maxInflatedBytes },
  };
}

/**
 * Writes the record, and for an accepted submission the index, in one transaction. A conflict means
 * another writer got there first: either these very bytes were recorded already (a duplicate: its
 * record is returned), or the unit's latest entry changed (look again and retry).
 */
async function commit(
  services: Services,
  record: SubmissionRecord,
  extract: Extract,
  first: Promise<LatestEntry<Extract> | undefined>,
  recordExists: boolean,
): Promise<{ record: SubmissionRecord; extract: Extract; duplicate: boolean }> {
  const { store } = services;
  let current = await first;
  for (let attempt = 0; attempt < 20; attempt++) {
    const next = { round: record.round, unit: record.unit, submissionId: record.id, receivedAt: record.receivedAt, errors: record.errors, warnings: record.warnings };
    const replace = record.outcome === "accepted" && (!current || isLater(next, current.latest));
    try {
      // The report (the bulk, as many rows as the file had) is stored apart (`putReport`, before this): the index
      // holds only what is bounded.
      await store.commit({
        record,
        extract: { ...extract, report: null },
        latestExtract: { ...extract, report: null, findings: [] },
        recordExists,
        ...(replace ? { latest: { next, etag: current?.etag ?? null } } : {}),
      });
      return { record, extract, duplicate: recordExists };
    } catch (e) {
      if (!isConflict(e)) throw e;
      const [known, latest] = await Promise.all([store.getSubmission<Extract>(record.round, record.id), store.getLatest<Extract>(record.round, record.unit)]);
      current = latest;
      if (known && !recordExists) {
        // Seen before: finish an index update a failure may have cut short (a no-op when it is there).
        return commit(services, known.record, known.extract ?? EMPTY_EXTRACT, Promise.resolve(latest), true);
      }
    }
  }
  throw new Error("too much contention on the latest-submission index");
}

/** How much of a junk body its record keeps (hex): enough to tell what it was. */
export const JUNK_HEAD_BYTES = 64;

/**
 * A resend of an earlier accepted file when another is the unit's latest: a new receipt, its id made from the
 * earlier id and the latest it supersedes, so a network retry of that very resend gets the same id.
 */
export function resendId(round: string, earlierId: string, supersededId: string): string {
  return `${round}-${createHash("sha256").update(`resend\u0000${earlierId}\u0000${supersededId}`).digest("hex").slice(0, 24)}`;
}

export interface IngestOptions {
  /** Called before a new submission (not a repeat of one on record) is archived or judged: throws to refuse it (a quota). */
  admit?: (bytes: Uint8Array) => Promise<void>;
  /**
   * When the file was received, if not now: a mail's table is received when the mail came (a held mail assigned
   * later is no newer than the versions the unit sent since, and does not supersede them).
   */
  receivedAt?: string;
  /** How the sender is known: by its token (the default), or by the address the roster lists (a mail). */
  by?: "token" | "mail";
}

/** The id a body gets: its own, or a resend's when it is an earlier accepted file of the unit sent again. */
async function receiptFor(services: Services, unit: string, round: string, fileHash: string) {
  const { store } = services;
  const plainId = submissionId(unit, round, fileHash);
  const [known, latest] = await Promise.all([store.getSubmission<Extract>(round, plainId), store.getLatest<Extract>(round, unit)]);
  const latestId = latest?.latest.submissionId;
  if (known?.record.outcome !== "accepted" || latestId === undefined || latestId === plainId) return { id: plainId, known, latest };
  // the file in force may itself be a resend of these bytes: sent again, it is a plain repeat of it
  const current = await store.getSubmission<Extract>(round, latestId);
  if (current?.record.sha256 === fileHash) return { id: latestId, known: current, latest };
  return { id: resendId(round, plainId, latestId), known: undefined, latest, resendOf: plainId };
}

export async function ingest(services: Services, unit: string, round: string, bytes: Uint8Array, options: IngestOptions = {}): Promise<IngestResult> {
  const { store } = services;
  const fileHash = sha256(bytes);
  const { id, known, latest, resendOf } = await receiptFor(services, unit, round, fileHash);
  // a file on record (sent again as is, or an earlier one sent again: a resend) is no new file: never refused for the quota
  if (!known && !resendOf) await options.admit?.(bytes);
  // A file on record was archived before its record was written: never again (a purged file stays purged).
  // junk (no workbook: `isWorkbookFile`) is kept as a short record, never archived
  const junk = !isWorkbookFile(bytes);
  const archived = known || junk ? Promise.resolve("exists" as const) : store.archiveFile(round, id, bytes);
  archived.catch(() => {}); // awaited below; not unhandled meanwhile

  try {
    return await judgeAndRecord(services, { unit, round, bytes, id, fileHash, latest, resendOf, junk, archived }, options);
  } catch (e) {
    // not recorded (a store fault: the sender is told nothing was kept): its archived bytes go too, where they can —
    // what cannot be removed is announced at the next start as a file received without a receipt
    if ((await archived.catch(() => undefined)) === "created") await store.removeFile(round, id).catch(() => undefined);
    throw e;
  }
}

async function judgeAndRecord(
  services: Services,
  s: { unit: string; round: string; bytes: Uint8Array; id: string; fileHash: string; latest: Awaited<ReturnType<typeof receiptFor>>["latest"]; resendOf: string | undefined; junk: boolean; archived: Promise<"created" | "exists"> },
  options: IngestOptions,
): Promise<IngestResult> {
  const { store } = services;
  const { unit, round, bytes, id, fileHash, latest, resendOf, junk, archived } = s;
  const receivedAt = options.receivedAt ?? services.now().toISOString();
  // judged off the request loop, against the round's task list and roster
  const judged = await judgeOffLoop({ ...(await judgeInput(services, unit, round, id, receivedAt, bytes)), by: options.by });
  await archived;
  const record: SubmissionRecord = {
    id,
    round,
    unit,
    receivedAt,
    sha256: fileHash,
    size: bytes.length,
    outcome: judged.outcome,
    errors: judged.extract.summary?.errors ?? 0,
    warnings: judged.extract.summary?.warnings ?? 0,
    reason: judged.reason,
    fault: judged.unreadable ?? "",
  };
  const extract: Extract = junk ? { ...judged.extract, head: Buffer.from(bytes.subarray(0, JUNK_HEAD_BYTES)).toString("hex") } : judged.extract;
  // an accepted file's report is kept before its index entry: an entry never exists without it
  if (record.outcome === "accepted" && extract.report) await store.putReport(round, id, JSON.stringify(extract.report));
  const done = await commit(services, record, extract, Promise.resolve(latest), false);
  const fault = done.record.fault as WorkbookErrorKind | "";
  return {
    submission: done.record,
    duplicate: done.duplicate,
    extract: done.extract,
    ...(fault ? { unreadable: fault } : {}),
    ...(resendOf && !done.duplicate ? { resendOf } : {}),
  };
}
