import { describe, expect, it } from "vitest";
import { DEFAULT_ROSTER_INDEX, builtInTaskList, consolidate, reminderText, unitReport, validateWorkbook, type OfficialRow, type Review, type UnitReport } from "../../core/index.js";
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
    expect(task("统计信息").units["旗统计局"]).toMatchObject({ status: "已完成", state: "已完成", progress: "已发布1-2月统计数据", overdue: false, from: "2022-03", stale: false, review: null });
    expect(task("财政资金").units["旗统计局"]).toMatchObject({ status: "推进中", progress: "正在配合财政局" });
    expect(unit("旗统计局")).toMatchObject({ responsible: 20, completed: 1, inProgress: 1, missing: 18 });
  });

  it("reports a row it cannot match instead of dropping it", () => {
    expect(ledger.unmatched).toEqual([{ unit: "旗统计局", row: expect.any(Number), label: "统计开放日", measure: "举办统计开放日活动并公开。", progress: "计划9月举办" }]);
  });

  it("marks tasks of units that did not submit as 未报送, never as overdue (late work and missing reports apart)", () => {
    expect(task("专栏设置").units["旗政务服务局"]).toMatchObject({ status: "未报送", state: "未报送", progress: "", overdue: false });
    const late = ledgerOf([finance, stats], "2022-04-01");
    const town = late.units.find((u) => u.unit === "明安图镇人民政府")!;
    expect(town).toMatchObject({ submitted: false, responsible: 20, missing: 20, completionRate: 0 });
    expect(town.overdue).toBe(0); // its seven 3月15日 tasks are 未报送, not 逾期
    expect(late.tasks.find((t) => t.label === "政府信息公开指南")!.units["明安图镇人民政府"]).toMatchObject({ status: "未报送", state: "未报送", overdue: false });
    expect(late.units.find((u) => u.unit === "旗财政局")!.overdue).toBe(0);
  });

  it("lets only a unit's latest report count", () => {
    const older = { ...finance, rows: finance.rows.map((r) => ({ ...r, status: undefined, progress: "" })) };
    expect(ledgerOf([older, finance]).units.find((u) => u.unit === "旗财政局")!.completed).toBe(21);
    expect(ledgerOf([finance, older]).units.find((u) => u.unit === "旗财政局")!.completed).toBe(0);
  });

  it("a round with no submissions: 0 overdue, every unit 未报送 on every item", () => {
    const empty = ledgerOf([], "2022-12-31");
    expect(empty.units.reduce((n, u) => n + u.overdue, 0)).toBe(0);
    expect(empty.units.every((u) => u.reportState === "未报送" && u.counts.未报送 === u.responsible)).toBe(true);
    expect(empty.tasks.every((t) => t.counts.逾期 === 0 && t.counts.未报送 === Object.keys(t.units).length)).toBe(true);
  });

  it("counts each item once by state, per unit and per task", () => {
    const late = ledgerOf([finance, stats], "2022-04-01");
    for (const u of late.units) expect(Object.values(u.counts).reduce((a, b) => a + b, 0)).toBe(u.responsible);
    const guide = late.tasks.find((t) => t.label === "政府信息公开指南")!;
    expect(guide.counts.未报送 + guide.counts.逾期 + guide.counts.已完成 + guide.counts.推进中 + guide.counts.未填报).toBe(Object.keys(guide.units).length);
    expect(late.units.find((u) => u.unit === "旗统计局")!.counts.逾期).toBeGreaterThan(0);
  });
});

describe("reviews, refused files and earlier rounds", async () => {
  const base = { year: 2022, tasks: TASKS, roster: DEFAULT_ROSTER_INDEX };
  const half = await report({ unit: "旗财政局", rows: CLEAN_ROWS, filled: { ...allDone(FINANCE_TASKS), 基础信息公开: { progress: "正在整理", status: "推进中" } } });
  const basic = TASKS.find((t) => t.level3 === "基础信息公开")!;
  const review = (decision: "accepted" | "returned", round: string, at: string, comment = ""): Review => ({ id: `r-${at}`, round, task: basic.id, label: basic.label, unit: "旗财政局", decision, comment, by: "coordinator", at });

  it("an accepted item is 已销号 in its round and the later ones, and leaves the overdue counts", () => {
    const march = consolidate({ ...base, round: "2022-03", today: "2022-03-31", reports: [half], reviews: [review("accepted", "2022-03", "2022-03-20T02:00:00.000Z")] });
    const cell = march.tasks.find((t) => t.id === basic.id)!.units["旗财政局"]!;
    expect(cell).toMatchObject({ state: "已销号", overdue: false, review: { decision: "accepted" } });
    const finance = march.units.find((u) => u.unit === "旗财政局")!;
    expect(finance).toMatchObject({ overdue: 0, closed: 1, completed: 21 });
    const april = consolidate({ ...base, round: "2022-04", today: "2022-04-10", reports: [{ ...half, receivedAt: "2022-04-02T02:00:00.000Z" }], reviews: [review("accepted", "2022-03", "2022-03-20T02:00:00.000Z")] });
    expect(april.tasks.find((t) => t.id === basic.id)!.units["旗财政局"]!.state).toBe("已销号");
    // a decision of a later round does not reach back
    const feb = consolidate({ ...base, round: "2022-02", today: "2022-02-28", reports: [half], reviews: [review("accepted", "2022-03", "2022-03-20T02:00:00.000Z")] });
    expect(feb.tasks.find((t) => t.id === basic.id)!.units["旗财政局"]!.state).not.toBe("已销号");
  });

  it("a returned item is 退回 with its comment until the unit reports again", () => {
    const returned = review("returned", "2022-03", "2022-03-20T02:00:00.000Z", "佐证链接打不开");
    const before = consolidate({ ...base, round: "2022-03", today: "2022-03-21", reports: [{ ...half, receivedAt: "2022-03-10T02:00:00.000Z" }], reviews: [returned] });
    expect(before.tasks.find((t) => t.id === basic.id)!.units["旗财政局"]).toMatchObject({ state: "退回", review: { comment: "佐证链接打不开" } });
    expect(before.units.find((u) => u.unit === "旗财政局")).toMatchObject({ returned: 1 });
    expect(before.reviews).toEqual([returned]);
    const after = consolidate({ ...base, round: "2022-03", today: "2022-03-22", reports: [{ ...half, receivedAt: "2022-03-21T02:00:00.000Z" }], reviews: [returned] });
    expect(after.tasks.find((t) => t.id === basic.id)!.units["旗财政局"]!.state).not.toBe("退回");
  });

  it("a unit whose file was refused is 被退回, apart from 未报送, with the reason", () => {
    const l = consolidate({ ...base, round: "2022-03", today: "2022-03-20", reports: [], rejected: [{ unit: "旗统计局", reason: "有 3 处错误" }] });
    const stats = l.units.find((u) => u.unit === "旗统计局")!;
    expect(stats).toMatchObject({ reportState: "被退回", rejectedReason: "有 3 处错误", overdue: 0 });
    expect(stats.counts.退回).toBe(stats.responsible);
    expect(l.rejectedUnits).toEqual(["旗统计局"]);
    expect(l.missingUnits).toContain("旗统计局");
  });

  it("an earlier round's table carries forward (沿用, not missing); monthly tasks are flagged not updated", () => {
    const l = consolidate({ ...base, round: "2022-04", today: "2022-04-05", reports: [], carried: [{ ...half, round: "2022-03" }] });
    const finance = l.units.find((u) => u.unit === "旗财政局")!;
    expect(finance).toMatchObject({ reportState: "沿用", from: "2022-03", submitted: false });
    expect(l.missingUnits).not.toContain("旗财政局");
    expect(l.carriedUnits).toEqual(["旗财政局"]);
    const land = l.tasks.find((t) => t.deadline === "每月更新" && t.units["旗财政局"])!;
    expect(land.units["旗财政局"]).toMatchObject({ from: "2022-03", stale: true });
    expect(finance.stale).toBeGreaterThan(0);
    const dated = l.tasks.find((t) => t.id === basic.id)!.units["旗财政局"]!;
    expect(dated).toMatchObject({ stale: false, overdue: true, state: "逾期" });
  });

  it("reminds each unit of what falls due within the days asked, and says it as a notice", () => {
    const l = consolidate({ ...base, round: "2022-03", today: "2022-03-10", reports: [half], remindDays: 7 });
    const finance = l.reminders.find((r) => r.unit === "旗财政局")!;
    expect(finance.items.map((i) => i.label)).toContain("基础信息公开"); // 3月15日, in 5 days, not done
    expect(finance.items.every((i) => i.daysLeft >= 0 && i.daysLeft <= 7)).toBe(true);
    expect(finance.items.find((i) => i.label === "基础信息公开")).toMatchObject({ due: "2022-03-15", daysLeft: 5 });
    const town = l.reminders.find((r) => r.unit === "明安图镇人民政府")!;
    expect(town.items.length).toBeGreaterThan(0);
    expect(reminderText(l)).toMatch(/^截至2022年3月10日，以下事项将在7天内到期.*\n旗财政局：.*基础信息公开（3月15日，还有5天）/s);
    expect(consolidate({ ...base, round: "2022-03", today: "2022-03-10", reports: [half], remindDays: 1 }).reminders.find((r) => r.unit === "旗财政局")).toBeUndefined();
  });
});
