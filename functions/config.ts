/** The service's settings, from the environment: Azure app settings, the shell, or — under Azure Functions Core Tools — the `Values` of `local.settings.json` (copy `local.settings.example.json`). */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { z } from "zod";
import { DEFAULT_ROSTER, USERS_TIME_ZONE, type Roster } from "../core/index.js";
import { parseRosterFile } from "../workbook/index.js";

const Env = z.object({
  GONGKAI_STORAGE: z.string().min(1).optional(),
  GONGKAI_DATA_DIR: z.string().min(1).optional(),
  AzureWebJobsStorage: z.string().min(1).optional(),
  FUNCTIONS_WORKER_RUNTIME: z.string().optional(),
  GONGKAI_MAX_UPLOAD_MB: z.coerce.number().positive().max(100).default(10),
  GONGKAI_MAX_INFLATED_MB: z.coerce.number().positive().max(1000).default(64),
  GONGKAI_ROSTER_FILE: z.string().min(1).optional(),
  GONGKAI_PLAN_YEAR: z.coerce.number().int().min(2000).max(2100).optional(),
  GONGKAI_TIMEZONE: z.string().default(USERS_TIME_ZONE),
  GONGKAI_CONTACT_SHEET: z.enum(["0", "1"]).optional(),
  GONGKAI_UNIT_FILES_PER_DAY: z.coerce.number().int().positive().max(100_000).default(50),
  GONGKAI_UNIT_MB_PER_DAY: z.coerce.number().positive().max(100_000).default(100),
});

/**
 * Where the service keeps what it receives: Azure Storage (a connection string; Azurite in tests), or the
 * embedded store (a data folder with a SQLite index) on one machine.
 */
export type StorageSetting = { kind: "azure"; connectionString: string } | { kind: "embedded"; dir: string };

export interface Settings {
  storage: StorageSetting;
  maxUploadBytes: number;
  /** What a received file may inflate to: bounds a request's memory (exceljs holds it all). */
  maxInflatedBytes: number;
  roster: Roster;
  /** True when the roster was configured (`GONGKAI_ROSTER_FILE`), not the seed's default. */
  rosterGiven: boolean;
  /** The plan year when the submitted tables' titles do not say it. */
  planYear: number | undefined;
  timeZone: string;
  /**
   * `GONGKAI_CONTACT_SHEET`: `true` asks units of the coordinator's table for a contact sheet though the table has
   * none, `false` asks for none though it has one; unset, the table says (`TaskList.contactSheet`).
   */
  contactSheet?: boolean | undefined;
  /** What one unit may send in a day (users' time zone), counted from the stored records: files, and bytes. */
  unitFilesPerDay: number;
  unitBytesPerDay: number;
}

/** The defaults with the given storage (an Azure connection string, or a setting) and overrides (tests, benchmarks, tools). */
export function settingsWith(storage: string | StorageSetting, overrides: Partial<Settings> = {}): Settings {
  return {
    storage: typeof storage === "string" ? { kind: "azure", connectionString: storage } : storage,
    maxUploadBytes: 10 * 1024 * 1024,
    maxInflatedBytes: 64 * 1024 * 1024,
    roster: DEFAULT_ROSTER,
    rosterGiven: overrides.roster !== undefined,
    planYear: undefined,
    timeZone: USERS_TIME_ZONE,
    unitFilesPerDay: 50,
    unitBytesPerDay: 100 * 1024 * 1024,
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
    storage: storageSetting(e),
    maxUploadBytes: Math.round(e.GONGKAI_MAX_UPLOAD_MB * 1024 * 1024),
    maxInflatedBytes: Math.round(e.GONGKAI_MAX_INFLATED_MB * 1024 * 1024),
    roster: e.GONGKAI_ROSTER_FILE ? await loadRosterFile(e.GONGKAI_ROSTER_FILE) : DEFAULT_ROSTER,
    rosterGiven: e.GONGKAI_ROSTER_FILE !== undefined,
    planYear: e.GONGKAI_PLAN_YEAR,
    timeZone: e.GONGKAI_TIMEZONE,
    contactSheet: e.GONGKAI_CONTACT_SHEET === undefined ? undefined : e.GONGKAI_CONTACT_SHEET === "1",
    unitFilesPerDay: e.GONGKAI_UNIT_FILES_PER_DAY,
    unitBytesPerDay: Math.round(e.GONGKAI_UNIT_MB_PER_DAY * 1024 * 1024),
  };
}


/** The data folder of the embedded store when none is set: `data/` where the service is started. */
export const DEFAULT_DATA_DIR = "data";

/**
 * `GONGKAI_STORAGE` (an Azure connection string) chooses Azure Storage; so does running inside Azure
 * Functions, whose instances share no disk. Anything else is one machine: the embedded store in
 * `GONGKAI_DATA_DIR`.
 */
function storageSetting(e: z.infer<typeof Env>): StorageSetting {
  if (e.GONGKAI_STORAGE) return { kind: "azure", connectionString: e.GONGKAI_STORAGE };
  if (e.FUNCTIONS_WORKER_RUNTIME && e.AzureWebJobsStorage && !e.GONGKAI_DATA_DIR) return { kind: "azure", connectionString: e.AzureWebJobsStorage };
  return { kind: "embedded", dir: resolve(e.GONGKAI_DATA_DIR ?? DEFAULT_DATA_DIR) };
}
