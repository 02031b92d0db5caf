/** The official task list a round is consolidated against: from the transcribed plan or a coordinator's table. */
import { OFFICIAL_ROWS, type OfficialRow } from "./officialTable.js";
import { fieldText, taskLabel, type DecompositionTable } from "./readTable.js";

/** The text of one task row, merged values applied. */
export interface TaskText {
  level1: string;
  level2: string;
  level3: string;
  measure: string;
  lead: string;
  responsible: string;
  deadline: string;
}

export interface OfficialTask extends TaskText {
  /** Stable within a task list: `T01`, `T02`, … in table order. */
  id: string;
  /** 三级指标, or 二级指标 where 三级 is "-" or blank. */
  label: string;
}

const TEXT_KEYS = ["level1", "level2", "level3", "measure", "lead", "responsible", "deadline"] as const;

export function labelOf(t: Pick<TaskText, "level2" | "level3">): string {
  return t.level3 === "" || t.level3 === "-" ? t.level2 : t.level3;
}

const withIds = (texts: TaskText[]): OfficialTask[] =>
  texts.map((t, i) => ({ id: `T${String(i + 1).padStart(2, "0")}`, label: labelOf(t), ...t }));

/** The tasks of attachment 1, each merged value carried down to every row it covers. */
export function officialTasks(rows: readonly OfficialRow[] = OFFICIAL_ROWS): OfficialTask[] {
  const carry: Record<string, string> = {};
  return withIds(
    rows.map((r) => {
      const t = {} as TaskText;
      for (const k of TEXT_KEYS) {
        const v = r[k];
        if (v !== null) carry[k] = v;
        t[k] = v === null ? (carry[k] ?? "") : v;
      }
      return t;
    }),
  );
}

/** The tasks of a coordinator's own copy of the table (a round may use an amended list). */
export function tasksFromTable(table: DecompositionTable): OfficialTask[] {
  return withIds(
    table.rows.map((r) => {
      const t = {} as TaskText;
      for (const k of TEXT_KEYS) t[k] = fieldText(r, k);
      t.level3 = t.level3 === "" ? taskLabel(r) : t.level3;
      return t;
    }),
  );
}
