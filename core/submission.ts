/** The submit-time decisions every host makes the same way: may this file be sent, and by this unit. */
import type { Finding } from "./findings.js";
import type { WorkbookSnapshot } from "./snapshot.js";
import { validateWorkbook, type ValidateOptions, type ValidationResult } from "./validate.js";

export type SubmitterCheck = { ok: true } | { ok: false; declared: string; message: string };

/** Whether the table's 填报单位 (if it names one) is the unit that sends it. */
export function checkSubmitter(result: ValidationResult, unit: string, by: "token" | "mail" = "token"): SubmitterCheck {
  const named = result.table?.reportingUnit?.text;
  if (!named) return { ok: true };
  const declared = result.roster.canonicalUnit(named) ?? named;
  if (declared === unit) return { ok: true };
  // `by`: how the sender is known — the token a unit submits with, or the address the roster lists for it
  const sender = by === "token" ? "令牌属于" : "发件地址在单位名册中登记为";
  return { ok: false, declared, message: `表中的填报单位是“${declared}”，而${sender}“${unit}”：每个单位只能报送本单位的表。` };
}

/** What the server will do with a file: take it, refuse it for its errors, or refuse it as no task table at all. */
export type SubmissionVerdict = "accepted" | "rejected" | "not-a-table";

export interface SubmissionJudgement {
  verdict: SubmissionVerdict;
  /** Why it would be refused: the first three errors, each as `D12：message` (empty when accepted). */
  reasons: string[];
  /** The validation the verdict rests on (made with `submitting: true`). */
  result: ValidationResult;
}

/** How many findings a refusal names. */
export const REFUSAL_REASONS = 3;

/**
 * The first errors of a refusal, each as `D12：message`; one on another sheet than the table's names it
 * (`联络人!C4：…`). The table's sheet is the one given, else the sheet of a finding about a task.
 */
export function refusalReasons(findings: readonly Pick<Finding, "code" | "severity" | "sheet" | "cell" | "message" | "task">[], tableSheet?: string): string[] {
  // a unit's own items (细化分解) name their task too: the table's sheet is that of a finding about an official row
  const main = tableSheet ?? (findings.find((f) => f.task !== undefined && !f.code.startsWith("item.")) ?? findings.find((f) => f.task !== undefined))?.sheet;
  return findings
    .filter((f) => f.severity === "error")
    .slice(0, REFUSAL_REASONS)
    .map((f) => `${main !== undefined && f.sheet !== main && f.sheet !== "" ? `${f.sheet}!` : ""}${f.cell}：${f.message}`);
}

/**
 * Can this workbook be submitted? Validates it exactly as the server does on submit (`submitting: true`): a file
 * with no task table is `not-a-table`, one with errors `rejected`, any other `accepted` — late work is a warning,
 * never a refusal. The task pane and the browser page call this before 提交, the server to answer 201 or 422.
 */
export function judgeSubmission(workbook: WorkbookSnapshot, options: ValidateOptions): SubmissionJudgement {
  const result = validateWorkbook(workbook, { ...options, submitting: true });
  return judgementOf(result);
}

/** The verdict on a validation made with `submitting: true` (for hosts that validated already). */
export function judgementOf(result: ValidationResult): SubmissionJudgement {
  const reasons = refusalReasons(result.findings, result.table?.sheet);
  if (!result.table) return { verdict: "not-a-table", reasons, result };
  return { verdict: result.summary.errors > 0 ? "rejected" : "accepted", reasons, result };
}
