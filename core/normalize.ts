/** Text helpers shared by every reader and rule. */

const FULLWIDTH_DIGIT = /[\uFF10-\uFF19]/g;
const ANY_SPACE = /[\s\u3000\u00A0]+/g;

/** Full-width digits `０-９` → `0-9`. */
export function halfWidthDigits(s: string): string {
  return s.replace(FULLWIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/**
 * The text a coded field should hold: full-width digits and spaces made half-width, no leading or
 * trailing space, no doubled space. Line breaks between names are kept as one line break.
 */
export function tidyCodedText(s: string): string {
  return halfWidthDigits(s)
    .split(/\r?\n/)
    .map((line) => line.replace(ANY_SPACE, " ").trim())
    .filter((line) => line !== "")
    .join("\n");
}

/** A key for comparing header names and short labels: NFKC, no white space at all. */
export function labelKey(s: string): string {
  return s.normalize("NFKC").replace(ANY_SPACE, "");
}

/**
 * A key for recognising the same sentence typed twice: NFKC, no white space, no punctuation,
 * no stray HTML tags (copies converted from web pages carry `<p>`), lower case.
 */
export function sentenceKey(s: string): string {
  return s
    .replace(/<\/?[a-zA-Z][^>]*>/g, "")
    .normalize("NFKC")
    .replace(/[\s\p{P}\p{S}]+/gu, "")
    .toLowerCase();
}

/** True when the text is empty or only white space. */
export function isBlank(s: string | undefined): boolean {
  return s === undefined || s.replace(ANY_SPACE, "") === "";
}
