/** The columns of the 任务分解表, found by header text, never by position. */
import { labelKey } from "./normalize.js";

export const COLUMN_HEADERS = {
  level1: "一级指标",
  level2: "二级指标",
  level3: "三级指标",
  measure: "提升措施",
  lead: "牵头单位",
  responsible: "责任单位",
  deadline: "完成时限",
  progress: "进展情况",
  status: "完成状态",
  evidence: "佐证链接",
  updated: "更新日期",
  remark: "备注",
} as const;

export type ColumnKey = keyof typeof COLUMN_HEADERS;

/** The eight columns of attachment 1, in the official order. */
export const OFFICIAL_COLUMNS: readonly ColumnKey[] = [
  "level1", "level2", "level3", "measure", "lead", "responsible", "deadline", "progress",
];

/** Without these the table cannot be checked (SPEC §3 `header.missing-column`). */
export const REQUIRED_COLUMNS: readonly ColumnKey[] = ["level1", "measure", "lead", "responsible", "deadline", "progress"];

/** Blank after merges → `cell.required`. */
export const REQUIRED_CELLS: readonly ColumnKey[] = ["level1", "measure", "lead", "responsible", "deadline"];

/** Other headers people write for the same column. */
const SYNONYMS: Record<string, ColumnKey> = {
  一级: "level1",
  二级: "level2",
  三级: "level3",
  工作措施: "measure",
  具体措施: "measure",
  工作任务: "measure",
  牵头部门: "lead",
  责任部门: "responsible",
  配合单位: "responsible",
  完成时间: "deadline",
  时限要求: "deadline",
  进展: "progress",
  工作进展: "progress",
  进展情况说明: "progress",
  落实情况: "progress",
  状态: "status",
  完成情况: "progress",
  佐证材料: "evidence",
  佐证材料链接: "evidence",
  链接: "evidence",
  更新时间: "updated",
};

const MAX_HEADER_LENGTH = 16;

const BY_LABEL = new Map<string, ColumnKey>([
  ...Object.entries(COLUMN_HEADERS).map(([k, v]) => [labelKey(v), k as ColumnKey] as const),
  ...Object.entries(SYNONYMS).map(([k, v]) => [labelKey(k), v] as const),
]);

/** The column a header cell names, if any (`"完成\n时限"` and `"完成时限 "` count). */
export function columnForHeader(text: string): ColumnKey | undefined {
  // Headers are short; skipping long cells keeps the search for repeated headers cheap on every row.
  if (text.length > MAX_HEADER_LENGTH) return undefined;
  return BY_LABEL.get(labelKey(text));
}
