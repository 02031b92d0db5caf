/** What the running Excel can do: the add-in needs ExcelApi 1.8 and uses more where it is there. */

export interface Capabilities {
  /** ExcelApi 1.9: `getRanges` (many cells in one call), change events, suspending screen updates. */
  rangeAreas: boolean;
  /** ExcelApi 1.10: threaded comments (messages go there when notes are missing). */
  comments: boolean;
  /** ExcelApi 1.13: which cells are merged. */
  mergedAreas: boolean;
  /** ExcelApi 1.14: a change event says whether this add-in caused it (`triggerSource`). */
  triggerSource: boolean;
  /** ExcelApi 1.18: notes. */
  notes: boolean;
  /**
   * ExcelApi 1.19: the add-in's writes join Excel's undo stack instead of clearing it (OfficeDev/office-js-docs-pr#5175,
   * "available and automatically enabled starting with ExcelApi 1.19").
   */
  keepsUndo: boolean;
}

export const ALL_CAPABILITIES: Capabilities = { rangeAreas: true, comments: true, mergedAreas: true, triggerSource: true, notes: true, keepsUndo: true };

/** Excel 2019 volume editions and other hosts at the minimum the add-in needs. */
export const EXCEL_API_1_8: Capabilities = { rangeAreas: false, comments: false, mergedAreas: false, triggerSource: false, notes: false, keepsUndo: false };

/** Asks the host, e.g. `(v) => Office.context.requirements.isSetSupported("ExcelApi", v)`. */
export function detectCapabilities(isSetSupported: (version: string) => boolean): Capabilities {
  return {
    rangeAreas: isSetSupported("1.9"),
    comments: isSetSupported("1.10"),
    mergedAreas: isSetSupported("1.13"),
    triggerSource: isSetSupported("1.14"),
    notes: isSetSupported("1.18"),
    keepsUndo: isSetSupported("1.19"),
  };
}
