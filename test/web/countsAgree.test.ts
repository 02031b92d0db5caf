/**
 * One month, one set of counts: 应报, 已报送, 沿用, 被退回, 未报送, 逾期, 已销号, 退回 and each unit's 完成或按期推进率 as
 * the real service states them in GET /api/ledger (JSON), its workbook's 汇总 sheet, the 通报 (GET /api/notice, .docx)
 * and the dashboard in Debian's chromium — all the same. A city's own table and roster (`CITY`, one roster unit more
 * that answers for no task), July 2023: a unit up to date, one with a late item and its reason (and an item returned
 * on 验收), one whose file was refused, one counted on June's table, one item closed (验收销号), the rest silent.
 */
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { percentText, type Ledger, type Roster } from "../../core/index.js";
import { openDashboard, startBrowserSite, type BrowserSite } from "../fixtures/browserSite.js";
import { docxParts } from "../fixtures/docxParts.js";
import { CITY, buildTable } from "../fixtures/otherTables.js";

const ROUND = "2023-07";
/** A roster unit the city's table gives no task: never 应报, never 未报送. */
const NO_TASKS = "市档案馆";
const ROSTER: Roster = { ...CITY.roster!, units: [...CITY.roster!.units, { name: NO_TASKS, groups: [], aliases: [] }] };
/** The county's late item: 6月底前, still under way on 10 July, with the reason and plan date it wrote. */
const LATE_PROGRESS = "正在更新标准目录，因机构调整延后，计划于2023年8月15日前完成";

/** The counts one output states; `rates`: each unit's 完成或按期推进率 as shown (`85.7%`), or its state where the output shows that instead. */
interface Stated {
  应报: number;
  已报送: number;
  沿用: number;
  被退回: number;
  未报送: number;
  逾期: number;
  已销号: number;
  退回: number;
  rates: Record<string, string>;
}

let b: BrowserSite;
let ledger: Ledger;
/** What the JSON says: every other output is held to it. */
let json: Stated;

const copy = async (unit: string, progress: Record<number, string>) => (await buildTable(CITY, { unitLine: `填报单位：${unit}`, progress })).bytes;
const coordinator = (path: string, init: RequestInit = {}) => fetch(`${b.h.host.url}${path}`, { ...init, headers: { authorization: `Bearer ${b.h.coordinator}`, ...(init.headers ?? {}) } });

beforeAll(async () => {
  // 10 July 2023 in 北京: July is the month in progress
  b = await startBrowserSite("/", { harness: { clock: "2023-07-10T02:00:00.000Z" } });
  expect((await coordinator(`/api/tasks?round=${ROUND}`, { method: "PUT", body: new Uint8Array((await buildTable(CITY)).bytes) })).status).toBe(201);
  expect((await coordinator("/api/roster", { method: "PUT", body: JSON.stringify(ROSTER) })).status).toBe(201);
  const submit = async (unit: string, round: string, progress: Record<number, string>, status: number) => {
    const r = await b.h.submit(await b.h.token(unit), await copy(unit, progress), round);
    expect(r.status, `${unit} ${round}: ${JSON.stringify(r.json.reasons ?? r.json.message)}`).toBe(status);
  };
  await submit("市统计局", ROUND, { 0: "已完成", 1: "已公开第二季度数据", 2: "已完成", 7: "已完成，已在市政府网站发布" }, 201);
  await submit("某某县人民政府", ROUND, { 1: "已公开第二季度经济运行数据", 4: LATE_PROGRESS, 5: "正在筹备开放日活动", 7: "已发布2022年度报告" }, 201);
  await submit("市财政局", ROUND, {}, 422);
  await submit("市发展改革委", "2023-06", { 0: "正在推进", 2: "已完成", 7: "已完成" }, 201);

  // 验收销号 of the statistics bureau's annual report; 退回 of the county's, with a comment
  const status = (await (await coordinator(`/api/status?round=${ROUND}`)).json()) as { units: { unit: string; latestId: string | null }[] };
  const latest = (unit: string) => status.units.find((u) => u.unit === unit)!.latestId!;
  const before = (await (await coordinator(`/api/ledger?round=${ROUND}&format=json`)).json()) as Ledger;
  const annual = before.tasks.find((t) => t.measure.includes("年度报告"))!.id;
  const review = async (unit: string, decision: "accepted" | "returned", comment: string) => {
    const r = await coordinator(`/api/reviews?round=${ROUND}`, { method: "POST", body: JSON.stringify({ task: annual, unit, decision, comment, submission: latest(unit) }), headers: { "content-type": "application/json" } });
    expect(r.status, await r.clone().text()).toBe(201);
  };
  await review("市统计局", "accepted", "");
  await review("某某县人民政府", "returned", "佐证链接打不开，请补充");

  ledger = (await (await coordinator(`/api/ledger?round=${ROUND}&format=json`)).json()) as Ledger;
  const t = ledger.totals;
  json = {
    应报: t.expected,
    已报送: t.submitted,
    沿用: t.carried,
    被退回: t.rejected,
    未报送: t.notReported,
    逾期: t.overdueItems,
    已销号: t.closedItems,
    退回: t.returnedItems,
    rates: Object.fromEntries(ledger.units.map((u) => [u.unit, percentText(u.completionRate)])),
  };
}, 180_000);
afterAll(() => b?.close());

/** A unit's rate where an output shows its state instead (the dashboard's chart: 未报送, 被退回). */
const rateOrState = (l: Ledger) => Object.fromEntries(l.units.map((u) => [u.unit, u.reportState === "未报送" || u.reportState === "被退回" ? u.reportState : percentText(u.completionRate)]));

describe(`the counts of ${ROUND} agree in every output`, () => {
  it("the JSON: the month as it was set up — the unit with no task left out, the late item with its reason", () => {
    expect(ledger.units.map((u) => u.unit)).not.toContain(NO_TASKS);
    const refused = ledger.units.find((u) => u.unit === "市财政局")!;
    expect(json).toMatchObject({ 应报: 8, 已报送: 2, 沿用: 1, 被退回: 1, 未报送: 4, 已销号: 1 });
    // the returned item, and every item of the refused file (as 汇总 and the tiles count them)
    expect(json.退回).toBe(1 + refused.responsible);
    const late = ledger.tasks.flatMap((task) => Object.entries(task.units).filter(([, c]) => c.overdue).map(([unit, c]) => ({ unit, task: task.label, reason: c.lateReason, plan: c.planDate })));
    expect(late).toContainEqual(expect.objectContaining({ unit: "某某县人民政府", reason: expect.stringContaining("机构调整"), plan: "2023-08-15" }));
    expect(json.逾期).toBe(late.length);
    expect(json.逾期).toBe(ledger.units.reduce((n, u) => n + u.overdue, 0));
  });

  it("the ledger workbook's 汇总 sheet: its rows and its footer", async () => {
    const r = await coordinator(`/api/ledger?round=${ROUND}&format=xlsx`);
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await r.arrayBuffer()) as ExcelJS.Buffer);
    const ws = wb.getWorksheet("汇总")!;
    const header = (ws.getRow(2).values as unknown[]).map((v) => String(v ?? ""));
    const col = (h: string) => {
      const i = header.indexOf(h);
      expect(i, `汇总 has a column ${h}`).toBeGreaterThan(0);
      return i;
    };
    const rows: ExcelJS.Row[] = [];
    for (let n = 3; n <= ws.rowCount && typeof ws.getRow(n).getCell(col("序号")).value === "number"; n++) rows.push(ws.getRow(n));
    const value = (row: ExcelJS.Row, h: string) => row.getCell(col(h)).value;
    const state = (row: ExcelJS.Row) => String(value(row, "报送情况"));
    const sum = (h: string) => rows.reduce((n, row) => n + Number(value(row, h)), 0);
    const stated: Stated = {
      应报: rows.length,
      已报送: rows.filter((row) => state(row) === "已报送").length,
      沿用: rows.filter((row) => state(row).startsWith("沿用")).length,
      被退回: rows.filter((row) => state(row) === "被退回").length,
      未报送: rows.filter((row) => state(row) === "未报送").length,
      逾期: sum("其中逾期"),
      已销号: sum("其中已销号"),
      退回: sum("其中退回"),
      rates: Object.fromEntries(rows.map((row) => [String(value(row, "单位")), percentText(Number(value(row, "完成或按期推进率")))])),
    };
    expect(stated).toEqual(json);
    // the footer says the same in words
    const footer = ws.getRows(1, ws.rowCount)!.map((row) => String(row.getCell(1).value ?? "")).find((text) => text.startsWith("应报 "));
    expect(footer).toBe(`应报 ${json.应报} 个单位，已报 ${json.已报送} 个，沿用以前月份 ${json.沿用} 个，被退回 ${json.被退回} 个，未报 ${json.未报送} 个；逾期事项 ${json.逾期} 项，已销号 ${json.已销号} 项，退回事项 ${json.退回} 项。`);
  });

  it("the 通报 (.docx): its counts, its 退回 and 逾期 items, its 附件's rows", async () => {
    const r = await coordinator(`/api/notice?round=${ROUND}`);
    expect(r.status).toBe(200);
    const doc = docxParts(new Uint8Array(await r.arrayBuffer()));
    const body = doc.paragraphs.join("\n");
    const count = (pattern: RegExp) => {
      const m = pattern.exec(body);
      return m ? Number(m[1]) : 0;
    };
    // the 附件: 单位 | 应报事项 | 已报 | 逾期 | 完成率, a row a unit expected to report
    const table = doc.tables.find((t) => t[0]?.join("|") === "单位|应报事项|已报|逾期|完成率")!;
    expect(table, "the 附件's table").toBeDefined();
    const units = table.slice(1);
    // who lags: each unit named in its sentence, its late items counted beside it
    const lateUnits = /存在逾期未完成事项的单位：([^。]+)。/.exec(body)?.[1] ?? "";
    const stated: Omit<Stated, "已销号"> = {
      应报: count(/应报送单位(\d+)个/),
      已报送: count(/已报送(\d+)个/),
      沿用: count(/沿用以前月份台账(\d+)个/),
      被退回: count(/报送被退回(\d+)个/),
      未报送: count(/未报送(\d+)个/),
      逾期: [...lateUnits.matchAll(/（(\d+)项）/g)].reduce((n, m) => n + Number(m[1]), 0),
      退回: count(/退回事项(\d+)项/),
      rates: Object.fromEntries(units.map((row) => [row[0]!, row[4]!])),
    };
    // the 通报 states no count of 已销号 items (its 附件 has no column for them): the rest are the JSON's
    const rest: Partial<Stated> = { ...json };
    delete rest.已销号;
    expect(stated).toEqual(rest);
    expect(units).toHaveLength(json.应报);
    expect(units.reduce((n, row) => n + Number(row[3]), 0)).toBe(json.逾期);
    expect(body).not.toContain(NO_TASKS);
    // the late item with the reason the JSON has
    const lateTask = ledger.tasks.find((t) => t.measure.startsWith("更新完善"))!;
    expect(body).toContain(`某某县人民政府“${lateTask.label}”（原因：${lateTask.units["某某县人民政府"]!.lateReason}；计划完成：2023年8月15日）`);
  });

  for (const width of [1280, 360]) {
    it(`the dashboard at ${width} px: its tiles, each unit's rate in the chart's table, each unit's row, its 通报 text`, async () => {
      const page: Page = await openDashboard(b, { width, round: ROUND });
      const tile = async (id: string) => Number(await page.textContent(`#${id}`));
      const rates = await page.$$eval("#chart-rate table tbody tr", (trs) => trs.map((tr) => [tr.querySelector("th")!.textContent!, tr.querySelector("td")!.textContent!] as const));
      const stated: Stated = {
        应报: await tile("t-expected"),
        已报送: await tile("t-submitted"),
        沿用: await tile("t-carried"),
        被退回: await tile("t-rejected"),
        未报送: await tile("t-missing"),
        逾期: await tile("t-overdue"),
        已销号: await tile("t-closed"),
        退回: await tile("t-returned"),
        rates: Object.fromEntries(rates),
      };
      expect(stated).toEqual({ ...json, rates: rateOrState(ledger) });
      // the units' rows: one for each unit expected to report, their states and late items adding up to the tiles
      const rows = await page.$$eval("#units tbody tr", (trs) =>
        trs.map((tr) => ({ unit: tr.getAttribute("data-unit")!, state: tr.children[1]!.textContent!, overdue: Number(tr.querySelector('td[data-label="逾期"]')!.textContent) })),
      );
      expect(rows.map((r) => r.unit).sort()).toEqual(ledger.units.map((u) => u.unit).sort());
      const byState = (word: string) => rows.filter((r) => r.state.startsWith(word)).length;
      expect([byState("已报送"), byState("沿用"), byState("被退回"), byState("未报送")]).toEqual([json.已报送, json.沿用, json.被退回, json.未报送]);
      expect(rows.reduce((n, r) => n + r.overdue, 0)).toBe(json.逾期);
      // the 通报 text beside 下载通报（Word） opens with the counts the document has
      const text = await page.inputValue("#notice");
      expect(text.split("\n")[0]).toContain(`应报送单位${json.应报}个，已报送${json.已报送}个，沿用以前月份台账${json.沿用}个，报送被退回${json.被退回}个，未报送${json.未报送}个。`);
      await page.close();
    }, 120_000);
  }
});
