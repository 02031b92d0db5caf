/** Validate and annotate .xlsx bytes: the whole job of `gongkai validate` / `annotate` on one file. */
import { formatPlan, validateWorkbook, type ValidateOptions, type ValidationResult, type WorkbookSnapshot } from "../core/index.js";
import type { PreflightLimits } from "./preflightLimits.js";
import { loadWorkbook, snapshotWorkbook } from "./readWorkbook.js";
import { applyMarks } from "./writeAnnotated.js";

export interface CheckedFile {
  snapshot: WorkbookSnapshot;
  result: ValidationResult;
}

export async function validateXlsx(bytes: Uint8Array, options: ValidateOptions, limits?: PreflightLimits): Promise<CheckedFile> {
  const snapshot = snapshotWorkbook(await loadWorkbook(bytes, limits, true));
  return { snapshot, result: validateWorkbook(snapshot, options) };
}

/** A coloured, noted copy of the file; the input bytes are not touched. */
export async function annotateXlsx(
  bytes: Uint8Array,
  options: ValidateOptions,
  limits?: PreflightLimits,
): Promise<CheckedFile & { annotated: Uint8Array }> {
  const wb = await loadWorkbook(bytes, limits);
  const snapshot = snapshotWorkbook(wb);
  const result = validateWorkbook(snapshot, options);
  applyMarks(wb, formatPlan(snapshot, result));
  return { snapshot, result, annotated: new Uint8Array(await wb.xlsx.writeBuffer()) };
}
