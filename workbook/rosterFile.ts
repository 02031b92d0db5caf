/** A roster the coordinator supplies as a file: JSON, or a workbook with a `单位名册` sheet. */
import { z } from "zod";
import { readEmailCell, readRosterReport, rosterProblems, type Roster, type RosterUnit } from "../core/index.js";
import { WorkbookError } from "./errors.js";
import { readWorkbook } from "./readWorkbook.js";

const RosterSchema = z.object({
  units: z
    .array(
      z.object({
        name: z.string().min(1),
        groups: z.array(z.string()).default([]),
        aliases: z.array(z.string()).default([]),
        emails: z.array(z.string()).optional(),
      }),
    )
    .min(1),
  groups: z.array(z.object({ name: z.string().min(1), aliases: z.array(z.string()).default([]) })).default([]),
});

/** `name` tells the kind (`.xlsx` or JSON); a file that is neither a roster says so in one line. */
export async function parseRosterFile(name: string, bytes: Uint8Array): Promise<Roster> {
  return (await parseRosterFileWithWarnings(name, bytes)).roster;
}

export interface RosterFileReading {
  roster: Roster;
  /**
   * What a workbook's roster left out, a sentence each for the coordinator: a 邮箱 cell holding no address, a 联络人表
   * row of a unit the roster lacks. Never a reason to refuse the file (a roster that loaded before still loads).
   */
  warnings: string[];
}

/** `parseRosterFile`, with what the roster left out (`RosterFileReading.warnings`; none for JSON, which is refused instead). */
export async function parseRosterFileWithWarnings(name: string, bytes: Uint8Array): Promise<RosterFileReading> {
  const reading = await readRosterFile(name, bytes);
  const problems = rosterProblems(reading.roster);
  if (problems.length > 0) {
    const more = problems.length > 3 ? `（共 ${problems.length} 处，改好这些后再看其余）` : "";
    throw new WorkbookError("corrupt", `单位名册文件 ${name} 中的名称有问题${more}：${problems.slice(0, 3).join(" ")}`);
  }
  return reading;
}

async function readRosterFile(name: string, bytes: Uint8Array): Promise<RosterFileReading> {
  if (name.toLowerCase().endsWith(".xlsx")) {
    const { roster, problems } = readRosterReport(await readWorkbook(bytes));
    if (!roster) throw new WorkbookError("not-excel", `单位名册文件 ${name} 中没有“单位名册”工作表（表头：单位名称、所属分组、别名，可加邮箱）。`);
    return { roster, warnings: problems.map((p) => p.message) };
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new WorkbookError("corrupt", `单位名册文件 ${name} 不是 JSON，也不是 .xlsx。`);
  }
  const parsed = RosterSchema.safeParse(json);
  if (!parsed.success) throw new WorkbookError("corrupt", `单位名册文件 ${name} 格式不对：${issueText(parsed.error.issues[0]!, json)}。应为 ${EXAMPLE}`);
  const units = parsed.data.units.map(({ emails, ...unit }, i) => withJsonEmails(name, unit, i, emails ?? []));
  return { roster: { ...parsed.data, units }, warnings: [] };
}

/** The unit with its `emails` normalised (`readEmailCell`: each value one address); a value that is none refuses the file. */
function withJsonEmails(file: string, unit: RosterUnit, i: number, values: readonly string[]): RosterUnit {
  const emails: string[] = [];
  values.forEach((value, j) => {
    const cell = readEmailCell(value);
    const [email] = cell.emails;
    if (email === undefined || cell.emails.length > 1 || cell.malformed.length > 0) {
      const why = cell.emails.length > 1 ? "写了不止一个地址：每项只写一个" : "不是邮箱地址：应写成 name@example.gov.cn 这样";
      throw new WorkbookError("corrupt", `单位名册文件 ${file} 格式不对：第 ${i + 1} 个单位“${unit.name}”的邮箱（emails）第 ${j + 1} 项 ${shown(value)} ${why}。`);
    }
    if (!emails.includes(email)) emails.push(email);
  });
  return emails.length > 0 ? { ...unit, emails } : unit;
}

/** A value of the roster's JSON as written there, cut short. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

const EXAMPLE = '{"units": [{"name": "某某市财政局", "groups": ["市直各单位"], "aliases": ["财政局"], "emails": ["czj@example.gov.cn"]}], "groups": [{"name": "市直各单位"}]}';
const FIELD: Record<string, string> = { name: "名称（name）", groups: "所属分组（groups）", aliases: "别名（aliases）", emails: "邮箱（emails）" };
const EXPECTED: Record<string, string> = { array: "应为列表 [ … ]", string: "应为用引号括起的文字", object: "应为 { … }" };

/** Where in the roster JSON and what is wrong, in words (zod's own messages are English). */
function issueText(issue: z.core.$ZodIssue, json: unknown): string {
  const [list, index, field, item] = issue.path;
  const whose = list === "groups" ? "分组" : "单位";
  let where = list === "units" ? "units（单位列表）" : list === "groups" ? "groups（分组列表）" : "名册";
  if (typeof index === "number") where = `第 ${index + 1} 个${whose}`;
  // an address is told by its unit's name and its value: which of a long list of addresses to mend
  const unitName = field === "emails" ? valueAt(json, [list, index, "name"]) : undefined;
  if (typeof unitName === "string") where += `“${unitName}”`;
  if (typeof field === "string") where += `的${FIELD[field] ?? field}`;
  if (typeof item === "number") where += `第 ${item + 1} 项`;
  if (field === "emails") where += ` ${shown(valueAt(json, issue.path))} `;
  if (issue.code === "invalid_type") return `${where}${EXPECTED[issue.expected] ?? "类型不对"}`;
  if (issue.code === "too_small") return list === "units" && index === undefined ? "名册中至少要有一个单位" : `${where}不能为空`;
  return `${where}有误`;
}

/** The value at `path` in parsed JSON (`undefined` where there is none). */
function valueAt(json: unknown, path: readonly (PropertyKey | undefined)[]): unknown {
  let at = json;
  for (const key of path) {
    if (typeof at !== "object" || at === null || key === undefined || typeof key === "symbol") return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}
