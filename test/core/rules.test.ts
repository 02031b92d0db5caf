import { describe, expect, it } from "vitest";
import { DEFAULT_ROSTER, DEPARTMENTS_GROUP, OFFICIAL_ROWS, RULE_CODES, cellAddress, readTable, validateWorkbook, type Finding, type RowAnalysis, type ValidateOptions } from "../../core/index.js";
import { forEachCell } from "../../core/rules/where.js";
import { readWorkbook } from "../../workbook/index.js";
import { buildCopy, DEFAULT_CONTACTS, OFFICIAL_HEADERS, allDone, type CopyOptions } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";

const FULL_HEADERS = [...OFFICIAL_HEADERS, "完成状态", "佐证链接", "更新日期", "备注"];
const BEFORE_DEADLINES = "2022-03-01";

/** A copy 旗财政局 filled in completely and correctly. */
function clean(extra: CopyOptions = {}): CopyOptions {
  return { unit: "旗财政局", rows: CLEAN_ROWS, filled: allDone(FINANCE_TASKS), ...extra };
}

async function validate(copy: CopyOptions, options: Partial<ValidateOptions> = {}) {
  const built = await buildCopy(copy);
  const result = validateWorkbook(await readWorkbook(built.bytes), { today: BEFORE_DEADLINES, ...options });
  const at = (header: string, task: string) => `${built.colOf[header]}${built.rowOf[task]}`;
  return { result, at, built };
}

/** The codes the tests below saw firing: the last test holds that every code of CONTRACT §2 is among them. */
const fired = new Set<string>();

/** The findings of a copy's 细化分解, as validation gives them. */
async function itemFindings(snapshot: Awaited<ReturnType<typeof readWorkbook>>, options: ValidateOptions): Promise<Finding[]> {
  return validateWorkbook(snapshot, options).findings.filter((f) => f.sheet === "细化分解");
}
const only = (findings: Finding[], code: string) => {
  const hits = findings.filter((f) => f.code === code);
  if (hits.length > 0) fired.add(code);
  return hits;
};

describe("a clean copy", () => {
  it("raises no finding at all, and counts the unit's rows", async () => {
    const { result } = await validate(clean());
    expect(result.findings).toEqual([]);
    expect(result.unit).toBe("旗财政局");
    expect(result.summary).toEqual({ errors: 0, warnings: 0, infos: 0, rows: 37, responsibleRows: 21, completed: 21 });
  });

  it("with every optional column, headers repeated and merges split by page breaks, still raises none", async () => {
    const filled = Object.fromEntries(
      Object.entries(allDone(FINANCE_TASKS)).map(([k, v]) => [k, { ...v, evidence: "https://www.zxbq.gov.cn/xxgk/1.html", updated: "2022-03-01" }]),
    );
    const { result } = await validate(clean({ headers: FULL_HEADERS, repeatHeaderEvery: 7, filled }));
    expect(result.findings).toEqual([]);
  });
});

describe("each rule fires at its cell", () => {
  it("header.missing-column names the absent column at the header row", async () => {
    const headers = OFFICIAL_HEADERS.filter((h) => h !== "完成时限");
    const { result } = await validate(clean({ headers }));
    expect(only(result.findings, "header.missing-column")).toMatchObject([
      { severity: "error", cell: "H4", message: expect.stringContaining("完成时限") },
    ]);
  });

  it("unit.reporting-missing: a warning while filling, an error when submitting", async () => {
    const { result } = await validate(clean({ unit: "" }));
    expect(only(result.findings, "unit.reporting-missing")).toMatchObject([{ severity: "warning", cell: "A3" }]);
    const submitting = await validate(clean({ unit: "" }), { submitting: true });
    expect(only(submitting.result.findings, "unit.reporting-missing")).toMatchObject([{ severity: "error" }]);
    // without a unit, no row can be said to be the unit's
    expect(result.summary.responsibleRows).toBe(0);
    expect(only(result.findings, "progress.missing")).toEqual([]);
  });

  it("a unit given explicitly stands in for the 填报单位 line, and a different one is flagged", async () => {
    const given = await validate(clean({ unit: "" }), { unit: "财政局" });
    expect(given.result.unit).toBe("旗财政局");
    expect(only(given.result.findings, "unit.reporting-missing")).toEqual([]);
    const other = await validate(clean(), { unit: "旗统计局" });
    expect(only(other.result.findings, "unit.reporting-mismatch")).toMatchObject([{ cell: "A3", severity: "warning" }]);
  });

  it("cell.required reports a blank measure, but never the rows a merged cell covers", async () => {
    const blank = await validate(clean());
    expect(only(blank.result.findings, "cell.required")).toEqual([]);
    const rows = CLEAN_ROWS.map((r) => (r.level3 === "统计信息" ? { ...r, measure: "" } : r));
    const { result, at } = await validate(clean({ rows }));
    expect(only(result.findings, "cell.required")).toMatchObject([{ severity: "error", cell: at("提升措施", "统计信息") }]);
  });

  it("unit.unknown and unit.alias (with its fix) in 牵头单位 / 责任单位 / 填报单位", async () => {
    const rows = CLEAN_ROWS.map((r) => (r.level3 === "统计信息" ? { ...r, lead: "旗统计所" } : r.level3 === "社会救助" ? { ...r, responsible: "民政局" } : r));
    const { result, at } = await validate(clean({ rows, unit: "财政局" }));
    expect(only(result.findings, "unit.unknown")).toMatchObject([
      { cell: at("牵头单位", "统计信息"), severity: "error", message: expect.stringContaining("旗统计所") },
    ]);
    expect(only(result.findings, "unit.alias")).toMatchObject([
      { cell: "A3", fix: { value: "填报单位：旗财政局" } },
      { cell: at("责任单位", "社会救助"), severity: "warning", fix: { value: "旗民政局" } },
    ]);
    expect(result.unit).toBe("旗财政局");
  });

  it("an alias in 责任单位 still makes the unit responsible", async () => {
    // The seed's own 文化遗产保护 row names 旗财政局 as “财政局”.
    const { result, at } = await validate(clean({ rows: OFFICIAL_ROWS, filled: { ...allDone(FINANCE_TASKS), 文化遗产保护: {} } }));
    expect(only(result.findings, "progress.missing")).toMatchObject([{ cell: at("进展情况", "文化遗产保护"), task: { label: "文化遗产保护" } }]);
    expect(result.summary.responsibleRows).toBe(21);
  });

  /** A copy with one unit cell written otherwise (`unit`: the 填报单位 line), and what the unit is told. */
  const UNIT_MESSAGES: {
    name: string;
    cell: { task: string; header: "牵头单位" | "责任单位"; text: string } | { unit: string };
    said: { code: string; severity: string; says: RegExp; fix?: string }[];
  }[] = [
    // a full name: the roster's unit, accepted
    { name: "a full name in 填报单位", cell: { unit: "正镶白旗财政局" }, said: [{ code: "unit.full-name", severity: "info", says: /“正镶白旗财政局”是名册中“旗财政局”的全称.*无需修改/ }] },
    { name: "a full name in 牵头单位", cell: { task: "统计信息", header: "牵头单位", text: "正镶白旗统计局" }, said: [{ code: "unit.full-name", severity: "info", says: /“正镶白旗统计局”是名册中“旗统计局”的全称/ }] },
    { name: "a full name in 责任单位", cell: { task: "医疗卫生", header: "责任单位", text: "正镶白旗卫生健康委员会" }, said: [{ code: "unit.full-name", severity: "info", says: /全称/ }] },
    // a full form the roster lists as an alias: nothing to say
    { name: "the roster's full form of 旗政府办公室", cell: { task: "建议提案办理", header: "牵头单位", text: "旗人民政府办公室" }, said: [] },
    { name: "the roster's full form of 旗发改委", cell: { task: "重大项目招标", header: "责任单位", text: "旗发展和改革委员会" }, said: [] },
    // a real 简称: a warning with its fix
    { name: "a 简称 in 填报单位", cell: { unit: "财政局" }, said: [{ code: "unit.alias", severity: "warning", says: /“财政局”是“旗财政局”的简称/, fix: "填报单位：旗财政局" }] },
    { name: "a 简称 in 责任单位", cell: { task: "养老服务", header: "责任单位", text: "民政局" }, said: [{ code: "unit.alias", severity: "warning", says: /简称/, fix: "旗民政局" }] },
    { name: "a 简称 of a group", cell: { task: "决策公开", header: "责任单位", text: "各苏木镇、旗直各单位" }, said: [{ code: "unit.alias", severity: "warning", says: /“各苏木镇”是“各苏木镇人民政府”的简称/, fix: "各苏木镇人民政府、旗直各单位" }] },
    // another wording: a warning that says so, not 简称
    { name: "another wording of a group", cell: { task: "决策公开", header: "责任单位", text: "各苏木镇人民政府、旗直各部门" }, said: [{ code: "unit.alias", severity: "warning", says: /“旗直各部门”与名册写法不同，请写名册中的名称“旗直各单位”/, fix: "各苏木镇人民政府、旗直各单位" }] },
    // duty phrases: their units are checked, their words are not
    { name: "a duty phrase naming the unit", cell: { task: "教育信息", header: "牵头单位", text: "旗教育局牵头落实" }, said: [] },
    { name: "a duty phrase with a 简称", cell: { task: "公共文化体育", header: "责任单位", text: "文旅局负责" }, said: [{ code: "unit.alias", severity: "warning", says: /“文旅局”是“旗文化旅游广电局”的简称/, fix: "旗文化旅游广电局负责" }] },
    { name: "a duty phrase with an unknown unit", cell: { task: "社会救助", header: "责任单位", text: "旗民政局牵头，旗残联配合" }, said: [{ code: "unit.unknown", severity: "error", says: /“旗残联”不在单位名册中/ }] },
  ];

  it.each(UNIT_MESSAGES.map((c) => [c.name, c] as const))("unit messages: %s", async (_, c) => {
    const { cell: edit } = c;
    const key = "unit" in edit ? undefined : edit.header === "牵头单位" ? "lead" : "responsible";
    // a task's label is its 三级指标, or its 二级指标 where 三级 is "-"
    const isTask = (r: (typeof CLEAN_ROWS)[number], task: string) => r.level3 === task || (r.level3 === "-" && r.level2 === task);
    const copy = "unit" in edit ? clean({ unit: edit.unit }) : clean({ rows: CLEAN_ROWS.map((r) => (isTask(r, edit.task) ? { ...r, [key!]: edit.text } : r)) });
    const { result, at } = await validate(copy);
    const cell = "unit" in edit ? "A3" : at(edit.header, edit.task);
    const unitFindings = ["unit.unknown", "unit.alias", "unit.full-name"].flatMap((code) => only(result.findings, code));
    expect(unitFindings.map((f) => [f.code, f.severity, f.cell])).toEqual(c.said.map((s) => [s.code, s.severity, cell]));
    unitFindings.forEach((f, i) => {
      expect(f.message).toMatch(c.said[i]!.says);
      expect(f.fix?.value).toBe(c.said[i]!.fix);
      if (f.code === "unit.full-name") expect(f.message).not.toContain("简称");
    });
    expect(result.unit).toBe("旗财政局");
    // the cell's units still answer for the row: no task.altered
    expect(only(result.findings, "task.altered")).toEqual([]);
  });

  it("unit.full-name is said once for a name however often it is written", async () => {
    const rows = CLEAN_ROWS.map((r) => (r.level3 === "财政资金" ? { ...r, lead: "正镶白旗财政局" } : r));
    const { result } = await validate(clean({ rows, unit: "正镶白旗财政局" }));
    expect(only(result.findings, "unit.full-name").map((f) => f.cell)).toEqual(["A3"]);
    expect(result.summary).toMatchObject({ errors: 0, warnings: 0, infos: 1, responsibleRows: 21 });
  });

  it("text copied unchanged from the task list is never a unit finding, even where the roster has its wording as an alias", async () => {
    // The seed's own 文化遗产保护 row has two aliases (金融办, 财政局): a faithful copy keeps them.
    const asPublished = await validate(clean({ rows: OFFICIAL_ROWS }));
    expect(asPublished.result.findings.filter((f) => f.code.startsWith("unit."))).toEqual([]);
    // A coordinator's roster whose group is 旗直各部门, with the table's 旗直各单位 as its alias.
    const roster = {
      units: DEFAULT_ROSTER.units.map((u) => ({ ...u, groups: u.groups.map((g) => (g === DEPARTMENTS_GROUP ? "旗直各部门" : g)) })),
      groups: DEFAULT_ROSTER.groups.map((g) => (g.name === DEPARTMENTS_GROUP ? { name: "旗直各部门", aliases: ["旗直各单位"] } : g)),
    };
    const copied = await validate(clean(), { roster });
    expect(copied.result.findings.filter((f) => f.code.startsWith("unit."))).toEqual([]);
    // The same wording, where the unit rewrote the cell, is the unit's to mend.
    const rows = CLEAN_ROWS.map((r) => (r.level3 === "财政资金" ? { ...r, responsible: "旗直各单位、各苏木镇人民政府" } : r));
    const rewritten = await validate(clean({ rows }), { roster });
    expect(only(rewritten.result.findings, "unit.alias")).toMatchObject([
      { cell: rewritten.at("责任单位", "财政资金"), message: expect.stringContaining("“旗直各单位”与名册写法不同"), fix: { value: "旗直各部门、各苏木镇人民政府" } },
    ]);
  });

  it("task.altered where a copy changed the task list's text; its duties stay those of the list", async () => {
    const rows = CLEAN_ROWS.map((r) => (r.level3 === "稳岗就业" ? { ...r, responsible: "旗人社局、旗财政局" } : r.level3 === "统计信息" ? { ...r, deadline: "12月31日" } : r));
    const { result, at } = await validate(clean({ rows }));
    expect(only(result.findings, "task.altered")).toMatchObject([
      { cell: at("完成时限", "统计信息"), params: { column: "deadline", expected: "持续更新", actual: "12月31日" } },
      { cell: at("责任单位", "稳岗就业"), severity: "warning", params: { column: "responsible", expected: "旗人社局" }, fix: { value: "旗人社局" } },
    ]);
    expect(result.summary.responsibleRows).toBe(21);
  });

  it("task.missing for each row of the task list the copy dropped, named, where it belonged", async () => {
    const rows = CLEAN_ROWS.filter((r) => r.level3 !== "统计信息" && r.level3 !== "土地信息");
    const { result, at } = await validate(clean({ rows }));
    const missing = only(result.findings, "task.missing");
    expect(missing.map((f) => f.params?.label)).toEqual(["统计信息", "土地信息"]);
    expect(missing[0]).toMatchObject({ severity: "error", params: { taskId: "T06" } });
    expect(missing[0]!.cell).toBe(at("提升措施", "建议提案办理"));
  });

  it("deadline.invalid for text that is no deadline, and for a date that cannot exist", async () => {
    const rows = CLEAN_ROWS.map((r) => (r.level3 === "专栏设置" ? { ...r, deadline: "3月32日" } : r.level3 === "统计信息" ? { ...r, deadline: "尽快" } : r));
    const { result, at } = await validate(clean({ rows }));
    expect(only(result.findings, "deadline.invalid")).toMatchObject([
      { cell: at("完成时限", "统计信息"), message: expect.stringContaining("无法识别") },
      { cell: at("完成时限", "专栏设置"), message: expect.stringContaining("日期不存在") },
    ]);
  });

  it("deadline.overdue (a warning: late work is reported, never refused) and deadline.due-soon on the unit's open rows, never on done ones", async () => {
    const filled = { ...allDone(FINANCE_TASKS), 基础信息公开: { progress: "正在收集各科室职能" }, 政府信息公开指南: {} };
    const late = await validate(clean({ filled }), { today: "2022-04-01" });
    expect(only(late.result.findings, "deadline.overdue")).toMatchObject([
      { cell: late.at("进展情况", "基础信息公开"), severity: "warning", message: expect.stringContaining("已逾期17天") },
      { cell: late.at("进展情况", "政府信息公开指南"), message: expect.stringContaining("未填写") },
    ]);
    const soon = await validate(clean({ filled }), { today: "2022-03-10" });
    expect(only(soon.result.findings, "deadline.due-soon")).toMatchObject([
      { cell: soon.at("进展情况", "基础信息公开"), severity: "warning", message: expect.stringContaining("还有5天") },
      { cell: soon.at("进展情况", "政府信息公开指南") },
    ]);
    expect(only(soon.result.findings, "deadline.overdue")).toEqual([]);
    const early = await validate(clean({ filled }), { today: "2022-03-07" });
    expect(only(early.result.findings, "deadline.due-soon")).toEqual([]);
  });

  it("takes the year from the title, so a 2023 plan is not overdue in 2022", async () => {
    const filled = { ...allDone(FINANCE_TASKS), 基础信息公开: { progress: "推进中" } };
    const { result } = await validate(clean({ filled, title: "2023年全旗政务公开工作提升任务分解表" }), { today: "2022-12-01" });
    expect(result.year).toBe(2023);
    expect(only(result.findings, "deadline.overdue")).toEqual([]);
  });

  it("progress.missing, progress.status-unknown and progress.unexpected", async () => {
    const filled = {
      ...allDone(FINANCE_TASKS),
      统计信息: {},
      财政资金: { progress: "见附件材料" },
      稳岗就业: { progress: "已协助人社局公开" },
      决策公开: { progress: "", status: "不涉及" },
    };
    const { result, at } = await validate(clean({ filled }));
    expect(only(result.findings, "progress.missing")).toMatchObject([{ cell: at("进展情况", "统计信息"), severity: "error" }]);
    expect(only(result.findings, "progress.status-unknown")).toMatchObject([{ cell: at("进展情况", "财政资金"), severity: "warning" }]);
    expect(only(result.findings, "progress.unexpected")).toMatchObject([{ cell: at("进展情况", "稳岗就业"), severity: "info" }]);
  });

  it("progress.status-unknown for a 完成状态 outside the four values", async () => {
    const filled = { ...allDone(FINANCE_TASKS), 财政资金: { progress: "已公开预算", status: "基本完成" } };
    const { result, at } = await validate(clean({ filled }));
    expect(only(result.findings, "progress.status-unknown")).toMatchObject([{ cell: at("完成状态", "财政资金") }]);
  });

  it("progress.stale on a monthly row updated before this month", async () => {
    const upToDate = Object.fromEntries(Object.entries(allDone(FINANCE_TASKS)).map(([k, v]) => [k, { ...v, updated: "2022-03-01" }]));
    const filled = {
      ...upToDate,
      法定主动公开内容: { progress: "已更新2月栏目", status: "推进中", updated: new Date(Date.UTC(2022, 1, 15)) },
      财政资金: { progress: "已公开", status: "已完成", updated: "2022-01-01" }, // 持续更新: not monthly
      文化遗产保护: { progress: "已公开风险信息", status: "推进中" },
    };
    const { result, at } = await validate(clean({ filled, headers: FULL_HEADERS }), { today: "2022-03-10" });
    expect(only(result.findings, "progress.stale")).toMatchObject([
      { cell: at("更新日期", "文化遗产保护"), severity: "warning", message: expect.stringContaining("未填写更新日期") },
      { cell: at("更新日期", "法定主动公开内容"), severity: "warning", message: expect.stringContaining("2022-02-15") },
    ]);
  });

  it("measure.duplicate on a measure typed twice, not on the one the task list itself prints twice", async () => {
    const statistics = CLEAN_ROWS.find((r) => r.level3 === "统计信息")!.measure!;
    const rows = CLEAN_ROWS.map((r) => (r.level3 === "财政资金" ? { ...r, measure: statistics } : r));
    const { result, at } = await validate(clean({ rows }));
    expect(only(result.findings, "measure.duplicate")).toMatchObject([
      { cell: at("提升措施", "统计信息"), params: { same: at("提升措施", "财政资金") } },
    ]);
    // 服务关联 and 办事指南 share one measure in the seed's own table: a faithful copy is not faulted.
    expect(only((await validate(clean({ rows: undefined }))).result.findings, "measure.duplicate")).toEqual([]);
  });

  it("measure.duplicate among measures alike at both ends (numbered items), found by their whole text", () => {
    const t = (text: string) => ({ text });
    const measure = (n: number) => `按要求公开第${n}项政务信息，做好相关工作内容。`;
    const rows = [[t("2023年某县政务公开任务表")], [t("任务"), t("责任单位"), t("时限")]];
    for (let n = 1; n <= 30; n++) rows.push([t(measure(n)), t("县财政局"), t("6月底前")]);
    rows.push([t("按要求公开 第7项 政务信息,做好相关工作内容"), t("县财政局"), t("6月底前")]); // row 33: row 9's, retyped
    rows.push([t(measure(12)), t("县财政局"), t("6月底前")]); // row 34: row 14's
    rows.push([t(measure(7)), t("县财政局"), t("6月底前")]); // row 35: row 9's again
    const { findings } = validateWorkbook({ sheets: [{ name: "任务表", rows, merges: [] }] }, { today: "2023-01-01", unit: "县财政局" });
    expect(only(findings, "measure.duplicate")).toMatchObject([
      { cell: "A33", params: { same: "A9" } },
      { cell: "A34", params: { same: "A14" } },
      { cell: "A35", params: { same: "A9" } },
    ]);
  });

  it("url.invalid for a link without http(s)", async () => {
    const filled = { ...allDone(FINANCE_TASKS), 财政资金: { progress: "已公开", status: "已完成", evidence: "www.zxbq.gov.cn/czzj" } };
    const { result, at } = await validate(clean({ filled, headers: FULL_HEADERS }));
    expect(only(result.findings, "url.invalid")).toMatchObject([{ cell: at("佐证链接", "财政资金"), severity: "error" }]);
  });

  it("text.whitespace with its fix, and text.formula", async () => {
    const rows = CLEAN_ROWS.map((r) => (r.level3 === "专栏设置" ? { ...r, deadline: "３月１５日　" } : r));
    const built = await buildCopy(clean({ rows }));
    const { result, at } = await validate(clean({
      rows,
      set: { [`H${built.rowOf["财政资金"]}`]: { formula: 'CONCATENATE("已","完成")', result: "已完成" } },
    }));
    expect(only(result.findings, "text.whitespace")).toMatchObject([
      { cell: at("完成时限", "专栏设置"), fix: { value: "3月15日" } },
    ]);
    expect(only(result.findings, "text.formula")).toMatchObject([{ cell: at("进展情况", "财政资金"), severity: "warning" }]);
  });

  it("contact rules: the sheet, blank fields, phone numbers and the two roles", async () => {
    const none = await validate(clean({ contacts: null }));
    expect(only(none.result.findings, "contact.missing-sheet")).toMatchObject([{ severity: "warning" }]);
    const strict = await validate(clean({ contacts: null }), { submitting: true });
    expect(only(strict.result.findings, "contact.missing-sheet")).toMatchObject([{ severity: "error" }]);

    const contacts = [
      { ...DEFAULT_CONTACTS[0]!, title: "" },
      { ...DEFAULT_CONTACTS[1]!, phone: "1380479123" },
      { name: "张三", title: "科员", phone: "0479-5221234转801", remark: "专职人员" },
      { name: "赵四", title: "科员", phone: "138 4791 2345", remark: "" },
    ];
    const { result } = await validate(clean({ contacts }));
    expect(only(result.findings, "contact.required")).toMatchObject([{ sheet: "附件2", cell: "C4" }]);
    expect(only(result.findings, "contact.phone-invalid")).toMatchObject([{ sheet: "附件2", cell: "D5", message: expect.stringContaining("1380479123") }]);
    expect(only(result.findings, "contact.roles")).toEqual([]);

    const noLeader = await validate(clean({ contacts: [DEFAULT_CONTACTS[1]!] }));
    expect(only(noLeader.result.findings, "contact.roles")).toMatchObject([{ sheet: "附件2", cell: "E3", message: expect.stringContaining("分管领导") }]);
  });

  it("table.not-found for a workbook without the decomposition header", async () => {
    const result = validateWorkbook({ sheets: [{ name: "Sheet1", rows: [[{ text: "hello" }]], merges: [] }] }, { today: BEFORE_DEADLINES });
    expect(only(result.findings, "table.not-found").map((f) => f.code)).toEqual(["table.not-found"]);
    expect(result.findings).toHaveLength(1);
    expect(result.table).toBeUndefined();
  });

  it("a copy of another county's table is read on its own terms, never checked against the built-in sample", async () => {
    // a neighbouring county copied half of the league template's tasks and wrote its own units
    const county = (t: string | null) => (t === null ? null : t.replace(/旗/g, "县"));
    const rows = OFFICIAL_ROWS.slice(0, 19).map((r) => ({ ...r, lead: county(r.lead), responsible: county(r.responsible) }));
    const { result } = await validate({ unit: "县财政局", rows, title: "2022年全县政务公开工作提升任务分解表", filled: {} });
    expect(result.tasks).toBeUndefined();
    expect(only(result.findings, "tasks.own-terms")).toMatchObject([{ severity: "info", row: result.table!.headerRow }]);
    expect(result.findings.filter((f) => f.code.startsWith("task.") || f.code === "unit.alias")).toEqual([]);
    expect(result.unit).toBe("县财政局");
    for (const f of result.findings) expect(`${f.message}${f.fix?.value ?? ""}`).not.toMatch(/旗财政局|旗政府办公室|各苏木镇|正镶白旗/);
    // the sample itself, a row deleted, is still checked against the sample
    const sample = await validate(clean({ rows: CLEAN_ROWS.filter((r) => r.level3 !== "统计信息") }));
    expect(sample.result.tasks?.source).toBe("built-in");
    expect(only(sample.result.findings, "task.missing")).toHaveLength(1);
    expect(sample.result.findings.filter((f) => f.code === "tasks.own-terms")).toEqual([]);
  });

  it("header.read: a column whose role was read from its words is explained, the rest named with it", async () => {
    const headers = ["一级指标", "二级指标", "三级指标", "目标要求", "牵头单位", "负责单位", "时间安排", "进展情况"];
    const { result } = await validate(clean({ headers }));
    const [note] = only(result.findings, "header.read");
    expect(note).toMatchObject({ severity: "info", cell: "D4" });
    expect(note!.message).toContain("D列“目标要求”：任务（措施）（按表头用词推断）");
    expect(note!.message).toContain("F列“负责单位”：责任单位（按表头用词推断）");
    expect(note!.message).toContain("A列“一级指标”：一级标题（类别）（按常用表头）");
    expect(result.rows).toHaveLength(37);
  });

  it("task.no-unit: reading a task list, a task whose unit cell names nobody is shown to the coordinator", async () => {
    const { readingReport, readOfficialTable, RosterIndex, rosterOfTaskList, EMPTY_MAPPING } = await import("../../core/index.js");
    const rows = CLEAN_ROWS.map((r) => (r.level3 === "统计信息" ? { ...r, lead: "按职责分工落实", responsible: "按职责分工落实" } : r));
    const { snapshot } = await buildCopy({ rows, unit: null }).then(async (b) => ({ snapshot: await readWorkbook(b.bytes) }));
    const { table, list } = readOfficialTable(snapshot)!;
    const report = readingReport(table, list, new RosterIndex(rosterOfTaskList(list)), EMPTY_MAPPING, 2022);
    const hits = only(report.findings, "task.no-unit");
    expect(hits).toMatchObject([{ severity: "warning", task: { label: "统计信息" }, params: { text: "按职责分工落实" } }]);
    expect(report.tasks[0]).toMatchObject({ label: "统计信息", noUnit: true, unitCells: ["按职责分工落实"], unread: ["按职责分工落实", "按职责分工落实"] });
  });

  it("item.*: a unit's own items (细化分解) on a coordinator's own table, each finding at its cell of that sheet", async () => {
    const { CITY, buildTable } = await import("../fixtures/otherTables.js");
    const { CLEAN_ITEMS, DEFECTIVE_ITEMS, ITEMS_PROGRESS, ITEMS_TODAY, itemsCopy } = await import("../fixtures/unitItems.js");
    const { readTaskListXlsx } = await import("../../workbook/index.js");
    const tasks = await readTaskListXlsx((await buildTable(CITY)).bytes);
    const findings = async (bytes: Uint8Array, today = ITEMS_TODAY) => itemFindings(await readWorkbook(bytes), { today, tasks, roster: CITY.roster });
    const defective = await findings(await itemsCopy(DEFECTIVE_ITEMS));
    const cells = (code: string) => only(defective, code).map((f) => `${f.sheet}!${f.cell}`);
    expect(cells("item.deadline-after-task")).toEqual(["细化分解!E3"]);
    expect(cells("item.no-person")).toEqual(["细化分解!D4"]);
    expect(cells("item.no-deadline")).toEqual(["细化分解!E5"]);
    expect(cells("item.unknown-task")).toEqual(["细化分解!A6"]);
    expect(cells("item.no-text")).toEqual(["细化分解!C7"]);
    expect(cells("item.deadline-invalid")).toEqual(["细化分解!E8"]);
    expect(cells("item.status-unknown")).toEqual(["细化分解!I8"]);
    const late = await findings(await itemsCopy([DEFECTIVE_ITEMS[1]!.map((c, i) => (i === 3 ? "王芳" : i === 8 ? "推进中" : c))]));
    expect(only(late, "item.overdue").map((f) => [f.cell, f.severity])).toEqual([["H3", "warning"]]);
    // where its progress says why and by when, a note carrying both
    const explained = await findings(await itemsCopy([DEFECTIVE_ITEMS[1]!.map((c, i) => (i === 3 ? "王芳" : i === 8 ? "推进中" : i === 7 ? "因系统升级原因，计划于8月31日前完成" : c))]));
    expect(only(explained, "item.overdue").map((f) => [f.cell, f.severity, f.params])).toEqual([["H3", "info", { deadline: "2023-05-31", daysLate: 40, status: "推进中", reason: "系统升级", planDate: "2023-08-31" }]]);
    // the task's own row says 已完成, its items (one done of two) make it 推进中: a note on that row says which counts
    const saysDone = validateWorkbook(await readWorkbook(await itemsCopy(CLEAN_ITEMS, { progress: { ...ITEMS_PROGRESS, 4: "已完成" } })), { today: ITEMS_TODAY, tasks, roster: CITY.roster }).findings;
    expect(only(saysDone, "item.status-from-items").map((f) => [f.sheet, f.cell, f.severity, f.params])).toEqual([["Sheet1", "G9", "info", { written: "已完成", counted: "推进中", items: 2, done: 1 }]]);
    expect(only(saysDone, "item.status-from-items")[0]!.message).toContain("状态按细化事项计为“推进中”（2项中1项已完成）");
    const unread = await findings(await itemsCopy([["T05", "王芳"]], { itemHeaders: ["编号", "负责人"] }));
    expect(only(unread, "item.sheet-unread").map((f) => [f.cell, f.severity])).toEqual([["A1", "warning"]]);
  });

  it("every rule code of CONTRACT §2 was seen firing above", () => {
    expect([...RULE_CODES].filter((c) => !fired.has(c))).toEqual([]);
  });
});

describe("a merged cell is looked at once", () => {
  it("across rows and across columns, whichever row or column sees it first", () => {
    const t = (text: string) => ({ text });
    const sheet = {
      name: "任务表",
      rows: [
        [t("2023年某县政务公开任务表")],
        [t("任务"), t("牵头单位"), t("责任单位"), t("完成时限")],
        [t("公开预算"), t("县财政局 "), t(""), t("3月15日 ")],
        [t("公开决算"), t("县财政局"), t("县审计局"), t("")],
        [t("公开采购"), t("县财政局"), t("县审计局"), t("")],
      ],
      // 牵头 and 责任 merged in row 3 (one cell over two columns); 完成时限 merged over rows 3–5
      merges: [
        { top: 3, left: 2, bottom: 3, right: 3 },
        { top: 3, left: 4, bottom: 5, right: 4 },
      ],
    };
    const { findings } = validateWorkbook({ sheets: [sheet] }, { today: "2023-01-01", unit: "县财政局" });
    expect(only(findings, "text.whitespace").map((f) => f.cell)).toEqual(["B3", "D3"]);
    // the walk itself, not only what the findings say after their own de-duplication
    const table = readTable({ sheets: [sheet] })!;
    const visited: string[] = [];
    forEachCell(table.rows.map((task) => ({ task }) as RowAnalysis), (f, a) => visited.push(`${cellAddress(f.row, f.col)}@${a.task.row}`), undefined);
    expect(visited).toEqual(["A3@3", "B3@3", "D3@3", "A4@4", "B4@4", "C4@4", "A5@5", "B5@5", "C5@5"]);
    // only some columns: the same cells of those columns, in the same order
    const some: string[] = [];
    const analysed = table.rows.map((task) => ({ task }) as RowAnalysis);
    forEachCell(analysed, (f, a, into) => into.push(`${cellAddress(f.row, f.col)}@${a.task.row}`), some, ["responsible", "deadline"]);
    expect(some).toEqual(["D3@3", "C4@4", "C5@5"]); // C3 is B3's (the 牵头 column's) merged cell
    // a merge whose first row is no task row (a heading above) is visited once, from the first row that shows it
    const headed = { ...sheet, rows: [sheet.rows[0]!, sheet.rows[1]!, [t("一、预决算公开")], ...sheet.rows.slice(2)], merges: [{ top: 3, left: 4, bottom: 6, right: 4 }] };
    headed.rows[3] = [t("公开预算"), t("县财政局"), t(""), t("")];
    headed.rows[2] = [t("一、预决算公开"), t(""), t(""), t("")]; // the merged 完成时限 starts on the heading, blank
    const rows = readTable({ sheets: [headed] })!.rows;
    expect(rows.map((r) => r.row)).toEqual([4, 5, 6]); // the heading row is no task
    const seen: string[] = [];
    forEachCell(rows.map((task) => ({ task }) as RowAnalysis), (f, a) => f.col === 4 && seen.push(`${cellAddress(f.row, f.col)}@${a.task.row}`), undefined);
    expect(seen).toEqual(["D3@4"]);
  });
});
