import type { RowAnalysis } from "../analyzeRows.js";
import type { ColumnKey } from "../columns.js";
import type { Finding, FindingParams, Fix, RuleCode, Severity } from "../findings.js";
import type { ContactTable } from "../readContacts.js";
import type { DecompositionTable } from "../readTable.js";
import type { RosterIndex } from "../roster.js";
import type { TaskList } from "../taskList.js";
import type { ItemsReading } from "../unitItems.js";

export interface Report {
  code: RuleCode;
  severity: Severity;
  /** Defaults to the table's sheet. */
  sheet?: string;
  row: number;
  col: number;
  message: string;
  /** The task, where it is not the one on the finding's row (a missing task is reported beside another). */
  task?: Finding["task"];
  params?: FindingParams;
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
  /** The task list the copy is checked against; `undefined` when the copy is read on its own terms. */
  tasks: TaskList | undefined;
  /** The unit's own items (its 细化分解 sheet), when the copy has one: a task with items is reported through them. */
  items?: ItemsReading | undefined;
  /** A column's name in the user's own words (the copy's header, else the task list's, else the seed's). */
  header(key: ColumnKey): string;
  report(r: Report): void;
}

export type Rule = (ctx: RuleContext) => void;

export type { Finding };
