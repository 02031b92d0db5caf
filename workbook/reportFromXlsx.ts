/** One file → the report the ledger keeps of it: read, validate with the same core, extract. */
import { unitReport, type UnitReport, type ValidateOptions, type ValidationResult } from "../core/index.js";
import { validateXlsx } from "./annotate.js";
import type { PreflightLimits } from "./preflightLimits.js";

export interface FileReport {
  result: ValidationResult;
  /** `undefined` when the file names no unit and none was given. */
  report: UnitReport | undefined;
}

export async function reportFromXlsx(
  bytes: Uint8Array,
  options: ValidateOptions,
  extra: Pick<UnitReport, "submissionId" | "receivedAt"> = {},
  limits?: PreflightLimits,
): Promise<FileReport> {
  const { result } = await validateXlsx(bytes, options, limits);
  return { result, report: result.table && result.unit ? unitReport(result, result.unit, extra) : undefined };
}
