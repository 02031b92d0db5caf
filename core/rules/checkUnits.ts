import { UNIT_COLUMNS } from "../columns.js";
import { isBlank, labelKey } from "../normalize.js";
import { exampleUnits } from "../roster.js";
import { fixLabel, fixUnitText } from "../fixes.js";
import type { RowAnalysis } from "../analyzeRows.js";
import type { Field } from "../readTable.js";
import type { Report, Rule, RuleContext } from "./context.js";
import { forEachCell } from "./where.js";

type UnitKey = "lead" | "responsible" | "coResponsible";

/** Messages for one cell naming units: unknown names (error) and aliases (warning, with the certain fix). */
export function checkUnitCell(
  ctx: RuleContext,
  at: Pick<Report, "sheet" | "row" | "col">,
  text: string,
  what: string,
  /** The whole cell around `text`, when the cell holds more (`填报单位：财政局`). */
  cellText: string = text,
  /** The cell says what the task list says: a name the roster lacks there is the coordinator's to mend. */
  asListed = false,
): void {
  let fixed: string | undefined; // only where an alias is found
  for (const n of ctx.roster.names(text)) {
    if (!n.resolved) {
      if (asListed) continue;
      ctx.report({
        sheet: at.sheet,
        row: at.row,
        col: at.col,
        code: "unit.unknown",
        severity: "error",
        message: `${what}中的“${n.text}”不在单位名册中：请改为名册中的单位全称（如${exampleUnits(ctx.roster).map((u) => `“${u}”`).join("")}），或请汇总人把它加入“单位名册”。`,
        params: { name: n.text },
      });
    } else if (n.resolved.viaAlias) {
      fixed ??= cellText.replace(text, fixUnitText(text, ctx.roster));
      ctx.report({
        sheet: at.sheet,
        row: at.row,
        col: at.col,
        code: "unit.alias",
        severity: "warning",
        message: `${what}中的“${n.text}”${n.resolved.kind === "unit" && !ctx.roster.resolveExact(n.text) ? "与名册写法不同" : "是简称"}，请写名册中的名称“${n.resolved.name}”（可一键修复）。`,
        params: { name: n.text, expected: n.resolved.name },
        fix: { value: fixed, label: fixLabel(cellText, fixed) },
      });
    }
  }
}

function checkUnitColumnCell(f: Field, { official }: RowAnalysis, ctx: RuleContext): void {
  if (isBlank(f.text)) return;
  const key = f.key as UnitKey;
  const asListed = official !== undefined && labelKey(official[key]) === labelKey(f.text);
  checkUnitCell(ctx, { row: f.row, col: f.col }, f.text, ctx.header(key), f.text, asListed);
}

/** `unit.unknown` / `unit.alias` in 牵头单位 and 责任单位. */
export const checkUnits: Rule = (ctx) => {
  // a merged cell is checked once
  forEachCell(ctx.rows, checkUnitColumnCell, ctx, UNIT_COLUMNS);
};
