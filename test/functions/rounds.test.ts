/**
 * The months a unit may submit to (issue 23, item 9): this month and the last by default, plus every month the
 * coordinator opened (a task list given for a month opens it), minus those the coordinator closed. The harness's
 * today is 2022-03-10.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRounds } from "../../functions/rounds.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";
import { CITY, buildTable } from "../fixtures/otherTables.js";
import { startHarness, type Harness } from "./harness.js";

describe("openRounds", () => {
  it.each([
    ["the default: this month and the last", "2022-03-10", [], { opened: [], closed: [] }, ["2022-02", "2022-03"]],
    ["January: December of the year before", "2023-01-05", [], { opened: [], closed: [] }, ["2022-12", "2023-01"]],
    ["a task list's month and a month opened", "2022-03-10", ["2023-04"], { opened: ["2021-12"], closed: [] }, ["2021-12", "2022-02", "2022-03", "2023-04"]],
    ["a month closed, though it is the default", "2022-03-10", [], { opened: [], closed: ["2022-02"] }, ["2022-03"]],
  ])("%s", (_case, today, taskListRounds, decisions, open) => {
    expect(openRounds({ today, taskListRounds, decisions }).open.map((r) => r.round)).toEqual(open);
  });
});

describe.each([["embedded", true], ["Azurite", false]] as const)("rounds through the service (%s)", (_name, embedded) => {
  let h: Harness;
  let token: string;
  let copy: Buffer;
  beforeAll(async () => {
    h = await startHarness({ embedded });
    token = await h.token("旗财政局");
    copy = (await buildCopy({ unit: "旗财政局", rows: CLEAN_ROWS, filled: allDone(FINANCE_TASKS) })).bytes;
  });
  afterAll(() => h?.close());

  const put = (round: string, body: string, who = h.coordinator) => fetch(`${h.host.url}/api/rounds/${round}`, { method: "PUT", body, headers: { authorization: `Bearer ${who}` } });
  const rounds = async (who = token) => (await (await h.get("/api/rounds", who)).json()) as { open: { round: string; why: string[]; label: string }[]; closed: string[] };

  it("GET /api/rounds: this month and the last, and why", async () => {
    expect((await rounds()).open).toEqual([
      { round: "2022-02", why: ["default"], label: "本月或上月" },
      { round: "2022-03", why: ["default"], label: "本月或上月" },
    ]);
  });

  it.each(["2022-01", "2021-03", "2000-01", "2099-12"])("a month not open (%s) → 403 naming the open months; nothing stored", async (round) => {
    const r = await h.submit(token, copy, round);
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ error: "round-closed", openRounds: ["2022-02", "2022-03"] });
    expect(r.json.message).toContain(`${round} 不在可报送的月份内`);
    expect(r.json.message).toContain("目前可报送的月份是 2022-02、2022-03");
    expect((await (await h.get(`/api/status?round=${round}`, h.coordinator)).json()).submitted).toBe(0);
  });

  it("the coordinator opens a past month; a unit cannot; a bad body is 400", async () => {
    expect((await put("2022-01", '{"open":true}', token)).status).toBe(403);
    expect((await put("2022-01", '{"open":"yes"}')).status).toBe(400);
    expect((await put("2022-13", '{"open":true}')).status).toBe(400);
    const r = await put("2022-01", '{"open":true}');
    expect(r.status).toBe(200);
    expect((await r.json()).open.map((o: { round: string }) => o.round)).toEqual(["2022-01", "2022-02", "2022-03"]);
    expect((await h.submit(token, copy, "2022-01")).status).toBe(201);
  });

  it("the coordinator closes a month, the default's last month too", async () => {
    expect((await put("2022-02", '{"open":false}')).status).toBe(200);
    const r = await h.submit(token, copy, "2022-02");
    expect(r.status).toBe(403);
    expect(r.json.openRounds).toEqual(["2022-01", "2022-03"]);
    expect((await rounds()).closed).toEqual(["2022-02"]);
    expect((await put("2022-02", '{"open":true}')).status).toBe(200);
    expect((await h.submit(token, copy, "2022-02")).status).toBe(201);
  });

  it("a task list given for a month opens it", async () => {
    const put = await fetch(`${h.host.url}/api/tasks?round=2023-04`, { method: "PUT", body: new Uint8Array((await buildTable(CITY)).bytes), headers: { authorization: `Bearer ${h.coordinator}` } });
    expect(put.status).toBe(201);
    expect((await rounds()).open).toContainEqual({ round: "2023-04", why: ["task-list"], label: "已上传该月任务分解表" });
    // the city's roster too: a county the list names only as 各县（市、区）政府 is a unit of the roster, not of the list
    const roster = await fetch(`${h.host.url}/api/roster`, { method: "PUT", body: JSON.stringify(CITY.roster), headers: { authorization: `Bearer ${h.coordinator}` } });
    expect(roster.status).toBe(201);
    const county = await h.token("某某县人民政府");
    const bytes = (await buildTable(CITY, { unitLine: "填报单位（盖章）：某某县人民政府", progress: { 1: "已公开", 4: "已完成", 5: "不涉及", 7: "已发布" } })).bytes;
    expect((await h.submit(county, bytes, "2023-04")).status).toBe(201);
    expect((await h.submit(county, bytes, "2023-05")).status).toBe(403); // inheriting the list does not open a month
  });
});
