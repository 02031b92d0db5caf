/** What a command may touch, so tests can run commands in-process. */
import "../workbook/nodeInflate.js";
import { readFile } from "node:fs/promises";
import { isDay, todayIn, withContactSheet, type Roster, type TableMapping, type TaskList } from "../core/index.js";
import { WorkbookError, parseMappingFile, parseRosterFile, readTaskListXlsx, taskListWarnings } from "../workbook/index.js";

export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** "Today" when `--today` is not given. */
  today(): string;
}

/** A fault in the arguments or the input: one line on stderr, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export const nodeIO: CliIO = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
  // The users' day (GONGKAI_TIMEZONE, default 北京时间), as the service counts it, not the machine's.
  today: () => todayIn(process.env.GONGKAI_TIMEZONE || undefined),
};

export async function readInput(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UsageError(`找不到文件：${path}`);
    if (code === "EISDIR") throw new UsageError(`这是文件夹，不是文件：${path}`);
    if (code === "EACCES") throw new UsageError(`没有权限读取文件：${path}`);
    throw e;
  }
}

/** `--today`: a real calendar day `YYYY-MM-DD`. */
export function parseToday(value: string | undefined, io: CliIO): string {
  if (value === undefined) return io.today();
  if (!isDay(value)) {
    throw new UsageError(`--today 应为日期 YYYY-MM-DD，例如 2022-03-10（收到“${value}”）`);
  }
  return value;
}

export function parseYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^(19|20)\d{2}$/.test(value)) throw new UsageError(`--year 应为四位年份，例如 2022（收到“${value}”）`);
  return Number(value);
}

/** `--roster FILE`: the coordinator's roster, or `undefined` for the one in the workbook / the default. */
export async function parseRosterOption(path: string | undefined): Promise<Roster | undefined> {
  if (path === undefined) return undefined;
  return parseRosterFile(path, await readInput(path));
}

/** `--mapping FILE`: the coordinator's corrections to how the official table is read (JSON or .xlsx). */
export async function parseMappingOption(path: string | undefined): Promise<TableMapping | undefined> {
  if (path === undefined) return undefined;
  try {
    return await parseMappingFile(path, await readInput(path));
  } catch (e) {
    if (e instanceof WorkbookError) throw new UsageError(`--mapping ${e.message}`);
    throw e;
  }
}

/**
 * `--tasks FILE` / `--from FILE`: the coordinator's official table, read into the task list as `--mapping` corrects
 * it (warnings on stderr).
 */
export async function parseTasksOption(path: string | undefined, io: CliIO, option = "--tasks", mappingPath?: string): Promise<TaskList | undefined> {
  if (path === undefined) {
    if (mappingPath !== undefined) throw new UsageError(`--mapping 更正的是官方任务分解表的读法：请同时用 ${option} 指定官方表`);
    return undefined;
  }
  const mapping = await parseMappingOption(mappingPath);
  try {
    const list = await readTaskListXlsx(await readInput(path), undefined, mapping);
    for (const w of taskListWarnings(list)) io.err(`${option} ${path}：${w}`);
    return withContactSheet(list, contactSheetSetting());
  } catch (e) {
    if (e instanceof WorkbookError) throw new UsageError(`${option} ${path}：${e.message}`);
    throw e;
  }
}

/**
 * `GONGKAI_CONTACT_SHEET`, as the service reads it: `1` asks for a contact sheet though the official table has none,
 * `0` for none though it has one; unset (or anything else), the table says.
 */
export function contactSheetSetting(env: NodeJS.ProcessEnv = process.env): boolean | undefined {
  const v = env.GONGKAI_CONTACT_SHEET;
  return v === "1" ? true : v === "0" ? false : undefined;
}
