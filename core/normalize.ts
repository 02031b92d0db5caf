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

/**
 * A key for recognising the same sentence typed twice: NFKC, no white space, no punctuation,
 * no stray HTML tags (copies converted from web pages carry `<p>`), lower case. This is the slow, general way
 * (any Unicode: compatibility forms, letters of every script); `sentenceKey` is the quick one.
 */
export function sentenceKeySlow(s: string): string {
  return s
    .replace(/<\/?[a-zA-Z][^>]*>/g, "")
    .normalize("NFKC")
    .replace(/[\s\p{P}\p{S}]+/gu, "")
    .toLowerCase();
}

/** Punctuation and spaces of Chinese text that NFKC leaves as punctuation or space: dropped like ASCII ones. */
const CJK_DROP = new Set([..."　、。〈〉《》「」『』【】〔〕〖〗〘〙〚〛〜〝〞〟・…‥—–‐‒―‘’“”·•！（），：；？［］｛｝＂＃＄％＆＇＊＋－．／＜＝＞＠＼＾＿｀｜～￥"].map((c) => c.charCodeAt(0)));

/** What `sentenceKey`'s fast way does with a character: keeps a code (lower-cased), drops it, or gives up. */
const DROP = -1;
const SLOW = -2;
function keptCodeOf(c: number): number {
  if (c >= 0x4e00 && c <= 0x9fff) return c;
  if (c < 0x80) {
    if (c === 0x3c || (c < 0x20 && !(c >= 0x09 && c <= 0x0d)) || c === 0x7f) return SLOW; // `<`: perhaps a tag; control characters
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) return c;
    if (c >= 0x41 && c <= 0x5a) return c + 32;
    return DROP;
  }
  return CJK_DROP.has(c) ? DROP : SLOW;
}

/**
 * `keptCodeOf`, with the ideographs (most characters of a table) decided first and every other character up to
 * U+FFFF looked up in a table made once: a set lookup per punctuation mark had made it the matcher's costliest
 * line. (A table for the ideographs too was slower: 80 KB of it does not stay in the processor's cache.)
 */
const KEPT_OTHER = Int32Array.from({ length: 0x10000 }, (_, c) => (c >= 0x4e00 && c <= 0x9fff ? c : keptCodeOf(c)));
const keptCode = (c: number): number => (c >= 0x4e00 && c <= 0x9fff ? c : KEPT_OTHER[c]!);

/**
 * `sentenceKeySlow`, without its three regex passes and NFKC for the text tables are made of: ASCII,
 * CJK ideographs and common Chinese punctuation (on which NFKC changes nothing that is kept). Anything else
 * takes the slow way. The two agree on every text (test/core/normalize.test.ts).
 */
export function sentenceKey(s: string): string {
  // The kept characters are taken as runs of the text (slices, not copies), joined where something is dropped.
  let out = "";
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const k = keptCode(c);
    if (k === c) continue;
    if (k === SLOW) return sentenceKeySlow(s);
    out += s.slice(run, i);
    run = i + 1;
    if (k !== DROP) out += String.fromCharCode(k);
  }
  return run === 0 ? s : out + s.slice(run);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * A hash cut to 30 bits, never 0: numbers of that size are V8's small integers, kept in maps and arrays as they are
 * (a larger one is an object of its own, made each time it is stored).
 */
const smallNumber = (h: number): number => h & 0x3fffffff || 1;

/** FNV-1a of a string's UTF-16 units; never 0 (0 stands for the empty key). */
function hashUnits(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return s.length === 0 ? 0 : smallNumber(h);
}

/**
 * A number for `sentenceKey(s)`, made without building the key: equal keys give equal numbers (different
 * keys, almost always different ones: confirm with `sameSentence`). 0 for a text with nothing kept.
 */
export function sentenceHash(s: string): number {
  let h = FNV_OFFSET;
  let kept = 0;
  for (let i = 0; i < s.length; i++) {
    const k = keptCode(s.charCodeAt(i));
    if (k === DROP) continue;
    if (k === SLOW) return hashUnits(sentenceKeySlow(s));
    h = Math.imul(h ^ k, FNV_PRIME);
    kept++;
  }
  return kept === 0 ? 0 : smallNumber(h);
}

/** How many kept characters from each end `sentenceEnds` reads. */
const ENDS = 6;

/**
 * A number for the first and last few characters of `sentenceKey(s)`: equal keys give equal numbers, so different
 * numbers mean different sentences — found after reading a dozen characters, not the whole text. Tables of thousands
 * of long measures, most matching no task (a table other than the built-in sample is matched against it first), are
 * sorted out by it before any is read whole (`sentenceHash`). 0 for a text with nothing kept.
 */
export function sentenceEnds(s: string): number {
  // a tag (`<span>`) begun in the part not read could end in the part read: the slow way (a native search, quick)
  if (s.indexOf("<") !== -1) return endsOfKey(sentenceKeySlow(s));
  let h = FNV_OFFSET;
  let front = 0;
  let i = 0;
  for (; i < s.length && front < ENDS; i++) {
    const k = keptCode(s.charCodeAt(i));
    if (k === DROP) continue;
    if (k === SLOW) return endsOfKey(sentenceKeySlow(s));
    h = Math.imul(h ^ k, FNV_PRIME);
    front++;
  }
  if (front === 0) return 0;
  // a mark right after the front would join its last letter (NFKC): the slow way
  if (i < s.length && keptCode(s.charCodeAt(i)) === SLOW) return endsOfKey(sentenceKeySlow(s));
  // from the end, back to where the front stopped (a short key is read once)
  let back = 0;
  for (let j = s.length - 1; j >= i && back < ENDS; j--) {
    const k = keptCode(s.charCodeAt(j));
    if (k === DROP) continue;
    if (k === SLOW) return endsOfKey(sentenceKeySlow(s));
    h = Math.imul(h ^ k, FNV_PRIME);
    back++;
  }
  return smallNumber(h);
}

/** `sentenceEnds` of a key already made (the slow way's): every character is kept. */
function endsOfKey(key: string): number {
  if (key.length === 0) return 0;
  let h = FNV_OFFSET;
  const front = Math.min(ENDS, key.length);
  for (let i = 0; i < front; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  const back = Math.min(ENDS, key.length - front);
  for (let j = key.length - 1; j >= key.length - back; j--) h = Math.imul(h ^ key.charCodeAt(j), FNV_PRIME);
  return smallNumber(h);
}

/** Whether any character from `from` on needs the slow way. */
function needsSlow(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) if (keptCode(s.charCodeAt(i)) === SLOW) return true;
  return false;
}

/** `sentenceKey(a) === sentenceKey(b)`, walking both texts instead of building the keys. */
export function sameSentence(a: string, b: string): boolean {
  if (a === b) return true;
  let i = 0;
  let j = 0;
  for (;;) {
    let x = DROP;
    while (i < a.length && (x = keptCode(a.charCodeAt(i++))) === DROP);
    let y = DROP;
    while (j < b.length && (y = keptCode(b.charCodeAt(j++))) === DROP);
    if (x === SLOW || y === SLOW) return sentenceKey(a) === sentenceKey(b);
    // A difference is final only where neither text needs the slow way further on (NFKC may join a letter to a mark after it).
    if (x !== y) return needsSlow(a, i) || needsSlow(b, j) ? sentenceKey(a) === sentenceKey(b) : false;
    if (x === DROP) return true; // both ended together
  }
}

let CODES = new Uint16Array(1024);

/**
 * The characters of `sentenceKey(s)` as codes, in a buffer reused call after call (read them before the next
 * call): `{ codes, length }`.
 */
export function sentenceCodes(s: string): { codes: Uint16Array; length: number } {
  if (CODES.length < s.length) CODES = new Uint16Array(Math.max(s.length, 2 * CODES.length));
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const k = keptCode(s.charCodeAt(i));
    if (k === DROP) continue;
    if (k === SLOW) {
      const key = sentenceKeySlow(s);
      if (CODES.length < key.length) CODES = new Uint16Array(key.length);
      for (let j = 0; j < key.length; j++) CODES[j] = key.charCodeAt(j);
      return { codes: CODES, length: key.length };
    }
    CODES[n++] = k;
  }
  return { codes: CODES, length: n };
}

/** The white space of `ANY_SPACE` (`\s`, the ideographic space, no-break space), by code. */
export function isSpaceCode(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x3000 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0xfeff;
}

/**
 * `s.trim()`, looking at the two ends first: most cells have no space around them, and the built-in trim costs
 * some hundred instructions on the strings a workbook reader makes (slices and joins of larger strings).
 */
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
