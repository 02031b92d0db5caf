import { describe, expect, it } from "vitest";
import { DEFAULT_ROSTER_INDEX, builtInTaskList, consolidate, unitReport, validateWorkbook, type OfficialRow, type UnitReport } from "../../core/index.js";
import { readWorkbook } from "../../workbook/index.js";
import { allDone, buildCopy, type CopyOptions } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";

const TASKS = builtInTaskList().tasks;
/** The official rows with every merged value written out: rows that can be reordered freely. */
const FLAT: OfficialRow[] = TASKS.map(({ level1, level2, level3, measure, lead, responsible, deadline }) => ({
  level1, level2, level3, measure, lead, responsible, deadline,
}));

async function report(copy: CopyOptions, today = "2022-03-10"): Promise<UnitReport> {
  const result = validateWorkbook(await readWorkbook((await buildCopy(copy)).bytes), { today });
  return unitReport(result, result.unit!, { receivedAt: `${today}T08:00:00.000Z`, submissionId: `id-${result.unit}` });
}

const ledgerOf = (reports: UnitReport[], today = "2022-03-10") =>
  consolidate({ round: "2022-03", today, year: 2022, tasks: TASKS, roster: DEFAULT_ROSTER_INDEX, reports });

describe("builtInTaskList", () => {
  it("carries merged values down to every task", () => {
    expect(TASKS).toHaveLength(37);
    const land = TASKS.find((t) => t.level3 === "土地信息")!;
    expect(land).toMatchObject({ id: "T12", level1: "政府信息公开", lead: "旗住建局", deadline: "每月更新" });
    expect(TASKS.at(-1)).toMatchObject({ label: "人员联系方式报送", level3: "" });
  });
});

describe("consolidate", async () => {
  const finance = await report({ unit: "旗财政局", rows: CLEAN_ROWS, filled: allDone(FINANCE_TASKS) });

  // 旗统计局 reordered its rows, retyped two measures, and added a row of its own.
  const retyped = FLAT.map((r) =>
    r.level3 === "统计信息" ? { ...r, measure: "定期发布 国民经济和社会发展情况的统计信息" }
    : r.level3 === "财政资金" ? { ...r, measure: r.measure!.replace(/，/g, ",").replace("“三公”", '"三公"') }
    : r,
  );
  const reordered = [...retyped].reverse();
  reordered.splice(5, 0, { level1: "政府信息公开", level2: "本单位自选", level3: "统计开放日", measure: "举办统计开放日活动并公开。", lead: "旗统计局", responsible: "旗统计局", deadline: "9月30日" });
  const stats = await report({
    unit: "旗统计局",
    rows: reordered,
    filled: { 统计信息: { progress: "已发布1-2月统计数据", status: "已完成" }, 财政资金: { progress: "正在配合财政局", status: "推进中" }, 统计开放日: { progress: "计划9月举办" } },
  });
  const ledger = ledgerOf([finance, stats]);
  const unit = (name: string) => ledger.units.find((u) => u.unit === name)!;
  const task = (label: string) => ledger.tasks.find((t) => t.level3 === label || (t.level3 === "" && t.level2 === label))!;

  it("lists every roster unit, and who has not submitted", () => {
    expect(ledger.units).toHaveLength(18);
    expect(ledger.missingUnits).toHaveLength(16);
    expect(ledger.missingUnits).not.toContain("旗财政局");
    expect(ledger.missingUnits).toContain("明安图镇人民政府");
  });

  it("counts a fully done unit", () => {
    expect(unit("旗财政局")).toMatchObject({ submitted: true, responsible: 21, completed: 21, missing: 0, overdue: 0, completionRate: 1, submissionId: "id-旗财政局" });
  });

  it("lines up reordered and retyped rows by content", () => {
    expect(task("统计信息").units["旗统计局"]).toEqual({ status: "已完成", progress: "已发布1-2月统计数据", overdue: false });
    expect(task("财政资金").units["旗统计局"]).toMatchObject({ status: "推进中", progress: "正在配合财政局" });
    expect(unit("旗统计局")).toMatchObject({ responsible: 20, completed: 1, inProgress: 1, missing: 18 });
  });

  it("reports a row it cannot match instead of dropping it", () => {
    expect(ledger.unmatched).toEqual([{ unit: "旗统计局", row: expect.any(Number), label: "统计开放日", measure: "举办统计开放日活动并公开。", progress: "计划9月举办" }]);
  });

  it("marks tasks of units that did not submit as 未报送, never as overdue (late work and missing reports apart)", () => {
    expect(task("专栏设置").units["旗政务服务局"]).toEqual({ status: "未报送", progress: "", overdue: false });
    const late = ledgerOf([finance, stats], "2022-04-01");
    const town = late.units.find((u) => u.unit === "明安图镇人民政府")!;
    expect(town).toMatchObject({ submitted: false, responsible: 20, missing: 20, completionRate: 0 });
    expect(town.overdue).toBe(0); // its seven 3月15日 tasks are 未报送, not 逾期
    expect(late.tasks.find((t) => t.label === "政府信息公开指南")!.units["明安图镇人民政府"]).toEqual({ status: "未报送", progress: "", overdue: false });
    expect(late.units.find((u) => u.unit === "旗财政局")!.overdue).toBe(0);
  });

  it("lets only a unit's latest report count", () => {
    const older = { ...finance, rows: finance.rows.map((r) => ({ ...r, status: undefined, progress: "" })) };
    expect(ledgerOf([older, finance]).units.find((u) => u.unit === "旗财政局")!.completed).toBe(21);
    expect(ledgerOf([finance, older]).units.find((u) => u.unit === "旗财政局")!.completed).toBe(0);
  });
});
