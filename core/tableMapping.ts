/**
 * The coordinator's corrections to how an official table is read (CONTRACT §1, "The reading is data"): a role per
 * column, which rows are headings, and who a unit cell's phrase names. Stored with the task list and applied
 * wherever the table is read — template, validation, consolidation, add-in. A correction always wins over a guess.
 */
import { z } from "zod";
import { COLUMN_HEADERS, type ColumnKey } from "./columns.js";

/** A column's role, or `ignore`: a column the tools should not read (kept in copies, never checked). */
export type ColumnRole = ColumnKey | "ignore";

export const COLUMN_ROLES = [...(Object.keys(COLUMN_HEADERS) as ColumnKey[]), "ignore"] as const;

/** Who a unit cell names, as the coordinator says it. */
export interface UnitPhrase {
  lead: string[];
  responsible: string[];
}

export interface TableMapping {
  /** Column letter (`A`, `B`, …) → role. */
  columns: Record<string, ColumnRole>;
  /** Sheet rows that are headings (section titles), never tasks. */
  headingRows: number[];
  /** A unit cell's text as published → the units it names. */
  unitPhrases: Record<string, UnitPhrase>;
}

export const EMPTY_MAPPING: TableMapping = { columns: {}, headingRows: [], unitPhrases: {} };

const names = z.array(z.string().trim().min(1)).default([]);

export const TableMappingSchema = z.object({
  columns: z.record(z.string().trim().regex(/^[A-Za-z]{1,3}$/, "列须写作字母，如 A、B、AA"), z.enum(COLUMN_ROLES)).default({}),
  headingRows: z.array(z.number().int().positive()).default([]),
  unitPhrases: z.record(z.string().min(1), z.object({ lead: names, responsible: names })).default({}),
});

/** Role names in Chinese, for the reading report and for a mapping written by hand (`"B": "责任单位"`). */
export const ROLE_LABELS: Record<ColumnRole, string> = {
  ...COLUMN_HEADERS,
  level1: "一级标题（类别）",
  level2: "二级标题",
  level3: "三级标题",
  measure: "任务（措施）",
  ignore: "不读（忽略）",
};

export type MappingParse = { success: true; data: TableMapping } | { success: false; message: string };

/**
 * A mapping from JSON as people write it: roles by key (`"responsible"`) or by their Chinese name (`"责任单位"`),
 * column letters in either case. A mapping that cannot be used says what is wrong and where, in one sentence.
 */
export function parseMapping(json: unknown): MappingParse {
  const byLabel = new Map<string, ColumnRole>();
  for (const [role, label] of Object.entries(ROLE_LABELS) as [ColumnRole, string][]) {
    byLabel.set(label, role);
    byLabel.set(label.replace(/（.*）$/, ""), role);
    if (role !== "ignore") byLabel.set(COLUMN_HEADERS[role], role);
  }
  let input = json;
  if (input && typeof input === "object" && !Array.isArray(input) && "columns" in input) {
    const columns = (input as { columns: unknown }).columns;
    if (columns && typeof columns === "object" && !Array.isArray(columns)) {
      const out: Record<string, unknown> = {};
      for (const [letter, role] of Object.entries(columns)) out[letter.trim().toUpperCase()] = typeof role === "string" ? (byLabel.get(role.trim()) ?? role.trim()) : role;
      input = { ...input, columns: out };
    }
  }
  const problem = firstProblem(input);
  if (problem) return { success: false, message: `更正文件中${problem}。` };
  const parsed = TableMappingSchema.safeParse(input);
  if (parsed.success) return { success: true, data: parsed.data as TableMapping };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? `“${issue.path.join(".")}”` : "文件";
  const roles = Object.values(ROLE_LABELS).join("、");
  const hint = issue.path[0] === "columns" ? `（列的角色可写：${roles}）` : "";
  return { success: false, message: `更正文件中${where}有误：${issue.message}${hint}。` };
}

/** What is wrong with a mapping, in words (`“columns.C”的角色“责任人”不是可用的角色…`), before the schema's own check. */
function firstProblem(input: unknown): string | undefined {
  if (!input || typeof input !== "object" || Array.isArray(input)) return "内容应为一个 JSON 对象：{ \"columns\": {…}, \"headingRows\": […], \"unitPhrases\": {…} }";
  const { columns, headingRows, unitPhrases } = input as Record<string, unknown>;
  const unknown = Object.keys(input).find((k) => !["columns", "headingRows", "unitPhrases"].includes(k));
  if (unknown !== undefined) return `有不认识的项“${unknown}”（可写：columns、headingRows、unitPhrases）`;
  if (columns !== undefined) {
    if (!columns || typeof columns !== "object" || Array.isArray(columns)) return "“columns”应为 { \"列字母\": \"角色\" }";
    for (const [letter, role] of Object.entries(columns)) {
      if (!/^[A-Z]{1,3}$/.test(letter)) return `“columns”中的“${letter}”不是列字母（应写作 A、B、AA 等）`;
      if (typeof role !== "string" || !(COLUMN_ROLES as readonly string[]).includes(role)) {
        return `“columns.${letter}”的角色“${String(role)}”不是可用的角色（列的角色可写：${Object.values(ROLE_LABELS).join("、")}）`;
      }
    }
  }
  if (headingRows !== undefined && (!Array.isArray(headingRows) || headingRows.some((r) => !Number.isInteger(r) || (r as number) < 1))) {
    return "“headingRows”应为行号的列表，如 [5, 12]";
  }
  if (unitPhrases !== undefined) {
    if (!unitPhrases || typeof unitPhrases !== "object" || Array.isArray(unitPhrases)) return "“unitPhrases”应为 { \"单元格原文\": { \"lead\": [...], \"responsible\": [...] } }";
    for (const [text, phrase] of Object.entries(unitPhrases)) {
      if (text.trim() === "") return "“unitPhrases”的键不能为空：单位格为空的任务，请用任务编号作键（如 \"T07\"）";
      const p = phrase as Record<string, unknown> | null;
      const names = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((n) => typeof n === "string"));
      if (!p || typeof p !== "object" || !names(p.lead) || !names(p.responsible)) return `“unitPhrases”中“${text}”应写作 { "lead": ["单位"], "responsible": ["单位"] }`;
    }
  }
  return undefined;
}

/** Whether a mapping corrects anything. */
export function isEmptyMapping(m: TableMapping | undefined): boolean {
  return !m || (Object.keys(m.columns).length === 0 && m.headingRows.length === 0 && Object.keys(m.unitPhrases).length === 0);
}
