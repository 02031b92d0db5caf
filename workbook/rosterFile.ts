/** A roster the coordinator supplies as a file: JSON, or a workbook with a `单位名册` sheet. */
import { z } from "zod";
import { readRoster, rosterProblems, type Roster } from "../core/index.js";
import { WorkbookError } from "./errors.js";
import { readWorkbook } from "./readWorkbook.js";

const RosterSchema = z.object({
  units: z.array(z.object({ name: z.string().min(1), groups: z.array(z.string()).default([]), aliases: z.array(z.string()).default([]) })).min(1),
  groups: z.array(z.object({ name: z.string().min(1), aliases: z.array(z.string()).default([]) })).default([]),
});

/** `name` tells the kind (`.xlsx` or JSON); a file that is neither a roster says so in one line. */
export async function parseRosterFile(name: string, bytes: Uint8Array): Promise<Roster> {
  const roster = await readRosterFile(name, bytes);
  const problems = rosterProblems(roster);
  if (problems.length > 0) {
    const more = problems.length > 3 ? `（共 ${problems.length} 处，改好这些后再看其余）` : "";
    throw new WorkbookError("corrupt", `单位名册文件 ${name} 中的名称有问题${more}：${problems.slice(0, 3).join(" ")}`);
  }
  return roster;
}

async function readRosterFile(name: string, bytes: Uint8Array): Promise<Roster> {
  if (name.toLowerCase().endsWith(".xlsx")) {
    const roster = readRoster(await readWorkbook(bytes));
    if (!roster) throw new WorkbookError("not-excel", `单位名册文件 ${name} 中没有“单位名册”工作表（表头：单位名称、所属分组、别名）。`);
    return roster;
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new WorkbookError("corrupt", `单位名册文件 ${name} 不是 JSON，也不是 .xlsx。`);
  }
  const parsed = RosterSchema.safeParse(json);
  if (!parsed.success) throw new WorkbookError("corrupt", `单位名册文件 ${name} 格式不对：${issueText(parsed.error.issues[0]!)}。应为 ${EXAMPLE}`);
  return parsed.data;
}

const EXAMPLE = '{"units": [{"name": "某某市财政局", "groups": ["市直各单位"], "aliases": ["财政局"]}], "groups": [{"name": "市直各单位"}]}';
const FIELD: Record<string, string> = { name: "名称（name）", groups: "所属分组（groups）", aliases: "别名（aliases）" };
const EXPECTED: Record<string, string> = { array: "应为列表 [ … ]", string: "应为用引号括起的文字", object: "应为 { … }" };

/** Where in the roster JSON and what is wrong, in words (zod's own messages are English). */
function issueText(issue: z.core.$ZodIssue): string {
  const [list, index, field, item] = issue.path;
  const whose = list === "groups" ? "分组" : "单位";
  let where = list === "units" ? "units（单位列表）" : list === "groups" ? "groups（分组列表）" : "名册";
  if (typeof index === "number") where = `第 ${index + 1} 个${whose}`;
  if (typeof field === "string") where += `的${FIELD[field] ?? field}`;
  if (typeof item === "number") where += `第 ${item + 1} 项`;
  if (issue.code === "invalid_type") return `${where}${EXPECTED[issue.expected] ?? "类型不对"}`;
  if (issue.code === "too_small") return list === "units" && index === undefined ? "名册中至少要有一个单位" : `${where}不能为空`;
  return `${where}有误`;
}
