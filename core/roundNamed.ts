/**
 * The month a unit's mail is for, when its subject or its file's name says so (`10月份台账`, `2022年3月进展`): a unit
 * reporting November early in December means November. A day (`3月15日`) names no month; a month without its year
 * is the latest such month not after this one.
 */
import { roundOf } from "./round.js";

const YEAR_MONTH = /(20\d{2})\s*年\s*(1[0-2]|0?[1-9])\s*月(?!\s*\d{1,2}\s*[日号])/;
const MONTH = /(?<![\d年])(1[0-2]|0?[1-9])\s*月(?:份)?(?!\s*\d{1,2}\s*[日号])/;

const round = (year: number, month: number) => `${year}-${String(month).padStart(2, "0")}`;

/** The month the texts name, the first text that names one first; `undefined` when none does. */
export function monthNamed(texts: readonly string[], today: string): string | undefined {
  const now = roundOf(today);
  for (const text of texts) {
    const full = YEAR_MONTH.exec(text);
    if (full) return round(Number(full[1]), Number(full[2]));
    const bare = MONTH.exec(text);
    if (bare) {
      const thisYear = round(Number(now.slice(0, 4)), Number(bare[1]));
      return thisYear <= now ? thisYear : round(Number(now.slice(0, 4)) - 1, Number(bare[1]));
    }
  }
  return undefined;
}
