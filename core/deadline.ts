/** 完成时限: a date, a cadence, or a conditional rule kept verbatim. */

export type Cadence = "monthly" | "quarterly" | "yearly" | "continuous" | "on-change";

export type Deadline =
  | { kind: "date"; date: string; text: string }
  | { kind: "cadence"; cadence: Cadence; text: string }
  | { kind: "rule"; text: string };

export type DeadlineParse = Deadline | { kind: "invalid"; text: string; reason: string };

export const CADENCE_LABEL: Record<Cadence, string> = {
  monthly: "每月",
  quarterly: "每季度",
  yearly: "每年",
  continuous: "持续",
  "on-change": "动态调整",
};

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** `"十五" → 15`, `"二十一" → 21`, `"3" → 3`; `NaN` for anything else. */
function smallNumber(s: string): number {
  if (/^\d{1,4}$/.test(s)) return Number(s);
  const m = /^([一二两三四五六七八九]?)(十?)([〇零一二三四五六七八九]?)$/.exec(s);
  if (!m || s === "") return NaN;
  const [, tens = "", ten = "", ones = ""] = m;
  if (ten === "") return tens !== "" && ones !== "" ? NaN : (CN_DIGITS[tens || ones] ?? NaN);
  return (tens === "" ? 1 : (CN_DIGITS[tens] ?? NaN)) * 10 + (ones === "" ? 0 : (CN_DIGITS[ones] ?? NaN));
}

const pad = (n: number): string => String(n).padStart(2, "0");

function isoDate(year: number, month: number, day: number): string | undefined {
  if (!(month >= 1 && month <= 12 && day >= 1)) return undefined;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const lastDay = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

const NUM = "(\\d{1,2}|[一二两三四五六七八九十〇零]{1,3})";
const BEFORE = "(?:前|之前|以前)?(?:完成|报送|公开|更新)?";
const YEAR = "(?:(\\d{4})年)?";
const MONTH_DAY = new RegExp(`^${YEAR}${NUM}月${NUM}[日号]${BEFORE}$`);
const MONTH_END = new RegExp(`^${YEAR}${NUM}月(?:底|末|末日)${BEFORE}$`);
const YEAR_END = new RegExp(`^${YEAR}(?:年底|年末)${BEFORE}$`);
const HALF_YEAR = new RegExp(`^${YEAR}(上半年|年中)${BEFORE}$`);
const NUMERIC = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:前|之前)?$/;

const CADENCES: [RegExp, Cadence][] = [
  [/每月|按月|月度/, "monthly"],
  [/每季|按季|季度/, "quarterly"],
  [/每年|按年|年度|每半年/, "yearly"],
  [/持续|长期|常态/, "continuous"],
  [/动态|及时|随时|实时/, "on-change"],
];

/** Words that make a deadline a condition to be read by a person (`部门批复后20日内…`). */
const RULE_WORDS = /批复|批准|之日起|日内|工作日|以后|后\d|后[一二三四五六七八九十]|收到|发布后|会后|期间|之前/;

/**
 * Parses a 完成时限 cell. `year` is the plan's year (from the table title, `--year`, or today).
 * A date that cannot exist (`3月32日`) is invalid, not guessed at.
 */
export function parseDeadline(raw: string, year: number): DeadlineParse {
  const text = raw.trim();
  const s = text.normalize("NFKC").replace(/\s+/g, "");
  if (s === "") return { kind: "invalid", text, reason: "为空" };

  const date = (y: string | undefined, month: number, day: number): DeadlineParse => {
    const iso = isoDate(y ? Number(y) : year, month, day);
    return iso
      ? { kind: "date", date: iso, text }
      : { kind: "invalid", text, reason: `日期不存在（${y ? `${y}年` : ""}${month}月${day}日）` };
  };

  let m = MONTH_DAY.exec(s);
  if (m) return date(m[1], smallNumber(m[2]!), smallNumber(m[3]!));
  m = NUMERIC.exec(s);
  if (m) return date(m[1], Number(m[2]), Number(m[3]));
  m = MONTH_END.exec(s);
  if (m) {
    const y = m[1] ? Number(m[1]) : year;
    const month = smallNumber(m[2]!);
    if (!(month >= 1 && month <= 12)) return { kind: "invalid", text, reason: `月份不存在（${m[2]}月）` };
    return date(m[1], month, lastDay(y, month));
  }
  m = YEAR_END.exec(s);
  if (m) return date(m[1], 12, 31);
  m = HALF_YEAR.exec(s);
  if (m) return date(m[1], 6, 30);

  if (s.length <= 12) {
    for (const [re, cadence] of CADENCES) if (re.test(s)) return { kind: "cadence", cadence, text };
  }
  if (RULE_WORDS.test(s) || s.length > 12) return { kind: "rule", text };
  return { kind: "invalid", text, reason: "无法识别" };
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `"2022-03-15" → "2022年3月15日"`. */
export function formatChineseDate(iso: string): string {
  const [y, mo, d] = iso.split("-").map(Number);
  return `${y}年${mo}月${d}日`;
}
