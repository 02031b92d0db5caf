/**
 * The reading is data the coordinator confirms: `PUT /api/tasks` answers with the reading report, `PUT|GET
 * /api/mapping` keeps the corrections with the list they correct, and every use of the list — the task list a
 * unit's page fetches, validation of submissions, the ledger — reads it corrected. Both stores.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTable, countyOwnList } from "../fixtures/otherTables.js";
import { startHarness, type Harness } from "./harness.js";

/**
 * A county's own list: a unit cell nobody can read (视情况另行明确), an unreadable deadline (待定), and a column whose
 * header names no role (其他) that holds the co-responsible units.
 */
const OWN = countyOwnList(2024, "视情况另行明确", "待定");
const PHRASE = "视情况另行明确";
const CORRECTION = { columns: { D: "配合单位" }, unitPhrases: { [PHRASE]: { lead: ["县政府办"], responsible: ["县财政局"] } } };

interface ReadingTask { row: number; measure: string; lead: string[]; responsible: string[]; unitCell: string; noUnit: boolean; deadlineOk: boolean }
interface Report { columns: { letter: string; header: string; role?: string; how: string }[]; tasks: ReadingTask[]; findings: { code: string }[]; mapping: unknown }

describe.each([
  ["Azurite", false],
  ["embedded", true],
])("on the %s store", (_name, embedded) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ embedded });
    // months past the default window (this month and the last): the coordinator opens them, as issue 23 asks
    for (const m of ["2024-04"]) await fetch(`${h.host.url}/api/rounds/${m}`, { method: "PUT", body: '{"open":true}', headers: { authorization: `Bearer ${h.coordinator}` } });
  }, 60_000);
  afterAll(() => h?.close());

  const put = (path: string, body: Uint8Array | string, token = h.coordinator) =>
    fetch(`${h.host.url}${path}`, { method: "PUT", body: typeof body === "string" ? body : new Uint8Array(body), headers: { authorization: `Bearer ${token}` } });
  // the tests read answers of many shapes
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const getJson = async (path: string, token = h.coordinator): Promise<any> => (await h.get(path, token)).json();
  const taskOf = (report: Report, measure: string) => report.tasks.find((t) => t.measure === measure)!;

  it("while the built-in sample is in use, every count says so and there is nothing to correct", async () => {
    expect(await getJson("/api/status?round=2024-03")).toMatchObject({ tasksSource: "built-in" });
    expect(await getJson("/api/ledger?round=2024-03")).toMatchObject({ tasksSource: "built-in" });
    const r = await put("/api/mapping?round=2024-03", JSON.stringify(CORRECTION));
    expect(r.status).toBe(409);
    expect((await r.json()).message).toMatch(/内置示例表.*请先上传本地区的任务分解表/);
    const g = await h.get("/api/mapping?round=2024-03", h.coordinator);
    expect(g.status).toBe(404);
    expect((await g.json()).message).toContain("内置示例表");
    expect(await h.services.store.configVersions("mapping")).toEqual([]);
  });

  it("PUT /api/tasks answers with the reading report: columns as read, each task, and the task nobody could be read for", async () => {
    const r = await put("/api/tasks?round=2024-03", (await buildTable(OWN)).bytes);
    expect(r.status).toBe(201);
    const body = (await r.json()) as { tasks: number; report: Report; title: string };
    expect(body).toMatchObject({ round: "2024-03", title: "某某县2024年政务公开重点任务清单", year: 2024, tasks: 4 });
    const { report } = body;
    expect(report.columns.find((c) => c.letter === "C")).toMatchObject({ header: "责任单位", role: "responsible" });
    expect(report.columns.find((c) => c.letter === "D")).toMatchObject({ header: "其他", how: "unread" });
    expect(report.tasks.map((t) => t.measure)).toEqual(expect.arrayContaining(OWN.rows.map((row) => row[1])));
    // the one to look at comes first: nobody read for it, its deadline (待定) not understood
    expect(report.tasks[0]).toMatchObject({ measure: "组织开展政务公开业务培训。", unitCell: PHRASE, noUnit: true, deadlineOk: false, lead: [], responsible: [] });
    expect(taskOf(report, "公开年度财政预决算和“三公”经费预决算。")).toMatchObject({ responsible: ["县财政局"], noUnit: false, deadlineOk: true });
    expect(report.findings.map((f) => f.code)).toContain("task.no-unit");
    expect(report.mapping).toEqual({ columns: {}, headingRows: [], unitPhrases: {} });
    // from now on the counts are of the county's own list
    expect(await getJson("/api/status?round=2024-03")).toMatchObject({ tasksSource: "file" });
    expect(await getJson("/api/ledger?round=2024-04")).toMatchObject({ tasksSource: "file" });
    // nothing corrected yet
    expect(await getJson("/api/mapping?round=2024-03")).toMatchObject({ round: "2024-03", from: "2024-03", mapping: { columns: {}, headingRows: [], unitPhrases: {} } });
  });

  it("refuses corrections it cannot use, in words, and keeps none of them", async () => {
    const refused = async (body: string, status: number, said: RegExp, token?: string) => {
      const r = await put("/api/mapping?round=2024-03", body, token);
      expect(r.status).toBe(status);
      expect((await r.json()).message).toMatch(said);
    };
    await refused(JSON.stringify(CORRECTION), 403, /汇总人/, await h.token("县财政局"));
    await refused("{ columns: B=责任单位 }", 400, /更正须为 JSON/);
    await refused(JSON.stringify({ columns: { "2": "责任单位" } }), 400, /更正文件中“columns”中的“2”不是列字母（应写作 A、B、AA 等）/);
    await refused(JSON.stringify({ columns: { B: "负责人" } }), 400, /“columns\.B”的角色“负责人”不是可用的角色（列的角色可写：序号/);
    await refused(JSON.stringify({ headingRows: ["第三行"] }), 400, /“headingRows”应为行号的列表/);
    // corrections that leave no task table are refused by reading the list with them
    await refused(JSON.stringify({ columns: { B: "ignore", C: "ignore" } }), 422, /按这些更正读不出任务表，未保存/);
    expect(await h.services.store.configVersions("mapping")).toEqual([]);
  });

  it("PUT /api/mapping keeps the corrections with the list and answers with the corrected reading", async () => {
    const r = await put("/api/mapping?round=2024-03", JSON.stringify(CORRECTION));
    expect(r.status).toBe(201);
    const body = (await r.json()) as { round: string; from: string; mapping: unknown; report: Report };
    // roles are kept by key whichever way they were written
    const kept = { columns: { D: "coResponsible" }, headingRows: [], unitPhrases: CORRECTION.unitPhrases };
    expect(body).toMatchObject({ round: "2024-03", from: "2024-03", mapping: kept });
    expect(body.report.mapping).toEqual(kept);
    expect(body.report.columns.find((c) => c.letter === "D")).toMatchObject({ role: "coResponsible", how: "mapping" });
    expect(taskOf(body.report, "组织开展政务公开业务培训。")).toMatchObject({ noUnit: false, lead: ["县政府办"], responsible: ["县财政局"] });
    expect(await getJson("/api/mapping?round=2024-03")).toMatchObject({ from: "2024-03", mapping: kept });
  });

  it("every use of the list reads it corrected: the list a unit's page fetches, a later round, validation, the ledger", async () => {
    const unit = await h.token("县财政局");
    const list = await getJson("/api/tasks?round=2024-04", unit);
    expect(list).toMatchObject({ source: "file", from: "2024-03", unitPhrases: CORRECTION.unitPhrases });
    expect(list.tasks.find((t: { measure: string }) => t.measure === "公开重大建设项目批准和实施信息。")).toMatchObject({ coResponsible: "县统计局" });

    // 县财政局 answers for the phrase's row too: it is checked and counted for it
    const copy = (await buildTable(OWN, { unitLine: "填报单位：县财政局", progress: { 1: "已公开", 2: "已完成" } })).bytes;
    const s = await h.submit(unit, copy, "2024-04");
    expect(s.status).toBe(201);
    expect(s.json.summary).toMatchObject({ errors: 0, rows: 4, responsibleRows: 2, completed: 2 });
    const ledger = await getJson("/api/ledger?round=2024-04");
    const trained = ledger.tasks.find((t: { measure: string }) => t.measure === "组织开展政务公开业务培训。");
    expect(trained.units["县财政局"]).toMatchObject({ status: "已完成" });
    expect(ledger.units.find((u: { unit: string }) => u.unit === "县财政局")).toMatchObject({ submitted: true, responsible: 2, completed: 2 });

    // a correction made in a later round belongs to the list in use, given in 2024-03: kept under its key
    const again = await put("/api/mapping?round=2024-05", JSON.stringify({ ...CORRECTION, headingRows: [] }));
    expect(await again.json()).toMatchObject({ round: "2024-05", from: "2024-03" });
    const names = await h.services.store.configVersions("mapping");
    expect(names).toHaveLength(2); // every version kept
    expect(names.every((n) => n.startsWith("config/mapping/2024-03/"))).toBe(true);
  });

  it("a new list given for a later round is read on its own: the corrections of another list do not apply to it", async () => {
    const r = await put("/api/tasks?round=2024-07", (await buildTable(OWN)).bytes);
    const body = (await r.json()) as { report: Report };
    expect(body.report.mapping).toEqual({ columns: {}, headingRows: [], unitPhrases: {} });
    expect(taskOf(body.report, "组织开展政务公开业务培训。")).toMatchObject({ noUnit: true });
    expect(await getJson("/api/mapping?round=2024-07")).toMatchObject({ from: "2024-07", mapping: { unitPhrases: {} } });
    expect((await getJson("/api/tasks?round=2024-07")).unitPhrases ?? {}).toEqual({});
    // the earlier rounds keep their list, corrected
    expect(await getJson("/api/tasks?round=2024-06")).toMatchObject({ from: "2024-03", unitPhrases: CORRECTION.unitPhrases });
    // a new version of the same round's list goes on being read with that round's corrections
    const same = await put("/api/tasks?round=2024-03", (await buildTable(OWN)).bytes);
    expect(((await same.json()) as { report: Report }).report.mapping).toMatchObject({ unitPhrases: CORRECTION.unitPhrases });
  });

  it("units are read against the roster the coordinator gave: the names a phrase gives, by their roster names", async () => {
    const roster = {
      units: ["县人民政府办公室", "县财政局", "县发改局", "县统计局"].map((name) => ({ name, groups: [], aliases: name === "县人民政府办公室" ? ["县政府办"] : [] })),
      groups: [],
    };
    expect((await put("/api/roster", JSON.stringify(roster))).status).toBe(201);
    const { report } = (await getJson("/api/mapping?round=2024-03")) as { report: Report };
    expect(taskOf(report, "组织开展政务公开业务培训。")).toMatchObject({ lead: ["县人民政府办公室"], responsible: ["县财政局"] });
    expect(taskOf(report, "主动公开县政府常务会议议定事项。")).toMatchObject({ responsible: ["县人民政府办公室"] });
    const uploaded = (await (await put("/api/tasks?round=2024-09", (await buildTable(OWN)).bytes)).json()) as { report: Report };
    expect(taskOf(uploaded.report, "主动公开县政府常务会议议定事项。")).toMatchObject({ responsible: ["县人民政府办公室"] });
  });
});
