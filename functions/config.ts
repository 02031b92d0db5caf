/** The service's settings, from the environment (Azure app settings, local.settings.json, or the shell). */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { DEFAULT_ROSTER, USERS_TIME_ZONE, type Roster } from "../core/index.js";
import { parseRosterFile } from "../workbook/index.js";

const Env = z.object({
  GONGKAI_STORAGE: z.string().min(1).optional(),
  AzureWebJobsStorage: z.string().min(1).optional(),
  GONGKAI_MAX_UPLOAD_MB: z.coerce.number().positive().max(100).default(10),
  GONGKAI_MAX_INFLATED_MB: z.coerce.number().positive().max(1000).default(64),
  GONGKAI_ROSTER_FILE: z.string().min(1).optional(),
  GONGKAI_PLAN_YEAR: z.coerce.number().int().min(2000).max(2100).optional(),
  GONGKAI_TIMEZONE: z.string().default(USERS_TIME_ZONE),
});

export interface Settings {
  connectionString: string;
  maxUploadBytes: number;
  /** What a received file may inflate to: bounds a request's memory (exceljs holds it all). */
  maxInflatedBytes: number;
  roster: Roster;
  /** True when the roster was configured (`GONGKAI_ROSTER_FILE`), not the seed's default. */
  rosterGiven: boolean;
  /** The plan year when the submitted tables' titles do not say it. */
  planYear: number | undefined;
  timeZone: string;
}

/** The defaults with the given storage and overrides (tests, benchmarks, tools). */
export function settingsWith(connectionString: string, overrides: Partial<Settings> = {}): Settings {
  return {
    connectionString,
    maxUploadBytes: 10 * 1024 * 1024,
    maxInflatedBytes: 64 * 1024 * 1024,
    roster: DEFAULT_ROSTER,
    rosterGiven: overrides.roster !== undefined,
    planYear: undefined,
    timeZone: USERS_TIME_ZONE,
    ...overrides,
  };
}

/** A roster file: JSON (`{ units: [{ name, groups, aliases }], groups }`) or a workbook with a `单位名册` sheet. */
export async function loadRosterFile(path: string): Promise<Roster> {
  return parseRosterFile(path, await readFile(path));
}

export async function loadSettings(env: NodeJS.ProcessEnv = process.env): Promise<Settings> {
  // An app setting left empty means "not set".
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = Env.safeParse(set);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`配置有误：${issue.path.join(".")} ${issue.message}`);
  }
  const e = parsed.data;
  return {
    connectionString: e.GONGKAI_STORAGE ?? e.AzureWebJobsStorage ?? "UseDevelopmentStorage=true",
    maxUploadBytes: Math.round(e.GONGKAI_MAX_UPLOAD_MB * 1024 * 1024),
    maxInflatedBytes: Math.round(e.GONGKAI_MAX_INFLATED_MB * 1024 * 1024),
    roster: e.GONGKAI_ROSTER_FILE ? await loadRosterFile(e.GONGKAI_ROSTER_FILE) : DEFAULT_ROSTER,
    rosterGiven: e.GONGKAI_ROSTER_FILE !== undefined,
    planYear: e.GONGKAI_PLAN_YEAR,
    timeZone: e.GONGKAI_TIMEZONE,
  };
}

