/**
 * What a round is checked against: its task list (the coordinator's official table, inherited from the
 * last round that was given one, else the built-in sample) and the roster in use (the one the coordinator
 * uploaded, else `GONGKAI_ROSTER_FILE`, else the one the task list implies, else the seed's).
 */
import { RosterIndex, builtInTaskList, rosterOfTaskList, type TaskList } from "../core/index.js";
import { parseRosterFile, readTaskListXlsx } from "../workbook/index.js";
import type { Services } from "./services.js";
import { latestVersion, type ConfigKind, type LedgerStore } from "./storage/store.js";

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

/** A value computed once per key; a failure is not remembered, so the next call tries again. */
function once<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let p = cache.get(key);
  if (!p) {
    p = make();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

/**
 * The stored versions, listed at most every few seconds per store: every submission needs the latest, and
 * listing them is a storage round trip. A version given through this process is seen at once
 * (`forgetConfig`); one given through another instance within `FRESH_MS`.
 */
const FRESH_MS = 5_000;
const listed = new WeakMap<LedgerStore, Map<ConfigKind, { at: number; names: Promise<string[]> }>>();

async function cachedLatest(store: LedgerStore, kind: ConfigKind, upTo?: string): Promise<{ name: string; key: string; bytes: () => Promise<Buffer> } | undefined> {
  let byKind = listed.get(store);
  if (!byKind) listed.set(store, (byKind = new Map()));
  let hit = byKind.get(kind);
  if (!hit || Date.now() - hit.at >= FRESH_MS) {
    const names = store.configVersions(kind);
    hit = { at: Date.now(), names };
    byKind.set(kind, hit);
    names.catch(() => byKind.delete(kind)); // a failed listing is not remembered
  }
  const best = latestVersion(await hit.names, upTo);
  return best ? { ...best, bytes: () => store.readConfig(best.name) } : undefined;
}

/** After this process stored a new version: list again next time. */
export function forgetConfig(store: LedgerStore): void {
  listed.delete(store);
}

export async function roundConfig(services: Services, round: string): Promise<RoundConfig> {
  const { store, settings } = services;
  const [storedTasks, storedRoster] = await Promise.all([cachedLatest(store, "tasks", round), cachedLatest(store, "roster")]);
  let tasks = builtInTaskList();
  if (storedTasks) {
    tasks = await once(parsed, storedTasks.name, () => storedTasks.bytes().then((b) => readTaskListXlsx(b)));
  }
  const base = { tasks, tasksFrom: storedTasks?.key };
  if (storedRoster) {
    const roster = await once(rosters, storedRoster.name, () => storedRoster.bytes().then((b) => parseRosterFile(storedRoster.name, b)).then((r) => new RosterIndex(r)));
    return { ...base, roster, rosterSource: "uploaded" };
  }
  if (settings.rosterGiven) return { ...base, roster: services.roster, rosterSource: "settings" };
  if (tasks.source === "file") return { ...base, roster: new RosterIndex(rosterOfTaskList(tasks)), rosterSource: "task-list" };
  return { ...base, roster: services.roster, rosterSource: "built-in" };
}

/** The round's roster, knowing the given units too where it is only what the task list implies. */
export function rosterWith(config: RoundConfig, units: string[]): RosterIndex {
  return config.rosterSource === "task-list" ? new RosterIndex(rosterOfTaskList(config.tasks, units)) : config.roster;
}
