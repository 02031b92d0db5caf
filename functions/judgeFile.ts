/**
 * What becomes of one received file: read, validated with the same core as every host, and judged
 * (accepted, rejected, refused as another unit's, or unreadable). Pure but for the CPU and memory it
 * takes: it runs in a worker of `parsePool.ts`, off the request loop, bounded in time and memory.
 */
import "../workbook/nodeInflate.js";
import { checkSubmitter, judgeSubmission, unitReport, type Finding, type Roster, type Summary, type TaskList, type UnitReport } from "../core/index.js";
import { WorkbookError, annotateXlsx, readWorkbook, type PreflightLimits, type WorkbookErrorKind } from "../workbook/index.js";
import { MAX_EXTRACT_CHARS, type Outcome } from "./storage/types.js";

export interface Extract {
  report: UnitReport | null;
  findings: Finding[];
  /** How many findings there were, when `findings` had to be cut short. */
  findingsTotal: number;
  summary: Summary | null;
  /** The plan year read from the table's title, if any. */
  year: number | null;
  /** The sheet of the task table (a refusal's reasons name any other sheet, e.g. `细化分解!E4`); absent in older records. */
  sheet?: string | undefined;
  /** A body that was no .xlsx at all (not a zip): its first bytes, hex — all that is kept of it (never archived). */
  head?: string;
  /** When the coordinator purged the stored file of this refused submission (the record stays). */
  purgedAt?: string;
}

export const EMPTY_EXTRACT: Extract = { report: null, findings: [], findingsTotal: 0, summary: null, year: null };

export interface JudgeInput {
  bytes: Uint8Array;
  /** The unit whose token sent the file. */
  unit: string;
  /** The round's day (core `roundDay`): what overdue and due-soon are measured from. */
  today: string;
  year: number | undefined;
  roster: Roster;
  /** The round's task list; none while the coordinator has given none (a copy of the built-in sample is then checked against it, any other table on its own terms). */
  tasks: TaskList | undefined;
  submissionId: string;
  receivedAt: string;
  limits: PreflightLimits;
  /** How the sender is known: by its token (the default), or by the address the roster lists (a mail). */
  by?: "token" | "mail" | undefined;
}

export interface Judged {
  outcome: Outcome;
  reason: string;
  /** A refused file's first errors, each as `D12：message` (core `judgeSubmission`). */
  reasons?: string[];
  extract: Extract;
  unreadable?: WorkbookErrorKind;
}

/** The part of an extract the index keeps (the report is stored apart, whole: `LedgerStore.putReport`). */
export const indexedSize = (x: Extract): number => JSON.stringify({ ...x, report: null }).length;

/** Keeps what the index holds of an extract within one table entity: the findings are cut to the first 200 where they do not fit. */
export function boundExtract(x: Extract): Extract {
  return indexedSize(x) <= MAX_EXTRACT_CHARS ? x : { ...x, findings: x.findings.slice(0, 200) };
}

export async function judgeFile(input: JudgeInput): Promise<Judged> {
  const { unit } = input;
  try {
    const snapshot = await readWorkbook(input.bytes, input.limits);
    // the one decision the pane and the page show before 提交 (core/submission.ts)
    const { verdict, reasons, result } = judgeSubmission(snapshot, { today: input.today, unit, roster: input.roster, tasks: input.tasks, year: input.year });
    const report = result.table && result.unit ? unitReport(result, result.unit, { submissionId: input.submissionId, receivedAt: input.receivedAt }) : undefined;
    const extract = boundExtract({ report: report ?? null, findings: result.findings, findingsTotal: result.findings.length, summary: result.summary, year: result.table?.year ?? null, sheet: result.table?.sheet });
    if (indexedSize(extract) > MAX_EXTRACT_CHARS) {
      return { outcome: "unreadable", reason: `任务分解表过大（${result.summary.rows} 行），超出台账一次能收下的范围：请只保留本单位的任务分解表后重新提交。`, reasons: [], extract: EMPTY_EXTRACT, unreadable: "too-large" };
    }
    const submitter = checkSubmitter(result, unit, input.by);
    if (!submitter.ok) return { outcome: "forbidden", reason: submitter.message, reasons: [submitter.message], extract };
    if (verdict === "not-a-table") return { outcome: "rejected", reason: "这不是任务分解表，请提交本单位填写的任务分解表。", reasons, extract };
    if (verdict === "rejected") return { outcome: "rejected", reason: `校验发现 ${result.summary.errors} 处错误，请修改后重新提交。`, reasons, extract };
    return { outcome: "accepted", reason: "", reasons: [], extract };
  } catch (e) {
    if (!(e instanceof WorkbookError)) throw e;
    return { outcome: "unreadable", reason: e.message, reasons: [e.message], extract: EMPTY_EXTRACT, unreadable: e.kind };
  }
}

/** The file coloured and noted as its judgement saw it (validated as on submit), for an answer by e-mail. */
export async function annotatedCopy(input: JudgeInput): Promise<Uint8Array> {
  const options = { today: input.today, unit: input.unit, roster: input.roster, tasks: input.tasks, year: input.year, submitting: true };
  return (await annotateXlsx(input.bytes, options, input.limits)).annotated;
}
