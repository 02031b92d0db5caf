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
  if (!parsed.success) throw new WorkbookError("corrupt", `单位名册文件 ${name} 格式不对：${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message ?? ""}`);
  return parsed.data;
}
