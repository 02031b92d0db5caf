/** The template's 细化分解 sheet: one starter row for each task the unit answers for, lists on 任务编号 and 完成状态. */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ITEM_COLUMNS, ITEM_HEADERS, builtInTaskList, readItemsSheet, validateWorkbook } from "../../core/index.js";
import { readTaskListXlsx, readWorkbook, writeTemplate } from "../../workbook/index.js";
import { CITY, buildTable } from "../fixtures/otherTables.js";

const load = async (bytes: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
};

describe("the 细化分解 sheet of a coordinator's own table", async () => {
  const list = await readTaskListXlsx((await buildTable(CITY)).bytes);
  const bytes = await writeTemplate({ tasks: list, roster: CITY.roster, unit: "某某县人民政府" });
  const wb = await load(bytes);
  const ws = wb.getWorksheet("细化分解")!;

  it("comes after the table, with a title, a note on how to add an item, and the header", () => {
    expect(wb.worksheets.map((s) => s.name)).toEqual(["任务分解表", "细化分解", "单位名册"]);
    expect(String(ws.getCell("A2").value)).toContain("复制该任务的“任务编号”和“对应任务”");
    expect(ws.getRow(3).values).toEqual([undefined, ...ITEM_COLUMNS.map((c) => ITEM_HEADERS[c])]);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
  });

  it("one starter row per task of the unit (the city's 某某县人民政府: T02, T05, T06, T08), id and label, the measure and deadline in a note", () => {
    const rows = [4, 5, 6, 7].map((r) => [ws.getCell(r, 1).value, ws.getCell(r, 2).value]);
    expect(rows).toEqual([
      ["T02", "每季度公开经济运行数据"],
      ["T05", "更新完善基层政务公开事项标准目录"],
      ["T06", "开展政府开放日活动"],
      ["T08", "编制发布2022年政府信息公开工作年度报告"],
    ]);
    expect(ws.getCell(8, 1).value).toBeNull();
    expect(String((ws.getCell("B5").note as { texts?: { text: string }[] }).texts?.map((t) => t.text).join("") ?? ws.getCell("B5").note)).toContain("完成时限：6月底前");
    // the ids are the ledger's: the same task list's
    expect(rows.map((r) => r[0])).toEqual(list.tasks.filter((_, i) => [1, 4, 5, 7].includes(i)).map((t) => t.id));
  });

  it("任务编号 offers the unit's task ids, 完成状态 its three words, for rows added below too; columns wide, text wrapped", () => {
    const id = ws.getCell("A4").dataValidation;
    expect(id).toMatchObject({ type: "list", formulae: ["$K$4:$K$7"] });
    expect([4, 5, 6, 7].map((r) => ws.getCell(r, 11).value)).toEqual(["T02", "T05", "T06", "T08"]);
    expect(ws.getColumn(11).hidden).toBe(true);
    expect(ws.getCell("A200").dataValidation).toMatchObject({ type: "list", formulae: ["$K$4:$K$7"] });
    expect(ws.getCell("I4").dataValidation).toMatchObject({ type: "list", formulae: ['"已完成,推进中,未启动"'] });
    expect(ws.getCell("I250").dataValidation).toMatchObject({ type: "list" });
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(30);
    expect(ws.getCell("C4").alignment).toMatchObject({ wrapText: true });
  });

  it("reads back with no items and no finding on it (starter rows are no items)", async () => {
    const snapshot = await readWorkbook(bytes);
    expect(readItemsSheet(snapshot)).toMatchObject({ headerRow: 3, missing: [], rows: [] });
    const result = validateWorkbook(snapshot, { today: "2023-04-10", tasks: list, roster: CITY.roster });
    expect(result.findings.filter((f) => f.sheet === "细化分解")).toEqual([]);
  });
});

describe("the sheet lists every task in a template for no unit", () => {
  it.each([
    ["the built-in sample", undefined],
    ["a coordinator's table", "CITY"],
  ])("%s", async (_, which) => {
    const list = which ? await readTaskListXlsx((await buildTable(CITY)).bytes) : builtInTaskList();
    const ws = (await load(await writeTemplate(which ? { tasks: list, roster: CITY.roster } : {}))).getWorksheet("细化分解")!;
    const ids = list.tasks.map((_, i) => ws.getCell(4 + i, 1).value);
    expect(ids).toEqual(list.tasks.map((t) => t.id));
    expect(ws.getCell(4 + list.tasks.length, 1).value).toBeNull();
  });

  it("the sample's unit gets its own tasks only", async () => {
    const bytes = await writeTemplate({ unit: "旗财政局" });
    const snapshot = await readWorkbook(bytes);
    const own = validateWorkbook(snapshot, { today: "2022-03-01" }).rows.filter((r) => r.responsible).map((r) => r.official!.id);
    const ws = (await load(bytes)).getWorksheet("细化分解")!;
    expect(own.map((_, i) => ws.getCell(4 + i, 1).value)).toEqual(own);
    expect(ws.getCell(4 + own.length, 1).value).toBeNull();
  });
});
