/**
 * Where validation's time goes, phase by phase (best of several cold runs each): the table read, the match
 * against the task list, the row analysis and each rule. Printed by `npm run bench` under the total, so that a
 * change's effect shows where it was made.
 */
import { analyzeRows } from "../core/analyzeRows.js";
import { forgetRemembered, type WorkbookSnapshot } from "../core/index.js";
import { readContacts } from "../core/readContacts.js";
import { readTable } from "../core/readTable.js";
import type { RuleContext } from "../core/rules/context.js";
import { checkTasks } from "../core/rules/checkTasks.js";
import { headerOf } from "../core/taskList.js";
import { RULES, rosterFor, taskListFor } from "../core/validate.js";

/** Milliseconds per phase, best of `runs` cold runs. */
export function validationPhases(workbook: WorkbookSnapshot, today: string, runs = 10): Map<string, number> {
  const best = new Map<string, number>();
  const time = <T>(name: string, fn: () => T): T => {
    const t0 = performance.now();
    const value = fn();
    best.set(name, Math.min(best.get(name) ?? Infinity, performance.now() - t0));
    return value;
  };
  for (let i = 0; i < runs; i++) {
    forgetRemembered();
    (globalThis as { gc?: () => void }).gc?.();
    const table = time("read table", () => readTable(workbook));
    if (!table) throw new Error("the bench table was not found");
    const chosen = time("match tasks", () => taskListFor(table, undefined));
    const roster = rosterFor(workbook, table, {}, chosen?.tasks);
    const unit = table.reportingUnit ? roster.canonicalUnit(table.reportingUnit.text) : undefined;
    const rows = time("analyse rows", () => analyzeRows(table, roster, unit, table.year ?? 2022, chosen?.match.byRow));
    const ctx: RuleContext = {
      table,
      rows,
      contacts: readContacts(workbook, table.reader),
      roster,
      unit,
      today,
      year: table.year ?? 2022,
      submitting: false,
      tasks: chosen?.tasks,
      measureEnds: chosen?.match.measureEnds,
      header: (key) => table.headers[key] ?? headerOf(chosen?.tasks, key),
      report: () => {},
    };
    for (const rule of RULES) time(rule.name, () => rule(ctx));
    time("checkTasks", () => checkTasks(ctx, chosen?.match.missing ?? [], chosen?.match.matchedRows ?? []));
  }
  return best;
}
