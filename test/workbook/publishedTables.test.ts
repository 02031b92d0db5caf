/**
 * Tables as governments publish them (test/fixtures/publishedTables.ts) read as their coordinators would confirm:
 * each column's role, the tasks with their real text, who answers for each, the groups — and the corrections a
 * coordinator gives (core/tableMapping.ts) used by the template, validation and the copies.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { EMPTY_MAPPING, readTable, validateWorkbook, type TableMapping } from "../../core/index.js";
import { readTaskListWithReport, readWorkbook, writeTemplate } from "../../workbook/index.js";
import { ASSESSMENT, BUREAU_WORK, HEADINGS, PHRASES, PUBLISHED_TABLES, buildPublished, type PublishedTable } from "../fixtures/publishedTables.js";

const TODAY = "2023-09-01";
const read = async (t: PublishedTable, mapping: TableMapping = EMPTY_MAPPING) => readTaskListWithReport(await buildPublished(t), undefined, mapping);
const byMeasure = <T extends { measure: string }>(items: readonly T[], start: string): T => {
  const found = items.find((x) => x.measure.startsWith(start));
  if (!found) throw new Error(`no task starts “${start}”`);
  return found;
};
const cases = PUBLISHED_TABLES.map((t) => [t.name, t] as const);

describe("an official table as published is read as its coordinator would confirm", () => {
  it.each(cases)("%s: every column's role", async (_, t) => {
    const { report } = await read(t);
    expect(report.headerRows).toEqual(t.expect.headerRows);
    if (t.expect.title) expect(report.title).toBe(t.expect.title);
    const roles = Object.fromEntries(report.columns.filter((c) => c.role).map((c) => [c.letter, c.role]));
    expect(roles).toEqual(t.expect.roles);
  });

  it.each(cases)("%s: the tasks, their text, units and groups", async (_, t) => {
    const { list, report } = await read(t);
    expect(list.tasks).toHaveLength(t.expect.tasks);
    // a task's text is never its serial number or a section heading
    for (const task of list.tasks) expect(task.measure).not.toMatch(/^(\d+|[一二三四五六七八九十]+、.*|[（(][一二三四五六七八九十]+[)）].*)$/);
    for (const [start, units] of Object.entries(t.expect.units)) expect(byMeasure(report.tasks, start)).toMatchObject(units);
    expect(report.tasks.filter((x) => x.noUnit).map((x) => x.measure.slice(0, 6))).toEqual(t.expect.noUnit.map((s) => s.slice(0, 6)));
    const nobody = t.expect.nobodyReports ?? [];
    expect(report.tasks.filter((x) => x.nobodyReports).map((x) => x.measure.slice(0, 5))).toEqual(nobody.map((s) => s.slice(0, 5)));
    expect(report.findings.filter((f) => f.code === "task.no-unit")).toHaveLength(t.expect.noUnit.length + nobody.length);
    for (const [start, group] of Object.entries(t.expect.groups ?? {})) expect(byMeasure(list.tasks, start).level1).toBe(group);
    if (t.expect.headingRows) expect(report.headingRows.map((h) => h.row)).toEqual(t.expect.headingRows);
  });

  it.each(cases)("%s: the template reads back to the same roles, and its copy fits the list", async (_, t) => {
    const { list } = await read(t);
    const template = await readWorkbook(await writeTemplate({ tasks: list }));
    const table = readTable(template)!;
    const listed = Object.fromEntries(list.columns.map((c) => [c.key, true]));
    expect(Object.fromEntries(Object.keys(table.columns).filter((k) => k in listed).map((k) => [k, true]))).toEqual(listed);
    const result = validateWorkbook(template, { today: TODAY, tasks: list });
    expect(result.findings.filter((f) => /^(task\.|header\.|cell\.required|deadline\.invalid|unit\.(unknown|alias))/.test(f.code))).toEqual([]);
    expect(result.rows.filter((r) => r.official).length).toBe(list.tasks.length);
    // no word of the built-in sample in a template of another government's table
    expect(template.sheets[0]!.rows.flat().map((c) => c.text).join("")).not.toMatch(/提升措施|旗财政局|正镶白旗/);
  });

  it.each(cases)("%s: the published file itself, filled in by a unit, is its own list's copy", async (_, t) => {
    const { list } = await read(t);
    const result = validateWorkbook(await readWorkbook(await buildPublished(t)), { today: TODAY, tasks: list });
    expect(result.findings.filter((f) => f.code.startsWith("task.") || f.code === "cell.required")).toEqual([]);
  });

  it("a table grouped by heading rows keeps them in its template, and its copies read the same groups", async () => {
    const { list } = await read(HEADINGS);
    const template = await readWorkbook(await writeTemplate({ tasks: list }));
    const table = readTable(template)!;
    expect(table.headings.map((h) => h.text)).toEqual(["一、主动公开", "二、依申请公开"]);
    expect(table.rows.map((r) => r.headings.join(" / "))).toEqual(list.tasks.map((t) => t.level1));
    const result = validateWorkbook(template, { today: TODAY, tasks: list });
    expect(result.rows.map((r) => r.official?.id)).toEqual(list.tasks.map((t) => t.id));
  });

  it("heading rows over a table that has a category column too are kept in its template; no 附件 line where it had none", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("任务分解表");
    ws.addRow(["2026年某某市政务公开工作要点任务分解表"]);
    ws.addRow(["序号", "重点任务", "具体措施", "牵头单位", "完成时限", "进展情况"]);
    ws.addRow(["一、围绕稳经济促发展加强政策公开"]);
    ws.mergeCells("A3:F3");
    ws.addRow([1, "（一）营商环境", "集中公开涉企优惠政策清单", "市发展改革委", "6月30日前"]);
    ws.addRow([2, "（一）营商环境", "公开政府采购意向", "市财政局", "每季度"]);
    ws.mergeCells("B4:B5");
    ws.addRow(["二、夯实政务公开工作基础"]);
    ws.mergeCells("A6:F6");
    ws.addRow([3, "（二）平台建设", "修订政府信息公开指南", "市政府办公室", "6月30日前"]);
    const { list } = await readTaskListWithReport(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(list.tasks.map((t) => t.level1)).toEqual(["（一）营商环境", "（一）营商环境", "（二）平台建设"]);
    expect(list.attachmentLine).toBeUndefined();
    const template = await readWorkbook(await writeTemplate({ tasks: list }));
    const table = readTable(template)!;
    expect(table.headings.map((h) => h.text)).toEqual(["一、围绕稳经济促发展加强政策公开", "二、夯实政务公开工作基础"]);
    expect(table.attachmentLine).toBeUndefined();
    expect(template.sheets[0]!.rows.flat().some((c) => c.text.startsWith("附件"))).toBe(false);
    const result = validateWorkbook(template, { today: TODAY, tasks: list });
    expect(result.rows.map((r) => r.official?.id)).toEqual(list.tasks.map((t) => t.id));
  });

  it("the published 附件 line is the template's", async () => {
    const { list } = await read(HEADINGS);
    const published = readTable(await readWorkbook(await buildPublished(HEADINGS)))!;
    expect(list.attachmentLine).toBe(published.attachmentLine);
  });

  it("a task is named by its own text where its 二级指标 is shared by others", async () => {
    const { list } = await read(ASSESSMENT);
    expect(list.tasks.map((t) => t.label)).toEqual(["及时公开财政预决算信息", "公开义务教育招生范围", "政策解读（10分）"]);
  });

  it("with the coordinator's roster, a task naming only units the roster lacks is one nobody would report: said", async () => {
    const roster = { units: ["县文旅局", "县教育局", "县卫健委", "综合股", "县经开区管委会"].map((name) => ({ name, groups: [], aliases: [] })), groups: [] };
    const { report } = await readTaskListWithReport(await buildPublished(PHRASES), undefined, EMPTY_MAPPING, { roster });
    const t05 = byMeasure(report.tasks, "统筹全县");
    // the roster names none of them, nor the groups
    expect(t05).toMatchObject({ nobodyReports: true, unknownNames: ["县政务服务局", "各有关单位", "各成员单位"], emptyGroups: [] });
    const said = report.findings.find((f) => f.code === "task.no-unit" && f.params?.taskId === t05.id)!;
    expect(said.message).toContain("“县政务服务局、各有关单位、各成员单位”不在单位名册中");
    expect(said.message).toContain("没有单位会为它报送");
    // T03 names 综合股, which the roster has: someone reports it
    expect(byMeasure(report.tasks, "健全信息发布")).toMatchObject({ nobodyReports: false });
  });

  it("a guessed column is explained in a finding, in the table's own words", async () => {
    const { report } = await read(PHRASES);
    const note = report.findings.find((f) => f.code === "header.read")!;
    expect(note.message).toContain("C列“目标要求”：任务（措施）（按表头用词推断）");
    expect(note.message).toContain("D列“负责部门”：责任单位（按表头用词推断）");
    expect(note.message).toContain("A列“序号”：序号（按常用表头）");
  });
});

describe("the coordinator's corrections win over every guess, everywhere", () => {
  it("a unit phrase nobody could read names the units the coordinator gives, in the report and for the unit", async () => {
    const mapping: TableMapping = { ...EMPTY_MAPPING, unitPhrases: { 按职责分工落实: { lead: ["县政府办"], responsible: ["各股室"] } } };
    const { list, report } = await read(PHRASES, mapping);
    expect(report.tasks.filter((t) => t.noUnit)).toEqual([]);
    expect(byMeasure(report.tasks, "完成上级交办")).toMatchObject({ lead: ["县政府办"], responsible: ["各股室"] });
    expect(list.unitPhrases).toEqual(mapping.unitPhrases);
    // the unit's template and its copy: the row is 县政府办's to report
    const copy = await readWorkbook(await writeTemplate({ tasks: list, unit: "县政府办" }));
    const result = validateWorkbook(copy, { today: TODAY, tasks: list });
    expect(result.unit).toBe("县政府办");
    // T06 by the correction; T05 through 各有关单位 (every unit of the table), as before
    expect(result.rows.filter((r) => r.responsible).map((r) => r.official?.id)).toEqual(["T05", "T06"]);
  });

  it("a unit answers for the same tasks in its template and in the published file itself, a corrected group included", async () => {
    const mapping: TableMapping = { ...EMPTY_MAPPING, unitPhrases: { 按职责分工落实: { lead: ["县政府办"], responsible: ["各有关单位"] } } };
    const { list } = await read(PHRASES, mapping);
    const duties = (result: ReturnType<typeof validateWorkbook>) => result.rows.filter((r) => r.responsible).map((r) => r.official?.id);
    const template = validateWorkbook(await readWorkbook(await writeTemplate({ tasks: list, unit: "县文旅局" })), { today: TODAY, tasks: list });
    const published = validateWorkbook(await readWorkbook(await buildPublished(PHRASES)), { today: TODAY, tasks: list, unit: "县文旅局" });
    expect(duties(template)).toEqual(["T01", "T05", "T06"]);
    expect(duties(published)).toEqual(duties(template));
  });

  it("a task whose unit cells are blank takes the units the coordinator gives by its id, in the list, templates and copies", async () => {
    const mapping: TableMapping = { ...EMPTY_MAPPING, unitPhrases: { T04: { lead: ["办公室"], responsible: [] } } };
    const { list, report } = await read(BUREAU_WORK, mapping);
    expect(report.tasks.filter((t) => t.noUnit)).toEqual([]);
    expect(byMeasure(report.tasks, "完成上级交办")).toMatchObject({ lead: ["办公室"], unitCell: "" });
    // the published cell stays blank: a copy that leaves it blank is not faulted, and the task is 办公室's to report
    const copy = await readWorkbook(await writeTemplate({ tasks: list, unit: "办公室" }));
    const result = validateWorkbook(copy, { today: TODAY, tasks: list });
    expect(result.rows.filter((r) => r.responsible).map((r) => r.official?.id)).toEqual(["T02", "T04"]);
    expect(result.findings.filter((f) => f.code === "cell.required" || f.code.startsWith("task."))).toEqual([]);
  });

  it("a row the coordinator names a heading is no task, in the list and in copies of the published file", async () => {
    const mapping: TableMapping = { ...EMPTY_MAPPING, headingRows: [3, 6, 8] };
    const { list, report } = await read(HEADINGS, mapping);
    expect(list.tasks).toHaveLength(3);
    expect(report.headingRows.map((h) => h.row)).toEqual([3, 6, 8]);
    expect(list.headingTexts).toEqual(["一、主动公开", "二、依申请公开", "其他需要公开的事项"]);
    const result = validateWorkbook(await readWorkbook(await buildPublished(HEADINGS)), { today: TODAY, tasks: list });
    expect(result.rows).toHaveLength(3);
    expect(result.findings.filter((f) => f.code.startsWith("task."))).toEqual([]);
  });

  it("a column the guess got wrong takes the role the coordinator gives, and a table no guess could find is found", async () => {
    const t: PublishedTable = {
      ...HEADINGS,
      name: "表头不规范的表",
      grid: [["某单位2023年政务公开任务"], ["序号", "工作内容", "承担", "完成时间"], ["1", "按月公开公积金缴存数据。", "财务科", "每月"], ["2", "公开年度报告并解读。", "综合科", "3月31日前"]],
      merges: ["A1:D1"],
    };
    await expect(read(t)).rejects.toThrow(/这不是任务分解表/);
    const { list, report } = await read(t, { ...EMPTY_MAPPING, columns: { C: "responsible" } });
    expect(report.columns.find((c) => c.letter === "C")).toMatchObject({ role: "responsible", how: "mapping" });
    expect(byMeasure(report.tasks, "公开年度报告")).toMatchObject({ responsible: ["综合科"] });
    // a copy of the published file is read with the correction too (by the column's header, wherever it moved)
    const result = validateWorkbook(await readWorkbook(await buildPublished(t)), { today: TODAY, tasks: list, unit: "综合科" });
    expect(result.rows.filter((r) => r.responsible).map((r) => r.official?.id)).toEqual(["T02"]);
    // "ignore" takes a column's role away
    const ignored = await read(PHRASES, { ...EMPTY_MAPPING, columns: { b: "ignore" } });
    expect(ignored.report.columns.find((c) => c.letter === "B")).toMatchObject({ role: "ignore", how: "mapping" });
    expect(ignored.list.columns.map((c) => c.key)).not.toContain("level1");
  });
});
