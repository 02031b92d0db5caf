/**
 * Loading the month's data: the status, the task list, the open months and the ledgers of the trend's months, asked
 * for together, then drawn; a newer refresh cancels the one in flight, and the one every 30 s gives way to it.
 */
import { localDay, shiftRound, type Ledger } from "../../core/index.js";
import { announce } from "../a11y.js";
import { render } from "./board.js";
import { keepLedger, keptLedger, noteOpenMonths } from "./closedMonths.js";
import { fields, remember } from "./fields.js";
import { renderMonths } from "./months.js";
import { $, fail, say } from "./page.js";
import { REFUSALS, getJson, type Months, type RoundTasks, type Status } from "./service.js";
import { placeSetup, renderConfig } from "./setup.js";

/** As `#sample-notice` says it beside the counts. */
const SAMPLE_IN_USE = "正在使用内置示例表（正镶白旗2022年），请先上传本地区的任务分解表";
/** How many months the trend looks back, this one included. */
const TREND_MONTHS = 12;

/** The `n` months up to `round`, oldest first. */
const lastRounds = (round: string, n: number): string[] => Array.from({ length: n }, (_, i) => shiftRound(round, i - (n - 1)));

/** The refresh in flight: a newer one (another month, 刷新 pressed again) cancels it, so what is drawn is what was asked last. */
let inFlight: AbortController | undefined;
/**
 * `announced`: said to screen readers when done (a refresh the user asked for; not the one every 30 s).
 * `background`: the refresh every 30 s, which gives way to one in flight instead of cancelling it.
 */
export async function refresh(announced = false, background = false): Promise<void> {
  if (background && inFlight) return;
  if (fields.token.value.trim() === "") {
    $("welcome").hidden = false;
    return say(REFUSALS[401]!, true);
  }
  inFlight?.abort();
  const mine = new AbortController();
  inFlight = mine;
  const { signal } = mine;
  $("loading").hidden = false;
  $("board").setAttribute("aria-busy", "true");
  try {
    remember();
    const round = fields.round.value || localDay(new Date()).slice(0, 7);
    const days = /^\d{1,3}$/.test(fields.days.value) ? fields.days.value : "7";
    const q = (r: string) => `round=${encodeURIComponent(r)}`;
    const rounds = lastRounds(round, TREND_MONTHS);
    // the trend's closed months come from what was kept; the month shown is always asked for
    const ledgerOf = async (r: string): Promise<Ledger> => {
      const path = `/api/ledger?${q(r)}&format=json&days=${days}`;
      const key = `${fields.server.value.trim()} ${path}`;
      const kept = r === round ? undefined : keptLedger(r, key);
      if (kept) return kept;
      const ledger = await getJson<Ledger>(path, signal);
      if (r !== round) keepLedger(key, ledger);
      return ledger;
    };
    const [status, tasks, months, ...ledgers] = await Promise.all([
      getJson<Status>(`/api/status?${q(round)}`, signal),
      getJson<RoundTasks>(`/api/tasks?${q(round)}&format=json`, signal),
      getJson<Months>("/api/rounds", signal),
      ...rounds.map(ledgerOf),
    ]);
    if (signal.aborted) return;
    noteOpenMonths(months);
    const sample = status.tasksSource === "built-in";
    placeSetup(round, sample || tasks.rosterSource === "built-in");
    render(status, ledgers.at(-1)!, ledgers);
    renderConfig(tasks);
    renderMonths(months, round);
    $("sample-notice").hidden = !sample;
    say("");
    if (announced) announce(document, `已刷新：${$("t-submitted").textContent}个单位已报送，${$("t-missing").textContent}个未报送，逾期事项${$("t-overdue").textContent}项。${sample ? `${SAMPLE_IN_USE}。` : ""}`);
  } catch (e) {
    if (!signal.aborted) fail(e);
  } finally {
    // a cancelled refresh leaves the page to the one that replaced it
    if (inFlight === mine) {
      inFlight = undefined;
      $("loading").hidden = true;
      $("board").removeAttribute("aria-busy");
    }
  }
}
