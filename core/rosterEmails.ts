/**
 * The sender addresses a roster lists for its units (SPEC §9): how an address is written down, how a roster's cell
 * of addresses is read, and which units list an address. A message is filed under a unit only by these.
 */
import type { Roster, RosterUnit } from "./roster.js";

/** What an address may hold before its `@`: RFC 5322's atext, and letters of any script (an internationalised address). */
const LOCAL_WORD = String.raw`[\p{L}\p{N}!#$%&'*+/=?^_\x60{|}~-]+`;
const DOMAIN_LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?`;
/** The last label names a top-level domain: letters (`cn`, `中国`), or punycode (`xn--fiqs8s`). */
const TOP_LABEL = String.raw`\p{L}[\p{L}\p{N}-]*[\p{L}\p{N}]`;
const ADDRESS = new RegExp(`^${LOCAL_WORD}(?:\\.${LOCAL_WORD})*@(?:${DOMAIN_LABEL}\\.)+${TOP_LABEL}$`, "u");
/** RFC 5321's limit on a whole address. */
const MAX_ADDRESS_CHARS = 254;

/** `张三 <zs@x.gov.cn>`, `"Zhang, San" <zs@x.gov.cn>`: the address is what the last brackets hold. */
const IN_BRACKETS = /<([^<>]*)>\s*$/;
const MAILTO = /^mailto:/i;

/**
 * An address as the roster and the mailbox compare it: trimmed, lower case, without a display name (`张三
 * <ZS@x.gov.cn>` → `zs@x.gov.cn`) or a `mailto:` (and its `?subject=…`); `undefined` when it does not look like an
 * address — not exactly one `@`, no dot in the domain, spaces, or characters no address has. Full-width letters are
 * not folded here (a sender is compared as written); a roster's cells are (`readEmailCell`).
 */
export function normalizeEmail(s: string): string | undefined {
  let t = s.trim();
  const bracketed = IN_BRACKETS.exec(t);
  if (bracketed) t = bracketed[1]!.trim();
  if (MAILTO.test(t)) t = t.replace(MAILTO, "").replace(/\?.*$/s, "");
  t = t.toLowerCase();
  return t.length <= MAX_ADDRESS_CHARS && ADDRESS.test(t) ? t : undefined;
}

/**
 * What a 邮箱 cell holds when a unit has no address, with the way people write it: left out silently, as an empty cell.
 * Compared after NFKC and without spaces.
 */
const NO_ADDRESS: readonly (readonly [RegExp, string])[] = [
  [/^(无|暂无|没有|空|略|未设|未设置|未开通|待定|待补充|待补)$/, "暂无"],
  [/^[(（]?无[)）]?$/, "（无）"],
  [/^[-—–_/\\.。·…]+$/, "—"],
];

/** Quoted display names (`"Zhang, San"`, `“张三”`), which may hold separators. */
const QUOTED = /"[^"]*"|“[^”]*”/g;
/** `mailto:zs@x.gov.cn?subject=…` → the address alone. */
const MAILTO_LINK = /mailto:([^\s?]*)(?:\?\S*)?/gi;
/** Brackets around an address or a name (`<zs@x.gov.cn>`, `zs@x.gov.cn（张三）`). */
const BRACKETS = /[<>()[\]（）【】《》]/g;
/** What separates the addresses of a cell (and a label from its address: `邮箱：zs@x.gov.cn`). */
const CELL_SEPARATORS = /[\s、,;:，；：。]+/u;

export interface EmailCell {
  /** The cell's addresses, normalised, each once, in the cell's order. */
  emails: string[];
  /** What looks meant as an address but is none (`zs@x`, `zs@@x.gov.cn`), or the cell's text when it holds no address at all. */
  malformed: string[];
}

/**
 * The addresses a roster's cell lists: several separated by `、，,；;`, spaces or new lines, each maybe with a display
 * name (`张三 <zs@x.gov.cn>`, `张三 zs@x.gov.cn`) or `mailto:`. Full-width characters typed by a Chinese input method
 * count as their half-width forms (`ｚｓ＠ｘ．ｇｏｖ．ｃｎ`). Words without `@` beside an address are names and are
 * dropped; a cell whose text holds no address at all, other than `无`, `暂无`, `—` and the like, is malformed.
 */
export function readEmailCell(text: string): EmailCell {
  const folded = text.normalize("NFKC").trim();
  const out: EmailCell = { emails: [], malformed: [] };
  if (folded === "" || NO_ADDRESS.some(([pattern]) => pattern.test(folded.replace(/\s+/g, "")))) return out;
  const words = folded.replace(QUOTED, " ").replace(MAILTO_LINK, " $1 ").replace(BRACKETS, " ").split(CELL_SEPARATORS).filter((w) => w !== "");
  for (const word of words) {
    if (!word.includes("@")) continue;
    const email = normalizeEmail(word);
    if (email === undefined) out.malformed.push(word);
    else if (!out.emails.includes(email)) out.emails.push(email);
  }
  if (out.emails.length === 0 && out.malformed.length === 0) out.malformed.push(text.trim());
  return out;
}

/** `unit` with `more` addresses added to its own (each once); the unit itself when none is new. */
export function unitWithEmails(unit: RosterUnit, more: readonly string[]): RosterUnit {
  const own = unit.emails ?? [];
  const added = more.filter((e, i) => !own.includes(e) && more.indexOf(e) === i);
  return added.length === 0 ? unit : { ...unit, emails: [...own, ...added] };
}

/**
 * The roster units (canonical names, in roster order) that list `address` as theirs: compared as `normalizeEmail`
 * writes it (case and display name do not count). An office mailbox two units share names both; an address no unit
 * lists, none — a message from it is held for the coordinator.
 */
export function unitsForAddress(roster: Roster, address: string): string[] {
  const email = normalizeEmail(address);
  if (email === undefined) return [];
  return roster.units.filter((u) => u.emails?.includes(email)).map((u) => u.name);
}

/**
 * The roster without its units' addresses: what a unit may see (its template's 单位名册 sheet, the roster a unit's
 * token is answered with) — one unit's staff are not to learn the others' addresses.
 */
export function rosterWithoutEmails(roster: Roster): Roster {
  if (!roster.units.some((u) => u.emails !== undefined)) return roster;
  return { ...roster, units: roster.units.map(({ emails: _emails, ...unit }) => unit) };
}
