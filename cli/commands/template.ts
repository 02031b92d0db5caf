import { writeTemplate } from "../../workbook/index.js";
import { UsageError, parseYear, type CliIO } from "../io.js";
import type { ParsedArgs } from "../main.js";
import { writeOutput } from "../writeOutput.js";

export async function templateCommand({ values }: ParsedArgs, io: CliIO): Promise<number> {
  if (!values.output) throw new UsageError("请用 -o 指定输出文件，例如：gongkai template -o 任务分解表.xlsx");
  const year = parseYear(values.year);
  await writeOutput(values.output, await writeTemplate({ year, unit: values.unit }));
  io.out(`已生成模板：${values.output}`);
  return 0;
}
