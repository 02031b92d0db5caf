/** The one entry point every host calls: a workbook snapshot in, findings and a summary out. */
import { analyzeRows, type RowAnalysis } from "./analyzeRows.js";
import { compareFindings, type Finding } from "./findings.js";
import { readContacts, type ContactTable } from "./readContacts.js";
import { readRoster } from "./readRoster.js";
import { readTable, type DecompositionTable } from "./readTable.js";
import { DEFAULT_ROSTER, RosterIndex, type Roster } from "./roster.js";
import { checkContacts } from "./rules/checkContacts.js";
import { checkDeadline } from "./rules/checkDeadline.js";
import { checkDuplicates } from "./rules/checkDuplicates.js";
import { checkHeader } from "./rules/checkHeader.js";
import { checkProgress } from "./rules/checkProgress.js";
import { checkReportingUnit } from "./rules/checkReportingUnit.js";
import { checkRequired } from "./rules/checkRequired.js";
import { checkText } from "./rules/checkText.js";
import { checkUnits } from "./rules/checkUnits.js";
import { checkUrl } from "./rules/checkUrl.js";
import type { Report, Rule, RuleContext } from "./rules/context.js";
import { cellAddress, type WorkbookSnapshot } from "./snapshot.js";

export interface ValidateOptions {
  /** `YYYY-MM-DD`: the day overdue and due-soon are measured from. */
  today: string;
  /** The reporting unit, when given outside the sheet (`--unit`, the task pane's setting). */
  unit?: string | undefined;
  /** The plan year when the table title does not say it. */
  year?: number | undefined;
  /**
   * The roster to check names against. Given, it wins (the server's configuration: a submitted file
   * cannot bring its own); else a `单位名册` sheet in the workbook (the coordinator's template); else the
   * default roster of the seed.
   */
  roster?: Roster | RosterIndex | undefined;
  /** Stricter: what is a warning while filling in is an error when submitting. */
  submitting?: boolean | undefined;
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  rows: number;
  responsibleRows: number;
  completed: number;
}

export interface ValidationResult {
  /** `undefined` when no sheet holds the decomposition table (then `findings` holds `table.not-found`). */
  table: DecompositionTable | undefined;
  contacts: ContactTable | undefined;
  rows: RowAnalysis[];
  /** The reporting unit's canonical name, when known. */
  unit: string | undefined;
  year: number;
  roster: RosterIndex;
  findings: Finding[];
  summary: Summary;
}

const RULES: readonly Rule[] = [
  checkHeader,
  checkRequired,
  checkUnits,
  checkDeadline,
  checkProgress,
  checkDuplicates,
  checkUrl,
  checkText,
  checkContacts,
];

export function summarize(findings: readonly Finding[], rows: readonly RowAnalysis[]): Summary {
  const count = (s: Finding["severity"]) => findings.filter((f) => f.severity === s).length;
  const own = rows.filter((r) => r.responsible);
  return {
    errors: count("error"),
    warnings: count("warning"),
    infos: count("info"),
    rows: rows.length,
    responsibleRows: own.length,
    completed: own.filter((r) => r.status === "已完成").length,
  };
}

/** Applies every rule of SPEC §3 to a workbook. Never throws for bad user data. */
export function validateWorkbook(workbook: WorkbookSnapshot, options: ValidateOptions): ValidationResult {
  const given = options.roster;
  const roster = given instanceof RosterIndex ? given : new RosterIndex(given ?? readRoster(workbook) ?? DEFAULT_ROSTER);
  const todayYear = Number(options.today.slice(0, 4));
  const table = readTable(workbook);
  if (!table) {
    const findings: Finding[] = [
      {
        code: "table.not-found",
        severity: "error",
        sheet: workbook.sheets[0]?.name ?? "",
        cell: "A1",
        row: 1,
        message:
          "没有找到任务分解表：任何工作表的前40行中都没有“一级指标、提升措施、牵头单位、责任单位、完成时限、进展情况”这样的表头。请打开下发的任务分解表再校验。",
      },
    ];
    return {
      table: undefined,
      contacts: undefined,
      rows: [],
      unit: undefined,
      year: options.year ?? todayYear,
      roster,
      findings,
      summary: summarize(findings, []),
    };
  }

  const year = table.year ?? options.year ?? todayYear;
  const declared = table.reportingUnit?.text ? roster.canonicalUnit(table.reportingUnit.text) : undefined;
  const unit = options.unit !== undefined ? roster.canonicalUnit(options.unit) : declared;
  const rows = analyzeRows(table, roster, unit, year);
  const contacts = readContacts(workbook);

  const findings: Finding[] = [];
  const seen = new Set<string>();
  const report = (r: Report): void => {
    const sheet = r.sheet ?? table.sheet;
    const cell = cellAddress(r.row, r.col);
    const key = `${r.code}\u0000${sheet}\u0000${cell}\u0000${r.message}`;
    if (seen.has(key)) return; // one merged cell seen from each row it covers
    seen.add(key);
    findings.push({
      code: r.code,
      severity: r.severity,
      sheet,
      cell,
      row: r.row,
      message: r.message,
      ...(r.fix ? { fix: r.fix } : {}),
    });
  };
  const ctx: RuleContext = {
    table,
    rows,
    contacts,
    roster,
    unit,
    today: options.today,
    year,
    submitting: options.submitting ?? false,
    report,
  };
  checkReportingUnit(ctx, table.reportingUnit, options.unit);
  for (const rule of RULES) rule(ctx);
  findings.sort(compareFindings);
  return { table, contacts, rows, unit, year, roster, findings, summary: summarize(findings, rows) };
}
