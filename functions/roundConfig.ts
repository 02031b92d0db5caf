/**
 * What a round is checked against: its task list (the coordinator's official table, inherited from the
 * last round that was given one, else the built-in sample) and the roster in use (the one the coordinator
 * uploaded, else `GONGKAI_ROSTER_FILE`, else the one the task list implies, else the seed's).
 */
import { RosterIndex, builtInTaskList, rosterOfTaskList, type TaskList } from "../core/index.js";
import { parseRosterFile, readTaskListXlsx } from "../workbook/index.js";
import type { Services } from "./services.js";

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

export async function roundConfig(services: Services, round: string): Promise<RoundConfig> {
  const { store, settings } = services;
  const [storedTasks, storedRoster] = await Promise.all([store.latestConfig("tasks", round), store.latestConfig("roster")]);
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
