/** Text helpers shared by every reader and rule. */

/**
 * A string function remembered for the strings it has seen (a table repeats its units, deadlines and
 * categories on every row, and several rules key the same cell): bounded to a few million characters
 * (≈ 8 MB), emptied when full.
 */
export function remembered<T = string>(fn: (s: string) => T, maxChars = 4_000_000): (s: string) => T {
  const seen = new Map<string, T>();
  REMEMBERED.push(seen);
  let chars = 0; // what the cache holds, bounded: a long-running service sees many tables
  return (s) => {
    let v = seen.get(s);
    if (v === undefined && !seen.has(s)) {
      v = fn(s);
      const size = s.length + (typeof v === "string" ? v.length : 8);
      chars += size;
      if (chars > maxChars) {
        seen.clear();
        chars = size;
      }
      seen.set(s, v);
    }
    return v as T;
  };
}

const FULLWIDTH_DIGIT = /[\uFF10-\uFF19]/g;
const ANY_SPACE = /[\s\u3000\u00A0]+/g;
/** Characters nobody sees: control and format characters (zero-width marks, bidi controls, the BOM). */
const INVISIBLE = /[\p{Cc}\p{Cf}]+/gu;

const REMEMBERED: Map<string, unknown>[] = [];
let generation = 0;

/** Bumped by `forgetRemembered`: caches kept elsewhere (per roster) empty themselves when it changes. */
export const cacheGeneration = (): number => generation;

/** Forgets what `remembered` functions have seen (benchmarks measure a cold start with it). */
export function forgetRemembered(): void {
  for (const m of REMEMBERED) m.clear();
  generation++;
}

/** Full-width digits `０-９` → `0-9`. */
export function halfWidthDigits(s: string): string {
  return s.replace(FULLWIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/**
 * The text a coded field should hold: full-width digits and spaces made half-width, no leading or
 * trailing space, no doubled space. Line breaks between names are kept as one line break.
 */
export const tidyCodedText = remembered(function tidyCodedText(s: string): string {
  return halfWidthDigits(s)
    .split(/\r?\n/)
    .map((line) => line.replace(ANY_SPACE, " ").trim())
    .filter((line) => line !== "")
    .join("\n");
});

/** A key for comparing header names and short labels: NFKC, no white space and no invisible character at all. */
export const labelKey = remembered(function labelKey(s: string): string {
  return s.normalize("NFKC").replace(ANY_SPACE, "").replace(INVISIBLE, "");
});

/** Tags of copies converted from web pages (`<p>`, `</span>`). */
const TAG = /<\/?[a-zA-Z][^>]*>/g;
/** What a sentence key leaves out: white space, punctuation and symbols. */
const NOT_KEPT = /[\s\p{P}\p{S}]+/gu;

/**
 * A key for recognising the same sentence typed twice: no stray HTML tags, NFKC (full-width letters and digits made
 * half-width, `①` → `1`, `㈠` → `(一)`, accents composed), no white space, punctuation or symbol, lower case. `〇`
 * and `零` stay different characters.
 */
export function sentenceKey(s: string): string {
  return plainKey(s) ?? generalKey(s);
}

function generalKey(s: string): string {
  return s.replace(TAG, "").normalize("NFKC").replace(NOT_KEPT, "").toLowerCase();
}

/**
 * A number for `sentenceKey(s)`, made without building the key: equal keys give equal numbers, and different keys
 * almost always different ones (compare the keys where the numbers are equal). 0 for an empty key. The matcher and
 * `measure.duplicate` look measures up by it: with the keys themselves in their maps, real-size tables validate about
 * as fast (≈ 3 % slower), the bench's 10,000 rows ≈ 20 % slower (bench/coreProfile.ts).
 */
export function sentenceHash(s: string): number {
  let h = FNV_OFFSET;
  let kept = 0;
  for (let i = 0; i < s.length; i++) {
    const code = plainCode(s.charCodeAt(i));
    if (code === LEFT_OUT) continue;
    if (code === NOT_PLAIN) return hashOf(generalKey(s));
    h = Math.imul(h ^ code, FNV_PRIME);
    kept++;
  }
  return kept === 0 ? 0 : h >>> 0 || 1;
}

/** Whether two texts are the same sentence: `sentenceKey(a) === sentenceKey(b)`. */
export function sameSentence(a: string, b: string): boolean {
  return a === b || sentenceKey(a) === sentenceKey(b);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a (32 bits) of a text's UTF-16 units. */
export function fnv1a(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** A key's hash, 0 only for the empty key. */
const hashOf = (key: string): number => (key.length === 0 ? 0 : fnv1a(key) || 1);

/**
 * Chinese punctuation and spaces (besides the full-width forms of ASCII), by code: NFKC leaves each punctuation, a
 * symbol or a space, so a key leaves it out.
 */
const CHINESE_PUNCTUATION = new Set([..."　、。〈〉《》「」『』【】〔〕〖〗〘〙〚〛〜〝〞〟・…‥—–‐‒―‘’“”·•￥"].map((c) => c.charCodeAt(0)));

const LEFT_OUT = -1;
const NOT_PLAIN = -2;

/**
 * What a sentence key makes of a character of plain text — ASCII, full-width letters and digits, CJK ideographs,
 * Chinese punctuation: the code it keeps (ASCII for a full-width form, lower case for a letter), or `LEFT_OUT`. On
 * those characters NFKC changes nothing else a key keeps and joins nothing to a neighbour, so a text of them is keyed
 * one character at a time. `NOT_PLAIN` for any other character (a `<` may open a tag; control characters are kept;
 * other scripts need NFKC): such a text is keyed the general way.
 */
function plainCode(c: number): number {
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) return c;
  const ascii = c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c;
  if ((ascii >= 0x30 && ascii <= 0x39) || (ascii >= 0x61 && ascii <= 0x7a)) return ascii;
  if (ascii >= 0x41 && ascii <= 0x5a) return ascii + 32;
  if (ascii === 0x20 || (ascii >= 0x09 && ascii <= 0x0d) || (ascii > 0x20 && ascii < 0x7f && c !== 0x3c) || CHINESE_PUNCTUATION.has(c)) return LEFT_OUT;
  return NOT_PLAIN;
}

/**
 * `sentenceKey` of plain text (`plainCode`), `undefined` for other text. Some five times as fast as the general way:
 * kept because the general way alone made validation of real-size tables ≈ 40 % slower (the seed's 37 rows, 400 rows
 * of distinct texts, a retyped copy of them checked against them: bench/coreProfile.ts); the two agree on every text
 * (test/core/sentenceKey.test.ts).
 */
function plainKey(s: string): string | undefined {
  let key = "";
  let from = 0; // the start of the characters kept as they are since the last one that is not
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const code = plainCode(c);
    if (code === c) continue;
    if (code === NOT_PLAIN) return undefined;
    key += s.slice(from, i) + (code === LEFT_OUT ? "" : String.fromCharCode(code));
    from = i + 1;
  }
  return from === 0 ? s : key + s.slice(from);
}

/** The white space of `ANY_SPACE` (`\s`, the ideographic space, no-break space), by code. */
export function isSpaceCode(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x3000 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0xfeff;
}

/** `s.trim()`, the text itself where neither end is white space (most cells). */
export function trimmed(s: string): string {
  const n = s.length;
  return n === 0 || (!isSpaceCode(s.charCodeAt(0)) && !isSpaceCode(s.charCodeAt(n - 1))) ? s : s.trim();
}

/** True when the text is empty or only white space (looked at one by one, no string built). */
export function isBlank(s: string | undefined): boolean {
  if (s === undefined) return true;
  for (let i = 0; i < s.length; i++) if (!isSpaceCode(s.charCodeAt(i))) return false;
  return true;
}
