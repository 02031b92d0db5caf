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
import { checkSubmitter, type Finding, type Summary, type UnitReport } from "../core/index.js";
import { roundConfig, rosterWith } from "./roundConfig.js";
import { DEFAULT_LIMITS, WorkbookError, reportFromXlsx, type PreflightLimits, type WorkbookErrorKind } from "../workbook/index.js";
import type { Services } from "./services.js";
import { MAX_EXTRACT_CHARS, isConflict, isLater, type LatestEntry, type Outcome, type SubmissionRecord } from "./storage/store.js";

export interface Extract {
  report: UnitReport | null;
  findings: Finding[];
  /** How many findings there were, when `findings` had to be cut short. */
  findingsTotal: number;
  summary: Summary | null;
  /** The plan year read from the table's title, if any. */
  year: number | null;
}

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

const EMPTY: Extract = { report: null, findings: [], findingsTotal: 0, summary: null, year: null };

/** Keeps an extract within what one table entity holds: findings first, then over-long texts, are cut. */
export function boundExtract(x: Extract): Extract {
  if (JSON.stringify(x).length <= MAX_EXTRACT_CHARS) return x;
  const fewer = { ...x, findings: x.findings.slice(0, 200) };
  if (JSON.stringify(fewer).length <= MAX_EXTRACT_CHARS || !fewer.report) return fewer;
  const cut = (s: string) => (s.length > 1000 ? `${s.slice(0, 1000)}…（内容过长，已截断；原文见报送文件）` : s);
  return { ...fewer, report: { ...fewer.report, rows: fewer.report.rows.map((r) => ({ ...r, progress: cut(r.progress), text: { ...r.text, measure: cut(r.text.measure) } })) } };
}

interface Judged {
  outcome: Outcome;
  reason: string;
  extract: Extract;
  unreadable?: WorkbookErrorKind;
}

async function judge(services: Services, unit: string, round: string, id: string, receivedAt: string, bytes: Uint8Array): Promise<Judged> {
  try {
    const config = await roundConfig(services, round);
    const { result, report } = await reportFromXlsx(
      bytes,
      { today: services.today(), unit, submitting: true, roster: rosterWith(config, [unit]), tasks: config.tasks, year: services.settings.planYear },
      { submissionId: id, receivedAt },
      { ...DEFAULT_LIMITS, maxFileBytes: services.settings.maxUploadBytes, maxUncompressedBytes: services.settings.maxInflatedBytes } satisfies PreflightLimits,
    );
    const extract = boundExtract({ report: report ?? null, findings: result.findings, findingsTotal: result.findings.length, summary: result.summary, year: result.table?.year ?? null });
    if (JSON.stringify(extract).length > MAX_EXTRACT_CHARS) {
      return { outcome: "unreadable", reason: `任务分解表过大（${result.summary.rows} 行），超出台账一次能收下的范围：请只保留本单位的任务分解表后重新提交。`, extract: EMPTY, unreadable: "too-large" };
    }
    const submitter = checkSubmitter(result, unit);
    if (!submitter.ok) return { outcome: "forbidden", reason: submitter.message, extract };
    if (result.summary.errors > 0) return { outcome: "rejected", reason: `校验发现 ${result.summary.errors} 处错误，请修改后重新提交。`, extract };
    return { outcome: "accepted", reason: "", extract };
  } catch (e) {
    if (!(e instanceof WorkbookError)) throw e;
    return { outcome: "unreadable", reason: e.message, extract: EMPTY, unreadable: e.kind };
  }
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
        return commit(services, known.record, known.extract ?? EMPTY, Promise.resolve(latest), true);
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
