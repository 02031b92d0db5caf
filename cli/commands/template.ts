import { DEFAULT_ROSTER, RosterIndex, rosterOfTaskList } from "../../core/index.js";
import { writeTemplate } from "../../workbook/index.js";
import { UsageError, parseRosterOption, parseTasksOption, parseYear, type CliIO } from "../io.js";
import type { ParsedArgs } from "../main.js";
import { writeOutput } from "../writeOutput.js";

export async function templateCommand({ values }: ParsedArgs, io: CliIO): Promise<number> {
  if (!values.output) throw new UsageError("请用 -o 指定输出文件，例如：gongkai template --from 官方表.xlsx -o 任务分解表-模板.xlsx");
  const year = parseYear(values.year);
  const tasks = await parseTasksOption(values.from ?? values.tasks, io, "--from", values.mapping);
  const roster = (await parseRosterOption(values.roster)) ?? (tasks ? rosterOfTaskList(tasks) : DEFAULT_ROSTER);
  let unit: string | undefined;
  if (values.unit !== undefined) {
    // A short name is written as the roster's full name; a name the roster does not know is refused.
    unit = new RosterIndex(roster).canonicalUnit(values.unit);
    if (unit === undefined) {
      const some = roster.units.slice(0, 5).map((u) => u.name).join("、");
      throw new UsageError(`单位名册中没有“${values.unit}”：请写名册中的单位名称（如 ${some}${roster.units.length > 5 ? " 等" : ""}），或用 --roster 指定名册`);
    }
  }
  await writeOutput(values.output, await writeTemplate({ tasks, year, unit, roster }));
  io.out(`已生成模板：${values.output}（${tasks ? `任务 ${tasks.tasks.length} 项，来自 ${values.from ?? values.tasks}` : "内置示例表"}${unit ? `，填报单位：${unit}` : ""}）`);
  return 0;
}
