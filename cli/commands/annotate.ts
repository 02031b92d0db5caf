import { annotateXlsx } from "../../workbook/index.js";
import { UsageError, parseRosterOption, parseTasksOption, parseToday, parseYear, readInput, type CliIO } from "../io.js";
import type { ParsedArgs } from "../main.js";
import { sameFile, writeOutput } from "../writeOutput.js";
import { singleFile } from "./validate.js";

export async function annotateCommand({ values, positionals }: ParsedArgs, io: CliIO): Promise<number> {
  const file = singleFile(positionals, "gongkai annotate 台账.xlsx -o 台账-标注.xlsx");
  if (!values.output) throw new UsageError("请用 -o 指定标注副本的文件名，例如：-o 台账-标注.xlsx");
  if (sameFile(file, values.output)) throw new UsageError("标注副本不能覆盖原文件：请用 -o 指定另一个文件名");
  const today = parseToday(values.today, io);
  const tasks = await parseTasksOption(values.tasks, io, "--tasks", values.mapping);
  const { result, annotated } = await annotateXlsx(await readInput(file), { today, unit: values.unit, year: parseYear(values.year), tasks, roster: await parseRosterOption(values.roster) });
  const notFound = result.findings.find((f) => f.code === "table.not-found");
  if (notFound) {
    io.err(`gongkai annotate：${notFound.message}`);
    return 2;
  }
  await writeOutput(values.output, annotated);
  const s = result.summary;
  io.out(`已生成标注副本：${values.output}（错误 ${s.errors} 处，提醒 ${s.warnings} 处，提示 ${s.infos} 处）`);
  return s.errors > 0 ? 1 : 0;
}
