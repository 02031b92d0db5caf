/** 细化分解: reading a unit's own items sheet, the task each names, their keys, and what they make of their task in the ledger. */
import { describe, expect, it } from "vitest";
import {
  ITEM_HEADER_RULES,
  itemColumnOf,
  itemKeys,
  itemStatus,
  itemsVerdict,
  ledgerItems,
  parseDeadline,
  readItemsSheet,
  reviewsInForce,
  taskOfItem,
  type ItemTask,
  type ReportItem,
  type Review,
  type WorkbookSnapshot,
} from "../../core/index.js";

const sheetOf = (name: string, rows: string[][]): WorkbookSnapshot => ({
  sheets: [
    { name: "任务分解表", rows: [[{ text: "任务" }]], merges: [] },
    { name, rows: rows.map((r) => r.map((text) => ({ text }))), merges: [] },
  ],
});

describe("the header of a 细化分解 sheet, by its words", () => {
  // every example the vocabulary lists reads as its column
  it.each(ITEM_HEADER_RULES.flatMap((r) => r.examples.map((e) => [e, r.column] as const)))("%s → %s", (header, column) => {
    expect(itemColumnOf(header)).toBe(column);
  });

  it.each([
    ["具体责任人", "person"],
    ["责任人", "person"],
    ["推进时限", "deadline"],
    ["完成时限", "deadline"],
    ["时限", "deadline"],
    ["进展情况", "progress"],
    ["推进情况", "progress"],
    ["推进措施", "measure"],
    ["完成状态", "status"],
    ["任务编号", "taskId"],
    ["对应任务", "task"],
    ["具体事项", "text"],
    ["标准要求", "standard"],
    ["推 进 时 限（日期）", "deadline"],
  ])("as clerks retype it: %s → %s", (header, column) => {
    expect(itemColumnOf(header)).toBe(column);
  });

  it("a 序号 of the items themselves is no task id; a sentence is no header", () => {
    expect(itemColumnOf("序号")).toBeUndefined();
    expect(itemColumnOf("梳理本县二十六个领域的事项清单并报送")).toBeUndefined();
  });
});

describe("readItemsSheet", () => {
  it("a copy without the sheet has none", () => {
    expect(readItemsSheet({ sheets: [{ name: "任务分解表", rows: [], merges: [] }] })).toBeUndefined();
  });

  it("finds the header under a title and a note; skips blank rows and starter rows (task named, nothing else)", () => {
    const wb = sheetOf("细化分解", [
      ["细化分解表"],
      ["填写说明：……"],
      ["任务编号", "对应任务", "具体事项", "责任人", "完成时限", "推进措施", "标准要求", "推进情况", "完成状态"],
      ["T01", "公开财政预决算"],
      [],
      ["T02", "政策解读", "发布解读材料", "张三", "6月30日", "", "", "正在起草", ""],
      ["", "", "", "", "", "", "", "", ""],
    ]);
    const s = readItemsSheet(wb)!;
    expect(s).toMatchObject({ sheet: "细化分解", headerRow: 3, missing: [] });
    expect(s.columns).toMatchObject({ taskId: 1, task: 2, text: 3, person: 4, deadline: 5, progress: 8, status: 9 });
    expect(s.rows).toEqual([{ row: 6, cells: { taskId: "T02", task: "政策解读", text: "发布解读材料", person: "张三", deadline: "6月30日", measure: "", standard: "", progress: "正在起草", status: "" } }]);
  });

  it("a sheet named 细化分解表 is found too; one whose header lacks 具体事项 says so", () => {
    const s = readItemsSheet(sheetOf("细化分解表", [["编号", "责任人"], ["T01", "张三"]]))!;
    expect(s).toMatchObject({ sheet: "细化分解表", headerRow: 0, missing: ["text"], rows: [] });
  });

  it("one 任务编号 merged over a task's items counts for each of them", () => {
    const wb = sheetOf("细化分解", [
      ["任务编号", "具体事项", "具体责任人"],
      ["T03", "甲事项", "张三"],
      ["", "乙事项", "李四"],
    ]);
    wb.sheets[1]!.merges.push({ top: 2, left: 1, bottom: 3, right: 1 });
    expect(readItemsSheet(wb)!.rows.map((r) => r.cells.taskId)).toEqual(["T03", "T03"]);
  });
});

const TASKS: ItemTask[] = [
  { id: "T05", label: "更新完善基层政务公开事项标准目录", measure: "更新完善基层政务公开事项标准目录。", row: 9, due: parseDeadline("6月底前", 2023) },
  { id: "T08", label: "编制发布2022年政府信息公开工作年度报告", measure: "编制发布2022年政府信息公开工作年度报告。", row: 12, due: parseDeadline("2023年1月31日前", 2023) },
];

describe("taskOfItem", () => {
  it.each([
    [{ taskId: "T05", task: "" }, "T05"],
    [{ taskId: "t5", task: "" }, "T05"],
    [{ taskId: "８", task: "" }, "T08"],
    [{ taskId: " T08 ", task: "随便写的" }, "T08"],
    [{ taskId: "", task: "更新完善基层政务公开事项标准目录" }, "T05"],
    [{ taskId: "", task: "编制发布2022年政府信息公开工作年度报告。" }, "T08"],
    [{ taskId: "", task: "编制发布2022年政府信息" }, "T08"],
  ])("%o → %s", (cells, id) => {
    expect(taskOfItem(cells, TASKS)?.id).toBe(id);
  });

  it.each([[{ taskId: "T03", task: "" }], [{ taskId: "", task: "开展政府开放日活动" }], [{ taskId: "", task: "" }]])("%o names none of the unit's tasks", (cells) => {
    expect(taskOfItem(cells, TASKS)).toBeUndefined();
  });
});

describe("itemStatus and itemKeys", () => {
  it.each([
    [{ status: "已完成", progress: "" }, "已完成"],
    [{ status: "", progress: "正在起草" }, "推进中"],
    [{ status: "", progress: "" }, "未启动"],
    [{ status: "", progress: "见附件" }, undefined],
    [{ status: "差不多了", progress: "已发布" }, "已完成"],
  ])("%o → %s", (cells, status) => {
    expect(itemStatus(cells)).toBe(status);
  });

  it("a key stays while the text does (spaces and punctuation aside), and tells two items apart", () => {
    const [a, b, c] = itemKeys("T05", ["梳理事项清单", "发布目录", "梳理事项清单"]);
    expect(a).toMatch(/^T05-[0-9a-z]{6}$/);
    expect(itemKeys("T05", ["梳理 事项清单。"])[0]).toBe(a);
    expect(b).not.toBe(a);
    expect(c).toBe(`${a}-2`);
    expect(itemKeys("T06", ["梳理事项清单"])[0]).not.toBe(a);
  });
});

describe("ledgerItems and itemsVerdict: the task follows its items", () => {
  const item = (text: string, deadline: string, status: ReportItem["status"]): ReportItem => ({ taskRow: 9, task: "T05", row: 4, text, person: "王芳", deadline, measure: "", standard: "", progress: "", status });
  const ctx = (reviews: Review[] = [], receivedAt = "2023-09-01T01:00:00.000Z") => ({ unit: "某某县人民政府", year: 2023, roundDay: "2023-09-01", inForce: reviewsInForce(reviews, "2023-09"), current: true, receivedAt });
  const due = parseDeadline("2023年12月31日", 2023);

  it.each([
    [["已完成", "已完成"], { status: "已完成", overdue: false, closed: false, returned: false }],
    [["已完成", "推进中"], { status: "推进中", overdue: false }],
    [["未启动", "未启动"], { status: "未启动", overdue: false }],
  ] as const)("%o → %o", (statuses, verdict) => {
    const reported = statuses.map((s, i) => item(`事项${i}`, "2023年10月31日", s));
    expect(itemsVerdict(ledgerItems(reported, "T05", due, ctx()), reported)).toMatchObject(verdict);
  });

  it("one item past its own date and not done makes the task overdue; an item without a date of its own is held to the task's", () => {
    const reported = [item("甲", "2023年8月31日", "推进中"), item("乙", "", "推进中"), item("丙", "2023年6月30日", "已完成")];
    const items = ledgerItems(reported, "T05", parseDeadline("2023年10月31日", 2023), ctx());
    expect(items.map((i) => [i.state, i.overdue])).toEqual([["逾期", true], ["推进中", false], ["已完成", false]]);
    expect(itemsVerdict(items, reported)).toMatchObject({ status: "推进中", overdue: true });
  });

  it("reviews name an item by its key: 验收 closes a done item, a return stands until the unit reports again", () => {
    const [a, b] = itemKeys("T05", ["甲", "乙"]);
    const review = (item: string, decision: Review["decision"], at: string): Review => ({ id: item + decision, round: "2023-09", task: "T05", label: "标准目录", unit: "某某县人民政府", decision, comment: decision === "returned" ? "请补充链接" : "", by: "c", at, submission: "s1", item });
    const reviews = [review(a!, "accepted", "2023-09-01T02:00:00.000Z"), review(b!, "returned", "2023-09-01T02:00:00.000Z")];
    const done = [item("甲", "2023年8月31日", "已完成"), item("乙", "2023年10月31日", "已完成")];
    const items = ledgerItems(done, "T05", due, ctx(reviews));
    expect(items.map((i) => [i.key, i.state, i.review?.decision])).toEqual([[a, "已销号", "accepted"], [b, "退回", "returned"]]);
    expect(itemsVerdict(items, done)).toMatchObject({ closed: false, returned: true });
    // reported again after the return: the return no longer stands, both done
    const again = ledgerItems(done, "T05", due, ctx(reviews, "2023-09-01T03:00:00.000Z"));
    expect(itemsVerdict(again, done)).toMatchObject({ status: "已完成", returned: false, closed: false });
    // 验收销号 of the whole task holds for each item without a decision of its own
    const wholeTask: Review = { ...review(a!, "accepted", "2023-09-01T05:00:00.000Z"), id: "task", item: undefined };
    const byTask = ledgerItems(done, "T05", due, ctx([wholeTask]));
    expect(byTask.map((i) => i.state)).toEqual(["已销号", "已销号"]);
    expect(itemsVerdict(byTask, done)).toMatchObject({ closed: true });
    // both accepted: the task is 已销号
    const closed = ledgerItems(done, "T05", due, ctx([reviews[0]!, review(b!, "accepted", "2023-09-01T04:00:00.000Z")]));
    expect(itemsVerdict(closed, done)).toMatchObject({ closed: true });
  });
});
