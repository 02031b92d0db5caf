/** Sample copies of the template, filled as a unit would: for the demos (npm start, gongkai demo) and benchmarks. */
import { taskLabel, validateWorkbook } from "../core/index.js";
import { fillContacts, fillCopy } from "./fillCopy.js";
import { readWorkbook } from "./readWorkbook.js";
import { buildTemplate } from "./writeTemplate.js";

export const DEMO_UNIT = "旗财政局";
/** The day the samples are checked on: a week before the plan's 3月15日 deadlines. */
export const DEMO_TODAY = "2022-03-10";

/** A unit's copy with every row it answers for reported done, and its contacts: one the service accepts. */
export async function completeCopy(unit: string): Promise<Uint8Array> {
  const wb = buildTemplate();
  const snapshot = await readWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()));
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
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** 旗财政局's copy with a few rows filled in, some of them wrongly: the demo's sample. */
export async function demoCopy(): Promise<Uint8Array> {
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
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
