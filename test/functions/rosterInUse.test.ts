/**
 * Another government's installation, through the real service (embedded store, as `npm start` runs): tokens follow the
 * roster in use (`POST /api/tokens`, `tokens.txt`), a month before the first upload uses the earliest list, and the
 * 联络人 rules apply only where the coordinator's table asks for a contact sheet.
 */
import ExcelJS from "exceljs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COORDINATOR_LINE, parseTokensFile, verifyToken, writeTokensFile } from "../../functions/tokens.js";
import { CITY, COUNTY, buildTable } from "../fixtures/otherTables.js";
import { startHarness, type Harness } from "./harness.js";

const asCoordinator = (h: Harness, method: string, path: string, body?: Uint8Array | string, token = h.coordinator) =>
  fetch(`${h.host.url}${path}`, { method, ...(body === undefined ? {} : { body: typeof body === "string" ? body : new Uint8Array(body) }), headers: { authorization: `Bearer ${token}` } });

const dataDir = (h: Harness) => (h.services.settings.storage as { dir: string }).dir;
const unitsOf = (issued: { unit: string }[]) => issued.map((i) => i.unit);
const contactCodes = (findings: { code: string }[] | undefined) => (findings ?? []).map((f) => f.code).filter((c) => c.startsWith("contact."));

/** A unit's filled copy of the city's table, without a contact sheet (the fixture adds one to copies: dropped here). */
async function cityCopyWithoutContacts(unit: string, progress: Record<number, string>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildTable(CITY, { unitLine: `填报单位：${unit}`, progress })).bytes as unknown as ExcelJS.Buffer);
  wb.removeWorksheet(wb.getWorksheet("联络人")!.id);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The city's published table with its 附件2, a contact sheet headed 序号 | 姓名 | 职务 | 联系电话 | 备注. */
async function cityTableWithContactSheet(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildTable(CITY)).bytes as unknown as ExcelJS.Buffer);
  const ws = wb.addWorksheet("附件2");
  ws.addRow(["政务公开工作联络人明细表"]);
  ws.addRow(["序号", "姓名", "职务", "联系电话", "备注"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 某某县人民政府 answers for rows 1, 4, 5 and 7 (0-based) of the city's table. */
const COUNTY_GOV = "某某县人民政府";
const COUNTY_PROGRESS = { 1: "已公开", 4: "已完成", 5: "不涉及", 7: "已发布" };

describe("tokens follow the roster in use", () => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness({ embedded: true })));
  afterAll(() => h?.close());

  it("POST /api/tokens is the coordinator's: no token 401, a unit's 403", async () => {
    expect((await fetch(`${h.host.url}/api/tokens`, { method: "POST" })).status).toBe(401);
    expect((await asCoordinator(h, "POST", "/api/tokens", undefined, await h.token("旗财政局"))).status).toBe(403);
  });

  it("GET /api/roster says whom the token speaks for, so a page judges a copy without 填报单位 as the server files it", async () => {
    const asUnit = (await (await asCoordinator(h, "GET", "/api/roster", undefined, await h.token("旗财政局"))).json()) as { you: unknown };
    expect(asUnit.you).toEqual({ role: "unit", unit: "旗财政局" });
    const asCoord = (await (await asCoordinator(h, "GET", "/api/roster")).json()) as { you: unknown };
    expect(asCoord.you).toEqual({ role: "coordinator" });
  });

  it("a roster of another government uploaded: tokens for its units, none of 旗…, each shown once and kept in tokens.txt", async () => {
    // the first start wrote the sample's units to tokens.txt
    const file = join(dataDir(h), "tokens.txt");
    await writeTokensFile(file, "本机签发的令牌", [[COORDINATOR_LINE, h.coordinator], ["旗财政局", await h.token("旗财政局")]]);
    expect((await asCoordinator(h, "PUT", "/api/roster", JSON.stringify(CITY.roster))).status).toBe(201);
    const r = await asCoordinator(h, "POST", "/api/tokens");
    expect(r.status).toBe(201);
    const body = (await r.json()) as { issued: { unit: string; token: string }[]; existing: string[]; rosterSource: string };
    expect(body.rosterSource).toBe("uploaded");
    expect(unitsOf(body.issued)).toEqual(CITY.roster!.units.map((u) => u.name));
    expect(body.existing).toEqual([]);
    expect(unitsOf(body.issued).some((u) => u.startsWith("旗"))).toBe(false);
    for (const { unit, token } of body.issued) expect(await verifyToken(h.services.store, token)).toMatchObject({ role: "unit", unit });
    // a token works at once: the unit's own template of the month
    const finance = body.issued.find((i) => i.unit === "市财政局")!.token;
    expect((await h.get("/api/template?round=2023-04", finance)).status).toBe(200);

    // on one machine they are kept in tokens.txt (owner only), which the next start uses again; the sample's units left it
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(parseTokensFile(await readFile(file, "utf8"))).toEqual([[COORDINATOR_LINE, h.coordinator], ...body.issued.map((i) => [i.unit, i.token])]);

    // asked again: nothing new, every unit has one (secrets are never shown again)
    const again = (await (await asCoordinator(h, "POST", "/api/tokens")).json()) as typeof body;
    expect(again.issued).toEqual([]);
    expect(again.existing).toEqual(CITY.roster!.units.map((u) => u.name));
  });

  it("a unit added to the roster later is the only one issued for", async () => {
    const roster = { ...CITY.roster!, units: [...CITY.roster!.units, { name: "某某新区管委会", groups: [], aliases: [] }] };
    expect((await asCoordinator(h, "PUT", "/api/roster", JSON.stringify(roster))).status).toBe(201);
    const body = await (await asCoordinator(h, "POST", "/api/tokens")).json();
    expect(unitsOf(body.issued)).toEqual(["某某新区管委会"]);
    expect(body.existing).toHaveLength(CITY.roster!.units.length);
  });

  it("a token of a unit the roster in use no longer lists (the sample's) cannot submit: 403 saying whom to ask, nothing kept", async () => {
    const before = (await h.services.store.listSubmissions("2022-03")).length;
    const r = await h.submit(await h.token("旗财政局"), (await buildTable(CITY, { unitLine: "填报单位：旗财政局" })).bytes);
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ error: "not-in-roster" });
    expect(r.json.message).toContain("不在汇总人现用的单位名册中");
    expect(r.json.message).toContain("请向汇总人索取本单位的新令牌");
    expect(await h.services.store.listSubmissions("2022-03")).toHaveLength(before);
    // a unit of the roster, by its token, still may
    expect((await h.submit(await h.token("市财政局"), (await buildTable(CITY, { unitLine: "填报单位：市财政局" })).bytes)).status).not.toBe(403);
  });
});

describe("POST /api/tokens on Azure Storage (Azurite)", () => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h?.close());

  it("issues for the uploaded roster's units, the same answer as on one machine (no tokens.txt: there is no data folder)", async () => {
    const unit = await h.token("市财政局"); // one issued before: existing, not issued again
    expect((await asCoordinator(h, "PUT", "/api/roster", JSON.stringify(CITY.roster))).status).toBe(201);
    const body = await (await asCoordinator(h, "POST", "/api/tokens")).json();
    expect(unitsOf(body.issued)).toEqual(CITY.roster!.units.map((u) => u.name).filter((u) => u !== "市财政局"));
    expect(body.existing).toEqual(["市财政局"]);
    expect(await verifyToken(h.services.store, unit)).toMatchObject({ unit: "市财政局" });
  });
});

describe("without a roster, the units of the latest task list uploaded get tokens, never the sample's", () => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness({ embedded: true })));
  afterAll(() => h?.close());

  it("before any upload the sample's units; after the county's list, its units", async () => {
    const before = await (await asCoordinator(h, "POST", "/api/tokens")).json();
    expect(before).toMatchObject({ rosterSource: "built-in" });
    expect(unitsOf(before.issued)).toContain("旗财政局");
    expect((await asCoordinator(h, "PUT", "/api/tasks?round=2024-03", (await buildTable(COUNTY)).bytes)).status).toBe(201);
    const after = await (await asCoordinator(h, "POST", "/api/tokens")).json();
    expect(after).toMatchObject({ rosterSource: "task-list", existing: [] });
    expect(unitsOf(after.issued)).toEqual(["县政府办", "县财政局", "县发改局", "县自然资源局", "县行政审批局", "县应急管理局"]);
  });
});

describe("the service's own template uploaded as the task list, without a roster", () => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness({ embedded: true })));
  afterAll(() => h?.close());

  it("its short names (金融办) are the sample's units, not units of their own: 旗金融办 keeps its place and may submit", async () => {
    const template = Buffer.from(await (await h.get("/api/template?round=2022-03", h.coordinator)).arrayBuffer());
    expect((await asCoordinator(h, "PUT", "/api/tasks?round=2022-03", template)).status).toBe(201);
    const roster = await (await h.get("/api/roster?round=2022-03", h.coordinator)).json();
    expect(roster.units.map((u: { name: string }) => u.name)).toContain("旗金融办");
    expect(roster.units.map((u: { name: string }) => u.name)).not.toContain("金融办");
    const mine = await h.get("/api/template?round=2022-03", await h.token("旗金融办"));
    expect(mine.status).toBe(200);
    const status = await (await h.get("/api/status?round=2022-03", h.coordinator)).json();
    expect(status.missingUnits).toContain("旗金融办");
  });
});

describe("once a task list is uploaded, the sample is never used again", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ embedded: true });
    // months past the default window (this month and the last): the coordinator opens them, as issue 23 asks
    for (const m of ["2023-01", "2023-04", "2023-05"]) await fetch(`${h.host.url}/api/rounds/${m}`, { method: "PUT", body: '{"open":true}', headers: { authorization: `Bearer ${h.coordinator}` } });
    expect((await asCoordinator(h, "PUT", "/api/roster", JSON.stringify(CITY.roster))).status).toBe(201);
    expect((await asCoordinator(h, "PUT", "/api/tasks?round=2023-04", (await buildTable(CITY)).bytes)).status).toBe(201);
  });
  afterAll(() => h?.close());

  it("a month before the first upload uses the earliest list, and says so", async () => {
    const list = await (await h.get("/api/tasks?round=2023-01", h.coordinator)).json();
    expect(list).toMatchObject({ source: "file", from: "2023-04", title: "2023年某某市政务公开工作任务分工表" });
    const status = await (await h.get("/api/status?round=2023-01", h.coordinator)).json();
    expect(status).toMatchObject({ tasksSource: "file" });
    expect(status.units.map((u: { unit: string }) => u.unit)).not.toContain("旗财政局");
    // and the file itself comes back for that month: the one uploaded for 2023-04
    const file = await h.get("/api/tasks?round=2023-01&format=xlsx", h.coordinator);
    expect(file.status).toBe(200);
    expect(decodeURIComponent(file.headers.get("content-disposition") ?? "")).toContain("任务分解表-2023-04.xlsx");
  });

  it("a unit's report for that month is judged against the city's table, not the sample's", async () => {
    const r = await h.submit(await h.token(COUNTY_GOV), await cityCopyWithoutContacts(COUNTY_GOV, COUNTY_PROGRESS), "2023-01");
    expect(r.json.summary).toMatchObject({ rows: 8, responsibleRows: 4 });
    expect((r.json.findings ?? []).filter((f: { code: string }) => f.code === "task.missing")).toEqual([]);
    const ledger = await (await h.get("/api/ledger?round=2023-01", h.coordinator)).json();
    expect(ledger.tasks.map((t: { measure: string }) => t.measure)).toEqual(CITY.rows.map((row) => row[2]));
  });

  it("a later list is used from its month on; the months before the first keep the earliest", async () => {
    expect((await asCoordinator(h, "PUT", "/api/tasks?round=2023-07", (await buildTable(COUNTY)).bytes)).status).toBe(201);
    expect(await (await h.get("/api/tasks?round=2023-02", h.coordinator)).json()).toMatchObject({ from: "2023-04" });
    expect(await (await h.get("/api/tasks?round=2023-08", h.coordinator)).json()).toMatchObject({ from: "2023-07" });
  });
});

describe("the 联络人 rules, only where the coordinator's table asks for a contact sheet", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ embedded: true });
    // months past the default window (this month and the last): the coordinator opens them, as issue 23 asks
    for (const m of ["2023-01", "2023-04", "2023-05"]) await fetch(`${h.host.url}/api/rounds/${m}`, { method: "PUT", body: '{"open":true}', headers: { authorization: `Bearer ${h.coordinator}` } });
    expect((await asCoordinator(h, "PUT", "/api/roster", JSON.stringify(CITY.roster))).status).toBe(201);
  });
  afterAll(() => h?.close());

  it("a table without a contact sheet: a copy without one is accepted, with no contact finding", async () => {
    expect((await asCoordinator(h, "PUT", "/api/tasks?round=2023-04", (await buildTable(CITY)).bytes)).status).toBe(201);
    expect(await (await h.get("/api/tasks?round=2023-04", h.coordinator)).json()).toMatchObject({ contactSheet: false });
    const r = await h.submit(await h.token(COUNTY_GOV), await cityCopyWithoutContacts(COUNTY_GOV, COUNTY_PROGRESS), "2023-04");
    expect(r.status).toBe(201);
    expect(contactCodes(r.json.findings)).toEqual([]);
    // and the template the units download asks for none
    const template = new ExcelJS.Workbook();
    await template.xlsx.load(Buffer.from(await (await h.get("/api/template?round=2023-04", await h.token(COUNTY_GOV))).arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(template.worksheets.map((s) => s.name)).not.toContain("联络人");
  });

  it("the coordinator's setting (GONGKAI_CONTACT_SHEET=1) asks for one all the same", async () => {
    h.services.settings.contactSheet = true;
    try {
      const r = await h.submit(await h.token("市统计局"), await cityCopyWithoutContacts("市统计局", { 1: "已公开", 7: "已发布" }), "2023-04");
      expect(r.status).toBe(422);
      expect(contactCodes(r.json.findings)).toEqual(["contact.missing-sheet"]);
    } finally {
      h.services.settings.contactSheet = undefined;
    }
  });

  it("a table with a contact sheet: the rules apply (a copy without one is refused when submitted)", async () => {
    expect((await asCoordinator(h, "PUT", "/api/tasks?round=2023-05", await cityTableWithContactSheet())).status).toBe(201);
    expect(await (await h.get("/api/tasks?round=2023-05", h.coordinator)).json()).toMatchObject({ contactSheet: true });
    const r = await h.submit(await h.token(COUNTY_GOV), await cityCopyWithoutContacts(COUNTY_GOV, COUNTY_PROGRESS), "2023-05");
    expect(r.status).toBe(422);
    expect(r.json.findings.filter((f: { code: string }) => f.code === "contact.missing-sheet")).toMatchObject([{ severity: "error" }]);
    // a copy with its contacts filled in is accepted
    const withContacts = (await buildTable(CITY, { unitLine: `填报单位：${COUNTY_GOV}`, progress: COUNTY_PROGRESS })).bytes;
    const ok = await h.submit(await h.token(COUNTY_GOV), withContacts, "2023-05");
    expect(ok.status).toBe(201);
    expect(contactCodes(ok.json.findings)).toEqual([]);
  });
});
