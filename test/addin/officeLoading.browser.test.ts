/**
 * Issue 24, items 3 and 4: how the pages that run in Excel get Office.js, and what an Excel or a webview too old
 * for the pane is told. The built pages under their real Content-Security-Policy (staticFiles), in Debian's
 * chromium; the test harness (test/addin/browser/harness.ts, Office.js stood in for over the fake Excel) is
 * served as the Office.js the page loads — from Microsoft's CDN or from the copy shipped beside the pages.
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { chromium, type Browser, type Page, type Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_CAPABILITIES } from "../../addin/capabilities.js";
import { staticFiles } from "../../functions/dev/staticFiles.js";
import { buildAddin } from "../../scripts/buildAddin.js";
import { readWorkbook } from "../../workbook/index.js";
import { CHROMIUM } from "../fixtures/browserSite.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";

const CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const root = join(import.meta.dirname, "../..");

let server: Server;
let url: string;
let browser: Browser;
let harness: string;
let config: unknown;
const hanging: Route[] = [];

beforeAll(async () => {
  const out = await buildAddin({ outDir: join(await mkdtemp(join(tmpdir(), "gongkai-office-")), "addin") });
  const serve = staticFiles("/", out);
  server = createServer((req, res) => void serve(req, res).then((done) => done || res.writeHead(404).end()));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  harness = (await build({ entryPoints: [join(import.meta.dirname, "browser/harness.ts")], bundle: true, write: false, format: "iife", target: "es2020" })).outputFiles[0]!.text;
  const bytes = (await buildCopy({ rows: CLEAN_ROWS, filled: { ...allDone(FINANCE_TASKS), 统计信息: {} } })).bytes;
  config = { snapshot: await readWorkbook(bytes), xlsx: bytes.toString("base64"), caps: ALL_CAPABILITIES };
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
}, 120_000);

afterAll(async () => {
  for (const r of hanging) await r.abort().catch(() => {});
  await browser?.close();
  server?.close();
});

type Answer = "hangs" | "office.js" | "refused" | "no such host" | "probe only";

interface Opened {
  page: Page;
  /** Requests for Office.js, in order: "cdn" (the probe and the script alike), "local". */
  asked: string[];
  started: number;
}

/**
 * Opens `path` with the CDN answering as told and the shipped copy (office/office.js) being the harness.
 * `office`: extra code run after the harness, inside the Office.js the page loads (an older Excel, say).
 */
async function open(path: string, o: { cdn: Answer; office?: string; userAgent?: string; init?: string; noFetch?: boolean }): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 380, height: 900 }, locale: "zh-CN", ...(o.userAgent ? { userAgent: o.userAgent } : {}) });
  const asked: string[] = [];
  const officeJs = `${harness}\n${o.office ?? ""}`;
  await page.route(`${CDN}*`, (r) => {
    asked.push("cdn");
    if (o.cdn === "hangs") return void hanging.push(r); // a firewall that drops the packets: no answer, ever
    if (o.cdn === "refused") return r.abort("connectionrefused");
    if (o.cdn === "no such host") return r.abort("namenotresolved"); // an intranet's DNS
    if (o.cdn === "probe only" && asked.length > 1) return r.abort("blockedbyclient"); // the probe answered, the script blocked
    return r.fulfill({ status: 200, contentType: "text/javascript", headers: { "access-control-allow-origin": "*" }, body: officeJs });
  });
  await page.route("**/office/office.js", (r) => {
    asked.push("local");
    return r.fulfill({ status: 200, contentType: "text/javascript", body: officeJs });
  });
  await page.addInitScript(
    ({ cfg, init, noFetch }) => {
      (window as unknown as Record<string, unknown>).__GONGKAI_TEST__ = cfg;
      if (noFetch) (window as unknown as Record<string, unknown>).fetch = undefined; // Internet Explorer 11
      if (init) new Function(init)();
    },
    { cfg: config, init: o.init ?? "", noFetch: o.noFetch ?? false },
  );
  const started = Date.now();
  void page.goto(`${url}${path}`, { timeout: 60_000 }).catch(() => {});
  return { page, asked, started };
}

/** Until the pane is mounted (its server field names the origin), in ms since the page was asked for. */
async function mounted(o: Opened): Promise<number> {
  await o.page.waitForFunction(() => (document.getElementById("server") as HTMLInputElement | null)?.placeholder.startsWith("留空即使用"), undefined, { timeout: 15_000 });
  return Date.now() - o.started;
}

describe("Office.js on an intranet where Microsoft's CDN cannot be reached", () => {
  it.each([
    ["fetch", false],
    ["XMLHttpRequest (no fetch, as in Internet Explorer 11)", true],
  ])("the CDN never answering: the pane loads the shipped copy and is usable within a few seconds (probe: %s)", async (_probe, noFetch) => {
    const o = await open("/taskpane.html?host=excel", { cdn: "hangs", noFetch });
    expect(await mounted(o)).toBeLessThan(5_000);
    expect(o.asked).toEqual(["cdn", "local"]); // the CDN's script itself was never added: no second Office.js later
    await o.page.click("#validate");
    await o.page.waitForFunction(() => document.querySelector("#message")?.textContent?.includes("错误"), undefined, { timeout: 15_000 });
    await o.page.close();
  });

  /** The page's script tags that name Microsoft's CDN: Office.js loads its own files from beside the first one. */
  const cdnTags = (page: Page) => page.$$eval("script", (ss) => ss.filter((s) => (s as HTMLScriptElement).src.includes("appsforoffice")).length);

  it.each([["refused" as const], ["no such host" as const]])("the CDN %s at once: the shipped copy, without waiting or asking for the CDN's script", async (cdn) => {
    const o = await open("/taskpane.html?host=excel", { cdn });
    expect(await mounted(o)).toBeLessThan(2_000);
    expect(o.asked).toEqual(["cdn", "local"]); // the probe, then the copy
    expect(await cdnTags(o.page)).toBe(0);
    await o.page.close();
  });

  it("the probe answered but the CDN's script failed: the shipped copy, and no tag of the failed one left in the page", async () => {
    const o = await open("/taskpane.html?host=excel", { cdn: "probe only" });
    await mounted(o);
    expect(o.asked).toEqual(["cdn", "cdn", "local"]);
    expect(await cdnTags(o.page)).toBe(0);
    await o.page.close();
  });

  it("the CDN reachable: its Office.js, and the shipped copy is never asked for", async () => {
    const o = await open("/taskpane.html?host=excel", { cdn: "office.js" });
    await mounted(o);
    expect(o.asked).toEqual(["cdn", "cdn"]);
    await o.page.close();
  });

  it("?office=local (what the build writes into the manifest for intranets): the shipped copy first, the CDN never asked", async () => {
    const o = await open("/taskpane.html?host=excel&office=local", { cdn: "hangs" });
    expect(await mounted(o)).toBeLessThan(2_000);
    expect(o.asked).toEqual(["local"]);
    await o.page.close();
  });

  it("the ribbon's function file (commands.html) and its dialog (notice.html) do not wait on the CDN either", async () => {
    const commands = await open("/commands.html?_host_Info=Excel$Win32$16.01$zh-CN", { cdn: "hangs" });
    await commands.page.waitForFunction(() => typeof (window as unknown as { validateFromRibbon?: unknown }).validateFromRibbon === "function", undefined, { timeout: 5_000 });
    expect(Date.now() - commands.started).toBeLessThan(5_000);
    expect(commands.asked).toEqual(["cdn", "local"]);
    await commands.page.close();
    const notice = await open(`/notice.html?m=${encodeURIComponent("校验完成，没有发现问题。")}`, { cdn: "hangs" });
    await notice.page.waitForFunction(() => document.getElementById("text")?.textContent === "校验完成，没有发现问题。", undefined, { timeout: 5_000 });
    await notice.page.waitForFunction(() => !!(window as unknown as { Office?: unknown }).Office, undefined, { timeout: 5_000 });
    await notice.page.close();
  });

  it("the three pages share one loader, the same file", async () => {
    for (const page of ["taskpane.html", "commands.html", "notice.html"]) {
      const html = await readFile(join(root, "addin", "pages", page), "utf8");
      expect(html, page).toContain('<script src="officeLoader.js"></script>');
      expect(html, page).not.toContain("appsforoffice.microsoft.com/lib");
    }
    expect(await readFile(join(root, "addin", "pages", "officeLoader.js"), "utf8")).toContain("w.gongkaiOffice = function (done)");
  });
});

describe("an Excel or a webview that cannot run the pane is told so, by name, with the browser page to use instead", () => {
  const disabled = (page: Page) => page.$$eval("button", (bs) => bs.every((b) => (b as HTMLButtonElement).disabled));

  it("ExcelApi below 1.8 (the manifest now lets every Excel load the add-in): a sentence, the browser page's address, no dead pane", async () => {
    const older = `Office.context.requirements.isSetSupported = function (set, v) { return set === "ExcelApi" && ["1.1","1.2","1.3","1.4","1.5","1.6","1.7"].indexOf(v) !== -1; };`;
    const o = await open("/taskpane.html?host=excel", { cdn: "office.js", office: older });
    await o.page.waitForSelector("#message:not([hidden])", { timeout: 5_000 });
    const text = await o.page.textContent("#message");
    expect(text).toContain("此版本的 Excel 不支持本加载项所需的功能（ExcelApi 1.8）");
    expect(text).toContain(`在浏览器（如 Microsoft Edge、Chrome）中打开 ${url}/taskpane.html，`);
    expect(await disabled(o.page)).toBe(true);
    expect(await o.page.evaluate(() => [...document.scripts].some((s) => s.src.endsWith("taskpane.js")))).toBe(false);
    await o.page.close();
  });

  // An engine without async functions or Unicode property escapes: the page's feature test fails as it does there.
  const oldEngine = `var F = window.Function; window.Function = function (body) { if (/p\\{L\\}/.test(String(body))) throw new SyntaxError("Syntax error"); return F.apply(this, arguments); };`;
  it.each([
    ["EdgeHTML (Office 2019 retail, Windows 10)", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; WebView/3.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045", "旧版 Microsoft Edge（EdgeHTML）", "Internet Explorer"],
    ["Internet Explorer 11 (Office 2016/2019 volume)", "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko", "Internet Explorer 11", "EdgeHTML"],
  ])("%s: named as what it is", async (_name, userAgent, named, notNamed) => {
    const o = await open("/taskpane.html?host=excel", { cdn: "office.js", userAgent, init: oldEngine });
    await o.page.waitForSelector("#message:not([hidden])", { timeout: 5_000 });
    const text = (await o.page.textContent("#message"))!;
    expect(text).toContain(`此版本的 Office 用${named}的内核显示加载项，无法运行本任务面板。`);
    expect(text).not.toContain(notNamed);
    expect(text).toContain(`${url}/taskpane.html`);
    expect(await disabled(o.page)).toBe(true);
    await o.page.close();
  });

  it("what the ribbon could not show in its dialog is said in the pane once", async () => {
    const o = await open("/taskpane.html?host=excel", {
      cdn: "office.js",
      init: `if (!sessionStorage.getItem("seen")) { sessionStorage.setItem("seen", "1"); localStorage.setItem("gongkai.ribbonNotice", "功能区“校验”的结果：校验完成，没有发现问题。"); }`,
    });
    await mounted(o);
    expect(await o.page.textContent("#message")).toBe("功能区“校验”的结果：校验完成，没有发现问题。");
    await o.page.reload();
    await mounted(o);
    expect(await o.page.textContent("#message")).toBe("");
    await o.page.close();
  });
});
