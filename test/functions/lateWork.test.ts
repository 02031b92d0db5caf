/**
 * Late work through the real service: a past month's table submitted in June is judged as of the month's last day,
 * accepted with its late items (never refused for them), and the reason and plan date the unit wrote are shown in
 * GET /api/ledger, its workbook and the 通报; a refused file's reasons and time are shown wherever 被退回 is.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ROSTER, builtInTaskList, noticeText, type Ledger } from "../../core/index.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness;
const TASKS = builtInTaskList().tasks;
const basic = TASKS.find((t) => t.level3 === "基础信息公开")!;
const guide = TASKS.find((t) => t.level3 === "政府信息公开指南")!;

beforeAll(async () => {
  // the coordinator's roster has a unit that answers for no task: it is not expected to report
  h = await startHarness({ embedded: true, roster: { ...DEFAULT_ROSTER, units: [...DEFAULT_ROSTER.units, { name: "旗档案馆", groups: [], aliases: [] }] } });
  // it is June: the March tables come in late
  h.services.today = () => "2022-06-10";
  // ...to a month the coordinator opened again for them
  const opened = await fetch(`${h.host.url}/api/rounds/2022-03`, { method: "PUT", body: '{"open":true}', headers: { authorization: `Bearer ${h.coordinator}` } });
  expect(opened.status).toBe(200);
}, 60_000);
afterAll(() => h?.close());

const ledger = async (round: string): Promise<Ledger> => (await h.get(`/api/ledger?round=${round}&format=json`, h.coordinator)).json() as Promise<Ledger>;

describe("late work is reported, never refused", () => {
  let refusedReasons: string[];

  it("a March table with late items is accepted in June (201), judged as of 31 March", async () => {
    const filled = { ...allDone(FINANCE_TASKS), 基础信息公开: { progress: "因科室职能调整原因，计划于4月30日前完成" }, 政府信息公开指南: { progress: "正在编写" } };
    const r = await h.submit(await h.token("旗财政局"), (await buildCopy({ unit: "旗财政局", rows: CLEAN_ROWS, filled })).bytes, "2022-03");
    expect(r.status).toBe(201);
    expect(r.json.summary.errors).toBe(0);
    expect(r.json.summary.warnings + r.json.summary.infos).toBeGreaterThanOrEqual(2);
  });

  it("a refused file: 422 with its first findings, shown in the ledger with the time it came", async () => {
    const r = await h.submit(await h.token("旗统计局"), (await buildCopy({ unit: "旗统计局", rows: CLEAN_ROWS, filled: {} })).bytes, "2022-03");
    expect(r.status).toBe(422);
    refusedReasons = r.json.reasons;
    expect(refusedReasons).toHaveLength(3);
    for (const reason of refusedReasons) expect(reason).toMatch(/^[A-Z]+\d+：.+/);
  });

  it("GET /api/ledger: the round's day, the late items with their reason and plan date, the refusal's reasons", async () => {
    const l = await ledger("2022-03");
    expect(l).toMatchObject({ round: "2022-03", today: "2022-06-10", roundDay: "2022-03-31" });
    const finance = l.units.find((u) => u.unit === "旗财政局")!;
    expect(finance).toMatchObject({ reportState: "已报送", overdue: 2 });
    expect(l.tasks.find((t) => t.id === basic.id)!.units["旗财政局"]).toMatchObject({ state: "逾期", overdue: true, lateReason: "科室职能调整", planDate: "2022-04-30" });
    expect(l.tasks.find((t) => t.id === guide.id)!.units["旗财政局"]).toMatchObject({ state: "逾期", overdue: true });
    const stats = l.units.find((u) => u.unit === "旗统计局")!;
    expect(stats).toMatchObject({ reportState: "被退回", rejectedReasons: refusedReasons, receivedAt: expect.stringMatching(/^2022-03-10T/) });
    // no task, no count
    expect(l.units.map((u) => u.unit)).not.toContain("旗档案馆");
    expect(l.totals).toMatchObject({ expected: 18, submitted: 1, rejected: 1, notReported: 16, overdueItems: 2 });
    const status = await (await h.get("/api/status?round=2022-03", h.coordinator)).json();
    expect(status).toMatchObject({ expected: 18, submitted: 1, today: "2022-06-10", roundDay: "2022-03-31" });
    expect(status.missingUnits).not.toContain("旗档案馆");
    // the refused unit's error count is the same in the status and the ledger
    const refused = status.units.find((u: { unit: string }) => u.unit === "旗统计局");
    expect(stats.errors).toBe(refused.errors);
    expect(stats.errors).toBeGreaterThan(0);

    const text = noticeText(l);
    expect(text).toMatch(/^截至2022年3月31日（3月末），2022年3月政务公开工作台账应报送单位18个，已报送1个，报送被退回1个，未报送16个。/);
    expect(text).toContain(`报送被退回的单位：旗统计局（${refusedReasons.map((r) => r.replace(/[。.]+$/, "")).join("；")}）`);
    expect(text).toContain("已说明逾期原因的事项：旗财政局“基础信息公开”（原因：科室职能调整；计划完成：2022年4月30日）");
    expect(text).toContain("补报2022年3月台账");
    expect(text).not.toContain("本月");
  });

  it("the ledger workbook shows the same: 汇总 as of 31 March, 逾期事项 with reasons, 未报送单位 with the refusal's time and reasons", async () => {
    const x = await h.get("/api/ledger?round=2022-03&format=xlsx", h.coordinator);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await x.arrayBuffer()) as ExcelJS.Buffer);
    expect(String(wb.getWorksheet("汇总")!.getRow(1).getCell(1).value)).toContain("截至2022年3月31日（3月末）");
    const late = wb.getWorksheet("逾期事项")!;
    const header = late.getRow(2).values as string[];
    const row = late.getRows(3, late.rowCount - 2)!.find((r) => r.getCell(header.indexOf("任务")).value === "基础信息公开")!;
    expect([row.getCell(header.indexOf("逾期原因")).value, row.getCell(header.indexOf("计划完成时间")).value]).toEqual(["科室职能调整", "2022-04-30"]);
    const missing = wb.getWorksheet("未报送单位")!;
    const mh = missing.getRow(2).values as string[];
    const stats = missing.getRows(3, missing.rowCount - 2)!.find((r) => r.getCell(mh.indexOf("单位")).value === "旗统计局")!;
    expect(stats.getCell(mh.indexOf("报送时间")).value).toMatch(/^2022-03-10 10:/);
    expect(stats.getCell(mh.indexOf("退回原因")).value).toBe(refusedReasons.map((r) => r.replace(/[。.]+$/, "")).join("；"));
  });
});
