/** The text report `gongkai validate` prints for people. */
import type { Finding, ValidationResult } from "../core/index.js";

const HEADINGS: Record<Finding["severity"], string> = { error: "错误", warning: "提醒", info: "提示" };

export function textReport(file: string, result: ValidationResult): string[] {
  const { summary: s, table, unit } = result;
  const where = (f: Finding) => `${f.sheet}!${f.cell}${f.task ? `（${f.task.label}）` : ""}`;
  const lines: string[] = [];
  lines.push(`文件：${file}`);
  if (table) {
    lines.push(
      `工作表：${table.sheet}（表头在第${table.headerRow}行，共${s.rows}项）；${result.tasks ? `对照任务清单“${result.tasks.title || "未命名"}”（${result.tasks.tasks.length}项${result.tasks.source === "built-in" ? "，内置示例表" : ""}）` : "未指定任务清单（--tasks），按表格本身校验"}`,
      unit
        ? `填报单位：${unit}，本单位负责${s.responsibleRows}项，已完成${s.completed}项`
        : "填报单位：未知（请在表中填写“填报单位：”或用 --unit 指定）",
    );
  }
  lines.push(`结果：错误 ${s.errors} 处，提醒 ${s.warnings} 处，提示 ${s.infos} 处`);
  for (const severity of ["error", "warning", "info"] as const) {
    const group = result.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push("", `${HEADINGS[severity]}（${group.length}）`);
    for (const f of group) lines.push(`  ${where(f)}  ${f.message}  [${f.code}]`);
  }
  const fixable = result.findings.filter((f) => f.fix).length;
  if (fixable > 0) lines.push("", `其中 ${fixable} 处可自动修复（Excel 加载项“一键修复”）。`);
  if (s.errors === 0) lines.push("", s.warnings === 0 ? "校验通过。" : "没有错误，可以提交；提醒事项请酌情处理。");
  return lines;
}
