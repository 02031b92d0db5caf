import type { ColumnKey } from "../columns.js";
import { fixCodedText, fixLabel, fixUnitText } from "../fixes.js";
import type { RowAnalysis } from "../analyzeRows.js";
import type { Field } from "../readTable.js";
import type { Rule, RuleContext } from "./context.js";
import { forEachCell } from "./where.js";

/** Fields whose values are codes (names, dates, choices, links): stray spaces there break matching. */
const CODED: ReadonlySet<ColumnKey> = new Set<ColumnKey>(["lead", "responsible", "coResponsible", "deadline", "status", "updated", "evidence"]);
/** Fields a person reads as text: a formula there is fragile. */
const TEXTUAL: ReadonlySet<ColumnKey> = new Set<ColumnKey>([
  "level1", "level2", "level3", "measure", "lead", "responsible", "coResponsible", "deadline", "progress", "status",
]);

/** The columns either check looks at. */
const WATCHED: readonly ColumnKey[] = [...new Set([...TEXTUAL, ...CODED])];

/** `text.whitespace` (with the certain fix) and `text.formula`. */
export const checkText: Rule = (ctx) => forEachCell(ctx.rows, checkTextCell, ctx, WATCHED);

function checkTextCell(f: Field, _: RowAnalysis, ctx: RuleContext): void {
  const key = f.key;
  if (f.formula !== undefined && TEXTUAL.has(key)) {
    ctx.report({
      code: "text.formula",
      severity: "warning",
      row: f.row,
      col: f.col,
      message: `“${ctx.header(key)}”应直接填写文字，这里是公式“=${f.formula}”：公式结果会随其他单元格变化，汇总时不可靠，请改为文字。`,
    });
    return;
  }
  if (!CODED.has(key) || f.text === "") return;
  const tidy = fixCodedText(f.text);
  if (tidy === f.text) return;
  const fixed = key === "lead" || key === "responsible" || key === "coResponsible" ? fixUnitText(f.text, ctx.roster) : tidy;
  ctx.report({
    code: "text.whitespace",
    severity: "warning",
    row: f.row,
    col: f.col,
    message: `“${ctx.header(key)}”含多余空格或全角数字：应为“${tidy}”（可一键修复）。`,
    fix: { value: fixed, label: fixLabel(f.text, fixed) },
  });
}
