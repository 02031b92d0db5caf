/**
 * 细化分解 through the service, on a coordinator's own table: the unit's template has the sheet with its own tasks, a
 * copy with items is refused for their errors and taken when clean, the ledger's tasks follow their items, and the
 * coordinator decides item by item (both stores).
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readWorkbook } from "../../workbook/index.js";
import { CITY, buildTable } from "../fixtures/otherTables.js";
import { CLEAN_ITEMS, DEFECTIVE_ITEMS, ITEMS_ROUND, ITEMS_UNIT, itemsCopy } from "../fixtures/unitItems.js";
import { startHarness, type Harness } from "./harness.js";

interface LedgerItemJson {
  key: string;
  text: string;
  state: string;
  overdue: boolean;
  review: { decision: string; item?: string } | null;
}

describe.each([
  ["Azure Storage (Azurite)", false],
  ["the embedded store", true],
])("%s", (_, embedded) => {
  let h: Harness;
  let unit: string;
  beforeAll(async () => {
    // 10 July 2023 in 北京: the round is this month
    h = await startHarness({ embedded, clock: "2023-07-10T02:00:00.000Z" });
    const put = (path: string, body: Uint8Array | string) => fetch(`${h.host.url}${path}`, { method: "PUT", body: typeof body === "string" ? body : new Uint8Array(body), headers: { authorization: `Bearer ${h.coordinator}` } });
    expect((await put(`/api/tasks?round=${ITEMS_ROUND}`, (await buildTable(CITY)).bytes)).status).toBe(201);
    expect((await put("/api/roster", JSON.stringify(CITY.roster))).status).toBe(201);
    unit = await h.token(ITEMS_UNIT);
  }, 60_000);
  afterAll(() => h?.close());

  const ledger = async () => (await (await h.get(`/api/ledger?round=${ITEMS_ROUND}`, h.coordinator)).json()) as { tasks: { id: string; units: Record<string, { status: string; state: string; overdue: boolean; items?: LedgerItemJson[] }> }[]; units: { unit: string; submissionId: string }[] };
  const cell = async (task: string) => (await ledger()).tasks.find((t) => t.id === task)!.units[ITEMS_UNIT]!;
  const review = async (body: Record<string, string>) => {
    const submission = (await ledger()).units.find((u) => u.unit === ITEMS_UNIT)!.submissionId;
    return fetch(`${h.host.url}/api/reviews?round=${ITEMS_ROUND}`, { method: "POST", body: JSON.stringify({ unit: ITEMS_UNIT, submission, comment: "", ...body }), headers: { authorization: `Bearer ${h.coordinator}`, "content-type": "application/json" } });
  };

  it("GET /api/template: the unit's template has a 细化分解 sheet with its own tasks", async () => {
    const r = await h.get(`/api/template?round=${ITEMS_ROUND}`, unit);
    const sheet = (await readWorkbook(new Uint8Array(await r.arrayBuffer()))).sheets.find((s) => s.name === "细化分解")!;
    expect(sheet.rows.slice(3).map((row) => row[0]!.text)).toEqual(["T02", "T05", "T06", "T08"]);
  });

  it("POST /api/submissions: errors of its items refuse a copy, naming the 细化分解 cells; a clean one is taken", async () => {
    const bad = await h.submit(unit, await itemsCopy(DEFECTIVE_ITEMS), ITEMS_ROUND);
    expect(bad.status).toBe(422);
    expect(bad.json.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^细化分解!E3：事项“在县政府网站发布标准目录”的推进时限2023年7月20日晚于/)]));
    expect(bad.json.findings.filter((f: { sheet: string }) => f.sheet === "细化分解").map((f: { code: string }) => f.code)).toContain("item.unknown-task");
    const good = await h.submit(unit, await itemsCopy(CLEAN_ITEMS), ITEMS_ROUND);
    expect(good.status).toBe(201);
    expect(good.json.summary).toMatchObject({ errors: 0, responsibleRows: 4 });
  });

  it("GET /api/ledger: each task's state follows its items, the items under it", async () => {
    expect(await cell("T05")).toMatchObject({ status: "推进中", state: "逾期", overdue: true });
    expect((await cell("T05")).items!.map((i) => [i.text, i.state])).toEqual([["梳理本县26个领域事项清单", "已完成"], ["在县政府网站发布标准目录", "逾期"]]);
    expect(await cell("T06")).toMatchObject({ status: "推进中", overdue: false });
    expect(await cell("T08")).toMatchObject({ status: "已完成", state: "已完成" });
    expect((await cell("T02")).items).toBeUndefined();
    const x = await h.get(`/api/ledger?round=${ITEMS_ROUND}&format=xlsx`, h.coordinator);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await x.arrayBuffer()) as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总", "台账", "明细", "细化事项", "逾期事项", "未报送单位", "临期提醒", "验收销号"]);
    expect(wb.getWorksheet("细化事项")!.getRow(4).getCell(4).value).toBe("在县政府网站发布标准目录");
  });

  it("POST /api/reviews with item: each of T08's items accepted closes the task; a returned T05 item returns it; an unknown item is 404", async () => {
    const t08 = (await cell("T08")).items!;
    for (const i of t08) expect((await review({ task: "T08", decision: "accepted", item: i.key })).status).toBe(201);
    expect(await cell("T08")).toMatchObject({ state: "已销号" });
    expect((await cell("T08")).items!.map((i) => [i.state, i.review?.item])).toEqual(t08.map((i) => ["已销号", i.key]));

    const late = (await cell("T05")).items![1]!;
    const back = await review({ task: "T05", decision: "returned", item: late.key, comment: "请补充发布链接" });
    expect(back.status).toBe(201);
    expect((await back.json()).review).toMatchObject({ item: late.key, label: "更新完善基层政务公开事项标准目录（细化事项：在县政府网站发布标准目录）" });
    expect(await cell("T05")).toMatchObject({ state: "退回" });
    expect((await cell("T05")).items!.map((i) => i.state)).toEqual(["已完成", "退回"]);

    const unknown = await review({ task: "T05", decision: "accepted", item: "T05-zzzzzz" });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).message).toContain("没有编号为 T05-zzzzzz 的细化事项");

    // the unit sees the return, naming the item
    const mine = await (await h.get(`/api/reviews?round=${ITEMS_ROUND}`, unit)).json();
    expect(mine.inForce.find((r: { decision: string }) => r.decision === "returned")).toMatchObject({ item: late.key, comment: "请补充发布链接", by: "汇总人" });
  });
});
