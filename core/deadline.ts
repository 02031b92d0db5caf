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
/** `2022年`, `今年`, `本年度`: the year a phrase names, when it names one. */
const YEAR = "(?:(\\d{4})年|今年|本年度?)?";
/** What may close a deadline phrase without changing its meaning: `前完成`, `之前`, `以前报送`. */
const CLOSING = /(?:之前|以前|前|内)?(?:完成|报送|公开|更新|落实|到位|办结|上报|完善|建成)?$/;

/** Deadline phrasings (plan year Y), each with the words it reads. */
const DATE_PHRASES: { re: RegExp; date: (m: RegExpExecArray, y: number) => [number, number] | "bad-month"; examples: string[] }[] = [
  { re: new RegExp(`^${YEAR}${NUM}月${NUM}[日号]$`), date: (m) => [smallNumber(m[2]!), smallNumber(m[3]!)], examples: ["3月15日", "2022年3月15日前", "三月十五日"] },
  { re: new RegExp(`^${YEAR}${NUM}月(上旬|中旬|下旬)$`), date: (m, y) => monthPart(smallNumber(m[2]!), m[3]!, y), examples: ["10月上旬", "10月中旬", "10月下旬"] },
  { re: new RegExp(`^${YEAR}${NUM}月(?:份)?(?:底|末|末日|份内)?$`), date: (m, y) => monthEnd(smallNumber(m[2]!), y), examples: ["5月底", "6月", "2022年7月", "6月底前"] },
  { re: new RegExp(`^${YEAR}(?:第)?([一二三四1-4])季度(?:末|底)?$`), date: (m, y) => monthEnd(QUARTER[m[2]!]! * 3, y), examples: ["三季度末", "第一季度"] },
  { re: new RegExp(`^${YEAR}(上半年|年中|年中前)$`), date: () => [6, 30], examples: ["上半年", "2022年上半年"] },
  { re: new RegExp(`^${YEAR}(下半年|年底|年末|年内|全年|年度内|年|底|末|)$`), date: () => [12, 31], examples: ["年底前", "2020年底", "2022年底前", "年内完成", "全年", "今年年底前", "2022年", "下半年"] },
];

/** Every phrasing the date table reads, as written in real tables (tests run over these). */
export const DATE_PHRASE_EXAMPLES: readonly string[] = DATE_PHRASES.flatMap((p) => p.examples);

const QUARTER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, "1": 1, "2": 2, "3": 3, "4": 4 };

function monthEnd(month: number, year: number): [number, number] | "bad-month" {
  return month >= 1 && month <= 12 ? [month, lastDay(year, month)] : "bad-month";
}

function monthPart(month: number, part: string, year: number): [number, number] | "bad-month" {
  if (!(month >= 1 && month <= 12)) return "bad-month";
  return [month, part === "上旬" ? 10 : part === "中旬" ? 20 : lastDay(year, month)];
}

const NUMERIC = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
/** `3月至6月`, `2022年3月—12月底`: the end of the span is the deadline. */
const SPAN = /^(.+?)(?:至|到|~|～|—+|－)(.+)$/;

/** Cadences, with the phrasings that name them. */
const CADENCES: [RegExp, Cadence][] = [
  [/每月|按月|月度/, "monthly"],
  [/每季|按季|季度/, "quarterly"],
  [/每年|按年|年度|每半年/, "yearly"],
  [/持续|长期|常态|经常性|坚持/, "continuous"],
  [/动态|及时|随时|实时|即时/, "on-change"],
];

/** Words that make a deadline a condition to be read by a person (`部门批复后20日内…`). */
const RULE_WORDS = /另行通知|根据.*(安排|部署|要求)|按.*(要求|规定)|批复|批准|之日起|日内|工作日|以后|后\d|后[一二三四五六七八九十]|收到|发布后|会后|期间/;

/**
 * Parses a 完成时限 cell. `year` is the plan's year (from the table title, `--year`, or today).
 * A date that cannot exist (`3月32日`) is invalid, not guessed at.
 */
export function parseDeadline(raw: string, year: number): DeadlineParse {
  const text = raw.trim();
  const s = text.normalize("NFKC").replace(/\s+/g, "").replace(/[。.，,；;]+$/, "");
  if (s === "") return { kind: "invalid", text, reason: "为空" };
  const found = parseDate(s, year, text);
  if (found) return found;

  if (s.length <= 12) {
    for (const [re, cadence] of CADENCES) if (re.test(s)) return { kind: "cadence", cadence, text };
  }
  if (RULE_WORDS.test(s) || s.length > 12) return { kind: "rule", text };
  return { kind: "invalid", text, reason: "无法识别" };
}

function parseDate(s: string, year: number, text: string): DeadlineParse | undefined {
  const date = (y: number, month: number, day: number): DeadlineParse => {
    const iso = isoDate(y, month, day);
    return iso ? { kind: "date", date: iso, text } : { kind: "invalid", text, reason: `日期不存在（${y}年${month}月${day}日）` };
  };
  const numeric = NUMERIC.exec(s.replace(CLOSING, ""));
  if (numeric) return date(Number(numeric[1]), Number(numeric[2]), Number(numeric[3]));
  const bare = s.replace(CLOSING, "");
  if (bare !== "") {
    for (const p of DATE_PHRASES) {
      const m = p.re.exec(bare);
      if (!m) continue;
      const y = m[1] ? Number(m[1]) : year;
      const md = p.date(m, y);
      if (md === "bad-month") return { kind: "invalid", text, reason: "月份不存在" };
      return date(y, md[0], md[1]);
    }
  }
  const span = SPAN.exec(s);
  if (span) {
    const startYear = /^(\d{4})年/.exec(span[1]!)?.[1];
    const end = parseDate(span[2]!, startYear ? Number(startYear) : year, text);
    if (end && end.kind !== "invalid") return end;
  }
  return undefined;
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
