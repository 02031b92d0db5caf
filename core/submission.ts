/** The submit-time check every host makes the same way: a unit may only send its own table. */
import type { ValidationResult } from "./validate.js";

export type SubmitterCheck = { ok: true } | { ok: false; declared: string; message: string };

/** Whether the table's 填报单位 (if it names one) is the unit that sends it. */
export function checkSubmitter(result: ValidationResult, unit: string): SubmitterCheck {
  const named = result.table?.reportingUnit?.text;
  if (!named) return { ok: true };
  const declared = result.roster.canonicalUnit(named) ?? named;
  if (declared === unit) return { ok: true };
  return { ok: false, declared, message: `表中的填报单位是“${declared}”，而令牌属于“${unit}”：每个单位只能报送本单位的表。` };
}
