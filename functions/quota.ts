/**
 * What one unit may send in a day: files and bytes (`GONGKAI_UNIT_FILES_PER_DAY`, `GONGKAI_UNIT_MB_PER_DAY`),
 * counted from the store's records of the open rounds — so a restart resets nothing, and every instance counts
 * alike. A repeat of a file on record is no new file and is never refused. Requests racing each other may pass
 * the limit by the few in flight.
 */
import { USERS_TIME_ZONE, localDay } from "../core/index.js";
import { HttpError } from "./errors.js";
import type { OpenRound } from "./rounds.js";
import type { Services } from "./services.js";

export interface DayUse {
  files: number;
  bytes: number;
}

/** What the unit sent today (users' time zone), by the records of the rounds open today (`open`). */
export async function usedToday(services: Services, unit: string, open: readonly OpenRound[]): Promise<DayUse> {
  const today = services.today();
  // the unit's records since 14 hours before today's midnight in UTC (no time zone is further ahead), then today's
  const since = new Date(Date.parse(`${today}T00:00:00Z`) - 14 * 3_600_000).toISOString();
  const lists = await Promise.all(open.map((r) => services.store.listSubmissions(r.round, { unit, since })));
  const mine = lists.flat().filter((s) => localDay(new Date(s.receivedAt), services.settings.timeZone) === today);
  return { files: mine.length, bytes: mine.reduce((n, s) => n + s.size, 0) };
}

/** The day after `day` (`YYYY-MM-DD`). */
const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Megabytes to a tenth; under a tenth, kilobytes (a 16 KB file is no "0 MB"). */
const mb = (bytes: number): string => String(Math.round((bytes / 1024 / 1024) * 10) / 10);
const size = (bytes: number): string => (bytes < 102_400 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${mb(bytes)} MB`);

/** 429 when one more file of `size` bytes would take the unit past its day's quota. */
export async function admitUpload(services: Services, unit: string, bytes: number, open: readonly OpenRound[]): Promise<void> {
  const { unitFilesPerDay, unitBytesPerDay, timeZone } = services.settings;
  const used = await usedToday(services, unit, open);
  if (used.files + 1 <= unitFilesPerDay && used.bytes + bytes <= unitBytesPerDay) return;
  const resetsOn = nextDay(services.today());
  const zone = timeZone === USERS_TIME_ZONE ? "北京时间" : timeZone;
  throw new HttpError(
    429,
    "quota",
    `本单位今天已报送 ${used.files} 个文件、共 ${size(used.bytes)}，再收这份（${size(bytes)}）就超过每日上限（每个单位每天 ${unitFilesPerDay} 个文件、${mb(unitBytesPerDay)} MB），本次报送未保存：请于 ${resetsOn} 0 时（${zone}）后再报送；确需今天报送的，请联系汇总人。`,
    { limit: { files: unitFilesPerDay, bytes: unitBytesPerDay }, used, resetsOn },
  );
}
