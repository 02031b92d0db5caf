/**
 * The dashboard of a province's roll-up in Debian's chromium against the real local service: a roster of 350 units.
 * The board is drawn (and painted) with the units table's first rows; the rest follow a chunk at a time while the
 * table says it is still filling (aria-busy), until every unit of the roster has its row, in the roster's order.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDashboard, startBrowserSite, type BrowserSite } from "../fixtures/browserSite.js";
import { CITY, buildTable } from "../fixtures/otherTables.js";

const UNITS = Array.from({ length: 350 }, (_, i) => `某某省第${String(i + 1).padStart(3, "0")}县人民政府`);

let b: BrowserSite;
beforeAll(async () => {
  b = await startBrowserSite("/", { harness: { clock: "2022-03-10T02:00:00.000Z" } });
  // the city's table, whose 各县（市、区）政府 are the 350 counties of this roster (each answers for that task)
  const send = (path: string, body: Uint8Array | string) => fetch(`${b.h.host.url}${path}`, { method: "PUT", body: typeof body === "string" ? body : new Uint8Array(body), headers: { authorization: `Bearer ${b.h.coordinator}` } });
  const roster = { units: [...CITY.roster!.units, ...UNITS.map((name) => ({ name, groups: ["各县（市、区）政府"], aliases: [] }))], groups: CITY.roster!.groups };
  expect((await send("/api/roster", JSON.stringify(roster))).status).toBe(201);
  expect((await send("/api/tasks?round=2022-03", (await buildTable(CITY)).bytes)).status).toBe(201);
}, 120_000);
afterAll(() => b?.close());

it("350 units: every unit gets its row, in the roster's order, and the table is no longer busy once they are all there", async () => {
  const page = await b.page({ width: 1300 });
  // the rows there when the board says it is updated (written last by a drawing, before the page is painted)
  await page.addInitScript(() => {
    const w = window as unknown as { rowsAtUpdate: number[] };
    w.rowsAtUpdate = [];
    document.addEventListener("DOMContentLoaded", () => {
      new MutationObserver(() => w.rowsAtUpdate.push(document.querySelectorAll("#units tbody tr").length)).observe(document.getElementById("updated")!, { childList: true, characterData: true, subtree: true });
    });
  });
  await openDashboard(b, { width: 1300 }, page);
  await page.waitForFunction(() => !document.getElementById("units")!.hasAttribute("aria-busy"), undefined, { timeout: 30_000 });
  const rows = await page.$$eval("#units tbody tr", (trs) => trs.map((tr) => (tr as HTMLElement).dataset.unit));
  expect(rows.filter((u) => u?.startsWith("某某省"))).toEqual(UNITS);
  expect(new Set(rows).size).toBe(rows.length);
  // painted first with 100 rows, not all 359: the rest came after
  expect(await page.evaluate(() => (window as unknown as { rowsAtUpdate: number[] }).rowsAtUpdate[0])).toBe(100);
  // drawn again (刷新): the rows are those of the new drawing, none twice
  await page.click("#refresh");
  await page.waitForSelector("#loading", { state: "hidden" });
  await page.waitForFunction(() => !document.getElementById("units")!.hasAttribute("aria-busy"), undefined, { timeout: 30_000 });
  expect(await page.locator("#units tbody tr").count()).toBe(rows.length);
  await page.close();
}, 120_000);
