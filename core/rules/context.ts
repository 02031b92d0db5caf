import type { RowAnalysis } from "../analyzeRows.js";
import type { Finding, Fix, RuleCode, Severity } from "../findings.js";
import type { ContactTable } from "../readContacts.js";
import type { DecompositionTable } from "../readTable.js";
import type { RosterIndex } from "../roster.js";

export interface Report {
  code: RuleCode;
  severity: Severity;
  /** Defaults to the table's sheet. */
  sheet?: string;
  row: number;
  col: number;
  message: string;
  fix?: Fix;
}

/** Everything a rule may look at, and the one way it speaks: `report`. */
export interface RuleContext {
  table: DecompositionTable;
  rows: readonly RowAnalysis[];
  contacts: ContactTable | undefined;
  roster: RosterIndex;
  /** The reporting unit's canonical name, when known. */
  unit: string | undefined;
  /** `YYYY-MM-DD`. */
  today: string;
  year: number;
  /** Checks made when the sheet is being submitted are stricter. */
  submitting: boolean;
  report(r: Report): void;
}

export type Rule = (ctx: RuleContext) => void;

export type { Finding };
