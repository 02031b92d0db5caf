/**
 * What becomes of one received file: read, validated with the same core as every host, and judged
 * (accepted, rejected, refused as another unit's, or unreadable). Pure but for the CPU and memory it
 * takes: it runs in a worker of `parsePool.ts`, off the request loop, bounded in time and memory.
 */
import "../workbook/nodeInflate.js";
import { checkSubmitter, type Finding, type Roster, type Summary, type TaskList, type UnitReport } from "../core/index.js";
import { WorkbookError, reportFromXlsx, type PreflightLimits, type WorkbookErrorKind } from "../workbook/index.js";
import { MAX_EXTRACT_CHARS, type Outcome } from "./storage/types.js";

export interface Extract {
  report: UnitReport | null;
  findings: Finding[];
  /** How many findings there were, when `findings` had to be cut short. */
  findingsTotal: number;
  summary: Summary | null;
  /** The plan year read from the table's title, if any. */
  year: number | null;
}

export const EMPTY_EXTRACT: Extract = { report: null, findings: [], findingsTotal: 0, summary: null, year: null };

export interface JudgeInput {
  bytes: Uint8Array;
  /** The unit whose token sent the file. */
  unit: string;
  today: string;
  year: number | undefined;
  roster: Roster;
  /** The round's task list; none while the coordinator has given none (a copy of the built-in sample is then checked against it, any other table on its own terms). */
  tasks: TaskList | undefined;
  submissionId: string;
  receivedAt: string;
  limits: PreflightLimits;
}

export interface Judged {
  outcome: Outcome;
  reason: string;
  extract: Extract;
  unreadable?: WorkbookErrorKind;
}

/** Keeps an extract within what one table entity holds: findings first, then over-long texts, are cut. */
export function boundExtract(x: Extract): Extract {
  if (JSON.stringify(x).length <= MAX_EXTRACT_CHARS) return x;
  const fewer = { ...x, findings: x.findings.slice(0, 200) };
  if (JSON.stringify(fewer).length <= MAX_EXTRACT_CHARS || !fewer.report) return fewer;
  const cut = (s: string) => (s.length > 1000 ? `${s.slice(0, 1000)}…（内容过长，已截断；原文见报送文件）` : s);
  return { ...fewer, report: { ...fewer.report, rows: fewer.report.rows.map((r) => ({ ...r, progress: cut(r.progress), text: { ...r.text, measure: cut(r.text.measure) } })) } };
}

export async function judgeFile(input: JudgeInput): Promise<Judged> {
  const { unit } = input;
  try {
    const { result, report } = await reportFromXlsx(
      input.bytes,
      { today: input.today, unit, submitting: true, roster: input.roster, tasks: input.tasks, year: input.year },
      { submissionId: input.submissionId, receivedAt: input.receivedAt },
      input.limits,
    );
    const extract = boundExtract({ report: report ?? null, findings: result.findings, findingsTotal: result.findings.length, summary: result.summary, year: result.table?.year ?? null });
    if (JSON.stringify(extract).length > MAX_EXTRACT_CHARS) {
      return { outcome: "unreadable", reason: `任务分解表过大（${result.summary.rows} 行），超出台账一次能收下的范围：请只保留本单位的任务分解表后重新提交。`, extract: EMPTY_EXTRACT, unreadable: "too-large" };
    }
    const submitter = checkSubmitter(result, unit);
    if (!submitter.ok) return { outcome: "forbidden", reason: submitter.message, extract };
    if (result.summary.errors > 0) return { outcome: "rejected", reason: `校验发现 ${result.summary.errors} 处错误，请修改后重新提交。`, extract };
    return { outcome: "accepted", reason: "", extract };
  } catch (e) {
    if (!(e instanceof WorkbookError)) throw e;
    return { outcome: "unreadable", reason: e.message, extract: EMPTY_EXTRACT, unreadable: e.kind };
  }
}
