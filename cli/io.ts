/** What a command may touch, so tests can run commands in-process. */
import { readFile } from "node:fs/promises";
import type { Roster } from "../core/index.js";
import { parseRosterFile } from "../workbook/index.js";

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
  today: () => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  },
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
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !d || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
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
