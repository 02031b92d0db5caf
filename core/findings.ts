/** Findings: every problem the rules see in a workbook is data, never an exception. */

export const RULE_CODES = [
  "table.not-found",
  "header.missing-column",
  "unit.reporting-missing",
  "unit.reporting-mismatch",
  "cell.required",
  "unit.unknown",
  "unit.alias",
  "deadline.invalid",
  "deadline.overdue",
  "deadline.due-soon",
  "progress.missing",
  "progress.status-unknown",
  "progress.unexpected",
  "progress.stale",
  "measure.duplicate",
  "url.invalid",
  "text.whitespace",
  "text.formula",
  "contact.missing-sheet",
  "contact.required",
  "contact.phone-invalid",
  "contact.roles",
] as const;

export type RuleCode = (typeof RULE_CODES)[number];
export type Severity = "error" | "warning" | "info";

/** A correction the tool can make by itself: write `value` into the finding's cell. */
export interface Fix {
  value: string;
  /** What the fix does, in words for the user (`“财政局” → “旗财政局”`). */
  label: string;
}

export interface Finding {
  code: RuleCode;
  severity: Severity;
  sheet: string;
  /** A1 address of the cell to look at (the top-left cell of a merged area). */
  cell: string;
  row: number;
  message: string;
  fix?: Fix;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then by sheet, row, column, code: the order a person reads a report in. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    a.sheet.localeCompare(b.sheet) ||
    a.row - b.row ||
    a.cell.length - b.cell.length ||
    a.cell.localeCompare(b.cell) ||
    a.code.localeCompare(b.code)
  );
}

export function severityRank(s: Severity): number {
  return SEVERITY_RANK[s];
}
