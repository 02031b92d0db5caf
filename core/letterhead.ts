/**
 * The 通报's 版头 and 版记 as the coordinator sets them once (发文机关, 发文字号, 主送, 抄送, 印发机关, how the 成文日期 is
 * written), checked with one sentence per problem; and what the document uses where a field is not set: the issuing
 * office read from the task list's title when it names a place or a department, else a placeholder in 〔〕 the
 * coordinator sees and fills.
 */
import { z } from "zod";

/** 成文日期 in Chinese numerals (二〇二六年十二月六日, as the plan's 通报 are written) or in Arabic (GB/T 9704-2012 §7.3.5). */
export const DATE_STYLES = ["chinese", "arabic"] as const;
export type DateStyle = (typeof DATE_STYLES)[number];

export interface Letterhead {
  /** 发文机关: the 版头's 发文机关标志, the signature above the date, and the 印发机关 unless that is set. */
  issuer: string;
  /** 发文字号: `正政公〔2026〕3号`. */
  number: string;
  /** 主送机关, without the closing colon (the document adds the full-width one). */
  to: string;
  /** 抄送机关 (the 版记's 抄送 line; none when empty). */
  cc: string;
  /** 印发机关 (the 版记); the 发文机关 when empty. */
  printer: string;
  dateStyle: DateStyle;
}

/** Each field's name as the coordinator reads it (labels on the dashboard, keys a settings file may use, messages). */
export const LETTERHEAD_LABELS: Record<keyof Letterhead, string> = {
  issuer: "发文机关",
  number: "发文字号",
  to: "主送机关",
  cc: "抄送机关",
  printer: "印发机关",
  dateStyle: "成文日期写法",
};

export const EMPTY_LETTERHEAD: Letterhead = { issuer: "", number: "", to: "", cc: "", printer: "", dateStyle: "chinese" };

/** What a field left unset reads as in the document: a bracketed placeholder, visible, to be filled. */
export const placeholderOf = (field: "issuer" | "number" | "to"): string => `〔${LETTERHEAD_LABELS[field]}〕`;

const DATE_WORDS: Record<string, DateStyle> = { chinese: "chinese", 汉字: "chinese", 中文: "chinese", 中文数字: "chinese", arabic: "arabic", 阿拉伯数字: "arabic" };

/** A 发文字号 as GB/T 9704-2012 §7.2.4 writes it: 机关代字, the year in 〔〕, the number with no 第 and no leading zero, 号. */
const NUMBER_PATTERN = /^[\p{Script=Han}A-Za-z]{1,16}〔(19|20)\d{2}〕[1-9]\d{0,4}号$/u;

const text = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .transform((s) => s.replace(/\s+/g, " ").trim())
    .refine((s) => s.length <= max, `${label}不能超过${max}个字`)
    .default("");

const LetterheadSchema = z.object({
  issuer: text(LETTERHEAD_LABELS.issuer, 40),
  number: text(LETTERHEAD_LABELS.number, 30)
    // brackets as people type them ([2026], （2026）, 【2026】) become the standard's 六角括号
    .transform((s) => s.replace(/[[［【(（〔]\s*(\d{4})\s*[\]］】)）〕]/u, "〔$1〕"))
    .refine((s) => s === "" || NUMBER_PATTERN.test(s), "写法不对：应写作 机关代字〔年份〕序号号，例如 正政公〔2026〕3号（年份用六角括号〔〕，序号不加“第”字、不写成 03）"),
  to: text(LETTERHEAD_LABELS.to, 200).transform((s) => s.replace(/[：:]+$/u, "")),
  cc: text(LETTERHEAD_LABELS.cc, 300).transform((s) => s.replace(/^抄送[：:]?/u, "").replace(/[。.]+$/u, "")),
  printer: text(LETTERHEAD_LABELS.printer, 40),
  dateStyle: z.enum(DATE_STYLES, { error: "只能是 chinese（汉字：二〇二六年十二月六日）或 arabic（阿拉伯数字：2026年12月6日）" }).default("chinese"),
});

export type LetterheadParse = { success: true; data: Letterhead } | { success: false; message: string };

/**
 * Letterhead settings from JSON as people write them: keys in English (`issuer`) or by their Chinese names (`发文机关`),
 * the date style as `chinese` / `arabic` or 汉字 / 阿拉伯数字; fields left out are unset. A problem is said in one
 * sentence naming the field and how to write it.
 */
export function parseLetterhead(json: unknown): LetterheadParse {
  if (!json || typeof json !== "object" || Array.isArray(json)) {
    return { success: false, message: "通报版头设置应为一个 JSON 对象，例如 {\"issuer\": \"某某县人民政府办公室\", \"number\": \"某政办〔2026〕3号\", \"to\": \"各乡镇人民政府，县直各部门\"}。" };
  }
  const byLabel = new Map(Object.entries(LETTERHEAD_LABELS).map(([key, label]) => [label, key]));
  const input: Record<string, unknown> = {};
  for (const [raw, value] of Object.entries(json)) {
    const key = Object.hasOwn(LETTERHEAD_LABELS, raw) ? raw : byLabel.get(raw.trim());
    if (key === undefined) {
      const known = Object.entries(LETTERHEAD_LABELS).map(([k, label]) => `${k}（${label}）`).join("、");
      return { success: false, message: `通报版头设置中有不认识的项“${raw}”：可写 ${known}。` };
    }
    input[key] = key === "dateStyle" && typeof value === "string" ? (DATE_WORDS[value.trim()] ?? value) : value;
  }
  const parsed = LetterheadSchema.safeParse(input);
  if (parsed.success) return { success: true, data: parsed.data };
  const issue = parsed.error.issues[0]!;
  const key = String(issue.path[0] ?? "") as keyof Letterhead;
  const label = LETTERHEAD_LABELS[key] ?? "通报版头设置";
  const given = Object.hasOwn(input, key) && typeof input[key] === "string" ? `“${input[key]}”` : "";
  return { success: false, message: `通报版头设置中的${label}${given}${issue.message.startsWith(label) ? issue.message.slice(label.length) : issue.message}。` };
}

/** The letterhead the document is made with: every field filled, those the coordinator has not set named in `unset`. */
export interface ResolvedLetterhead extends Letterhead {
  /** Fields not set, shown in the document as their placeholder (or, for the issuer, as read from the task list's title). */
  unset: (keyof Letterhead)[];
}

const AREA = /(省|自治区|市|州|盟|地区|县|旗|区|镇|乡|苏木|街道)$/u;
const DEPARTMENT = /(局|委|委员会|办|办公室|厅|院|中心|署|会|部|站|所|队)$/u;

/**
 * The office a task list's title names, if it names one: a place (`某某县2024年政务公开重点任务清单`,
 * `2023年某某市政务公开工作任务分工表` → 某某县（市）人民政府办公室, the office that runs 政务公开 there) or a department
 * (`某某市财政局2023年…` → 某某市财政局);
 * `undefined` when the title names neither (`2022年全旗政务公开工作提升任务分解表`).
 */
export function issuerFromTitle(title: string | undefined): string | undefined {
  // the words before the year, or after a leading year, up to the year, 关于 or 政务公开
  const head = /^\s*(?:(?:19|20)\d{2}\s*年度?)?([\p{Script=Han}（）()]+?)(?:\s*(?:19|20)\d{2}\s*年|关于|政务公开)/u.exec(title ?? "")?.[1]?.replace(/[（(].*$/u, "");
  if (!head || head.length < 2 || head.length > 30) return undefined;
  if (/^[全本各]/u.test(head)) return undefined;
  if (DEPARTMENT.test(head)) return head;
  if (AREA.test(head)) return `${head}人民政府办公室`;
  return undefined;
}

/**
 * The letterhead of a notice: the coordinator's settings, and for what is not set the issuer read from the task
 * list's title (`issuerFromTitle`) or the placeholder `〔发文机关〕`, `〔发文字号〕`, `〔主送机关〕`; no 抄送 line; the
 * 印发机关 the 发文机关. Never a unit or place of the built-in sample unless the title in use is the sample's.
 */
export function resolveLetterhead(given: Letterhead | undefined, taskListTitle: string | undefined): ResolvedLetterhead {
  const set = given ?? EMPTY_LETTERHEAD;
  const unset = (Object.keys(LETTERHEAD_LABELS) as (keyof Letterhead)[]).filter((k) => k !== "dateStyle" && set[k] === "");
  if (given === undefined) unset.push("dateStyle");
  const issuer = set.issuer || issuerFromTitle(taskListTitle) || placeholderOf("issuer");
  return {
    issuer,
    number: set.number || placeholderOf("number"),
    to: set.to || placeholderOf("to"),
    cc: set.cc,
    printer: set.printer || issuer,
    dateStyle: set.dateStyle,
    unset,
  };
}

const DIGITS = "〇一二三四五六七八九";

/** 1…31 in Chinese numerals as dates write them: 六, 十, 十二, 二十, 三十一. */
function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : DIGITS[tens]!}十${ones === 0 ? "" : DIGITS[ones]!}`;
}

/** `2026-12-06` → 二〇二六年十二月六日. */
export function chineseDate(day: string): string {
  const [y, m, d] = day.split("-");
  return `${[...(y ?? "")].map((c) => DIGITS[Number(c)]!).join("")}年${chineseNumber(Number(m))}月${chineseNumber(Number(d))}日`;
}

/** `2026-12-06` → 2026年12月6日 (the month and day without a leading zero, GB/T 9704-2012). */
export function arabicDate(day: string): string {
  const [y, m, d] = day.split("-");
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** The 成文日期 as the letterhead says it is written. */
export const dateText = (day: string, style: DateStyle): string => (style === "arabic" ? arabicDate(day) : chineseDate(day));
