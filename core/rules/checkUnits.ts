import { cellKey } from "../snapshot.js";
import { COLUMN_HEADERS } from "../columns.js";
import { fixLabel, fixUnitText } from "../fixes.js";
import type { Report, Rule, RuleContext } from "./context.js";

/** Messages for one cell naming units: unknown names (error) and aliases (warning, with the certain fix). */
export function checkUnitCell(
  ctx: RuleContext,
  at: Pick<Report, "sheet" | "row" | "col">,
  text: string,
  what: string,
  /** The whole cell around `text`, when the cell holds more (`填报单位：财政局`). */
  cellText: string = text,
): void {
  const fixed = cellText.replace(text, fixUnitText(text, ctx.roster));
  for (const n of ctx.roster.names(text)) {
    if (!n.resolved) {
      ctx.report({
        ...at,
        code: "unit.unknown",
        severity: "error",
        message: `${what}中的“${n.text}”不在单位名册中：请改为名册中的单位全称（如“旗财政局”“明安图镇人民政府”），或请汇总人把它加入“单位名册”。`,
      });
    } else if (n.resolved.viaAlias) {
      ctx.report({
        ...at,
        code: "unit.alias",
        severity: "warning",
        message: `${what}中的“${n.text}”是简称，请写全称“${n.resolved.name}”（可一键修复）。`,
        fix: { value: fixed, label: fixLabel(cellText, fixed) },
      });
    }
  }
}

/** `unit.unknown` / `unit.alias` in 牵头单位 and 责任单位. */
export const checkUnits: Rule = (ctx) => {
  const seen = new Set<number>();
  for (const { task } of ctx.rows) {
    for (const key of ["lead", "responsible"] as const) {
      const f = task.fields[key];
      if (!f || f.text.trim() === "") continue;
      const id = cellKey(f.row, f.col);
      if (seen.has(id)) continue; // a merged cell is checked once
      seen.add(id);
      checkUnitCell(ctx, { row: f.row, col: f.col }, f.text, COLUMN_HEADERS[key]);
    }
  }
};
