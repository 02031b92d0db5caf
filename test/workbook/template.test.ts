import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { OFFICIAL_ROWS, taskLabel, validateWorkbook } from "../../core/index.js";
import { buildTemplate, fillContacts, fillCopy, readTaskListXlsx, readWorkbook, writeTemplate } from "../../workbook/index.js";
import { DEFAULT_CONTACTS } from "../fixtures/buildCopy.js";
import { FINANCE_TASKS } from "../fixtures/cleanRows.js";
import { CITY, buildTable } from "../fixtures/otherTables.js";

const load = async (bytes: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
};

describe("the official template", async () => {
  const bytes = await writeTemplate();
  const wb = await load(bytes);
  const ws = wb.getWorksheet("任务分解表")!;
  const merges: string[] = ws.model.merges;
  const rowOf = (label: string) => 5 + OFFICIAL_ROWS.findIndex((r) => r.level3 === label);

  it("has the table, the units' own items (细化分解), the contact sheet (附件2) and the roster", () => {
    expect(wb.worksheets.map((s) => s.name)).toEqual(["任务分解表", "细化分解", "联络人", "单位名册"]);
    expect(ws.getCell("A2").value).toBe("2022年全旗政务公开工作提升任务分解表");
    expect(ws.getCell("A3").value).toBe("填报单位：");
    expect(wb.getWorksheet("联络人")!.getRow(4).values).toEqual([undefined, "序号", "姓名", "职务", "联系电话", "备注"]);
    // 18 units under their header, then the groups' table (header and two groups) after a blank row.
    expect(wb.getWorksheet("单位名册")!.getRow(19).getCell(1).value).toBe("乌兰查布苏木人民政府");
    expect(wb.getWorksheet("单位名册")!.getRow(21).values).toEqual([undefined, "分组名称", "别名"]);
  });

  it("transcribes every row of attachment 1, in order", async () => {
    const snapshot = await readWorkbook(bytes);
    const result = validateWorkbook(snapshot, { today: "2022-03-01" });
    const labels = result.rows.map((r) => taskLabel(r.task));
    expect(labels).toHaveLength(37);
    expect(labels.slice(0, 4)).toEqual(["政策文件公开、解读", "会议公开、解读", "政府公报", "决策公开"]);
    expect(labels).toContain("政府采购");
    expect(labels.at(-1)).toBe("人员联系方式报送");
  });

  it.each([
    ["one measure/lead/responsible/deadline cell over 保障性住房 … 政府采购", "保障性住房", "政府采购", ["D", "E", "F", "G"]],
    ["one measure cell over 重大项目招标 and 项目进展", "重大项目招标", "项目进展", ["D", "E", "F", "G"]],
    ["lead/responsible/deadline over 事项公开 … 办事指南", "事项公开", "办事指南", ["E", "F", "G"]],
  ])("merges %s", (_name, first, last, cols) => {
    for (const c of cols) expect(merges).toContain(`${c}${rowOf(first)}:${c}${rowOf(last)}`);
  });

  it("merges each 一级指标 over its section", () => {
    expect(merges).toContain(`A5:A8`);
    expect(merges).toContain(`A9:A${rowOf("事项公开") - 1}`);
    expect(merges).toContain(`A${rowOf("事项公开")}:A41`);
  });

  it("offers a dropdown for 完成状态 and prints like the original", () => {
    const dv = ws.getCell(`I${rowOf("财政资金")}`).dataValidation;
    expect(dv).toMatchObject({ type: "list", formulae: ['"已完成,推进中,未启动,不涉及"'] });
    expect(ws.getCell("B3").dataValidation).toMatchObject({ type: "list" });
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", fitToWidth: 1, printTitlesRow: "4:4" });
    expect(ws.getColumn(4).width).toBeGreaterThan(40);
    expect(ws.getCell("D5").alignment).toMatchObject({ wrapText: true });
    expect(ws.getCell("D5").border?.top).toEqual({ style: "thin" });
  });

  it("takes the year and the unit", async () => {
    const other = await load(await writeTemplate({ year: 2023, unit: "旗财政局" }));
    expect(other.getWorksheet("任务分解表")!.getCell("A2").value).toBe("2023年全旗政务公开工作提升任务分解表");
    expect(other.getWorksheet("任务分解表")!.getCell("B3").value).toBe("旗财政局");
  });

  it("filled in by a unit, validates with no errors", async () => {
    const copy = buildTemplate();
    fillCopy(copy, "旗财政局", FINANCE_TASKS.map((task) => ({ task, progress: "已按要求公开", status: "已完成", updated: "2022-03-01" })));
    fillContacts(copy, DEFAULT_CONTACTS.map((c) => ({ ...c, role: c.remark })));
    const snapshot = await readWorkbook(Buffer.from(await copy.xlsx.writeBuffer()));
    const result = validateWorkbook(snapshot, { today: "2022-03-01" });
    expect(result.unit).toBe("旗财政局");
    expect(result.summary).toMatchObject({ errors: 0, responsibleRows: 21, completed: 21 });
    // nothing remains: the seed's two short names in one cell (F24) and the measure it prints twice are the task
    // list's own text, which a faithful copy is not faulted for
    expect(result.findings.map((f) => `${f.code} ${f.cell}`)).toEqual([]);
  });
});

describe("the contact sheet, only where the task list asks for one", () => {
  it.each([
    [false, ["任务分解表", "细化分解", "单位名册"]],
    [true, ["任务分解表", "细化分解", "联络人", "单位名册"]],
  ])("a coordinator's table asking for one: %s → sheets %j", async (asked, sheets) => {
    const list = { ...(await readTaskListXlsx((await buildTable(CITY)).bytes)), contactSheet: asked };
    const bytes = await writeTemplate({ tasks: list, roster: CITY.roster, unit: "市财政局" });
    const wb = await load(bytes);
    expect(wb.worksheets.map((s) => s.name)).toEqual(sheets);
    if (asked) {
      // a coordinator's table gets the generic title, not the sample's 附件2 wording; its copies read back asking for one too
      expect(wb.getWorksheet("联络人")!.getCell("A2").value).toBe("政务公开工作联络人明细表");
      expect((await readTaskListXlsx(bytes)).contactSheet).toBe(true);
    }
    const result = validateWorkbook(await readWorkbook(bytes), { today: "2023-04-10", tasks: list, roster: CITY.roster });
    expect(result.findings.filter((f) => f.code === "contact.missing-sheet")).toEqual([]);
  });
});
