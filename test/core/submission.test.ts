/** One decision for "can this be submitted" (core/submission.ts): the pane, the page and the server judge alike. */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { judgeSubmission, refusalReasons, validateWorkbook, type Finding, type SubmissionVerdict } from "../../core/index.js";
import { readWorkbook } from "../../workbook/index.js";
import { OFFICIAL_HEADERS, allDone, buildCopy, type CopyOptions, type RowInput } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";

const copy = (filled: Record<string, RowInput>, extra: CopyOptions = {}): CopyOptions => ({ unit: "旗财政局", rows: CLEAN_ROWS, filled: { ...allDone(FINANCE_TASKS), ...filled }, ...extra });

async function notATable(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("名单");
  ws.addRow(["姓名", "电话"]);
  ws.addRow(["张三", "13800000000"]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("judgeSubmission", () => {
  it.each<[string, () => Promise<Uint8Array>, string, SubmissionVerdict, number]>([
    // name, file, today, verdict, reasons
    ["a clean copy", async () => (await buildCopy(copy({}))).bytes, "2022-03-10", "accepted", 0],
    ["a late item without a reason: reported, not refused", async () => (await buildCopy(copy({ 基础信息公开: { progress: "正在收集各科室职能" } }))).bytes, "2022-04-01", "accepted", 0],
    ["a late item with its reason and plan date", async () => (await buildCopy(copy({ 基础信息公开: { progress: "因科室职能调整原因，计划于4月30日前完成" } }))).bytes, "2022-04-01", "accepted", 0],
    ["no contact sheet (an error only when submitting)", async () => (await buildCopy(copy({}, { contacts: null }))).bytes, "2022-03-10", "rejected", 1],
    ["progress left blank on many rows", async () => (await buildCopy(copy({ 统计信息: {}, 财政资金: {}, 基础信息公开: {}, 政府信息公开指南: {} }))).bytes, "2022-03-10", "rejected", 3],
    ["a file that is no task table", notATable, "2022-03-10", "not-a-table", 1],
  ])("%s", async (_, file, today, verdict, reasons) => {
    const snapshot = await readWorkbook(await file());
    const j = judgeSubmission(snapshot, { today });
    expect(j.verdict).toBe(verdict);
    expect(j.reasons).toHaveLength(reasons);
    for (const r of j.reasons) expect(r).toMatch(/^(?:[^!]+!)?[A-Z]+\d+：\S/);
    // exactly as validation with submitting: true decides
    const strict = validateWorkbook(snapshot, { today, submitting: true });
    expect(j.result.findings).toEqual(strict.findings);
    expect(j.reasons).toEqual(strict.findings.filter((f) => f.severity === "error").slice(0, 3).map((f) => j.reasons.find((r) => r.endsWith(`${f.cell}：${f.message}`))));
    expect(j.result.findings.some((f) => f.code === "deadline.overdue" && f.severity === "error")).toBe(false);
  });

  it("late work keeps its finding: a warning asking for the reason, or a note carrying reason and plan date", async () => {
    const late = judgeSubmission(await readWorkbook((await buildCopy(copy({ 基础信息公开: { progress: "正在收集各科室职能" }, 政府信息公开指南: { progress: "正在编写", remark: "逾期原因：等待上级模板；计划完成时间：2022-04-15" } }, { headers: [...OFFICIAL_HEADERS, "完成状态", "备注"] }))).bytes), { today: "2022-04-01" });
    const overdue = late.result.findings.filter((f) => f.code === "deadline.overdue");
    expect(overdue.map((f) => [f.task?.label, f.severity, f.params])).toEqual([
      ["基础信息公开", "warning", { deadline: "2022-03-15", daysLate: 17, status: "推进中" }],
      ["政府信息公开指南", "info", { deadline: "2022-03-15", daysLate: 17, status: "推进中", reason: "等待上级模板", planDate: "2022-04-15" }],
    ]);
    expect(overdue[0]!.message).toMatch(/逾期原因和计划完成时间/);
    expect(overdue[1]!.message).toContain("已说明原因：等待上级模板；计划完成时间：2022年4月15日");
  });
});

describe("refusalReasons", () => {
  const f = (sheet: string, cell: string, code: Finding["code"], task?: string) =>
    ({ code, severity: "error" as const, sheet, cell, message: "说明", ...(task ? { task: { id: task, label: task } } : {}) });

  it("names the sheet of every finding off the table's sheet, also when only a unit's own items (细化分解) are wrong", () => {
    const items = [f("细化分解", "E4", "item.deadline-after-task", "T08"), f("细化分解", "D5", "item.no-person", "T08")];
    // as the service keeps a refused file: the table's sheet with the findings, or (older records) read from them
    expect(refusalReasons(items, "任务分解表")).toEqual(["细化分解!E4：说明", "细化分解!D5：说明"]);
    expect(refusalReasons([...items, f("任务分解表", "G14", "progress.missing", "T03")])).toEqual(["细化分解!E4：说明", "细化分解!D5：说明", "G14：说明"]);
    expect(refusalReasons([f("联络人", "C4", "contact.phone-invalid"), f("任务分解表", "G14", "progress.missing", "T03")], "任务分解表")).toEqual(["联络人!C4：说明", "G14：说明"]);
  });
});
