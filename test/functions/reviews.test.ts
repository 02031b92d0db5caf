/**
 * The coordinator's month through the HTTP API: counts that keep 未报送, 被退回 and 逾期 apart, 验收销号 and
 * 退回 item by item, what a unit is shown, and the next round (carry-forward, closed items stay closed).
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtInTaskList, noticeText, type Ledger } from "../../core/index.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness;
let finance: string;
let stats: string;
const TASKS = builtInTaskList().tasks;
const basic = TASKS.find((t) => t.level3 === "基础信息公开")!;
const budget = TASKS.find((t) => t.level3 === "财政资金")!;

beforeAll(async () => {
  h = await startHarness({ embedded: true });
  finance = await h.token("旗财政局");
  stats = await h.token("旗统计局");
}, 60_000);
afterAll(() => h?.close());

const post = (path: string, body: unknown, token = h.coordinator) =>
  fetch(`${h.host.url}${path}`, { method: "POST", body: JSON.stringify(body), headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } });
const ledger = async (round: string): Promise<Ledger> => (await h.get(`/api/ledger?round=${round}&format=json`, h.coordinator)).json() as Promise<Ledger>;

describe("a coordinator's month through the API", () => {
  it("a round with no submissions: 0 overdue, every unit 未报送", async () => {
    const l = await ledger("2021-12");
    expect(l.units.reduce((n, u) => n + u.overdue, 0)).toBe(0);
    expect(l.units.every((u) => u.reportState === "未报送")).toBe(true);
  });

  it("keeps a refused file's unit (被退回) apart from units that sent nothing (未报送)", async () => {
    const filled = { ...allDone(FINANCE_TASKS), 基础信息公开: { progress: "正在整理", status: "推进中" } };
    expect((await h.submit(finance, (await buildCopy({ unit: "旗财政局", rows: CLEAN_ROWS, filled })).bytes)).status).toBe(201);
    const bad = await h.submit(stats, (await buildCopy({ unit: "旗统计局", rows: CLEAN_ROWS, filled: {} })).bytes);
    expect(bad.status).toBe(422);
    const l = await ledger("2022-03");
    expect(l.units.find((u) => u.unit === "旗统计局")).toMatchObject({ reportState: "被退回", overdue: 0 });
    expect(l.rejectedUnits).toEqual(["旗统计局"]);
    expect(l.units.find((u) => u.unit === "旗财政局")).toMatchObject({ reportState: "已报送" });
    const text = noticeText(l);
    expect(text).toMatch(/报送被退回的单位：旗统计局（[A-Z]+\d+：.+）。请按提示修改后重新报送本月台账。/);
    expect(text).toMatch(/未报送单位：(?!.*旗统计局).*请于三个工作日内报送本月台账。/);
  });

  it("refuses a review it cannot take, in words", async () => {
    const bad = async (body: unknown, status: number, said: RegExp, token?: string) => {
      const r = await post("/api/reviews?round=2022-03", body, token);
      expect(r.status).toBe(status);
      expect((await r.json()).message).toMatch(said);
    };
    await bad({ task: basic.id, unit: "旗财政局", decision: "returned" }, 400, /退回时请写明意见/);
    await bad({ task: "T999", unit: "旗财政局", decision: "accepted" }, 404, /没有编号为 T999 的任务/);
    await bad({ task: TASKS.find((t) => t.level3 === "教育信息")!.id, unit: "旗财政局", decision: "accepted" }, 422, /不是任务“教育信息”的责任单位/);
    await bad({ task: basic.id, unit: "旗财政局", decision: "maybe" }, 400, /decision 只能是/);
    await bad({ task: basic.id, unit: "旗财政局", decision: "accepted" }, 403, /只有汇总人/, finance);
  });

  it("验收销号 and 退回 one item each: kept with who and when, shown in the ledger, the 通报 and to the unit", async () => {
    const accepted = await post("/api/reviews?round=2022-03", { task: budget.id, unit: "旗财政局", decision: "accepted" });
    expect(accepted.status).toBe(201);
    const returned = await post("/api/reviews?round=2022-03", { task: basic.id, unit: "财政局", decision: "returned", comment: "佐证链接打不开，请补充" });
    expect(returned.status).toBe(201);
    expect((await returned.json()).review).toMatchObject({ unit: "旗财政局", label: "基础信息公开", by: expect.stringContaining("汇总人"), at: expect.stringMatching(/^2022-03-10T/) });

    const l = await ledger("2022-03");
    const f = l.units.find((u) => u.unit === "旗财政局")!;
    expect(f).toMatchObject({ closed: 1, returned: 1 });
    expect(l.tasks.find((t) => t.id === budget.id)!.units["旗财政局"]).toMatchObject({ state: "已销号" });
    expect(l.tasks.find((t) => t.id === basic.id)!.units["旗财政局"]).toMatchObject({ state: "退回", review: { comment: "佐证链接打不开，请补充" } });
    expect(noticeText(l)).toContain("验收未通过、被退回的事项：旗财政局“基础信息公开”（佐证链接打不开，请补充）");

    // the unit sees its own decisions, no one else's
    const mine = await (await h.get("/api/reviews?round=2022-03", finance)).json();
    expect(mine.inForce.map((r: { label: string }) => r.label).sort()).toEqual(["基础信息公开", "财政资金"]);
    const theirs = await (await h.get("/api/reviews?round=2022-03", stats)).json();
    expect(theirs.inForce).toEqual([]);

    const x = await h.get("/api/ledger?round=2022-03&format=xlsx", h.coordinator);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await x.arrayBuffer()) as ExcelJS.Buffer);
    const sheet = wb.getWorksheet("验收销号")!;
    expect(sheet.getRows(3, sheet.rowCount - 2)!.map((r) => r.getCell(5).value)).toEqual(["已销号", "退回"]);
  });

  it("the next month: the unit's March table carries forward (沿用), the closed item stays closed, monthly tasks are 未更新", async () => {
    const l = await ledger("2022-04");
    const f = l.units.find((u) => u.unit === "旗财政局")!;
    expect(f).toMatchObject({ reportState: "沿用", from: "2022-03", submitted: false });
    expect(l.missingUnits).not.toContain("旗财政局");
    expect(l.tasks.find((t) => t.id === budget.id)!.units["旗财政局"]!.state).toBe("已销号");
    expect(f.stale).toBeGreaterThan(0);
    expect(noticeText(l)).toContain("本月未更新、沿用以前月份台账的单位：旗财政局（3月）");
  });

  it("reminders of what falls due, as many days ahead as asked", async () => {
    const week = await ledger("2022-03");
    expect(week.remindDays).toBe(7);
    expect(week.reminders.find((r) => r.unit === "旗财政局")?.items.map((i) => i.label)).toContain("基础信息公开");
    const l = (await (await h.get("/api/ledger?round=2022-03&format=json&days=2", h.coordinator)).json()) as Ledger;
    expect(l.remindDays).toBe(2);
    expect(l.reminders.find((r) => r.unit === "旗财政局")).toBeUndefined();
    expect((await h.get("/api/ledger?round=2022-03&days=abc", h.coordinator)).status).toBe(400);
  });
});
