import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import azureFunctions from "@azure/functions";
import { handler } from "../../functions/http.js";
import { submitHandler } from "../../functions/handlers/submit.js";
import { ingest } from "../../functions/ingest.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { docxFile, legacyXls, truncated } from "../fixtures/badFiles.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";
import { startHarness, type Harness } from "./harness.js";

const { HttpRequest, InvocationContext } = azureFunctions;

let h: Harness;
let finance: string;
beforeAll(async () => {
  h = await startHarness();
  // months past the default window (this month and the last): the coordinator opens them, as issue 23 asks
  for (const m of ["2022-05", "2022-06", "2022-08", "2022-10"]) await fetch(`${h.host.url}/api/rounds/${m}`, { method: "PUT", body: '{"open":true}', headers: { authorization: `Bearer ${h.coordinator}` } });
  finance = await h.token("旗财政局");
});
afterAll(() => h?.close());

const copy = async (unit: string, filled = allDone(FINANCE_TASKS)) => (await buildCopy({ unit, rows: CLEAN_ROWS, filled })).bytes;

describe("submit → status → ledger", () => {
  let firstId: string;
  let firstBytes: Buffer;

  it("accepts a clean copy: 201 with the submission and its summary", async () => {
    firstBytes = await copy("旗财政局", { ...allDone(FINANCE_TASKS), 统计信息: { progress: "正在整理", status: "推进中" } });
    const r = await h.submit(finance, firstBytes);
    expect(r.status).toBe(201);
    expect(r.json.submission).toMatchObject({ unit: "旗财政局", round: "2022-03", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(r.json.summary).toMatchObject({ errors: 0, responsibleRows: 21, completed: 20 });
    firstId = r.json.submission.id;
  });

  it("the same bytes again: 200 with the same id", async () => {
    const r = await h.submit(finance, firstBytes);
    expect(r.status).toBe(200);
    expect(r.json.submission.id).toBe(firstId);
    expect(r.json.duplicate).toBe(true);
  });

  it("status shows who has submitted, when, and who is missing", async () => {
    const r = await h.get("/api/status?round=2022-03", h.coordinator);
    expect(r.status).toBe(200);
    const s = await r.json();
    expect(s).toMatchObject({ round: "2022-03", submitted: 1, expected: 18 });
    expect(s.units.find((u: { unit: string }) => u.unit === "旗财政局")).toMatchObject({ submitted: true, latestId: firstId, errors: 0, attempts: 1 });
    expect(s.missingUnits).toHaveLength(17);
  });

  it("the ledger, as JSON (CONTRACT §6) and as a workbook", async () => {
    const j = await (await h.get("/api/ledger?round=2022-03&format=json", h.coordinator)).json();
    expect(Object.keys(j)).toEqual(expect.arrayContaining(["round", "units", "missingUnits", "tasks"]));
    expect(j.units.find((u: { unit: string }) => u.unit === "旗财政局")).toMatchObject({ submitted: true, responsible: 21, completed: 8, onTrack: 13, inProgress: 0, completionRate: 1, submissionId: firstId });
    const x = await h.get("/api/ledger?round=2022-03&format=xlsx", h.coordinator);
    expect(x.status).toBe(200);
    expect(x.headers.get("content-disposition")).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总", "台账", "明细", "逾期事项", "未报送单位", "临期提醒", "验收销号"]);
    const row = wb.getWorksheet("汇总")!.getRows(3, 18)!.find((r) => r.getCell(2).value === "旗财政局")!;
    expect(row.getCell(6).value).toBe(8); // 已完成: the 13 tasks with a cadence are 按期推进, never 已完成
  });

  it("a resubmission replaces the unit's entry; the old file stays retrievable, byte for byte", async () => {
    const second = await copy("旗财政局");
    const r = await h.submit(finance, second);
    expect(r.status).toBe(201);
    expect(r.json.submission.id).not.toBe(firstId);
    const j = await (await h.get("/api/ledger?round=2022-03", h.coordinator)).json();
    expect(j.units.find((u: { unit: string }) => u.unit === "旗财政局")).toMatchObject({ completed: 8, onTrack: 13, completionRate: 1, submissionId: r.json.submission.id });
    const old = await h.get(`/api/submissions/${firstId}/file`, h.coordinator);
    expect(old.status).toBe(200);
    expect(Buffer.from(await old.arrayBuffer()).equals(firstBytes)).toBe(true);
    expect(old.headers.get("x-gongkai-sha256")).toBe(createHash("sha256").update(firstBytes).digest("hex"));
  });

  it("rounds are separate", async () => {
    const s = await (await h.get("/api/status?round=2022-04", h.coordinator)).json();
    expect(s.submitted).toBe(0);
  });
});

describe("refusals", () => {
  it("401 without a token, or with a wrong one", async () => {
    const none = await fetch(`${h.host.url}/api/submissions`, { method: "POST", body: new Uint8Array(await copy("旗财政局")) });
    expect(none.status).toBe(401);
    expect((await none.json()).message).toMatch(/缺少令牌/);
    const bad = await h.submit("gk_0123456789abcdef_" + "A".repeat(43), await copy("旗财政局"));
    expect(bad.status).toBe(401);
    expect((await h.get("/api/status", "nonsense")).status).toBe(401);
  });

  it("403: a unit submitting another unit's table; a unit reading status; the coordinator submitting", async () => {
    const other = await h.submit(finance, await copy("旗统计局"));
    expect(other.status).toBe(403);
    expect(other.json.message).toMatch(/旗统计局.*旗财政局/);
    expect((await h.get("/api/status", finance)).status).toBe(403);
    expect((await h.get("/api/ledger", finance)).status).toBe(403);
    expect((await h.submit(h.coordinator, await copy("旗财政局"))).status).toBe(403);
    // The refused file is kept, listed apart as refused (who sent it, whose table it is), never as a version of the uploader's.
    const status = await (await h.get(`/api/status?round=${other.json.submission.round}`, h.coordinator)).json();
    expect(status.refused).toContainEqual(expect.objectContaining({ id: other.json.submission.id, uploader: "旗财政局", reason: expect.stringContaining("旗统计局") }));
    const uploader = status.units.find((u: { unit: string }) => u.unit === "旗财政局");
    expect(uploader.history.map((v: { id: string }) => v.id)).not.toContain(other.json.submission.id);
    const file = await h.get(`/api/submissions/${other.json.submission.id}/file`, h.coordinator);
    expect(decodeURIComponent(file.headers.get("content-disposition")!)).toContain("拒收-旗财政局上传-");
  });

  it("413 over the size limit, before the body is read in full", async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    const r = await h.submit(finance, big);
    expect(r.status).toBe(413);
    expect(r.json.message).toMatch(/10 MB/);
  });

  it.each([
    ["a Word document", docxFile, 415, /Word/],
    ["an old .xls", legacyXls, 415, /97-2003/],
    ["an empty body", () => Buffer.alloc(0), 400, /没有文件/],
  ])("%s → %i", async (_n, make, status, message) => {
    const r = await h.submit(finance, make());
    expect(r.status).toBe(status);
    expect(r.json.message).toMatch(message);
  });

  it("400 for a truncated file, and for a bad round", async () => {
    const r = await h.submit(finance, truncated(await copy("旗财政局")));
    expect(r.status).toBe(400);
    expect(r.json.message).toMatch(/不完整/);
    const bad = await h.submit(finance, await copy("旗财政局"), "2022-13");
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/YYYY-MM/);
  });

  it("422 with the findings when the table has errors; the file is archived all the same", async () => {
    const faulty = await copy("旗财政局", { 财政资金: { progress: "已公开", status: "已完成" } });
    const r = await h.submit(finance, faulty, "2022-05");
    expect(r.status).toBe(422);
    expect(r.json.error).toBe("validation");
    expect(r.json.findings.some((f: { code: string; cell: string }) => f.code === "progress.missing")).toBe(true);
    const kept = await h.get(`/api/submissions/${r.json.submission.id}/file`, h.coordinator);
    expect(kept.status).toBe(200);
    expect(kept.headers.get("x-gongkai-outcome")).toBe("rejected");
    expect(Buffer.from(await kept.arrayBuffer()).equals(faulty)).toBe(true);
    const s = await (await h.get("/api/status?round=2022-05", h.coordinator)).json();
    // a unit whose table was sent back shows its real counts, not 错误 0
    const errors = r.json.summary.errors;
    expect(errors).toBeGreaterThan(0);
    expect(s.units.find((u: { unit: string }) => u.unit === "旗财政局")).toMatchObject({ submitted: false, attempts: 1, errors, warnings: r.json.summary.warnings, lastAttempt: { outcome: "rejected", errors } });
    // ...and why, as the 422 said it: the first three errors with their cells, not a count
    const why = s.units.find((u: { unit: string }) => u.unit === "旗财政局").lastAttempt.reasons;
    expect(why).toEqual(r.json.reasons);
    expect(why[0]).toMatch(/^[A-Z]+\d+：/);
  });

  it("checks against the server's roster: a submitted file cannot bring its own 单位名册", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await copy("旗财政局")) as unknown as ExcelJS.Buffer);
    const roster = wb.addWorksheet("单位名册");
    roster.addRow(["单位名称", "所属分组", "别名"]);
    roster.addRow(["旗财政局", "", ""]); // in no group: would answer for one row only
    const r = await h.submit(finance, Buffer.from(await wb.xlsx.writeBuffer()), "2022-08");
    expect(r.status).toBe(201);
    expect(r.json.summary.responsibleRows).toBe(21);
  });

  it("bounds what a received file may inflate to (GONGKAI_MAX_INFLATED_MB), and still keeps the file", async () => {
    const tight = { ...h.services, settings: { ...h.services.settings, maxInflatedBytes: 20_000 } };
    const bytes = await copy("旗财政局");
    const r = await ingest(tight, "旗财政局", "2022-09", bytes);
    expect(r.submission.outcome).toBe("unreadable");
    expect(r.unreadable).toBe("zip-bomb");
    expect(Buffer.from((await h.services.store.readFile("2022-09", r.submission.id))!).equals(bytes)).toBe(true);
  });

  it("404 for a file that does not exist", async () => {
    expect((await h.get("/api/submissions/2022-03-000000000000000000000000/file", h.coordinator)).status).toBe(404);
    expect((await h.get("/api/submissions/../../etc/file", h.coordinator)).status).toBe(404);
  });
});

describe("the handler, called as Azure Functions calls it", () => {
  it("takes an HttpRequest and answers with the same contract", async () => {
    const run = handler(submitHandler, async () => h.services);
    const request = new HttpRequest({
      method: "POST",
      url: "http://localhost/api/submissions?round=2022-06",
      headers: { authorization: `Bearer ${finance}` },
      query: { round: "2022-06" },
      body: { bytes: await copy("旗财政局") },
    });
    const res = await run(request, new InvocationContext({ functionName: "submit" }));
    expect(res.status).toBe(201);
    expect(((res as { jsonBody?: { submission: { round: string } } }).jsonBody)?.submission.round).toBe("2022-06");
  });
});

describe("health", () => {
  it("says storage is reachable", async () => {
    const r = await h.get("/api/health");
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: "ok", storage: "reachable" });
  });
});

describe("big inputs", () => {
  it("a table too large for one index entry is taken whole all the same: its report is kept apart", async () => {
    // the official table sixty times over, every row filled in (its report alone is over what an entry holds)
    const rows = Array.from({ length: 60 }, () => CLEAN_ROWS).flat();
    const bytes = (await buildCopy({ unit: "旗财政局", rows, filled: allDone(FINANCE_TASKS) })).bytes;
    const r = await h.submit(finance, bytes, "2022-10");
    expect([200, 201]).toContain(r.status);
    const ledger = await h.get("/api/ledger?round=2022-10&format=json", h.coordinator);
    expect(ledger.status).toBe(200);
    expect((await ledger.json()).units.find((u: { unit: string }) => u.unit === "旗财政局").reportState).toBe("已报送");
  }, 60_000);
});
