/** The corrections the tool is certain of, computed once per cell so that every fix on a cell agrees. */
import { tidyCodedText } from "./normalize.js";
import type { RosterIndex } from "./roster.js";

/** Whitespace and full-width digits tidied. */
export function fixCodedText(text: string): string {
  return tidyCodedText(text);
}

/** Tidied, and every alias replaced by its canonical name (`"金融办、财政局" → "旗金融办、旗财政局"`). */
export function fixUnitText(text: string, roster: RosterIndex): string {
  let out = tidyCodedText(text);
  for (const n of roster.names(out)) {
    if (n.resolved?.viaAlias) out = out.replace(n.text, n.resolved.name);
  }
  return out;
}

/** `“财政局” → “旗财政局”` for the user. */
export function fixLabel(from: string, to: string): string {
  return `“${from.replace(/\n/g, "↵")}” → “${to.replace(/\n/g, "↵")}”`;
}
