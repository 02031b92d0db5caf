/** The corrections the tool is certain of, computed once per cell so that every fix on a cell agrees. */
import type { Finding } from "./findings.js";
import { tidyCodedText } from "./normalize.js";
import { isAliasToFix, type RosterIndex } from "./roster.js";

/**
 * The fixes of these findings, one per cell (the last proposed for a cell wins): what 一键修复 lists, writes and
 * counts, in Excel and on the browser page alike.
 */
export function fixesByCell(findings: readonly Finding[]): (Finding & { fix: NonNullable<Finding["fix"]> })[] {
  const byCell = new Map<string, Finding & { fix: NonNullable<Finding["fix"]> }>();
  for (const f of findings) if (f.fix) byCell.set(`${f.sheet}!${f.cell}`, f as Finding & { fix: NonNullable<Finding["fix"]> });
  return [...byCell.values()];
}

/** Whitespace and full-width digits tidied. */
export function fixCodedText(text: string): string {
  return tidyCodedText(text);
}

/**
 * Tidied, and every alias to fix replaced by its canonical name (`"金融办、财政局" → "旗金融办、旗财政局"`); full
 * names and the full forms the roster lists are kept (`isAliasToFix`).
 */
export function fixUnitText(text: string, roster: RosterIndex): string {
  let out = tidyCodedText(text);
  for (const n of roster.names(out)) {
    if (n.resolved && isAliasToFix(roster.writtenAs(n.text))) out = out.replace(n.text, n.resolved.name);
  }
  return out;
}

/** `“财政局” → “旗财政局”` for the user. */
export function fixLabel(from: string, to: string): string {
  return `“${from.replace(/\n/g, "↵")}” → “${to.replace(/\n/g, "↵")}”`;
}
