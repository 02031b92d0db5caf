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
import { DEFAULT_LIMITS, type WorkbookErrorKind } from "../workbook/index.js";
import { EMPTY_EXTRACT, type Extract, type Judged } from "./judgeFile.js";
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
}

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** The same bytes from the same unit in the same round always get the same id. */
export function submissionId(unit: string, round: string, fileHash: string): string {
  return `${round}-${createHash("sha256").update(`${unit}\u0000${round}\u0000${fileHash}`).digest("hex").slice(0, 24)}`;
}

/** The round an id belongs to (ids start with it). */
export const roundOfId = (id: string): string | undefined => /^(\d{4}-\d{2})-[0-9a-f]{24}$/.exec(id)?.[1];

/** Judges a file off the request loop, against the round's task list and roster. */
async function judge(services: Services, unit: string, round: string, id: string, receivedAt: string, bytes: Uint8Array): Promise<Judged> {
  const config = await roundConfig(services, round);
  return judgeOffLoop({
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
  });
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
      // The report (the bulk) goes with the latest entry only: the ledger reads it there.
      await store.commit({
        record,
        extract: { ...extract, report: null },
        latestExtract: { ...extract, findings: [] },
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

export async function ingest(services: Services, unit: string, round: string, bytes: Uint8Array): Promise<IngestResult> {
  const { store } = services;
  const fileHash = sha256(bytes);
  const id = submissionId(unit, round, fileHash);
  // Storage round trips go out first and run while the file is parsed.
  const archived = store.archiveFile(round, id, bytes);
  const latest = store.getLatest<Extract>(round, unit);
  for (const p of [archived, latest]) p.catch(() => {}); // awaited below; not unhandled meanwhile

  const receivedAt = services.now().toISOString();
  const judged = await judge(services, unit, round, id, receivedAt, bytes);
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
  const done = await commit(services, record, judged.extract, latest, false);
  const fault = done.record.fault as WorkbookErrorKind | "";
  return { submission: done.record, duplicate: done.duplicate, extract: done.extract, ...(fault ? { unreadable: fault } : {}) };
}
