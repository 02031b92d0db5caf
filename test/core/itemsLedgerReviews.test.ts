/**
 * What a return does to a unit's counts, and what the coordinator's decisions on a task's items make of it: a task the
 * coordinator returned (退回) is neither done nor on track until the unit reports again — one definition, so the JSON,
 * the 汇总 sheet, the 通报's 附件 and the dashboard state the same 完成或按期推进率 —; 验收 closes what the unit reported done
 * whatever its state (`acceptCloses`, each item's reported `status`); a task reads 已销号 from its items once all are.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  RosterIndex,
  SUMMARY_SHEET,
  acceptCloses,
  consolidate,
  itemsClosed,
  itemsDecisionText,
  layoutGrid,
  noticeParts,
  unitReport,
  validateWorkbook,
  type Ledger,
  type LedgerItem,
  type Review,
  type TaskList,
  type UnitReport,
} from "../../core/index.js";
import { readTaskListXlsx, readWorkbook } from "../../workbook/index.js";
import { CITY, buildTable } from "../fixtures/otherTables.js";
import { CLEAN_ITEMS, ITEMS_PROGRESS, ITEMS_ROUND, ITEMS_TODAY, ITEMS_UNIT, itemsCopy } from "../fixtures/unitItems.js";

let tasks: TaskList;
const RECEIVED = "2023-07-10T01:00:00.000Z";
const reportOf = async (bytes: Uint8Array, receivedAt = RECEIVED): Promise<UnitReport> =>
  unitReport(validateWorkbook(await readWorkbook(bytes), { today: ITEMS_TODAY, tasks, roster: CITY.roster }), ITEMS_UNIT, { submissionId: `s-${receivedAt}`, receivedAt });
const ledgerOf = (report: UnitReport, reviews: Review[] = []): Ledger =>
  consolidate({ round: ITEMS_ROUND, today: ITEMS_TODAY, year: 2023, tasks: tasks.tasks, roster: new RosterIndex(CITY.roster!), reports: [report], reviews });
const review = (task: string, decision: Review["decision"], item?: string, at = "2023-07-10T03:00:00.000Z"): Review => ({
  id: `r-${task}-${item ?? ""}-${at}`,
  round: ITEMS_ROUND,
  task,
  label: task,
  unit: ITEMS_UNIT,
  decision,
  comment: decision === "returned" ? "佐证材料不全" : "",
  by: "coordinator",
  at,
  submission: "",
  ...(item ? { item } : {}),
});
const unitIn = (l: Ledger) => l.units.find((u) => u.unit === ITEMS_UNIT)!;
const cell = (l: Ledger, id: string) => l.tasks.find((t) => t.id === id)!.units[ITEMS_UNIT]!;

beforeAll(async () => {
  tasks = await readTaskListXlsx((await buildTable(CITY)).bytes);
});

describe("a returned task is not done: the rate counts it once the unit reports again", () => {
  // T02 每季度 and T06 on track, T05 late, T08 done (through its two items; or on its own row, without items): 3 of 4
  const T08_ON_ITS_ROW = CLEAN_ITEMS.filter((r) => r[0] !== "T08" && r[2] !== "在政府网站发布年度报告");
  const cases: { name: string; items: string[][]; returned: (l: Ledger) => Review }[] = [
    { name: "one of T08's items returned", items: CLEAN_ITEMS, returned: (l) => review("T08", "returned", cell(l, "T08").items![0]!.key) },
    { name: "T08 returned as a whole (its items without a decision of their own follow)", items: CLEAN_ITEMS, returned: () => review("T08", "returned") },
    { name: "T08 without items, returned", items: T08_ON_ITS_ROW, returned: () => review("T08", "returned") },
  ];
  it.each(cases)("$name: 已完成 counts as 推进中, the rate falls from 75% to 50% in the JSON, 汇总 and 通报 alike", async ({ items, returned }) => {
    const report = await reportOf(await itemsCopy(items, { progress: { ...ITEMS_PROGRESS, 7: "已于1月30日在政府网站发布年度报告" } }));
    const before = ledgerOf(report);
    expect(cell(before, "T08")).toMatchObject({ status: "已完成", state: "已完成" });
    expect(cell(before, "T08").items?.length).toBe(items === CLEAN_ITEMS ? 2 : undefined);
    expect(unitIn(before)).toMatchObject({ responsible: 4, completed: 1, onTrack: 2, inProgress: 1, completionRate: 0.75 });

    const r = returned(before);
    const after = ledgerOf(report, [r]);
    expect(cell(after, "T08")).toMatchObject({ status: "已完成", state: "退回" });
    // still six columns that add up to the unit's tasks; 退回 one of them, not counted apart
    expect(unitIn(after)).toMatchObject({ responsible: 4, completed: 0, onTrack: 2, inProgress: 2, notStarted: 0, missing: 0, returned: 1, completionRate: 0.5 });
    expect(after.totals).toMatchObject({ completedItems: 0, onTrackItems: 2, returnedItems: 1 });
    const summary = layoutGrid(SUMMARY_SHEET, after);
    const row = summary.values.find((v) => v[1] === ITEMS_UNIT)!;
    const at = (header: string) => row[summary.columns.findIndex((c) => c.header === header)];
    expect([at("已完成"), at("推进中"), at("其中退回"), at("完成或按期推进率")]).toEqual([0, 2, 1, 0.5]);
    expect(noticeParts(after).attachment.rows.find((x) => x[0] === ITEMS_UNIT)).toEqual([ITEMS_UNIT, "4", "4", "1", "50%"]);

    // the unit reports again after the return: the return no longer stands, the task counts as done
    const again = ledgerOf({ ...report, receivedAt: "2023-07-10T04:00:00.000Z" }, [r]);
    expect(cell(again, "T08").state).toBe("已完成");
    expect(unitIn(again)).toMatchObject({ completed: 1, returned: 0, completionRate: 0.75 });
  });

  it("a returned task closed by a later 验收销号 is done (已销号) again", async () => {
    const report = await reportOf(await itemsCopy(CLEAN_ITEMS));
    const key = cell(ledgerOf(report), "T08").items![0]!.key;
    const l = ledgerOf(report, [review("T08", "returned", key), review("T08", "accepted", key, "2023-07-10T05:00:00.000Z")]);
    expect(cell(l, "T08").items!.map((i) => i.state)).toEqual(["已销号", "已完成"]);
    expect(unitIn(l)).toMatchObject({ completed: 1, returned: 0, completionRate: 0.75 });
  });
});

describe("an item's reported status decides what 验收 does; a task reads its decision from its items", () => {
  it("a returned item the unit reported done keeps that status beside its state 退回, and 验收 closes it", async () => {
    const report = await reportOf(await itemsCopy(CLEAN_ITEMS));
    const [done, published] = cell(ledgerOf(report), "T08").items!;
    const items = cell(ledgerOf(report, [review("T08", "returned", done!.key)]), "T08").items!;
    expect(items.map((i) => [i.text, i.status, i.state])).toEqual([
      [done!.text, "已完成", "退回"],
      [published!.text, "已完成", "已完成"],
    ]);
    expect(items.map((i) => acceptCloses(i.status))).toEqual([true, true]);
    // a late item under way: 验收 records the check and closes nothing
    const late = cell(ledgerOf(report), "T05").items![1]!;
    expect([late.status, late.state, acceptCloses(late.status)]).toEqual(["推进中", "逾期", false]);
  });

  const item = (state: LedgerItem["state"], decision?: Review["decision"]): Pick<LedgerItem, "state" | "review"> => ({ state, review: decision ? review("T08", decision) : null });
  it.each([
    { items: [item("已销号", "accepted"), item("已销号", "accepted")], closed: true, text: "已销号（各细化事项均已验收）" },
    { items: [item("已销号", "accepted"), item("已完成")], closed: false, text: "细化事项2项：已销号1项，未验收1项" },
    { items: [item("退回", "returned"), item("逾期", "accepted"), item("推进中")], closed: false, text: "细化事项3项：退回1项，已验收1项，未验收1项" },
    // a return no longer standing (the unit reported again) is no decision in force on the item
    { items: [item("已完成", "returned")], closed: false, text: "细化事项1项：未验收1项" },
  ])("$text", ({ items, closed, text }) => {
    expect(itemsClosed(items)).toBe(closed);
    expect(itemsDecisionText(items)).toBe(text);
  });
});
