/** 细化分解 through validation, the format plan and consolidation, on a coordinator's own table (the city's 任务分工表). */
import { beforeAll, describe, expect, it } from "vitest";
import { ITEMS_LEDGER_SHEET, OVERDUE_SHEET, RosterIndex, consolidate, formatPlan, layoutGrid, unitReport, validateWorkbook, type TaskList, type ValidationResult } from "../../core/index.js";
import { readTaskListXlsx, readWorkbook } from "../../workbook/index.js";
import { CITY, buildTable } from "../fixtures/otherTables.js";
import { CLEAN_ITEMS, DEFECTIVE_ITEMS, ITEMS_ROUND, ITEMS_TODAY, ITEMS_UNIT, itemsCopy } from "../fixtures/unitItems.js";

let tasks: TaskList;
const validate = async (bytes: Uint8Array, today = ITEMS_TODAY): Promise<ValidationResult> =>
  validateWorkbook(await readWorkbook(bytes), { today, tasks, roster: CITY.roster });
const onItems = (r: ValidationResult) => r.findings.filter((f) => f.sheet === "细化分解");

beforeAll(async () => {
  tasks = await readTaskListXlsx((await buildTable(CITY)).bytes);
});

describe("a clean 细化分解 under three tasks", () => {
  it("no error; the task rows reported through their items need no progress of their own; the late item is said on its cell", async () => {
    const r = await validate(await itemsCopy(CLEAN_ITEMS));
    expect(r.unit).toBe(ITEMS_UNIT);
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(onItems(r).map((f) => [f.code, f.severity, f.cell, f.task?.id])).toEqual([["item.overdue", "warning", "H4", "T05"]]);
    expect(onItems(r)[0]!.params).toMatchObject({ deadline: "2023-06-20", daysLate: 20, status: "推进中" });
    // each task's status follows its items: T05 and T06 under way, T08 done; T02 from its own progress
    const status = Object.fromEntries(r.rows.filter((a) => a.responsible).map((a) => [a.official!.id, a.status]));
    expect(status).toEqual({ T02: "已完成", T05: "推进中", T06: "推进中", T08: "已完成" });
    // T05 is past its own deadline (6月底前) with an item open: the task row says so too, as any late task
    expect(r.findings.filter((f) => f.code === "deadline.overdue").map((f) => f.task?.id)).toEqual(["T05"]);
    expect(r.summary).toMatchObject({ errors: 0, responsibleRows: 4, completed: 2 });
    // every item under its task, by id or by the task's words (T08's second names it by text)
    expect(r.items!.items.map((i) => i.task?.id)).toEqual(["T05", "T05", "T06", "T06", "T08", "T08"]);
  });

  it("the report keeps the items (task row, words, status); the ledger's task follows them", async () => {
    const r = await validate(await itemsCopy(CLEAN_ITEMS));
    const report = unitReport(r, ITEMS_UNIT, { submissionId: "s1", receivedAt: "2023-07-10T01:00:00.000Z" });
    expect(report.items!.map((i) => [i.task, i.text, i.status])).toEqual([
      ["T05", "梳理本县26个领域事项清单", "已完成"],
      ["T05", "在县政府网站发布标准目录", "推进中"],
      ["T06", "制定开放日活动方案", "推进中"],
      ["T06", "组织群众代表参观政务服务中心", "未启动"],
      ["T08", "编制年度报告初稿", "已完成"],
      ["T08", "在政府网站发布年度报告", "已完成"],
    ]);
    const ledger = consolidate({ round: ITEMS_ROUND, today: ITEMS_TODAY, year: 2023, tasks: tasks.tasks, roster: new RosterIndex(CITY.roster!), reports: [report] });
    const cell = (id: string) => ledger.tasks.find((t) => t.id === id)!.units[ITEMS_UNIT]!;
    expect(cell("T05")).toMatchObject({ status: "推进中", state: "逾期", overdue: true });
    expect(cell("T05").items!.map((i) => [i.text, i.state, i.overdue, i.person, i.deadline])).toEqual([
      ["梳理本县26个领域事项清单", "已完成", false, "政务公开办 王芳", "2023年4月30日"],
      ["在县政府网站发布标准目录", "逾期", true, "信息中心 李强", "6月20日前"],
    ]);
    expect(cell("T06")).toMatchObject({ status: "推进中", overdue: false });
    expect(cell("T06").items!.map((i) => i.state)).toEqual(["推进中", "未启动"]);
    expect(cell("T08")).toMatchObject({ status: "已完成", state: "已完成", overdue: false });
    expect(cell("T02").items).toBeUndefined();
    expect(cell("T05").items![0]!.key).toMatch(/^T05-[0-9a-z]{6}$/);
    // counted as one task each, as before
    const unit = ledger.units.find((u) => u.unit === ITEMS_UNIT)!;
    expect(unit).toMatchObject({ responsible: 4, overdue: 1 });
    // in June T05's own deadline (6月底前) is ahead, its item's (6月20日前) past: the task is late, not 按期推进 in the rate,
    // and the reason and plan date written on the late item are the task's
    const june = { ...report, round: "2023-06", items: report.items!.map((i) => (i.text === "在县政府网站发布标准目录" ? { ...i, progress: "因系统升级延迟，计划于6月28日前发布" } : i)) };
    const early = consolidate({ round: "2023-06", today: "2023-06-25", year: 2023, tasks: tasks.tasks, roster: new RosterIndex(CITY.roster!), reports: [june] });
    const t05 = early.tasks.find((t) => t.id === "T05")!.units[ITEMS_UNIT]!;
    expect(t05).toMatchObject({ state: "逾期", overdue: true, lateReason: "系统升级延迟", planDate: "2023-06-28" });
    // the 逾期事项 sheet names the late item and its date beside the task
    const overdueRows = layoutGrid(OVERDUE_SHEET, early).values.filter((r) => r.includes("T05") || r.some((v) => String(v).includes("更新完善基层政务公开事项标准目录")));
    expect(overdueRows.some((r) => r.includes("在县政府网站发布标准目录（6月20日前）"))).toBe(true);
    const inJune = early.units.find((u) => u.unit === ITEMS_UNIT)!;
    expect(inJune.onTrack).toBe(early.tasks.filter((t) => t.units[ITEMS_UNIT]?.state === "按期推进").length);
    // the 细化事项 sheet lists each item under its unit and task
    const grid = layoutGrid(ITEMS_LEDGER_SHEET, ledger);
    expect(grid.values.slice(2, 8).map((v) => [v[0], v[1], v[3], v[6]])).toEqual([
      [ITEMS_UNIT, "T05", "梳理本县26个领域事项清单", "已完成"],
      [ITEMS_UNIT, "T05", "在县政府网站发布标准目录", "逾期"],
      [ITEMS_UNIT, "T06", "制定开放日活动方案", "推进中"],
      [ITEMS_UNIT, "T06", "组织群众代表参观政务服务中心", "未启动"],
      [ITEMS_UNIT, "T08", "编制年度报告初稿", "已完成"],
      [ITEMS_UNIT, "T08", "在政府网站发布年度报告", "已完成"],
    ]);
  });
});

describe("each finding of a defective 细化分解, on its cell", () => {
  it("deadline after the task's, no person, no deadline, not the unit's task, no text, an unreadable deadline and status", async () => {
    const r = await validate(await itemsCopy(DEFECTIVE_ITEMS));
    expect(onItems(r).map((f) => [f.code, f.severity, f.cell])).toEqual([
      ["item.deadline-after-task", "error", "E3"],
      ["item.no-person", "error", "D4"],
      ["item.no-deadline", "error", "E5"],
      ["item.unknown-task", "error", "A6"],
      ["item.no-text", "error", "C7"],
      ["item.deadline-invalid", "error", "E8"],
      ["item.status-unknown", "warning", "I8"],
    ]);
    const by = (code: string) => onItems(r).find((f) => f.code === code)!;
    expect(by("item.deadline-after-task")).toMatchObject({
      params: { deadline: "2023-07-20", taskDeadline: "2023-06-30" },
      task: { id: "T05" },
      message: "事项“在县政府网站发布标准目录”的推进时限2023年7月20日晚于所属任务“更新完善基层政务公开事项标准目录”的完成时限2023年6月30日（6月底前）：请改为2023年6月30日或更早。",
    });
    // the fix lists the unit's own tasks by id and name
    expect(by("item.unknown-task").params).toMatchObject({ taskId: "T03", tasks: ["T02", "T05", "T06", "T08"] });
    expect(by("item.unknown-task").message).toMatch(/^事项“同步发布解读材料”的任务编号“T03”对不上本单位（某某县人民政府）负责的任务：请在“任务编号”中填写.*T02 每季度公开经济运行数据；T05 更新完善基层政务公开事项标准目录；T06 开展政府开放日活动；T08 编制发布2022年政府信息公开工作年度报告/);
    expect(by("item.no-person").message).toContain("具体责任人");
    expect(by("item.no-deadline").message).toContain("不晚于所属任务的完成时限2023年10月20日");
    // no message names the seed's units or headers
    for (const f of onItems(r)) expect(f.message).not.toMatch(/旗|提升措施/);
    // errors refuse the submission like any other
    expect(r.summary.errors).toBeGreaterThanOrEqual(6);
  });

  it("the format plan marks those cells on the 细化分解 sheet, as any host shows them", async () => {
    const bytes = await itemsCopy(DEFECTIVE_ITEMS);
    const snapshot = await readWorkbook(bytes);
    const r = validateWorkbook(snapshot, { today: ITEMS_TODAY, tasks, roster: CITY.roster });
    const marks = formatPlan(snapshot, r).filter((m) => m.sheet === "细化分解");
    expect(marks.map((m) => [m.cell, m.style])).toEqual([["E3", "error"], ["D4", "error"], ["E5", "error"], ["A6", "error"], ["C7", "error"], ["E8", "error"], ["I8", "warning"]]);
    expect(marks[0]!.note).toContain("晚于所属任务");
  });

  it("a 细化分解 sheet whose header cannot be read says which columns it lacks", async () => {
    const r = await validate(await itemsCopy([["T05", "王芳"]], { itemHeaders: ["编号", "负责人"] }));
    expect(onItems(r).map((f) => [f.code, f.severity, f.cell])).toEqual([["item.sheet-unread", "warning", "A1"]]);
    expect(onItems(r)[0]!.message).toContain("缺少“具体事项”列");
  });

  it("headers as a clerk retypes them (责任人, 完成时限, 推进情况) read the same", async () => {
    const headers = ["任务编号", "对应任务", "具体事项", "责任人", "完成时限", "推进措施", "标准要求", "推进情况", "完成状态"];
    const r = await validate(await itemsCopy(DEFECTIVE_ITEMS.slice(0, 2), { itemHeaders: headers }));
    expect(onItems(r).map((f) => [f.code, f.cell])).toEqual([["item.deadline-after-task", "E3"], ["item.no-person", "D4"]]);
  });

  it("without a 填报单位 an item may name any task of the copy", async () => {
    const r = validateWorkbook(await readWorkbook(await itemsCopy([DEFECTIVE_ITEMS[3]!], { unitLine: undefined })), { today: ITEMS_TODAY, tasks, roster: CITY.roster });
    expect(r.unit).toBeUndefined();
    expect(onItems(r).map((f) => f.code)).toEqual([]);
  });
});

describe("a copy without items is read exactly as before", () => {
  const progress = { 1: "已公开", 4: "已完成", 5: "不涉及", 7: "已发布" };
  it("a table whose own sheet is named 任务细化分解表 is the table, not the items' sheet", async () => {
    const named = { ...CITY, name: "任务细化分解表" };
    const plain = await validate((await buildTable(CITY, { unitLine: `填报单位：${ITEMS_UNIT}`, progress })).bytes);
    const r = await validate((await buildTable(named, { unitLine: `填报单位：${ITEMS_UNIT}`, progress })).bytes);
    expect(r.items).toBeUndefined();
    expect(r.findings.map((f) => f.code)).toEqual(plain.findings.map((f) => f.code));
    // beside a sheet of items, that sheet is read
    const both = await validate((await buildTable(named, { unitLine: `填报单位：${ITEMS_UNIT}`, progress, items: CLEAN_ITEMS })).bytes);
    expect(both.items?.sheet.sheet).toBe("细化分解");
    expect(both.items?.items).toHaveLength(6);
  });

  it("no sheet, or the template's starter rows only: the same findings, summary and report", async () => {
    const without = await validate((await buildTable(CITY, { unitLine: `填报单位：${ITEMS_UNIT}`, progress })).bytes);
    const starters = await validate(await itemsCopy([["T02", "每季度公开经济运行数据"], ["T05", "更新完善基层政务公开事项标准目录"]], { progress }));
    expect(without.items).toBeUndefined();
    expect(starters.items?.items).toEqual([]);
    expect(starters.findings).toEqual(without.findings);
    expect(starters.summary).toEqual(without.summary);
    expect(starters.rows.map((a) => a.status)).toEqual(without.rows.map((a) => a.status));
    expect(unitReport(without, ITEMS_UNIT)).not.toHaveProperty("items");
    expect(unitReport(starters, ITEMS_UNIT).items).toEqual([]);
  });
});
