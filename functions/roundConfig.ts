/**
 * What a round is checked against: its task list (the coordinator's official table, inherited from the
 * last round that was given one, else the built-in sample) and the roster in use (the one the coordinator
 * uploaded, else `GONGKAI_ROSTER_FILE`, else the one the task list implies, else the seed's).
 */
import { RosterIndex, builtInTaskList, rosterOfTaskList, type TaskList } from "../core/index.js";
import { parseRosterFile, readTaskListXlsx } from "../workbook/index.js";
import type { Services } from "./services.js";
import type { ConfigKind, LedgerStore } from "./storage/store.js";

export interface RoundConfig {
  tasks: TaskList;
  /** Where the list came from: the round it was given for, `undefined` for the built-in sample. */
  tasksFrom: string | undefined;
  roster: RosterIndex;
  rosterSource: "uploaded" | "settings" | "task-list" | "built-in";
}

/** Parsed lists by stored name: a stored version never changes, so it is read once per process. */
const parsed = new Map<string, Promise<TaskList>>();
const rosters = new Map<string, Promise<RosterIndex>>();

/**
 * Which version is the latest, looked up at most every few seconds per store: every submission needs it,
 * and listing the stored versions is a storage round trip. A version given through this process is seen
 * at once (`forgetConfig`); one given through another instance within `FRESH_MS`.
 */
const FRESH_MS = 5_000;
const latest = new WeakMap<LedgerStore, Map<string, { at: number; value: ReturnType<LedgerStore["latestConfig"]> }>>();

function latestConfig(store: LedgerStore, kind: ConfigKind, upTo?: string): ReturnType<LedgerStore["latestConfig"]> {
  let byKey = latest.get(store);
  if (!byKey) latest.set(store, (byKey = new Map()));
  const key = `${kind}|${upTo ?? ""}`;
  const hit = byKey.get(key);
  if (hit && Date.now() - hit.at < FRESH_MS) return hit.value;
  const value = store.latestConfig(kind, upTo);
  byKey.set(key, { at: Date.now(), value });
  value.catch(() => byKey.delete(key)); // a failed look-up is not remembered
  return value;
}

/** After this process stored a new version: look again next time. */
export function forgetConfig(store: LedgerStore): void {
  latest.delete(store);
}

export async function roundConfig(services: Services, round: string): Promise<RoundConfig> {
  const { store, settings } = services;
  const [storedTasks, storedRoster] = await Promise.all([latestConfig(store, "tasks", round), latestConfig(store, "roster")]);
  let tasks = builtInTaskList();
  if (storedTasks) {
    if (!parsed.has(storedTasks.name)) parsed.set(storedTasks.name, readTaskListXlsx(storedTasks.bytes));
    tasks = await parsed.get(storedTasks.name)!;
  }
  const base = { tasks, tasksFrom: storedTasks?.key };
  if (storedRoster) {
    if (!rosters.has(storedRoster.name)) {
      rosters.set(storedRoster.name, parseRosterFile(storedRoster.name, storedRoster.bytes).then((r) => new RosterIndex(r)));
    }
    return { ...base, roster: await rosters.get(storedRoster.name)!, rosterSource: "uploaded" };
  }
  if (settings.rosterGiven) return { ...base, roster: services.roster, rosterSource: "settings" };
  if (tasks.source === "file") return { ...base, roster: new RosterIndex(rosterOfTaskList(tasks)), rosterSource: "task-list" };
  return { ...base, roster: services.roster, rosterSource: "built-in" };
}

/** The round's roster, knowing the given units too where it is only what the task list implies. */
export function rosterWith(config: RoundConfig, units: string[]): RosterIndex {
  return config.rosterSource === "task-list" ? new RosterIndex(rosterOfTaskList(config.tasks, units)) : config.roster;
}
