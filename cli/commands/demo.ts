import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { DEMO_TODAY, DEMO_UNIT, annotateXlsx, demoCopy, writeTemplate } from "../../workbook/index.js";
import type { CliIO } from "../io.js";
import type { ParsedArgs } from "../main.js";
import { textReport } from "../report.js";
import { writeOutput } from "../writeOutput.js";


/** `npm start` until the service exists: the template, a filled sample copy, its report and coloured copy. */
export async function demoCommand({ values }: ParsedArgs, io: CliIO): Promise<number> {
  const dir = values.dir ?? "demo-output";
  await mkdir(dir, { recursive: true });
  const templatePath = join(dir, "任务分解表-模板.xlsx");
  await writeOutput(templatePath, await writeTemplate());

  const copyPath = join(dir, `${DEMO_UNIT}-台账.xlsx`);
  const copy = await demoCopy();
  await writeOutput(copyPath, copy);

  const { result, annotated } = await annotateXlsx(copy, { today: DEMO_TODAY });
  const annotatedPath = join(dir, `${DEMO_UNIT}-台账-标注.xlsx`);
  await writeOutput(annotatedPath, annotated);

  io.out(`演示（按 ${DEMO_TODAY} 校验 ${DEMO_UNIT} 的台账）`);
  io.out("");
  for (const line of textReport(copyPath, result)) io.out(line);
  io.out("");
  io.out(`模板：${templatePath}`);
  io.out(`示例台账：${copyPath}`);
  io.out(`标注副本：${annotatedPath}（用 Excel 或 WPS 打开，看颜色和批注）`);
  io.out(`自己试试：npx gongkai validate "${copyPath}" --today ${DEMO_TODAY}`);
  return 0;
}

