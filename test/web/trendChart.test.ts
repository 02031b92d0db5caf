/**
 * The dashboard's twelve-month trend in Debian's chromium against the real local service, a city's own table and
 * roster: month labels that never touch at a phone's 360 px or a desktop's 1280 px (measured as drawn), months
 * without a table counted left empty — no dot, no bar, the line broken over them, shaded and marked 无数据 — and said
 * so in the chart's sentence and its table.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../fixtures/axe.js";
import { ARTIFACTS, openDashboard, startBrowserSite, type BrowserSite } from "../fixtures/browserSite.js";
import { CITY, buildTable } from "../fixtures/otherTables.js";

let b: BrowserSite;
/** The month shown: its twelve months run from 2022-08, the first ten before any table came. */
const ROUND = "2023-07";
/** A month shown whose trend has a month inside it with no table counted (the only file of that month refused). */
const GAP_ROUND = "2021-06";

const copy = async (unit: string, progress: Record<number, string>) => (await buildTable(CITY, { unitLine: `填报单位：${unit}`, progress })).bytes;

beforeAll(async () => {
  // 10 July 2023 in 北京; axe is injected into the page, past its Content-Security-Policy
  b = await startBrowserSite("/", { bypassCSP: true, harness: { clock: "2023-07-10T02:00:00.000Z" } });
  const send = (path: string, method: "PUT" | "POST", body: Uint8Array | string) =>
    fetch(`${b.h.host.url}${path}`, { method, body: typeof body === "string" ? body : new Uint8Array(body), headers: { authorization: `Bearer ${b.h.coordinator}` } });
  expect((await send(`/api/tasks?round=${ROUND}`, "PUT", (await buildTable(CITY)).bytes)).status).toBe(201);
  expect((await send("/api/roster", "PUT", JSON.stringify(CITY.roster))).status).toBe(201);
  const submit = async (unit: string, round: string, progress: Record<number, string>, status: number) => {
    const r = await b.h.submit(await b.h.token(unit), await copy(unit, progress), round);
    expect(r.status, `${unit} ${round}: ${JSON.stringify(r.json.reasons ?? r.json.message)}`).toBe(status);
  };
  // June's table of the statistics bureau (counted again in July), July's of the county
  await submit("市统计局", "2023-06", { 0: "已完成", 1: "已公开第二季度数据", 2: "已完成", 7: "已完成" }, 201);
  await submit("某某县人民政府", ROUND, { 1: "已公开第二季度经济运行数据", 4: "已完成", 5: "正在筹备开放日活动", 7: "已发布2022年度报告" }, 201);
  // years earlier, in months the coordinator opened: the district's November table, then its February file refused —
  // February counts no table (被退回 is not counted on the earlier one), the months around it count November's
  for (const r of ["2020-11", "2021-02"]) expect((await send(`/api/rounds/${r}`, "PUT", '{"open":true}')).status).toBe(200);
  await submit("某某区人民政府", "2020-11", { 1: "已公开", 4: "已完成", 5: "已完成", 7: "已完成" }, 201);
  await submit("某某区人民政府", "2021-02", {}, 422);
}, 120_000);
afterAll(() => b?.close());

interface Box {
  text: string;
  cls: string;
  month: string | null;
  left: number;
  right: number;
  top: number;
  bottom: number;
}
/** Every word of the trend chart as drawn: its box on the page. */
const trendTexts = (page: Page): Promise<Box[]> =>
  page.$$eval("#chart-trend svg text", (ts) =>
    ts.map((t) => {
      const r = t.getBoundingClientRect();
      return { text: t.textContent ?? "", cls: t.getAttribute("class") ?? "", month: t.getAttribute("data-month"), left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }),
  );
const overlap = (a: Box, c: Box) => a.left < c.right && c.left < a.right && a.top < c.bottom && c.top < a.bottom;
/** The months that have a dot or a bar. */
const marked = async (page: Page, shape: "circle" | "rect") => (await page.$$eval(`#chart-trend svg ${shape}[data-month]`, (es) => es.map((e) => e.getAttribute("data-month")!))).sort();

describe("the twelve-month trend", () => {
  for (const width of [360, 1280]) {
    it(`at ${width} px: no two words touch, the month shown is labelled, the ten months before any table are empty and said so`, async () => {
      const page = await openDashboard(b, { width, round: ROUND });
      await page.locator("#chart-trend").screenshot({ path: join(ARTIFACTS, `trend-${width}.png`) });
      const texts = await trendTexts(page);
      const svg = (await page.locator("#chart-trend svg").boundingBox())!;
      // on a phone the year's row comes out of the plot: the chart no taller than twelve lines of text, as before
      if (width === 360) expect(svg.height).toBeLessThanOrEqual(12 * 14);
      for (const [i, a] of texts.entries()) {
        expect(a.left, `${a.text} inside the chart`).toBeGreaterThanOrEqual(svg.x - 0.5);
        expect(a.right, `${a.text} inside the chart`).toBeLessThanOrEqual(svg.x + svg.width + 0.5);
        for (const c of texts.slice(i + 1)) expect(overlap(a, c), `“${a.text}” and “${c.text}” overlap at ${width} px`).toBe(false);
      }
      const months = texts.filter((t) => t.cls === "month");
      expect(months.at(-1)).toMatchObject({ text: "7月", month: ROUND });
      // every month where there is room; at 360 px every second or third, the year under the first and under 1月
      if (width === 1280) expect(months.map((m) => m.text)).toEqual(["8月", "9月", "10月", "11月", "12月", "1月", "2月", "3月", "4月", "5月", "6月", "7月"]);
      else expect(months.length).toBeGreaterThanOrEqual(4);
      expect(texts.filter((t) => t.cls === "year").map((t) => t.text)).toEqual(width === 1280 ? ["2022年", "2023年"] : expect.arrayContaining(["2023年"]));

      // June and July have a dot and a bar; the ten months before have none, and no value in the line
      expect(await marked(page, "circle")).toEqual(["2023-06", "2023-07"]);
      expect(await marked(page, "rect")).toEqual(["2023-06", "2023-07"]);
      const rates = (await page.getAttribute("#chart-trend polyline", "data-rates"))!.split(",");
      expect(rates.slice(0, 10)).toEqual(Array(10).fill(""));
      for (const r of rates.slice(10)) expect(Number(r)).toBeGreaterThan(0);
      expect(await page.getAttribute("#chart-trend polyline", "stroke-dasharray")).toBeNull();
      // said in the sentence, the table and under the chart
      const said = (await page.getAttribute("#chart-trend svg", "aria-label"))!;
      expect(said).toMatch(/^近12个月（2022年8月至2023年7月）各月平均完成或按期推进率（下称完成率，折线）与逾期事项（柱）：2022年8月至2023年5月没有计入的报表，图中标为无数据；2023年6月完成率\d/);
      expect(said).not.toMatch(/2022年\d+月完成率0%/);
      const rows = await page.$$eval("#chart-trend table tbody tr", (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
      expect(rows).toHaveLength(12);
      expect(rows[0]).toEqual(["2022年8月", "无数据（没有计入的报表）", "—"]);
      expect(rows[11]![0]).toBe("2023年7月");
      expect(rows[11]![1]).toMatch(/^\d+(\.\d)?%$/);
      // the ten months shaded and marked in words, in the plot: no height added to the page
      expect(await page.locator("#chart-trend svg rect.no-data").count()).toBe(1);
      expect(texts.filter((t) => t.cls === "no-data").map((t) => t.text)).toEqual(["无数据"]);
      const found = await axeViolations(page);
      expect(found, describeViolations(found)).toEqual([]);
      await page.close();
    }, 120_000);
  }

  it("a month inside the trend with no table counted: no dot, no bar, and the line not drawn across it", async () => {
    const page = await openDashboard(b, { width: 1280, round: GAP_ROUND });
    await page.locator("#chart-trend").screenshot({ path: join(ARTIFACTS, "trend-gap-1280.png") });
    const rates = (await page.getAttribute("#chart-trend polyline", "data-rates"))!.split(",");
    // 2020-07…10 before any table, November to January on November's, February's file refused, March on November's again
    expect(rates.map((r) => (r === "" ? "-" : "x")).join("")).toBe("----xxx-xxxx");
    expect(await marked(page, "circle")).toEqual(["2020-11", "2020-12", "2021-01", "2021-03", "2021-04", "2021-05", "2021-06"]);
    expect(await marked(page, "rect")).toEqual(["2020-11", "2020-12", "2021-01", "2021-03", "2021-04", "2021-05", "2021-06"]);
    expect(await page.locator("#chart-trend svg rect.no-data").count()).toBe(2);
    expect(await page.$$eval("#chart-trend svg text.no-data", (ts) => ts.map((t) => t.textContent))).toEqual(["无数据", "无数据"]);
    expect(await page.getAttribute("#chart-trend svg", "aria-label")).toContain("2021年1月完成率");
    expect(await page.getAttribute("#chart-trend svg", "aria-label")).toContain("；2021年2月没有计入的报表，图中标为无数据；");

    // the chart drawn as the browser draws it: the line's green is found between two months with data, never
    // over February (between January's and March's dots)
    const greenIn = await page.evaluate(async () => {
      const svg = document.querySelector("#chart-trend svg")!.cloneNode(true) as SVGSVGElement;
      const [, , w, h] = svg.getAttribute("viewBox")!.split(" ").map(Number) as [number, number, number, number];
      svg.setAttribute("width", String(w));
      svg.setAttribute("height", String(h));
      const img = new Image();
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
      await img.decode();
      const canvas = Object.assign(document.createElement("canvas"), { width: w, height: h });
      const ctx = canvas.getContext("2d")!;
      ctx.drawImage(img, 0, 0);
      const dot = (m: string) => Number(svg.querySelector(`circle[data-month="${m}"]`)!.getAttribute("cx"));
      const r = Number(svg.querySelector("circle")!.getAttribute("r"));
      /** Pixels of the line's green in the columns strictly between two dots (their own discs left out). */
      const between = (a: string, c: string) => {
        const from = Math.ceil(dot(a) + r + 1);
        const data = ctx.getImageData(from, 0, Math.floor(dot(c) - r - 1) - from, h).data;
        let n = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i + 1]! > 90 && data[i]! < 80 && data[i + 2]! < 80) n++;
        return n;
      };
      return { decemberToJanuary: between("2020-12", "2021-01"), januaryToMarch: between("2021-01", "2021-03"), marchToApril: between("2021-03", "2021-04") };
    });
    expect(greenIn.decemberToJanuary).toBeGreaterThan(10);
    expect(greenIn.marchToApril).toBeGreaterThan(10);
    expect(greenIn.januaryToMarch).toBe(0);

    // the unit's own sparkline has the same gaps (months without a table counted are no 0 %), and says its months
    const spark = page.locator('tr[data-unit="某某区人民政府"] td.spark');
    const own = (await spark.locator("polyline").getAttribute("data-rates"))!.split(",");
    expect(own.map((r) => (r === "" ? "-" : "x")).join("")).toBe("----xxx-xxxx");
    expect(await spark.locator("polyline").getAttribute("stroke-dasharray")).not.toBeNull();
    expect(await spark.locator("rect").count()).toBe(7);
    const title = (await spark.getAttribute("title"))!;
    expect(title).toContain("1月");
    expect(title).not.toMatch(/(^|，)2月/);
    expect(await spark.locator("svg").getAttribute("aria-label")).toBe(title);
    await page.close();
  }, 120_000);
});
