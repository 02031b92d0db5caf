/** The service with a coordinator's own table: PUT /api/tasks and /api/roster, GET /api/template, submissions against the round's list. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readWorkbook } from "../../workbook/index.js";
import { CITY, buildTable } from "../fixtures/otherTables.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // months past the default window (this month and the last): the coordinator opens them, as issue 23 asks
  for (const m of ["2023-04"]) await fetch(`${h.host.url}/api/rounds/${m}`, { method: "PUT", body: '{"open":true}', headers: { authorization: `Bearer ${h.coordinator}` } });
});
afterAll(() => h?.close());

const put = (path: string, body: Uint8Array | string, token = h.coordinator) =>
  fetch(`${h.host.url}${path}`, { method: "PUT", body: typeof body === "string" ? body : new Uint8Array(body), headers: { authorization: `Bearer ${token}` } });

describe("the coordinator gives the round its task list and roster", () => {
  it("before anything is configured, the built-in sample is in use", async () => {
    const r = await h.get("/api/tasks?round=2023-03", h.coordinator);
    expect(await r.json()).toMatchObject({ source: "built-in", from: null, rosterSource: "built-in", tasks: expect.arrayContaining([expect.objectContaining({ label: "政策文件公开、解读" })]) });
  });

  it("a unit cannot set the task list; a file that is no task table is 422 and nothing is stored", async () => {
    const unit = await h.token("旗财政局");
    expect((await put("/api/tasks?round=2023-03", (await buildTable(CITY)).bytes, unit)).status).toBe(403);
    const notTable = (await buildTable({ name: "名单", above: [], headers: ["序号", "姓名"], rows: [["1", "张三"]] })).bytes;
    const r = await put("/api/tasks?round=2023-03", notTable);
    expect(r.status).toBe(422);
    expect((await r.json()).message).toContain("缺少任务（措施）列");
    expect(await (await h.get("/api/tasks?round=2023-03", h.coordinator)).json()).toMatchObject({ source: "built-in" });
  });

  it("PUT /api/tasks and /api/roster: the round uses them, later rounds inherit the list, earlier ones use the earliest list given", async () => {
    const official = (await buildTable(CITY)).bytes;
    const r = await put("/api/tasks?round=2023-03", official);
    expect(r.status).toBe(201);
    expect(await r.json()).toMatchObject({ round: "2023-03", title: "2023年某某市政务公开工作任务分工表", year: 2023, tasks: 8, warnings: [] });
    expect((await put("/api/roster", JSON.stringify(CITY.roster))).status).toBe(201);
    const later = await (await h.get("/api/tasks?round=2023-05", await h.token("市财政局"))).json();
    expect(later).toMatchObject({ source: "file", from: "2023-03", rosterSource: "uploaded" });
    expect(later.tasks).toHaveLength(8);
    // once a table is given, the built-in sample is never used again: a month before it uses the earliest list, and says so
    expect(await (await h.get("/api/tasks?round=2023-02", h.coordinator)).json()).toMatchObject({ source: "file", from: "2023-03" });
    const roster = await (await h.get("/api/roster", h.coordinator)).json();
    expect(roster.units.map((u: { name: string }) => u.name)).toContain("某某县人民政府");
    // The official file itself, byte for byte.
    const file = await h.get("/api/tasks?round=2023-04&format=xlsx", h.coordinator);
    expect(Buffer.from(await file.arrayBuffer()).equals(official)).toBe(true);
  });

  it("GET /api/template: a unit's template of the round's list, with its own name", async () => {
    const token = await h.token("某某县人民政府");
    const r = await h.get("/api/template?round=2023-04", token);
    expect(r.status).toBe(200);
    const sheet = (await readWorkbook(new Uint8Array(await r.arrayBuffer()))).sheets[0]!;
    expect(sheet.rows[1]![0]!.text).toBe("2023年某某市政务公开工作任务分工表");
    expect(sheet.rows[2]!.map((c) => c.text).filter((t) => t !== "")).toEqual(["填报单位：", "某某县人民政府"]);
    expect((await h.get("/api/template?round=2023-04&unit=旗财政局", h.coordinator)).status).toBe(400);
  });

  it("a submission is validated and consolidated against the round's list", async () => {
    const token = await h.token("某某县人民政府");
    const bytes = (await buildTable(CITY, { unitLine: "填报单位（盖章）：某某县人民政府", progress: { 1: "已公开", 4: "已完成", 5: "不涉及", 7: "已发布" } })).bytes;
    const r = await h.submit(token, bytes, "2023-04");
    expect(r.status).toBe(201);
    expect(r.json.summary).toMatchObject({ errors: 0, rows: 8, responsibleRows: 4, completed: 3 });
    const ledger = await (await h.get("/api/ledger?round=2023-04", h.coordinator)).json();
    expect(ledger.tasks.map((t: { measure: string }) => t.measure)).toEqual(CITY.rows.map((row) => row[2]));
    expect(ledger.unmatched).toEqual([]);
    expect(ledger.units.find((u: { unit: string }) => u.unit === "某某县人民政府")).toMatchObject({ submitted: true, responsible: 4, completed: 2, onTrack: 1, notApplicable: 1, completionRate: 1 });
    const status = await (await h.get("/api/status?round=2023-04", h.coordinator)).json();
    expect(status.units.map((u: { unit: string }) => u.unit)).toEqual(CITY.roster!.units.map((u) => u.name));
  });

  it("another unit's table is refused with 403 by the one submit-time check", async () => {
    const bytes = (await buildTable(CITY, { unitLine: "填报单位：市财政局", progress: {} })).bytes;
    const r = await h.submit(await h.token("某某县人民政府"), bytes, "2023-04");
    expect(r.status).toBe(403);
    expect(r.json.message).toContain("表中的填报单位是“市财政局”");
  });
});
