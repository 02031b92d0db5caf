import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { RosterIndex, consolidate, planYear, rosterOfTaskList, unitReport, validateWorkbook, type TaskList, type UnitReport, type ValidateOptions } from "../../core/index.js";
import { annotateXlsx, readTaskListXlsx, readWorkbook, taskListWarnings, writeTemplate } from "../../workbook/index.js";
import { BUREAU, CITY, COUNTY, DISTRICT, PROVINCE, TOWNSHIP, buildTable, type CopyInput, type TableSpec } from "../fixtures/otherTables.js";

/** What each government's table must be read as. */
const LISTS = [
  { spec: CITY, title: "2023年某某市政务公开工作任务分工表", year: 2023, roles: "serial level1 measure responsible coResponsible deadline", progress: "完成情况" },
  { spec: COUNTY, title: "某某县2024年政务公开重点任务清单", year: 2024, roles: "measure responsible deadline", progress: undefined },
  { spec: BUREAU, title: "某某市生态环境局2022年政务公开工作任务分解表", year: 2022, roles: "serial level1 measure lead responsible deadline", progress: "推进情况（每月更新）" },
  { spec: DISTRICT, title: "2023年某某区政务公开工作任务分解表", year: 2023, roles: "level1 level2 measure lead responsible deadline", progress: "工作进展" },
  { spec: TOWNSHIP, title: "某某镇2024年政务公开工作台账", year: 2024, roles: "serial measure responsible", progress: "落实情况" },
  { spec: PROVINCE, title: "某某省人力资源和社会保障厅2024年政务公开重点工作任务分工方案", year: 2024, roles: "serial measure lead coResponsible deadline", progress: undefined },
] as const;

const listOf = async (spec: TableSpec) => readTaskListXlsx((await buildTable(spec)).bytes);

describe("an official table, as another government publishes it, becomes the task list", () => {
  it.each(LISTS.map((l) => [l.spec.above[1]!, l] as const))("%s", async (_, l) => {
    const list = await listOf(l.spec);
    expect(list).toMatchObject({ title: l.title, year: l.year, source: "file", progressHeader: l.progress });
    expect(list.columns.map((c) => c.key).join(" ")).toBe(l.roles);
    // Exactly its task rows (section headings are none), each with its own measure.
    const measureCol = l.spec.headers.findIndex((h) => (/措施|任务|内容|要求|重点工作/.test(h.replace(/\s/g, "")) && !/重点任务|工作任务/.test(h)) || h.replace(/\s/g, "") === "任务");
    const taskRows = l.spec.rows.filter((r) => !/^[一二三四五六七八九十]+、/.test(r[measureCol] ?? ""));
    expect(list.tasks.map((t) => t.measure)).toEqual(taskRows.map((r) => r[measureCol]));
    expect(list.duplicates).toEqual([]);
  });

  it("a category column beside a detail column is the category, and the detail the measure", async () => {
    const list = await listOf(CITY);
    expect(list.tasks[1]).toMatchObject({ level1: "一、围绕稳住经济大盘加强信息公开", measure: "每季度公开经济运行数据，解读主要经济指标。", continued: ["level1"] });
    expect(list.columns.find((c) => c.key === "coResponsible")).toEqual({ key: "coResponsible", header: "配合单位" });
  });

  it("spaced headers and headers with line breaks or notes are read by role", async () => {
    expect((await listOf(COUNTY)).columns).toEqual([
      { key: "measure", header: "任务" },
      { key: "responsible", header: "责任单位" },
      { key: "deadline", header: "时限" },
    ]);
    expect((await listOf(BUREAU)).columns.find((c) => c.key === "deadline")?.header).toBe("完成时间");
  });

  it("a table that prints one task twice keeps both rows and says so", async () => {
    const twice: TableSpec = { ...COUNTY, rows: [...COUNTY.rows, COUNTY.rows[1]!] };
    const list = await listOf(twice);
    expect(list.tasks).toHaveLength(8);
    expect(list.duplicates).toEqual([{ first: "T02", second: "T08", label: "公开年度财政预决算和“三公”经费预决算" }]);
    expect(taskListWarnings(list)[0]).toContain("两行都保留");
  });

  it("a file that is not a task table is refused in one line naming what was found and what is missing", async () => {
    const notTable: TableSpec = { name: "名单", above: ["联络人名单"], headers: ["序号", "单位", "姓名", "完成时限"], rows: [["1", "县财政局", "张三", "3月1日"]] };
    const err = await listOf(notTable).catch((e: Error) => e);
    expect(err).toMatchObject({ name: "WorkbookError", kind: "not-task-table" });
    // `单位` is read by its word as a unit column (headers are open-ended); there is still no task column
    expect((err as Error).message).toContain("认出了：责任（牵头）单位、完成时限");
    expect((err as Error).message).toMatch(/缺少任务（措施）列（表头可写作：.*）。/);
    expect((err as Error).message).not.toContain("\n");
  });
});

/** Units' filled copies, and what the tools must make of them on 2023-09-01. */
const COPIES: {
  name: string;
  spec: TableSpec;
  copy: CopyInput;
  unit: string;
  /** Per row of the table: is the unit responsible? */
  responsible: string;
  statuses: (string | undefined)[];
  findings: string[];
}[] = [
  {
    name: "a city's 市财政局, named in full (盖章 line) and as co-responsible through 等市直有关单位",
    spec: CITY,
    copy: { unitLine: "填报单位（盖章）：某某市财政局", progress: { 0: "正在推进，3月已发布通稿2篇", 2: "已完成", 7: "已完成80%" } },
    unit: "市财政局",
    responsible: "10100001",
    statuses: ["推进中", undefined, "已完成", undefined, undefined, undefined, undefined, "推进中"],
    // 某某市财政局 is the 全称 of the roster's 市财政局 (accepted, said once); E5 is the published table's own text
    findings: ["deadline.overdue G12", "unit.full-name A3"],
  },
  {
    name: "a city's county government, through 各县（市、区）政府 (one name, brackets and all)",
    spec: CITY,
    copy: { unitLine: "填报单位：某某县人民政府", progress: { 1: "每季度已公开", 4: "已完成", 5: "不涉及", 7: "已发布" } },
    unit: "某某县人民政府",
    responsible: "01001101",
    statuses: [undefined, "已完成", undefined, undefined, "已完成", "不涉及", undefined, "已完成"],
    // the official table's own short form of a group: a warning with its fix, never an error
    findings: [], // E5, the list's short form of a group, is the published table's own text: never a finding
  },
  {
    name: "a county's township, through 各乡镇（街道） in a three-column list with no roster",
    spec: COUNTY,
    copy: { unitLine: ["填报单位：", "某某镇人民政府"], progress: { 5: "按时序推进，已公开15条", 6: "/" } },
    unit: "某某镇人民政府",
    responsible: "0000011",
    statuses: [undefined, undefined, undefined, undefined, undefined, "推进中", "不涉及"],
    findings: [],
  },
  {
    name: "a bureau's branch, through 各分局 in a merged 牵头科室 row",
    spec: BUREAU,
    copy: { unitLine: "填报部门：东城分局", progress: { 3: "已公开12条，持续更新" } },
    unit: "东城分局",
    responsible: "00010",
    statuses: [undefined, undefined, undefined, "推进中", undefined],
    findings: [],
  },
  {
    name: "a district's department in a table with its header on every page",
    spec: DISTRICT,
    copy: { unitLine: "报送单位:区教育局", progress: { 0: "已完成", 1: "长期坚持", 2: "已完成", 3: "—", 4: "已公开" } },
    unit: "区教育局",
    responsible: "1111100",
    statuses: ["已完成", "推进中", "已完成", "不涉及", "已完成", undefined, undefined],
    findings: [],
  },
  {
    name: "a township's 所, in a table with no deadline column at all",
    spec: TOWNSHIP,
    copy: { unitLine: "填报单位：镇财政所", progress: { 0: "已公开", 1: "推进中" } },
    unit: "镇财政所",
    responsible: "110",
    statuses: ["已完成", "推进中", undefined],
    findings: [],
  },
  {
    name: "a province department's 处室, co-responsible under a two-level header, between section headings",
    spec: PROVINCE,
    copy: { unitLine: "填报单位：规划财务处", progress: { 1: "已发布，同步解读", 2: "每季度已公开", 4: "已公开2023年度收支情况" } },
    unit: "规划财务处",
    // rows of tasks only: the two section headings and the 填表人 line are none
    responsible: "1110",
    statuses: ["已完成", "已完成", "已完成", undefined],
    findings: [],
  },
];

const TODAY = "2023-09-01";

async function check(spec: TableSpec, copy: CopyInput, options: Partial<ValidateOptions> = {}) {
  const built = await buildTable(spec, copy);
  const tasks = await listOf(spec);
  const result = validateWorkbook(await readWorkbook(built.bytes), { today: TODAY, tasks, roster: spec.roster, ...options });
  return { built, tasks, result };
}

describe("units' copies of those tables are validated against their own task list", () => {
  it.each(COPIES.map((c) => [c.name, c] as const))("%s", async (_, c) => {
    const { result } = await check(c.spec, c.copy);
    expect(result.unit).toBe(c.unit);
    expect(result.rows.map((a) => (a.responsible ? "1" : "0")).join("")).toBe(c.responsible);
    expect(result.rows.map((a) => (a.responsible ? a.status : undefined))).toEqual(c.statuses);
    expect(result.findings.map((f) => `${f.code} ${f.cell}`)).toEqual(c.findings);
    // No finding talks of the seed's units or of headers this table does not have.
    for (const f of result.findings) expect(f.message).not.toMatch(/旗财政局|明安图镇|提升措施|进展情况/);
  });

  it.each(COPIES.map((c) => [c.name, c] as const))("%s — and on its own terms, without the task list", async (_, c) => {
    const built = await buildTable(c.spec, c.copy);
    const result = validateWorkbook(await readWorkbook(built.bytes), { today: TODAY, roster: c.spec.roster });
    expect(result.unit).toBe(c.unit);
    expect(result.rows.map((a) => (a.responsible ? "1" : "0")).join("")).toBe(c.responsible);
    expect(result.findings.filter((f) => /^(deadline\.invalid|header\.|table\.|task\.|cell\.required)/.test(f.code))).toEqual([]);
  });

  it("findings carry typed data and name their task", async () => {
    const { result } = await check(CITY, COPIES[0]!.copy);
    const overdue = result.findings.find((f) => f.code === "deadline.overdue")!;
    expect(overdue).toMatchObject({ params: { deadline: "2023-01-31", daysLate: 213, status: "推进中" }, task: { id: "T08", label: "编制发布2022年政府信息公开工作年度报告" } });
    expect(overdue.message).toContain("完成时限为2023年1月31日");
    const fullName = result.findings.find((f) => f.cell === "A3")!;
    expect(fullName).toMatchObject({ code: "unit.full-name", severity: "info", params: { name: "某某市财政局", unit: "市财政局" } });
    expect(fullName.fix).toBeUndefined();
    expect(fullName.message).toContain("全称");
    expect(fullName.message).not.toContain("简称");
  });

  it("a dropped row and an altered row are found, and the copy's duties stay the list's", async () => {
    const spec: TableSpec = { ...COUNTY, rows: COUNTY.rows.filter((_, i) => i !== 2).map((r, i) => (i === 0 ? [r[0]!, "县政府办、县财政局", r[2]!] : r)) };
    const built = await buildTable(spec, { unitLine: "填报单位：县财政局", progress: { 0: "已完成", 1: "已完成" } });
    const result = validateWorkbook(await readWorkbook(built.bytes), { today: TODAY, tasks: await listOf(COUNTY) });
    expect(result.findings.filter((f) => f.code.startsWith("task.")).map((f) => [f.code, f.code === "task.missing" ? f.params?.taskId : f.params?.column])).toEqual([
      ["task.missing", "T03"],
      ["task.altered", "responsible"],
    ]);
    expect(result.findings.find((f) => f.code === "task.missing")?.task).toEqual({ id: "T03", label: "公开重大建设项目批准和实施信息" });
    expect(result.rows.filter((a) => a.responsible).map((a) => a.official?.id)).toEqual(["T02"]);
    // The row the unit wrote itself into is not its duty: its progress there is only information.
    expect(result.findings.find((f) => f.code === "progress.unexpected")).toMatchObject({ task: { id: "T01" } });
  });

  it("a copy missing a column the official table has is told so in the table's own words; a column it never had is not required", async () => {
    const spec: TableSpec = { ...BUREAU, headers: BUREAU.headers.filter((h) => h !== "牵头科室"), rows: BUREAU.rows.map((r) => r.filter((_, i) => i !== 3)) };
    const built = await buildTable(spec, { unitLine: "填报部门：东城分局", progress: { 3: "已公开" } });
    const result = validateWorkbook(await readWorkbook(built.bytes), { today: TODAY, tasks: await listOf(BUREAU), roster: BUREAU.roster });
    expect(result.findings.filter((f) => f.code === "header.missing-column").map((f) => f.params)).toEqual([{ column: "lead", header: "牵头科室" }]);
  });

  it("the annotated copy of another government's table is coloured at the right cells", async () => {
    const c = COPIES[0]!;
    const built = await buildTable(c.spec, c.copy);
    const { result, annotated } = await annotateXlsx(built.bytes, { today: TODAY, tasks: await listOf(c.spec), roster: c.spec.roster });
    const again = await readWorkbook(annotated);
    expect(result.summary.errors).toBe(0); // late work is reported, never an error
    expect(again.sheets[0]!.rows[11]![6]!.text).toBe("已完成80%");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(annotated as unknown as ExcelJS.Buffer);
    const fill = (address: string) => (wb.worksheets[0]!.getCell(address).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    expect(fill("G12")).toBe("FFFFEB9C"); // overdue: a warning asking for the reason and a plan date
    expect(fill(`${built.progressCol}${built.sheetRow[2]}`)).toBe("FFC6EFCE"); // its row reported done
    expect(fill("E5")).toBeUndefined(); // the list's short form of a group, copied unchanged: no finding, untouched
    expect(fill(`${built.progressCol}${built.sheetRow[1]}`)).toBeUndefined(); // not its task: untouched
  });
});

describe("consolidation against another government's task list", () => {
  it("ledgers exactly the list's rows, each unit on the rows it answers for, nothing unmatched", async () => {
    const tasks = await listOf(CITY);
    const roster = new RosterIndex(CITY.roster!);
    const reports: UnitReport[] = [];
    for (const c of COPIES.filter((x) => x.spec === CITY)) {
      const { result } = await check(CITY, c.copy);
      reports.push(unitReport(result, result.unit!));
    }
    const ledger = consolidate({ round: "2023-09", today: TODAY, year: planYear(tasks.year, undefined, TODAY), tasks: tasks.tasks, roster, reports });
    expect(ledger.tasks.map((t) => t.measure)).toEqual(CITY.rows.map((r) => r[2]));
    expect(ledger.unmatched).toEqual([]);
    expect(ledger.missingUnits).toEqual(["市政府办公室", "市发展改革委", "市统计局", "市政府新闻办", "市政务服务管理局", "某某区人民政府"]);
    const finance = ledger.units.find((u) => u.unit === "市财政局")!;
    // on track (按期推进), not counted unfinished: its 每季度 task updated this month, and its 年底前 task under way
    expect(finance).toMatchObject({ submitted: true, responsible: 3, completed: 0, onTrack: 2, overdue: 1 });
    expect(ledger.tasks[1]!.units["某某县人民政府"]).toMatchObject({ status: "已完成", overdue: false });
    // A unit that has not reported is 未报送, never counted overdue.
    expect(ledger.units.find((u) => u.unit === "某某区人民政府")).toMatchObject({ submitted: false, overdue: 0 });
  });
});

describe("the template made from another government's table", () => {
  it("keeps every row and merge, adds 填报单位 and the columns units fill", async () => {
    const tasks = await listOf(CITY);
    const bytes = await writeTemplate({ tasks, roster: CITY.roster, unit: "市财政局" });
    const snapshot = await readWorkbook(bytes);
    const sheet = snapshot.sheets[0]!;
    expect(sheet.rows[1]![0]!.text).toBe("2023年某某市政务公开工作任务分工表");
    expect(sheet.rows[2]!.map((c) => c.text).filter((t) => t !== "")).toEqual(["填报单位：", "市财政局"]);
    expect(sheet.rows[3]!.map((c) => c.text)).toEqual(["序号", "工作任务", "具体措施", "责任单位", "配合单位", "完成时限", "完成情况", "完成状态", "佐证链接", "更新日期", "备注"]);
    expect(sheet.merges).toContainEqual({ top: 5, left: 2, bottom: 6, right: 2 });
    // Read back with the same list, the template is the list: no task finding, the unit known.
    const result = validateWorkbook(snapshot, { today: TODAY, tasks });
    expect(result.unit).toBe("市财政局");
    expect(result.findings.filter((f) => /^(task|header|deadline\.invalid|cell)/.test(f.code))).toEqual([]);
    // the city's table has no contact sheet, so its template asks for none
    expect(snapshot.sheets.map((s) => s.name)).toEqual(["任务分解表", "细化分解", "单位名册"]);
  });

  it("without a roster, the roster sheet lists the units the table names", async () => {
    const tasks: TaskList = await listOf(COUNTY);
    expect(rosterOfTaskList(tasks).units.map((u) => u.name)).toEqual(["县政府办", "县财政局", "县发改局", "县自然资源局", "县行政审批局", "县应急管理局"]);
    const snapshot = await readWorkbook(await writeTemplate({ tasks }));
    expect(snapshot.sheets.find((s) => s.name === "单位名册")!.rows.slice(1, 7).map((r) => r[0]!.text)).toEqual(["县政府办", "县财政局", "县发改局", "县自然资源局", "县行政审批局", "县应急管理局"]);
  });
});
