/** What the ledger keeps of one unit's submission: its rows' text, status and progress, and its counts. */
import type { Status } from "./status.js";
import type { TaskText } from "./officialTasks.js";
import { fieldText } from "./readTable.js";
import type { ValidationResult } from "./validate.js";

export interface ReportRow {
  /** The sheet row in the unit's file. */
  row: number;
  text: TaskText;
  status: Status | undefined;
  progress: string;
  evidence: string;
}

export interface UnitReport {
  unit: string;
  submissionId?: string;
  receivedAt?: string;
  errors: number;
  warnings: number;
  rows: ReportRow[];
}

/** The report of a validated workbook; the unit is the one validation settled on. */
export function unitReport(result: ValidationResult, unit: string, extra: Pick<UnitReport, "submissionId" | "receivedAt"> = {}): UnitReport {
  return {
    unit,
    ...extra,
    errors: result.summary.errors,
    warnings: result.summary.warnings,
    rows: result.rows.map((a) => ({
      row: a.task.row,
      text: {
        level1: fieldText(a.task, "level1"),
        level2: fieldText(a.task, "level2"),
        level3: fieldText(a.task, "level3"),
        measure: fieldText(a.task, "measure"),
        lead: fieldText(a.task, "lead"),
        responsible: fieldText(a.task, "responsible"),
        deadline: fieldText(a.task, "deadline"),
      },
      status: a.status,
      progress: fieldText(a.task, "progress"),
      evidence: fieldText(a.task, "evidence"),
    })),
  };
}
