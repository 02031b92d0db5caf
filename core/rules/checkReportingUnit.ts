import type { Located } from "../readTable.js";
import type { RuleContext } from "./context.js";
import { checkUnitCell } from "./checkUnits.js";

/**
 * `unit.reporting-missing`, and `unit.unknown` / `unit.alias` / `unit.reporting-mismatch` for the
 * 填报单位 line and for a unit given explicitly (`--unit`, the task pane's setting).
 */
export function checkReportingUnit(ctx: RuleContext, declared: Located | undefined, explicit: string | undefined): void {
  const { table, roster } = ctx;
  const at = declared ? { row: declared.row, col: declared.col } : { row: 1, col: 1 };
  const hasDeclared = declared !== undefined && declared.text !== "";
  if (!hasDeclared && explicit === undefined) {
    ctx.report({
      ...at,
      code: "unit.reporting-missing",
      severity: ctx.submitting ? "error" : "warning",
      message: declared
        ? "未填写填报单位：请在“填报单位：”后填写本单位全称，否则无法判断哪些事项由本单位负责。"
        : "表中没有“填报单位：”一行：请在表头上方加一行“填报单位：本单位全称”，或在设置中选择本单位。",
    });
    return;
  }
  if (hasDeclared) {
    const own = table.reader.own(declared.row, declared.col);
    checkUnitCell(ctx, at, declared.text, "填报单位", own.includes(declared.text) ? own : declared.text);
  }
  if (explicit === undefined) return;
  const given = roster.canonicalUnit(explicit);
  if (given === undefined) {
    ctx.report({
      ...at,
      code: "unit.unknown",
      severity: "error",
      message: `指定的填报单位“${explicit}”不在单位名册中：请选择名册中的单位全称。`,
    });
    return;
  }
  const inSheet = hasDeclared ? roster.canonicalUnit(declared.text) : undefined;
  if (inSheet !== undefined && inSheet !== given) {
    ctx.report({
      ...at,
      code: "unit.reporting-mismatch",
      severity: ctx.submitting ? "error" : "warning",
      message: `表中填报单位是“${inSheet}”，但本次按“${given}”校验：请确认是否打开了其他单位的表。`,
    });
  }
}
