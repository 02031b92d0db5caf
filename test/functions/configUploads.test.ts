/**
 * Configuration uploads are read off the request loop, in the bounded parse workers: while a large roster or task
 * list is read, health and submissions are answered; a roster over its bound is refused in words, nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { CITY, buildTable } from "../fixtures/otherTables.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ embedded: true });
});
afterAll(() => h?.close());

const put = async (path: string, body: Uint8Array | string) => {
  const r = await fetch(`${h.host.url}${path}`, { method: "PUT", body: typeof body === "string" ? body : new Uint8Array(body), headers: { authorization: `Bearer ${h.coordinator}` } });
  return { status: r.status, json: await r.json() };
};

/** Health asked every 100 ms while `work` runs: the gaps between its answers (a frozen loop shows as a long gap). */
async function healthGaps<T>(work: Promise<T>): Promise<{ gaps: number[]; value: T }> {
  let done = false;
  const value = work.finally(() => (done = true));
  const gaps: number[] = [];
  let last = performance.now();
  while (!done) {
    expect((await h.get("/api/health")).status).toBe(200);
    gaps.push(performance.now() - last);
    last = performance.now();
    await new Promise((r) => setTimeout(r, 100));
  }
  return { gaps, value: await value };
}

describe("configuration uploads off the request loop", () => {
  const units = Array.from({ length: 19_500 }, (_, i) => ({ name: `某某县第${i + 1}单位`, groups: ["县直各单位"], aliases: [`第${i + 1}单位`] }));

  it("a roster of 19,500 units as JSON: refused in words (over its bound), nothing stored, health answered meanwhile", async () => {
    const { gaps, value } = await healthGaps(put("/api/roster", JSON.stringify({ units, groups: [{ name: "县直各单位" }] })));
    expect(value.status).toBe(413);
    expect(value.json.message).toMatch(/单位名册有 19500 个单位，超过 \d+ 个的上限，未保存/);
    expect(await h.services.store.configVersions("roster")).toEqual([]);
    expect(Math.max(...gaps)).toBeLessThan(1_000);
  }, 60_000);

  it("a roster of 19,500 rows as a workbook: read in a worker, refused in words, nothing stored, health answered meanwhile", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("单位名册");
    ws.addRow(["单位名称", "所属分组", "别名"]);
    for (const u of units) ws.addRow([u.name, u.groups[0], u.aliases[0]]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const t0 = performance.now();
    const { gaps, value } = await healthGaps(put("/api/roster", bytes));
    console.log(`19,500-row roster workbook: ${Math.round(performance.now() - t0)} ms, health gaps up to ${Math.round(Math.max(...gaps))} ms`);
    expect(value.status).toBe(413);
    expect(value.json.message).toMatch(/单位名册有 19500 个单位，超过 \d+ 个的上限，未保存/);
    expect(await h.services.store.configVersions("roster")).toEqual([]);
    expect(Math.max(...gaps)).toBeLessThan(1_000);
  }, 60_000);

  it("a task list of 4,900 rows is read in a worker: health answered meanwhile, the list stored", async () => {
    // long measures, as some lists have (a paragraph of policy text per row)
    const measure = "市政府出台的重要政策文件，同步发布解读材料，通过政府网站、政务新媒体等渠道及时更新专栏，做好政策咨询答复工作。".repeat(4);
    const rows = Array.from({ length: 4_900 }, (_, i) => [String(i + 1), i % 10 === 0 ? `${i / 10 + 1}、加强政策解读` : null, `第${i + 1}项：${measure}`, "市政府办公室", "市直各部门、各县（市、区）政府", "2023年底前", "", `备注${i + 1}：${measure.slice(0, 60)}`]);
    const { bytes } = await buildTable({ ...CITY, rows });
    const t0 = performance.now();
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const { gaps, value } = await healthGaps(put("/api/tasks?round=2022-03", bytes));
    delay.disable();
    const held = delay.max / 1e6;
    console.log(`4,900-row task list: ${Math.round(performance.now() - t0)} ms, health gaps up to ${Math.round(Math.max(...gaps))} ms, request loop held up to ${Math.round(held)} ms`);
    expect(value.status).toBe(201);
    expect(value.json.tasks).toBe(4_900);
    expect(Math.max(...gaps)).toBeLessThan(1_000);
    // the list is read elsewhere: the loop is never held for the reading (measured: 0.1–0.25 s here, on a shared
    // machine, for answering and encoding; 0.45–0.75 s when the list was read on it)
    expect(held).toBeLessThan(400);
  }, 120_000);
});
