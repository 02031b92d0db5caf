/** What the running Excel can do: the add-in needs ExcelApi 1.8 and uses more where it is there. */

export interface Capabilities {
  /** ExcelApi 1.9: `getRanges` (many cells in one call), `getCellProperties`, suspending screen updates. */
  rangeAreas: boolean;
  /** ExcelApi 1.10: threaded comments (messages go there when notes are missing). */
  comments: boolean;
  /** ExcelApi 1.13: which cells are merged. */
  mergedAreas: boolean;
  /** ExcelApi 1.18: notes. */
  notes: boolean;
}

export const ALL_CAPABILITIES: Capabilities = { rangeAreas: true, comments: true, mergedAreas: true, notes: true };

/** Asks the host, e.g. `(v) => Office.context.requirements.isSetSupported("ExcelApi", v)`. */
export function detectCapabilities(isSetSupported: (version: string) => boolean): Capabilities {
  return {
    rangeAreas: isSetSupported("1.9"),
    comments: isSetSupported("1.10"),
    mergedAreas: isSetSupported("1.13"),
    notes: isSetSupported("1.18"),
  };
}
