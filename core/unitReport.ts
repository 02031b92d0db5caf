/** What the ledger keeps of one unit's submission: its rows' text, status and progress, and its counts. */
import type { Status } from "./status.js";
import { fieldText } from "./readTable.js";
import { rowText } from "./analyzeRows.js";
import type { TaskText } from "./taskList.js";
import type { ValidationResult } from "./validate.js";
import { reportItems, type ReportItem } from "./unitItems.js";

export interface ReportRow {
  /** The sheet row in the unit's file. */
  row: number;
  text: TaskText;
  status: Status | undefined;
  progress: string;
  evidence: string;
  /** 备注, where the copy has one and it says something (a late item's reason and plan date may be there). */
  remark?: string;
}

export interface UnitReport {
  unit: string;
  submissionId?: string;
  receivedAt?: string;
  errors: number;
  warnings: number;
  rows: ReportRow[];
  /** The unit's own items under its tasks (its 细化分解 sheet); absent for a copy without one. */
  items?: ReportItem[];
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
      text: rowText(a.task),
      status: a.status,
      progress: fieldText(a.task, "progress"),
      evidence: fieldText(a.task, "evidence"),
      ...remarkOf(fieldText(a.task, "remark")),
    })),
    // a copy without a 细化分解 sheet reports as it always has
    ...(result.items ? { items: reportItems(result.items.items) } : {}),
  };
}

const remarkOf = (remark: string): { remark?: string } => (remark === "" ? {} : { remark });
