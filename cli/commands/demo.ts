import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { taskLabel, validateWorkbook } from "../../core/index.js";
import { annotateXlsx, buildTemplate, fillContacts, fillCopy, readWorkbook, writeTemplate } from "../../workbook/index.js";
import type { CliIO } from "../io.js";
import type { ParsedArgs } from "../main.js";
import { textReport } from "../report.js";
import { writeOutput } from "../writeOutput.js";

const DEMO_UNIT = "旗财政局";
export const DEMO_TODAY = "2022-03-10";

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

/** A unit's copy with every row it answers for reported done, and its contacts: one the service accepts. */
export async function completeCopy(unit: string): Promise<Buffer> {
  const wb = buildTemplate();
  const snapshot = await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
  const result = validateWorkbook(snapshot, { today: DEMO_TODAY, unit });
  fillCopy(wb, unit, result.rows.filter((r) => r.responsible).map((r) => ({
    task: taskLabel(r.task),
    progress: "已按要求在政府信息公开平台公开，并持续更新。",
    status: "已完成",
    updated: DEMO_TODAY,
  })));
  fillContacts(wb, [
    { name: "王某某", title: "副局长", phone: "0479-5221234", role: "分管领导" },
    { name: "李某某", title: "科员", phone: "13847912345", role: "专职人员" },
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 旗财政局's copy with a few rows filled in, some of them wrongly: the demo's sample. */
export async function demoCopy(): Promise<Buffer> {
  const wb = buildTemplate();
  fillCopy(wb, DEMO_UNIT, [
    { task: "财政资金", progress: "已公开2022年预算及“三公”经费预算，每月公开财政收支。", status: "已完成", evidence: "http://www.example.gov.cn/czzj" },
    { task: "统计信息", progress: "正在整理2月数据" },
    { task: "基础信息公开", progress: "已完成机构职能更新", evidence: "www.example.gov.cn" },
    { task: "政府信息公开指南", progress: "尚未完成，3月12日前发布" },
    { task: "建议提案办理", progress: "已配合提供材料" },
  ]);
  fillContacts(wb, [
    { name: "王某某", title: "副局长", phone: "0479-5221234", role: "分管领导" },
    { name: "李某某", title: "科员", phone: "1380479123", role: "专职人员" },
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
