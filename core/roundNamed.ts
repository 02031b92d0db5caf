/**
 * The month a unit's mail is for, when its subject or its file's name says so (`3月份台账`, `2022年3月进展`): a unit
 * reporting March early in April means March. Only an open month is taken; a day (`3月15日`) names no month.
 */
import { roundOf } from "./round.js";

const YEAR_MONTH = /(20\d{2})\s*年\s*(1[0-2]|0?[1-9])\s*月(?!\s*\d{1,2}\s*[日号])/g;
const MONTH = /(?<![\d年])(1[0-2]|0?[1-9])\s*月(?:份)?(?!\s*\d{1,2}\s*[日号])/g;

const round = (year: number, month: number) => `${year}-${String(month).padStart(2, "0")}`;

/** The open month the texts name, the first text first; `undefined` when they name none that is open. */
export function roundNamed(texts: readonly string[], open: readonly string[], today: string): string | undefined {
  for (const text of texts) {
    for (const m of text.matchAll(YEAR_MONTH)) {
      const r = round(Number(m[1]), Number(m[2]));
      if (open.includes(r)) return r;
    }
    for (const m of text.matchAll(MONTH)) {
      // a month without its year: the latest open one, not after this month
      const month = Number(m[1]);
      const candidates = open.filter((r) => Number(r.slice(5, 7)) === month && r <= roundOf(today)).sort();
      if (candidates.length > 0) return candidates.at(-1);
    }
  }
  return undefined;
}
