/**
 * The coordinator's dashboard on a round of 1,000 units with a year of rounds behind it, in Chromium (headless, driven
 * by playwright-core as the browser tests drive it), served by the service as npm start serves it:
 * - the wait from the ledger's arrival (the shown month's `/api/ledger` answer, received in full) to the first paint
 *   of the board drawn from it;
 * - how many months the trend shows (the issue asks for 12);
 * - which ledgers a second refresh asks for again: a closed month's ledger cannot change, so it should be cached.
 * Each repetition is a new browser context (nothing kept from the one before), as a coordinator opening the page.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { shiftRound } from "../core/index.js";
import { buildAddin } from "../scripts/buildAddin.js";
import { findChromium } from "../test/globalSetup.js";
import { populatedStore } from "./populate.js";
import { fmt, machineNow, median, ms, note, row, section } from "./rows.js";
import { startService } from "./serviceProcess.js";

const UNITS = 1_000;
const ROUND = "2022-03";
const MONTHS = 12;
const REPEAT = 3;

/**
 * Installed before the page's own scripts: each time the board says when it was updated (`#updated`, written last
 * by a render), the time of the paint that follows (a task queued from the next animation frame runs after it).
 */
const WATCH_PAINTS = () => {
  const w = window as unknown as { paints: { rendered: number; painted: number }[] };
  w.paints = [];
  document.addEventListener("DOMContentLoaded", () => {
    const updated = document.getElementById("updated");
    if (!updated) return;
    new MutationObserver(() => {
      const rendered = performance.now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => w.paints.push({ rendered, painted: performance.now() });
        channel.port2.postMessage(null);
      });
    }).observe(updated, { childList: true, characterData: true, subtree: true });
  });
};

interface Refresh {
  /** From the shown month's ledger received to the board painted. */
  afterLedger: number;
  /** From the last of the refresh's answers received to the board painted. */
  afterAll: number;
  /** From the refresh's first request to the board painted. */
  whole: number;
  /** The months whose ledger the refresh asked for. */
  ledgerRounds: string[];
  trendMonths: number;
}

export async function dashboardBench(): Promise<void> {
  section(`dashboard: ${fmt(UNITS)} units, ${MONTHS} months of rounds stored, Chromium headless (median of ${REPEAT} fresh page loads)`);
  const rounds = Array.from({ length: MONTHS }, (_, i) => shiftRound(ROUND, i - (MONTHS - 1)));
  const executablePath = findChromium();
  if (!executablePath) {
    row({ what: "dashboard first paint after the ledger arrives", measured: "no Chromium found (set CHROMIUM_PATH)", floor: "—", target: "< 1 s", ok: false });
    return;
  }
  const dir = await populatedStore(UNITS, rounds);
  const build = await mkdtemp(join(tmpdir(), "gongkai-bench-addin-"));
  const addin = await buildAddin({ url: "https://localhost:3000", outDir: build });
  const service = await startService({ dir, extraUnits: UNITS, now: `${ROUND}-10T02:00:00Z`, tokensFor: [], addin });
  let browser: Browser | undefined;
  try {
    const open = ((await (await fetch(`${service.url}/api/rounds`, { headers: { authorization: `Bearer ${service.coordinator}` } })).json()) as { open: { round: string }[] }).open.map((o) => o.round);
    browser = await chromium.launch({
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const firsts: Refresh[] = [];
    const seconds: Refresh[] = [];
    for (let i = 0; i < REPEAT; i++) {
      const context = await browser.newContext({ viewport: { width: 1300, height: 1000 }, locale: "zh-CN" });
      try {
        const page = await context.newPage();
        await page.route("https://appsforoffice.microsoft.com/**", (r) => r.abort());
        await page.addInitScript(WATCH_PAINTS);
        await page.goto(`${service.url}/dashboard.html`);
        await page.fill("#token", service.coordinator);
        await page.fill("#round", ROUND);
        const refresh = async (n: number): Promise<Refresh> => {
          await page.evaluate(() => performance.clearResourceTimings());
          // the first: the month typed in and left (its change event refreshes, as when the coordinator picks a month);
          // the second: 刷新 pressed
          if (n === 1) await page.press("#round", "Tab");
          else await page.click("#refresh");
          await page.waitForFunction((k) => (window as unknown as { paints: unknown[] }).paints.length >= k, n, { timeout: 300_000, polling: 100 });
          return page.evaluate(
            ({ k, round }) => {
              const paint = (window as unknown as { paints: { painted: number }[] }).paints[k - 1]!.painted;
              const api = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((e) => e.name.includes("/api/"));
              const ledgers = api.filter((e) => e.name.includes("/api/ledger?"));
              const shown = ledgers.find((e) => new URL(e.name).searchParams.get("round") === round);
              return {
                afterLedger: shown ? paint - shown.responseEnd : NaN,
                afterAll: paint - Math.max(...api.map((e) => e.responseEnd)),
                whole: paint - Math.min(...api.map((e) => e.startTime)),
                ledgerRounds: ledgers.map((e) => new URL(e.name).searchParams.get("round") ?? ""),
                trendMonths: document.querySelectorAll("#chart-trend table tbody tr").length,
              };
            },
            { k: n, round: ROUND },
          );
        };
        // BENCH_CPU_PROF=<folder>: the page's first refresh of the first load profiled there (Chrome DevTools Protocol)
        const cdp = i === 0 && process.env.BENCH_CPU_PROF ? await context.newCDPSession(page) : undefined;
        if (cdp) {
          await cdp.send("Profiler.enable");
          await cdp.send("Profiler.start");
        }
        firsts.push(await refresh(1));
        if (cdp) {
          const { profile } = await cdp.send("Profiler.stop");
          const file = join(process.env.BENCH_CPU_PROF!, `dashboard-${Date.now()}.cpuprofile`);
          await writeFile(file, JSON.stringify(profile));
          note(`the page's first refresh profiled in ${file}`);
        }
        seconds.push(await refresh(2));
      } finally {
        await context.close();
      }
    }
    const after = median(firsts.map((f) => f.afterLedger));
    row({ what: `dashboard, ${fmt(UNITS)} units: first paint after the ledger arrives`, measured: ms(after), floor: machineNow(), target: "< 1 s", ok: after < 1000 });
    note(`after the last answer of the refresh ${ms(median(firsts.map((f) => f.afterAll)))}; the whole refresh (first request to paint) ${ms(median(firsts.map((f) => f.whole)))}; first loads: ${firsts.map((f) => ms(f.afterLedger)).join(", ")}`);
    const months = Math.min(...firsts.map((f) => f.trendMonths));
    row({ what: "dashboard trend: months shown", measured: `${months} months (${firsts[0]!.ledgerRounds.length} ledgers fetched on a first load)`, floor: "—", target: `${MONTHS} months`, ok: months >= MONTHS });
    const again = seconds.map((s) => s.ledgerRounds.filter((r) => !open.includes(r)).length);
    const second = seconds[0]!;
    row({
      what: "dashboard second refresh: closed months' ledgers fetched again",
      measured: `${Math.max(...again)} (${second.ledgerRounds.length} /api/ledger requests: ${second.ledgerRounds.join(", ")})`,
      floor: `${open.length} open months (${open.join(", ")})`,
      target: "0: closed months cached",
      ok: Math.max(...again) === 0,
    });
    note(`second refresh: paint ${ms(median(seconds.map((s) => s.afterLedger)))} after the ledger arrives, whole refresh ${ms(median(seconds.map((s) => s.whole)))}`);
  } finally {
    await browser?.close();
    await service.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(build, { recursive: true, force: true });
  }
}
