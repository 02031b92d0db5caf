import { UNIT_COLUMNS } from "../columns.js";
import { isBlank, labelKey } from "../normalize.js";
import { exampleUnits, isAliasToFix, type NameForm } from "../roster.js";
import { fixLabel, fixUnitText } from "../fixes.js";
import { NAMES_NO_ONE } from "../unitPhrases.js";
import type { RowAnalysis } from "../analyzeRows.js";
import type { Field } from "../readTable.js";
import type { Report, Rule, RuleContext } from "./context.js";
import { forEachCell } from "./where.js";

type UnitKey = "lead" | "responsible" | "coResponsible";

/** The full names a validation has spoken of already: each is said once. */
const fullNamesSaid = new WeakMap<RuleContext, Set<string>>();

/** A name in a unit cell: the unit or group the roster lists it as (none: unknown), and how it is written there. */
interface NameRead {
  text: string;
  listed: string | undefined;
  form: NameForm | undefined;
}

/** The names of each unit cell text a validation has read: a table repeats the same few cells on every row. */
const cellsRead = new WeakMap<RuleContext, Map<string, readonly NameRead[]>>();

function namesIn(ctx: RuleContext, text: string): readonly NameRead[] {
  let read = cellsRead.get(ctx);
  if (!read) cellsRead.set(ctx, (read = new Map()));
  let names = read.get(text);
  if (!names) {
    names = ctx.roster.names(text).map((n) => ({ text: n.text, listed: n.resolved?.name, form: n.resolved && ctx.roster.writtenAs(n.text) }));
    read.set(text, names);
  }
  return names;
}

/**
 * Messages for one cell naming units: unknown names (error), aliases to fix (warning, with the certain fix), full names
 * (info, accepted). Nothing for a cell copied unchanged from the task list (`asListed`), nor for a cell whose units
 * the coordinator named (`RosterIndex.phraseOf`): neither is the unit's to mend.
 */
export function checkUnitCell(
  ctx: RuleContext,
  at: Pick<Report, "sheet" | "row" | "col">,
  text: string,
  what: string,
  /** The whole cell around `text`, when the cell holds more (`填报单位：财政局`). */
  cellText: string = text,
  /** The cell says what the task list says. */
  asListed = false,
): void {
  if (asListed || ctx.roster.phraseOf(text)) return;
  let fixed: string | undefined; // only where an alias is found
  for (const n of namesIn(ctx, text)) {
    if (n.form === "name") continue;
    const where = { sheet: at.sheet, row: at.row, col: at.col };
    const listed = n.listed;
    if (listed === undefined) {
      if (NAMES_NO_ONE.test(n.text)) continue; // official wording (各有关单位配合) the roster cannot list
      ctx.report({
        ...where,
        code: "unit.unknown",
        severity: "error",
        message: `${what}中的“${n.text}”不在单位名册中：请改为名册中的单位全称（如${exampleUnits(ctx.roster).map((u) => `“${u}”`).join("")}），或请汇总人把它加入“单位名册”。`,
        params: { name: n.text },
      });
      continue;
    }
    const form = n.form;
    if (form === "full-name") {
      let said = fullNamesSaid.get(ctx);
      if (!said) fullNamesSaid.set(ctx, (said = new Set()));
      if (said.has(n.text)) continue;
      said.add(n.text);
      ctx.report({
        ...where,
        code: "unit.full-name",
        severity: "info",
        message: `${what}中的“${n.text}”是名册中“${listed}”的全称，已按“${listed}”识别，无需修改。`,
        params: { name: n.text, unit: listed },
      });
    } else if (isAliasToFix(form)) {
      fixed ??= cellText.replace(text, fixUnitText(text, ctx.roster));
      const how = form === "short-form" ? `是“${listed}”的简称` : "与名册写法不同";
      ctx.report({
        ...where,
        code: "unit.alias",
        severity: "warning",
        message: `${what}中的“${n.text}”${how}，请写名册中的名称“${listed}”（可一键修复）。`,
        params: { name: n.text, expected: listed },
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

/** `unit.unknown` / `unit.alias` / `unit.full-name` in 牵头单位 and 责任单位. */
export const checkUnits: Rule = (ctx) => {
  // a merged cell is checked once
  forEachCell(ctx.rows, checkUnitColumnCell, ctx, UNIT_COLUMNS);
};
