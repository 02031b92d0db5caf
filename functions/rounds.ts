/**
 * The months a unit may submit to: this month and the last by default, every month the coordinator opened
 * (uploading a task list for a month opens it), minus the months the coordinator closed. Past months stay
 * as they were reported unless the coordinator opens one again.
 */
import { z } from "zod";
import { roundOf, shiftRound } from "../core/index.js";
import { HttpError } from "./errors.js";
import { cachedNames, forgetConfig } from "./roundConfig.js";
import type { Services } from "./services.js";
import { latestVersion } from "./storage/store.js";

/** Why a month is open: the default window, the coordinator's `PUT /api/rounds/{round}`, a task list given for it. */
export type OpenWhy = "default" | "opened" | "task-list";

export const WHY_WORDS: Record<OpenWhy, string> = { default: "本月或上月", opened: "汇总人开放", "task-list": "已上传该月任务分解表" };

/** The coordinator's decisions, stored as one JSON (`config/rounds/all/…`), every version kept. */
const Decisions = z.object({ opened: z.array(z.string()).default([]), closed: z.array(z.string()).default([]) });
export type RoundDecisions = z.infer<typeof Decisions>;

export interface RoundsInput {
  today: string;
  /** The months task lists were given for. */
  taskListRounds: readonly string[];
  decisions: RoundDecisions;
}

export interface OpenRound {
  round: string;
  why: OpenWhy[];
}

/** The open months, oldest first, each with why; and the months the coordinator closed. Pure. */
export function openRounds({ today, taskListRounds, decisions }: RoundsInput): { open: OpenRound[]; closed: string[] } {
  const why = new Map<string, OpenWhy[]>();
  const add = (round: string, w: OpenWhy) => why.set(round, [...(why.get(round) ?? []), w]);
  const month = roundOf(today);
  add(shiftRound(month, -1), "default");
  add(month, "default");
  for (const r of decisions.opened) add(r, "opened");
  for (const r of new Set(taskListRounds)) add(r, "task-list");
  const closed = new Set(decisions.closed);
  const open = [...why.entries()].filter(([r]) => !closed.has(r)).map(([round, w]) => ({ round, why: w }));
  return { open: open.sort((a, b) => a.round.localeCompare(b.round)), closed: [...closed].sort() };
}

/** The decisions as changed by opening or closing one month (a later decision undoes an earlier one). */
export function decide(decisions: RoundDecisions, round: string, open: boolean): RoundDecisions {
  const opened = decisions.opened.filter((r) => r !== round);
  const closed = decisions.closed.filter((r) => r !== round);
  return open ? { opened: [...opened, round].sort(), closed } : { opened, closed: [...closed, round].sort() };
}

async function storedDecisions(services: Services): Promise<RoundDecisions> {
  const best = latestVersion(await cachedNames(services.store, "rounds"));
  if (!best) return { opened: [], closed: [] };
  return Decisions.parse(JSON.parse((await services.store.readConfig(best.name)).toString("utf8")));
}

/** The rounds open today in this installation. */
export async function roundsNow(services: Services): Promise<{ open: OpenRound[]; closed: string[] }> {
  const [names, decisions] = await Promise.all([cachedNames(services.store, "tasks"), storedDecisions(services)]);
  const taskListRounds = names.map((n) => n.split("/")[2] ?? "").filter((k) => k !== "");
  return openRounds({ today: services.today(), taskListRounds, decisions });
}

/** Opens or closes one month for submissions (the coordinator); returns the rounds as they now are. */
export async function setRound(services: Services, round: string, open: boolean): Promise<{ open: OpenRound[]; closed: string[] }> {
  const next = decide(await storedDecisions(services), round, open);
  await services.store.putConfig("rounds", "all", new TextEncoder().encode(JSON.stringify(next)), "json", services.now());
  forgetConfig(services.store);
  return roundsNow(services);
}

/** 403 unless units may submit to `round` today, naming the months they may; else the months open today. */
export async function ensureOpen(services: Services, round: string): Promise<OpenRound[]> {
  const { open } = await roundsNow(services);
  if (open.some((r) => r.round === round)) return open;
  const months = open.map((r) => r.round);
  throw new HttpError(
    403,
    "round-closed",
    `${round} 不在可报送的月份内，本次报送未保存：目前可报送的月份是 ${months.join("、")}。如需补报或更正其他月份，请联系汇总人开放该月份。`,
    { openRounds: months },
  );
}
