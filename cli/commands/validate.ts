import { validateXlsx } from "../../workbook/index.js";
import { UsageError, parseRosterOption, parseTasksOption, parseToday, parseYear, readInput, type CliIO } from "../io.js";
import type { ParsedArgs } from "../main.js";
import { textReport } from "../report.js";

export function singleFile(positionals: string[], example: string): string {
  if (positionals.length !== 1) throw new UsageError(`请指定一个 .xlsx 文件，例如：${example}`);
  return positionals[0]!;
}

export async function validateCommand({ values, positionals }: ParsedArgs, io: CliIO): Promise<number> {
  const file = singleFile(positionals, "gongkai validate 台账.xlsx --unit 旗财政局");
  const today = parseToday(values.today, io);
  const year = parseYear(values.year);
  const tasks = await parseTasksOption(values.tasks, io, "--tasks", values.mapping);
  const { result } = await validateXlsx(await readInput(file), { today, unit: values.unit, year, tasks, roster: await parseRosterOption(values.roster) });
  const notFound = result.findings.find((f) => f.code === "table.not-found");
  if (values.json) {
    io.out(JSON.stringify({ file, unit: result.unit ?? null, findings: result.findings, summary: result.summary }, null, 2));
  } else if (!notFound) {
    for (const line of textReport(file, result)) io.out(line);
  }
  if (notFound) {
    io.err(`gongkai validate：${notFound.message}`);
    return 2;
  }
  return result.summary.errors > 0 ? 1 : 0;
}
