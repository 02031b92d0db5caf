/** `gongkai tasks 官方表.xlsx`: how the official table is read — the report the coordinator confirms and corrects. */
import { ROLE_LABELS, describeColumn, nobodyText, type ReadingReport } from "../../core/index.js";
import { WorkbookError, readTaskListWithReport } from "../../workbook/index.js";
import { UsageError, parseMappingOption, parseRosterOption, parseYear, readInput, type CliIO } from "../io.js";
import type { ParsedArgs } from "../main.js";
import { singleFile } from "./validate.js";

export async function tasksCommand({ values, positionals }: ParsedArgs, io: CliIO): Promise<number> {
  const file = singleFile(positionals, "gongkai tasks 官方表.xlsx [--mapping 更正.json]");
  const mapping = await parseMappingOption(values.mapping);
  const roster = await parseRosterOption(values.roster);
  const read = await readTaskListWithReport(await readInput(file), undefined, mapping, { roster, year: parseYear(values.year) ?? Number(io.today().slice(0, 4)) }).catch((e: unknown) => {
    if (e instanceof WorkbookError) throw new UsageError(`${file}：${e.message}`);
    throw e;
  });
  const { report } = read;
  if (values.json) io.out(JSON.stringify(report, null, 2));
  else for (const line of readingLines(file, report)) io.out(line);
  return report.tasks.some((t) => t.noUnit || t.nobodyReports) ? 1 : 0;
}

/** The reading report in words, what to look at first. */
export function readingLines(file: string, report: ReadingReport): string[] {
  const lines: string[] = [];
  const rows = report.headerRows.length > 1 ? `第${report.headerRows[0]}–${report.headerRows.at(-1)}行` : `第${report.headerRows[0]}行`;
  lines.push(`文件：${file}`, `工作表：${report.sheet}；标题：${report.title || "（无）"}；年度：${report.year ?? "（标题未写，按当年）"}；表头在${rows}；任务 ${report.tasks.length} 项`);
  lines.push("", "列的读法：");
  for (const c of report.columns) lines.push(`  ${describeColumn(c)}`);
  if (report.duplicates.length > 0) {
    lines.push("", "重复的任务（两行都保留）：");
    for (const d of report.duplicates) lines.push(`  ${d}`);
  }
  if (report.headingRows.length > 0) {
    lines.push("", `标题行（不是任务，${report.headingRows.length} 行）：`);
    for (const h of report.headingRows) lines.push(`  第${h.row}行：${h.text}`);
  }
  const attention = report.tasks.filter((t) => t.noUnit || t.nobodyReports || !t.deadlineOk);
  if (attention.length > 0) {
    lines.push("", `需要确认（${attention.length} 项）：`);
    for (const t of attention) {
      const what = [
        t.noUnit ? (t.unitCell ? `读不出单位（“${t.unitCell}”）` : `没有写单位（更正时以“${t.id}”为键）`) : "",
        t.nobodyReports ? `${nobodyText(t)}（没有单位会为它报送）` : "",
        t.deadlineOk ? "" : `完成时限“${t.deadline || "空"}”：${t.deadlineUnderstood}`,
      ].filter((x) => x !== "");
      lines.push(`  ${t.id} 第${t.row}行 ${t.label}：${what.join("；")}`);
    }
  }
  lines.push("", "各项任务：");
  for (const t of [...report.tasks].sort((a, b) => a.row - b.row)) {
    const units = [t.lead.length ? `牵头：${t.lead.join("、")}` : "", t.responsible.length ? `责任：${t.responsible.join("、")}` : ""].filter((x) => x !== "").join("；");
    lines.push(`  ${t.id} 第${t.row}行 ${t.label} ｜ ${units || "（无单位）"} ｜ 时限：${t.deadlineUnderstood}${t.unread.length ? ` ｜ 未读懂：${t.unread.join("、")}` : ""}`);
  }
  lines.push(
    "",
    "如有读错，写一个更正文件（JSON）并用 --mapping 指定（template、validate、annotate、consolidate 同样接受）：",
    `  { "columns": { "C": "责任单位" }, "headingRows": [5, 12], "unitPhrases": { "单元格原文": { "lead": ["牵头单位"], "responsible": ["责任单位"] } } }`,
    `  列的角色可写：${Object.values(ROLE_LABELS).join("、")}。也可用 .xlsx：工作表“列的角色”（列 | 角色）、“标题行”（行号）、“单位短语”（单元格文字 | 牵头单位 | 责任单位）。`,
  );
  return lines;
}
