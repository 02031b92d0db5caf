import { describe, expect, it } from "vitest";
import { DEFAULT_ROSTER, DEFAULT_ROSTER_INDEX, DETAIL_SHEET, OVERDUE_SHEET, REVIEW_SHEET, RosterIndex, SUMMARY_SHEET, builtInTaskList, consolidate, layoutGrid, ledgerCellText, noticeText, parseDeadline, reminderText, unitReport, validateWorkbook, type OfficialRow, type Review, type UnitReport } from "../../core/index.js";
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
    // its 13 tasks with a cadence (持续更新, 每月更新, 及时动态调整…) are never 已完成: reported this month, they are on track
    expect(unit("旗财政局")).toMatchObject({ submitted: true, responsible: 21, completed: 8, onTrack: 13, missing: 0, overdue: 0, completionRate: 1, submissionId: "id-旗财政局" });
  });

  it("lines up reordered and retyped rows by content", () => {
    expect(task("统计信息").units["旗统计局"]).toMatchObject({ status: "已完成", state: "按期推进", progress: "已发布1-2月统计数据", overdue: false, from: "2022-03", stale: false, review: null });
    expect(task("财政资金").units["旗统计局"]).toMatchObject({ status: "推进中", state: "按期推进", progress: "正在配合财政局" });
    expect(unit("旗统计局")).toMatchObject({ responsible: 20, completed: 0, onTrack: 2, inProgress: 0, missing: 18 });
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
    expect(ledgerOf([older, finance]).units.find((u) => u.unit === "旗财政局")!.completionRate).toBe(1);
    expect(ledgerOf([finance, older]).units.find((u) => u.unit === "旗财政局")!).toMatchObject({ completed: 0, onTrack: 0, completionRate: 0 });
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
  const review = (decision: "accepted" | "returned", round: string, at: string, comment = ""): Review => ({ id: `r-${at}`, round, task: basic.id, label: basic.label, unit: "旗财政局", decision, comment, by: "coordinator", at, submission: "" });

  it("a dated task under way before its deadline is on track; 验收 of an item under way reads 已验收, not 已销号; a month that is over has no reminders", () => {
    const early = consolidate({ ...base, round: "2022-03", today: "2022-03-10", reports: [half] });
    expect(early.tasks.find((t) => t.id === basic.id)!.units["旗财政局"]).toMatchObject({ status: "推进中", state: "按期推进", overdue: false });
    expect(early.reminders.find((r) => r.unit === "旗财政局")?.items.map((i) => i.label)).toContain("基础信息公开"); // still reminded
    const accepted = consolidate({ ...base, round: "2022-03", today: "2022-03-31", reports: [half], reviews: [review("accepted", "2022-03", "2022-03-20T02:00:00.000Z")] });
    const details = layoutGrid(DETAIL_SHEET, accepted);
    const row = details.values.find((r) => r.includes("基础信息公开") && r.includes("旗财政局"))!;
    expect(String(row[details.columns.findIndex((c) => c.header === "验收")])).toMatch(/^已验收/);
    const decisions = layoutGrid(REVIEW_SHEET, accepted);
    expect(decisions.values.slice(2).map((r) => r[decisions.columns.findIndex((c) => c.header === "决定")])).toEqual(["已验收"]);
    const june = consolidate({ ...base, round: "2022-03", today: "2022-06-10", reports: [half] });
    expect(june.reminders).toEqual([]);
  });

  it("验收 of an item still under way records the decision without making it done or pardoning it: past its deadline it stays 逾期 with its reason, in its round and the later ones", async () => {
    const late = await report({ unit: "旗财政局", rows: CLEAN_ROWS, filled: { ...allDone(FINANCE_TASKS), 基础信息公开: { progress: "因系统升级延误，计划于5月31日前完成", status: "推进中" } } });
    const accepted = review("accepted", "2022-03", "2022-03-20T02:00:00.000Z");
    const march = consolidate({ ...base, round: "2022-03", today: "2022-03-31", reports: [late], reviews: [accepted] });
    const cell = march.tasks.find((t) => t.id === basic.id)!.units["旗财政局"]!;
    expect(cell).toMatchObject({ state: "逾期", overdue: true, review: { decision: "accepted" }, lateReason: "系统升级延误", planDate: "2022-05-31" });
    expect(ledgerCellText(cell)).toBe("逾期·已验收");
    const finance = march.units.find((u) => u.unit === "旗财政局")!;
    expect(finance).toMatchObject({ overdue: 1, closed: 0, completed: 7, onTrack: 13 });
    const overdueSheet = layoutGrid(OVERDUE_SHEET, march);
    expect(overdueSheet.values.some((r) => r.includes("基础信息公开") && r.some((v) => String(v).includes("系统升级延误")))).toBe(true);
    // the next month, reported again unchanged: still late, still accepted, still with its reason and plan date
    const april = consolidate({ ...base, round: "2022-04", today: "2022-04-10", reports: [{ ...late, receivedAt: "2022-04-02T02:00:00.000Z" }], reviews: [accepted] });
    expect(april.tasks.find((t) => t.id === basic.id)!.units["旗财政局"]).toMatchObject({ state: "逾期", overdue: true, review: { decision: "accepted" }, lateReason: "系统升级延误", planDate: "2022-05-31" });
    // before its deadline an accepted item under way is simply on track
    const early = consolidate({ ...base, round: "2022-03", today: "2022-03-10", reports: [half], reviews: [review("accepted", "2022-03", "2022-03-09T02:00:00.000Z")] });
    expect(early.tasks.find((t) => t.id === basic.id)!.units["旗财政局"]).toMatchObject({ state: "按期推进", overdue: false, review: { decision: "accepted" } });
    // a decision of a later round does not reach back
    const feb = consolidate({ ...base, round: "2022-02", today: "2022-02-28", reports: [half], reviews: [accepted] });
    expect(feb.tasks.find((t) => t.id === basic.id)!.units["旗财政局"]!.review).toBeNull();
  });

  it("验收 of a done item closes it (已销号), counted done, in its round and the later ones", async () => {
    const done = await report({ unit: "旗财政局", rows: CLEAN_ROWS, filled: allDone(FINANCE_TASKS) });
    const march = consolidate({ ...base, round: "2022-03", today: "2022-03-31", reports: [done], reviews: [review("accepted", "2022-03", "2022-03-20T02:00:00.000Z")] });
    expect(march.tasks.find((t) => t.id === basic.id)!.units["旗财政局"]).toMatchObject({ state: "已销号", overdue: false });
    expect(march.units.find((u) => u.unit === "旗财政局")).toMatchObject({ closed: 1, completed: 8, completionRate: 1 });
    const april = consolidate({ ...base, round: "2022-04", today: "2022-04-10", reports: [], carried: [{ ...done, round: "2022-03" }], reviews: [review("accepted", "2022-03", "2022-03-20T02:00:00.000Z")] });
    expect(april.tasks.find((t) => t.id === basic.id)!.units["旗财政局"]!.state).toBe("已销号");
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
    const reasons = ["H9：进展情况未填写", "H10：进展情况未填写", "联络人!B3：姓名未填写"];
    const l = consolidate({ ...base, round: "2022-03", today: "2022-03-20", reports: [], rejected: [{ unit: "旗统计局", reason: "有 3 处错误", reasons, receivedAt: "2022-03-18T01:00:00.000Z" }] });
    const stats = l.units.find((u) => u.unit === "旗统计局")!;
    expect(stats).toMatchObject({ reportState: "被退回", rejectedReason: "有 3 处错误", rejectedReasons: reasons, receivedAt: "2022-03-18T01:00:00.000Z", overdue: 0 });
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

describe("the round's day, late work, ongoing duties and units with no task", async () => {
  const base = { year: 2022, roster: DEFAULT_ROSTER_INDEX };
  const basic = TASKS.find((t) => t.level3 === "基础信息公开")!;
  const guide = TASKS.find((t) => t.level3 === "政府信息公开指南")!;
  /** The sample with 政府信息公开指南 due 5月31日: late in June, not in March. */
  const tasks = TASKS.map((t) => (t.id === guide.id ? { ...t, deadline: "5月31日" } : t));
  const finance = await report({
    unit: "旗财政局",
    rows: CLEAN_ROWS,
    filled: {
      ...allDone(FINANCE_TASKS),
      基础信息公开: { progress: "因科室职能调整原因，计划于4月30日前完成" },
      政府信息公开指南: { progress: "正在编写" },
      统计信息: { progress: "正在推进，本月已发布3条" },
    },
  });

  it.each([
    // round, today, the round's day, its words in the 汇总 title, overdue items
    ["a past month judged later: as of its last day", "2022-03", "2022-06-10", "2022-03-31", "截至2022年3月31日（3月末）", [basic.id]],
    ["the current month: as of today", "2022-06", "2022-06-10", "2022-06-10", "截至2022年6月10日", [basic.id, guide.id]],
    ["the current month before the deadline", "2022-03", "2022-03-10", "2022-03-10", "截至2022年3月10日", []],
  ])("%s", (_, round, today, roundDay, said, overdue) => {
    const l = consolidate({ ...base, tasks, round, today, reports: [{ ...finance, receivedAt: `${round}-05T01:00:00.000Z` }] });
    expect(l.roundDay).toBe(roundDay);
    expect(l.today).toBe(today);
    expect(l.tasks.filter((t) => t.units["旗财政局"]?.overdue).map((t) => t.id)).toEqual(overdue);
    expect(SUMMARY_SHEET.title(l)).toContain(`（${said}）`);
    expect(noticeText(l)).toMatch(new RegExp(`^${said.replace(/[()（）]/g, ".")}，`));
  });

  it("an overdue item carries the reason and plan date the unit wrote", () => {
    const l = consolidate({ ...base, tasks, round: "2022-06", today: "2022-06-10", reports: [finance] });
    expect(l.tasks.find((t) => t.id === basic.id)!.units["旗财政局"]).toMatchObject({ state: "逾期", overdue: true, lateReason: "科室职能调整", planDate: "2022-04-30" });
    const silent = l.tasks.find((t) => t.id === guide.id)!.units["旗财政局"]!;
    expect(silent).toMatchObject({ state: "逾期", overdue: true });
    expect(silent.lateReason).toBeUndefined();
    expect(noticeText(l)).toContain("已说明逾期原因的事项：旗财政局“基础信息公开”（原因：科室职能调整；计划完成：2022年4月30日）");
  });

  it("a task with a cadence is on track (按期推进) when reported this month, not when carried from an earlier one", () => {
    const stats = TASKS.find((t) => t.level3 === "统计信息")!;
    const now = consolidate({ ...base, tasks, round: "2022-03", today: "2022-03-10", reports: [finance] });
    expect(now.tasks.find((t) => t.id === stats.id)!.units["旗财政局"]).toMatchObject({ status: "推进中", state: "按期推进" });
    const later = consolidate({ ...base, tasks, round: "2022-04", today: "2022-04-10", reports: [], carried: [{ ...finance, round: "2022-03" }] });
    expect(later.tasks.find((t) => t.id === stats.id)!.units["旗财政局"]).toMatchObject({ status: "推进中", state: "推进中" });
    expect(later.units.find((u) => u.unit === "旗财政局")!.onTrack).toBe(0);
  });

  it("a unit with only ongoing duties, all reported this month, is not named as lagging in the 通报", () => {
    const ongoing = tasks.filter((t) => parseDeadline(t.deadline, 2022).kind === "cadence");
    const l = consolidate({ ...base, tasks: ongoing, round: "2022-03", today: "2022-03-10", reports: [finance] });
    const f = l.units.find((u) => u.unit === "旗财政局")!;
    expect(f.completed).toBe(0);
    expect(f.completionRate).toBeGreaterThanOrEqual(0.6);
    expect(noticeText(l)).not.toMatch(/低于60%的单位：[^。]*旗财政局/);
  });

  it("a roster unit responsible for no task is in no count: not 应报, not 未报送, no rate", () => {
    const roster = new RosterIndex({ ...DEFAULT_ROSTER, units: [...DEFAULT_ROSTER.units, { name: "旗档案馆", groups: [], aliases: [] }] });
    const l = consolidate({ ...base, roster, tasks, round: "2022-03", today: "2022-03-10", reports: [finance] });
    expect(l.units.map((u) => u.unit)).not.toContain("旗档案馆");
    expect(l.missingUnits).not.toContain("旗档案馆");
    expect(l.totals).toMatchObject({ expected: 18, submitted: 1, notReported: 17 });
    expect(noticeText(l)).not.toContain("旗档案馆");
  });
});

describe("one definition of each count: the JSON, the 汇总 sheet and the 通报 agree", async () => {
  const base = { year: 2022, tasks: TASKS, roster: DEFAULT_ROSTER_INDEX };
  const basic = TASKS.find((t) => t.level3 === "基础信息公开")!;
  const budget = TASKS.find((t) => t.level3 === "财政资金")!;
  const finance = await report({ unit: "旗财政局", rows: CLEAN_ROWS, filled: { ...allDone(FINANCE_TASKS), 基础信息公开: { progress: "正在整理" }, 政府信息公开指南: { progress: "逾期原因：模板未下发；计划完成时间：2022-04-20" } } });
  const town = await report({ unit: "明安图镇人民政府", rows: CLEAN_ROWS, filled: {} });
  const reviews: Review[] = [
    { id: "r1", round: "2022-03", task: basic.id, label: basic.label, unit: "旗财政局", decision: "returned", comment: "请补充佐证", by: "c", at: "2022-03-25T02:00:00.000Z", submission: "" },
    { id: "r2", round: "2022-03", task: budget.id, label: budget.label, unit: "旗财政局", decision: "accepted", comment: "", by: "c", at: "2022-03-25T02:00:00.000Z", submission: "" },
  ];

  it.each([
    ["the current month", "2022-03-31"],
    ["the month, judged in June", "2022-06-10"],
  ])("%s", (_, today) => {
    const l = consolidate({
      ...base,
      round: "2022-03",
      today,
      reports: [{ ...finance, receivedAt: "2022-03-20T02:00:00.000Z" }],
      carried: [{ ...town, round: "2022-02" }],
      rejected: [{ unit: "旗统计局", reason: "校验发现 2 处错误", reasons: ["H9：进展情况未填写", "H12：进展情况未填写"], receivedAt: "2022-03-30T02:00:00.000Z" }],
      reviews,
    });
    const t = l.totals;
    const sum = (k: "returned" | "overdue" | "closed" | "completed" | "onTrack") => l.units.reduce((n, u) => n + u[k], 0);
    // 退回 items: the one returned in review, and every item of the refused file (退回 in the matrix, counted alike)
    const refusedItems = l.units.find((u) => u.unit === "旗统计局")!.responsible;
    expect(t).toMatchObject({ expected: l.units.length, submitted: 1, carried: 1, rejected: 1, notReported: l.units.length - 3, returnedItems: 1 + refusedItems, overdueItems: sum("overdue") });
    expect([t.returnedItems, t.closedItems, t.completedItems, t.onTrackItems]).toEqual([sum("returned"), sum("closed"), sum("completed"), sum("onTrack")]);
    expect(t.overdueItems).toBeGreaterThan(0);

    // the 汇总 sheet: its columns add up to the JSON's totals; the 被退回 unit's time and reasons are shown
    const grid = layoutGrid(SUMMARY_SHEET, l);
    const column = (h: string) => grid.columns.findIndex((c) => c.header === h);
    const rows = grid.values.slice(2, 2 + l.units.length);
    const total = (h: string) => rows.reduce((n, r) => n + Number(r[column(h)]), 0);
    expect([total("其中退回"), total("其中逾期"), total("其中已销号"), total("已完成"), total("按期推进")]).toEqual([t.returnedItems, t.overdueItems, t.closedItems, t.completedItems, t.onTrackItems]);
    const financeRow = rows.find((r) => r[1] === "旗财政局")!;
    expect(financeRow[column("其中退回")]).toBe(1);
    expect(l.units.find((u) => u.unit === "旗财政局")!.returned).toBe(1);
    const stats = rows.find((r) => r[1] === "旗统计局")!;
    expect(stats[column("报送时间")]).toBe("2022-03-30 10:00");
    expect(stats[column("退回原因")]).toBe("H9：进展情况未填写；H12：进展情况未填写");
    const footer = String(grid.values.at(-2)![0]);
    expect(footer).toBe(`应报 ${t.expected} 个单位，已报 ${t.submitted} 个，沿用以前月份 ${t.carried} 个，被退回 ${t.rejected} 个，未报 ${t.notReported} 个；逾期事项 ${t.overdueItems} 项，已销号 ${t.closedItems} 项，退回事项 ${t.returnedItems} 项。`);

    // the 通报: the same counts, the reasons, and requests that fit the month
    const text = noticeText(l);
    expect(text.split("\n")[0]).toContain(`应报送单位${t.expected}个，已报送${t.submitted}个，沿用以前月份台账${t.carried}个，报送被退回${t.rejected}个，未报送${t.notReported}个。`);
    expect(text).toContain("报送被退回的单位：旗统计局（H9：进展情况未填写；H12：进展情况未填写）");
    // 退回事项 as the tile and the 汇总 count it, the returned item and the refused file's items said apart
    expect(text).toContain(`退回事项${t.returnedItems}项，其中验收未通过、被退回的1项：旗财政局“基础信息公开”（请补充佐证），请按意见整改后重新报送；被退回的报送文件中的${refusedItems}项（单位见上）。`);
    const late = l.units.filter((u) => u.overdue > 0).sort((a, b) => b.overdue - a.overdue || a.unit.localeCompare(b.unit, "zh"));
    expect(text).toContain(`存在逾期未完成事项的单位：${late.map((u) => `${u.unit}（${u.overdue}项）`).join("、")}`);
    expect(text).toContain("旗财政局“政府信息公开指南”（原因：模板未下发；计划完成：2022年4月20日）");
    if (today === "2022-03-31") {
      expect(text).toMatch(/^截至2022年3月31日，/);
      expect(text).toContain("请于三个工作日内报送本月台账。");
    } else {
      expect(text).toMatch(/^截至2022年3月31日（3月末），/);
      expect(text).toContain("请于三个工作日内补报2022年3月台账。");
      expect(text).not.toContain("本月");
    }
  });
});
