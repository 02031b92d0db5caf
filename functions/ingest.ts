/**
 * One submission, received: validated on the server with the same core (the client is never trusted),
 * archived byte for byte, and indexed. Writes go file → extract → record → index, so an index entry
 * never exists without its file, and a retry after a failure completes what was begun.
 */
import { createHash } from "node:crypto";
import type { Finding, Summary, UnitReport } from "../core/index.js";
import { WorkbookError, reportFromXlsx, type WorkbookErrorKind } from "../workbook/index.js";
import type { Services } from "./services.js";
import type { Outcome, SubmissionRecord } from "./storage/store.js";

export interface Extract {
  report: UnitReport | null;
  findings: Finding[];
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

export async function ingest(services: Services, unit: string, round: string, bytes: Uint8Array): Promise<IngestResult> {
  const { store } = services;
  const fileHash = sha256(bytes);
  const id = submissionId(unit, round, fileHash);
  const known = await store.getSubmission(round, id);
  if (known) {
    const extract = (await store.readExtract<Extract>(round, id)) ?? { report: null, findings: [], summary: null, year: null };
    if (known.outcome === "accepted") {
      // Finish an index update a failure may have cut short; a no-op when it is there.
      await store.updateLatest({ round, unit, submissionId: id, receivedAt: known.receivedAt, errors: known.errors, warnings: known.warnings });
    }
    return { submission: known, duplicate: true, extract, ...(known.fault ? { unreadable: known.fault as WorkbookErrorKind } : {}) };
  }

  const receivedAt = services.now().toISOString();
  let extract: Extract = { report: null, findings: [], summary: null, year: null };
  let outcome: Outcome;
  let reason = "";
  let unreadable: WorkbookErrorKind | undefined;
  try {
    const { result, report } = await reportFromXlsx(
      bytes,
      { today: services.today(), unit, submitting: true, roster: services.settings.roster, year: services.settings.planYear },
      { submissionId: id, receivedAt },
    );
    extract = { report: report ?? null, findings: result.findings, summary: result.summary, year: result.table?.year ?? null };
    const declared = result.table?.reportingUnit?.text ? result.roster.canonicalUnit(result.table.reportingUnit.text) ?? result.table.reportingUnit.text : undefined;
    if (declared !== undefined && declared !== unit) {
      outcome = "forbidden";
      reason = `表中的填报单位是“${declared}”，而令牌属于“${unit}”：每个单位只能报送本单位的表。`;
    } else if (result.summary.errors > 0) {
      outcome = "rejected";
      reason = `校验发现 ${result.summary.errors} 处错误，请修改后重新提交。`;
    } else outcome = "accepted";
  } catch (e) {
    if (!(e instanceof WorkbookError)) throw e;
    outcome = "unreadable";
    reason = e.message;
    unreadable = e.kind;
  }

  const submission: SubmissionRecord = {
    id,
    round,
    unit,
    receivedAt,
    sha256: fileHash,
    size: bytes.length,
    outcome,
    errors: extract.summary?.errors ?? 0,
    warnings: extract.summary?.warnings ?? 0,
    reason,
    fault: unreadable ?? "",
  };
  await store.archiveFile(round, id, bytes);
  await store.saveExtract(round, id, extract);
  await store.recordSubmission(submission);
  if (outcome === "accepted") {
    await store.updateLatest({ round, unit, submissionId: id, receivedAt, errors: submission.errors, warnings: submission.warnings });
  }
  return { submission, duplicate: false, extract, ...(unreadable ? { unreadable } : {}) };
}
