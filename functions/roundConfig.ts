/**
 * What a round is checked against: its task list (the coordinator's official table, inherited from the
 * last round that was given one; for a month before the first one given, the earliest given — once any list is
 * uploaded the built-in sample is never used again —, else the built-in sample), read with the coordinator's
 * corrections stored for that list, and the roster in use (the one the coordinator uploaded, else
 * `GONGKAI_ROSTER_FILE`, else the one the task list implies, else the seed's).
 */
import {
  RosterIndex,
  builtInTaskList,
  parseMapping,
  rosterIndexOfTaskList,
  withContactSheet,
  type ReadingReport,
  type TableMapping,
  type TaskList,
  type TasksSource,
} from "../core/index.js";
import { parseRosterFile, type TaskListReading } from "../workbook/index.js";
import { offLoop } from "./parsePool.js";
import { tasksTask } from "./poolTasks.js";
import type { Services } from "./services.js";
import { latestVersion, versionOf, type ConfigKind, type LedgerStore } from "./storage/store.js";

export interface RoundConfig {
  tasks: TaskList;
  /** Where the list came from: the round it was given for, `undefined` for the built-in sample. */
  tasksFrom: string | undefined;
  /** The coordinator's corrections the list was read with (those stored under `tasksFrom`), if any. */
  mapping: TableMapping | undefined;
  roster: RosterIndex;
  rosterSource: "uploaded" | "settings" | "task-list" | "built-in";
}

/** What every count of the round is made against, said beside it: the built-in sample, or a table given. */
export const tasksSource = (config: RoundConfig): TasksSource => (config.tasksFrom === undefined ? "built-in" : "file");

/** A stored task list as read: the list, the reading report, and the corrections it was read with. */
export interface Reading {
  list: TaskList;
  report: ReadingReport;
  mapping: TableMapping | undefined;
}

/** Readings by stored names (list and corrections): a stored version never changes, so it is read once per process. */
const readings = new Map<string, Promise<Reading>>();
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

export function cachedNames(store: LedgerStore, kind: ConfigKind): Promise<string[]> {
  let byKind = listed.get(store);
  if (!byKind) listed.set(store, (byKind = new Map()));
  let hit = byKind.get(kind);
  if (!hit || Date.now() - hit.at >= FRESH_MS) {
    const names = store.configVersions(kind);
    hit = { at: Date.now(), names };
    byKind.set(kind, hit);
    names.catch(() => byKind.delete(kind)); // a failed listing is not remembered
  }
  return hit.names;
}

/** After this process stored a new version: list again next time. */
export function forgetConfig(store: LedgerStore): void {
  listed.delete(store);
}

/** Stored corrections, as `PUT /api/mapping` checked them before keeping them. */
export function mappingOfBytes(bytes: Uint8Array): TableMapping {
  const parsed = parseMapping(JSON.parse(new TextDecoder().decode(bytes)));
  if (!parsed.success) throw new Error(`stored mapping unusable: ${parsed.message}`);
  return parsed.data;
}

/**
 * The task list a round uses, of the stored versions: the one given for it or inherited from the last month given one
 * before it; for a month before any was given, the earliest given (an installation that has a table of its own never
 * falls back on the built-in sample); with no `round`, the latest given. `undefined` only while none was ever given.
 */
export function roundListVersion(names: readonly string[], round?: string): { name: string; key: string } | undefined {
  if (round === undefined) return latestVersion(names);
  const inherited = latestVersion(names, round);
  if (inherited) return inherited;
  const earliest = names.reduce<string | undefined>((min, name) => {
    const key = name.split("/")[2] ?? "";
    return min === undefined || key < min ? key : min;
  }, undefined);
  return earliest === undefined ? undefined : versionOf(names, earliest);
}

/** The stored versions a round uses: its task list (inherited), the corrections kept for that very list, the roster. */
async function versions(store: LedgerStore, round: string | undefined) {
  const [tasks, mappings, roster] = await Promise.all([cachedNames(store, "tasks"), cachedNames(store, "mapping"), cachedNames(store, "roster")]);
  const list = roundListVersion(tasks, round);
  return { list, mapping: list ? versionOf(mappings, list.key) : undefined, roster: latestVersion(roster) };
}

/** The roster the coordinator gave (uploaded, else the server's settings), if any: units are read against it. */
async function givenRoster(services: Services, stored: { name: string } | undefined): Promise<{ roster: RosterIndex; source: "uploaded" | "settings"; key: string } | undefined> {
  if (stored) {
    const roster = await once(rosters, stored.name, () => services.store.readConfig(stored.name).then((b) => parseRosterFile(stored.name, b)).then((r) => new RosterIndex(r)));
    return { roster, source: "uploaded", key: stored.name };
  }
  return services.settings.rosterGiven ? { roster: services.roster, source: "settings", key: "settings" } : undefined;
}

/** How an uploaded list is read: units against the roster the coordinator gave (if any), deadlines in the plan year set. */
export async function readingOptions(services: Services): Promise<TaskListReading> {
  const given = await givenRoster(services, latestVersion(await cachedNames(services.store, "roster")));
  return { roster: given?.roster, year: services.settings.planYear };
}

/**
 * The stored list read with the corrections kept for it (none when absent), its units against the roster given: in
 * the parse workers, as its upload was (a big list holds a worker once per process, never the request loop).
 */
function readingOf(services: Services, tasksName: string, mappingName: string | undefined, roster: { roster: RosterIndex; key: string } | undefined): Promise<Reading> {
  const { store, settings } = services;
  return once(readings, `${tasksName}|${mappingName ?? ""}|${roster?.key ?? ""}`, async () => {
    const [bytes, mapping] = await Promise.all([store.readConfig(tasksName), mappingName ? store.readConfig(mappingName).then(mappingOfBytes) : undefined]);
    const { list, report } = await offLoop(tasksTask(bytes, undefined, mapping, { roster: roster?.roster, year: settings.planYear }));
    return { list, report, mapping };
  });
}

/** The round's task list as read (report and corrections included); `undefined` while the built-in sample is in use. */
export async function roundReading(services: Services, round: string): Promise<(Reading & { from: string; tasksName: string }) | undefined> {
  const stored = await versions(services.store, round);
  if (!stored.list) return undefined;
  const roster = await givenRoster(services, stored.roster);
  return { ...(await readingOf(services, stored.list.name, stored.mapping?.name, roster)), from: stored.list.key, tasksName: stored.list.name };
}

/** The round's task list and roster (with no `round`: the latest list given, the one tokens are issued for). */
export async function roundConfig(services: Services, round: string | undefined): Promise<RoundConfig> {
  const stored = await versions(services.store, round);
  const given = await givenRoster(services, stored.roster);
  const reading = stored.list ? await readingOf(services, stored.list.name, stored.mapping?.name, given) : undefined;
  const tasks = reading ? withContactSheet(reading.list, services.settings.contactSheet) : builtInTaskList();
  const base = { tasks, tasksFrom: stored.list?.key, mapping: reading?.mapping };
  // who a unit cell names, as the coordinator said it, wins wherever units are read (validation, the ledger)
  if (given) return { ...base, roster: given.roster.withPhrases(tasks.unitPhrases), rosterSource: given.source };
  if (tasks.source === "file") return { ...base, roster: rosterIndexOfTaskList(tasks), rosterSource: "task-list" };
  return { ...base, roster: services.roster, rosterSource: "built-in" };
}

/** Where the roster in use comes from, in words (the start banner and `gongkai token --all` say which roster tokens follow). */
export const ROSTER_NAMES: Record<RoundConfig["rosterSource"], string> = {
  uploaded: "汇总人上传的单位名册",
  settings: "GONGKAI_ROSTER_FILE 指定的单位名册",
  "task-list": "最近上传的任务分解表所列的单位",
  "built-in": "内置示例（正镶白旗2022年）的单位名册",
};

/**
 * The roster in use in this installation, whose units get tokens: the coordinator's uploaded roster, else
 * `GONGKAI_ROSTER_FILE`, else the one the latest task list given implies, else the seed's.
 */
export function rosterInUse(services: Services): Promise<RoundConfig> {
  return roundConfig(services, undefined);
}

/** The round's roster, knowing the given units too where it is only what the task list implies. */
export function rosterWith(config: RoundConfig, units: string[]): RosterIndex {
  return config.rosterSource === "task-list" ? rosterIndexOfTaskList(config.tasks, units) : config.roster;
}
