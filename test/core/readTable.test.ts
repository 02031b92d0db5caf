import { describe, expect, it } from "vitest";
import { OFFICIAL_ROWS, fieldText, readTable, reportingUnitName, taskLabel, type WorkbookSnapshot } from "../../core/index.js";
import { readWorkbook } from "../../workbook/index.js";
import { buildCopy, OFFICIAL_HEADERS } from "../fixtures/buildCopy.js";

async function tableOf(...args: Parameters<typeof buildCopy>) {
  const copy = await buildCopy(...args);
  const snapshot = await readWorkbook(copy.bytes);
  const table = readTable(snapshot)!;
  expect(table).toBeDefined();
  return { table, copy, snapshot };
}

describe("readTable on a unit's copy", () => {
  it("finds the header below the title rows and reads every task row", async () => {
    const { table } = await tableOf();
    expect(table.headerRow).toBe(4);
    expect(table.rows).toHaveLength(OFFICIAL_ROWS.length);
    expect(table.title).toBe("2022年全旗政务公开工作提升任务分解表");
    expect(table.year).toBe(2022);
    expect(table.reportingUnit).toMatchObject({ text: "旗财政局", row: 3, col: 1 });
  });

  it("applies a merged cell's value to every row it covers", async () => {
    const { table } = await tableOf();
    const byLabel = new Map(table.rows.map((r) => [taskLabel(r), r]));
    const housing = byLabel.get("保障性住房")!;
    for (const label of ["棚户区改造", "土地信息", "政府采购"]) {
      const r = byLabel.get(label)!;
      expect(fieldText(r, "measure")).toBe(fieldText(housing, "measure"));
      expect(fieldText(r, "lead")).toBe("旗住建局");
      expect(fieldText(r, "deadline")).toBe("每月更新");
      expect(r.fields.measure).toMatchObject({ continuation: true, row: housing.row });
      expect(fieldText(r, "level1")).toBe("政府信息公开");
    }
    expect(fieldText(byLabel.get("办事指南")!, "responsible")).toBe("各苏木镇人民政府、旗直各单位");
  });

  it("skips headers repeated after page breaks, and titles repeated mid-table", async () => {
    const { table, copy } = await tableOf({ repeatHeaderEvery: 8 });
    expect(table.rows).toHaveLength(OFFICIAL_ROWS.length);
    expect(table.rows.map(taskLabel)).not.toContain("三级指标");
    expect(table.rows.at(-1)!.row).toBe(table.headerRow + OFFICIAL_ROWS.length + 4); // four repeated headers
    // the page after a break repeats 一级指标 as a new merge; rows still read it
    const row = table.rows.find((r) => r.row === copy.rowOf["保障性住房"])!;
    expect(fieldText(row, "level1")).toBe("政府信息公开");
  });

  it("maps columns by header text: any order, stray spaces and line breaks, extra columns kept", async () => {
    const headers = ["三级指标", "备注", "一级 指标", "二级指标", "提升措施", "完成\n时限", "责任单位", "牵头单位", "进展情况", "联系人"];
    const { table, copy } = await tableOf({ headers, filled: { 统计信息: { progress: "已发布1-2月统计数据" } } });
    expect(table.columns).toMatchObject({ level3: 1, remark: 2, level1: 3, deadline: 6, lead: 8, progress: 9 });
    expect(table.extraColumns).toEqual([{ col: 10, header: "联系人" }]);
    const stats = table.rows.find((r) => r.row === copy.rowOf["统计信息"])!;
    expect(fieldText(stats, "progress")).toBe("已发布1-2月统计数据");
    expect(fieldText(stats, "lead")).toBe("旗统计局");
  });

  it.each([
    ["inline", "旗财政局", { text: "旗财政局", col: 1 }],
    ["half-width", "旗财政局", { text: "旗财政局", col: 1 }],
    ["next-cell", "旗财政局", { text: "旗财政局", col: 2 }],
    ["inline", "", { text: "", col: 1 }],
  ] as const)("reads 填报单位 written %s (%j)", async (unitStyle, unit, expected) => {
    const { table } = await tableOf({ unit, unitStyle });
    expect(table.reportingUnit).toMatchObject(expected);
  });

  it("has no reporting unit when the line is absent, and no year without one in the title", async () => {
    const { table } = await tableOf({ unit: null, title: "全旗政务公开工作提升任务分解表" });
    expect(table.reportingUnit).toBeUndefined();
    expect(table.year).toBeUndefined();
  });

  it("finds the table on a later sheet, and nothing in a workbook without one", async () => {
    const other: WorkbookSnapshot = { sheets: [{ name: "说明", rows: [[{ text: "填表说明" }]], merges: [] }] };
    expect(readTable(other)).toBeUndefined();
    const { snapshot } = await tableOf();
    expect(readTable({ sheets: [...other.sheets, ...snapshot.sheets] })?.sheet).toBe("Sheet1");
  });

  it("needs at least four official headers to call a row the header", () => {
    const wb: WorkbookSnapshot = {
      sheets: [{ name: "S", rows: [OFFICIAL_HEADERS.slice(0, 3).map((text) => ({ text }))], merges: [] }],
    };
    expect(readTable(wb)).toBeUndefined();
  });
});

describe("readTable on hand-made sheets", () => {
  const header = ["一级指标", "二级指标", "三级指标", "提升措施", "牵头单位", "责任单位", "完成时限", "进展情况"].map((text) => ({ text }));
  const row = (...texts: string[]) => texts.map((text) => ({ text }));

  it("tells titles from rows whose only own text is progress, and stops at the contact table's title", () => {
    const sheet = {
      name: "S",
      rows: [
        header,
        row("办事服务", "服务功能", "事项公开", "统一链接平台", "旗政务服务局", "旗直各单位", "3月15日", ""),
        row("", "", "", "", "", "", "", "已报送联络人名单"),
        row("2022年全旗政务公开工作提升任务分解表"),
        row("办事服务", "服务功能", "办事统计", "公布办事统计", "旗政务服务局", "旗直各单位", "3月15日", ""),
        row("", "", "", "", "", "", "", "已按任务分解表完成"),
        row("全旗政务公开工作联络人明细表"),
        row("序号", "姓名"),
      ],
      merges: [0, 1, 2, 3, 4, 5, 6].flatMap((c) => [
        { top: 2, left: c + 1, bottom: 3, right: c + 1 },
        { top: 5, left: c + 1, bottom: 6, right: c + 1 },
      ]),
    };
    const table = readTable({ sheets: [sheet] })!;
    // the repeated title (row 4) is skipped; progress that names the table (row 6) is a task row
    expect(table.rows.map((r) => r.row)).toEqual([2, 3, 5, 6]);
    expect(fieldText(table.rows[1]!, "progress")).toBe("已报送联络人名单");
  });
});

describe("the 填报单位 line as units write it", () => {
  it.each([
    ["填报单位：某某县人民政府", "某某县人民政府"],
    ["填报单位:县财政局", "县财政局"],
    ["填报单位（盖章）：某某县人民政府", "某某县人民政府"],
    ["填报单位(盖章):某某县人民政府", "某某县人民政府"],
    ["报送单位：市统计局", "市统计局"],
    ["填报部门：东城分局", "东城分局"],
    ["填报单位：县财政局      填报日期：2023年9月1日", "县财政局"],
    ["填报单位：县财政局 填报人：张三", "县财政局"],
    ["填报单位（盖章）：", ""],
  ])("%s → %j", (line, unit) => expect(reportingUnitName(line)).toBe(unit));

  it.each(["单位：县财政局", "填报说明：请如实填写", "各填报单位要认真核对"])("%s is no 填报单位 line", (line) => expect(reportingUnitName(line)).toBeUndefined());
});
