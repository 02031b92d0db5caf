/** What the running Excel can do: the add-in needs ExcelApi 1.8 and uses more where it is there. */

export interface Capabilities {
  /** ExcelApi 1.9: `getRanges` (many cells in one call), change events, suspending screen updates. */
  rangeAreas: boolean;
  /** ExcelApi 1.10: threaded comments (messages go there when notes are missing). */
  comments: boolean;
  /**
   * ExcelApi 1.10: `worksheets.onRowSorted` / `onColumnSorted` — a sort moves notes and comments with their rows but
   * leaves the add-in's conditional formats where they are, and the pane says so.
   */
  sortEvents: boolean;
  /** ExcelApi 1.13: which cells are merged. */
  mergedAreas: boolean;
  /** ExcelApi 1.14: a change event says whether this add-in caused it (`triggerSource`). */
  triggerSource: boolean;
  /** ExcelApi 1.18: notes. */
  notes: boolean;
  /**
   * ExcelApi 1.20: the add-in's writes may join Excel's undo stack instead of clearing it (the 1.20 requirement set
   * "adds undo support", https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-1-20-requirement-set;
   * "Undo support for Excel add-ins", https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities,
   * lists APIs without it). Only what the pane says about re-validating on edit depends on it: the add-in never
   * relies on undo.
   */
  keepsUndo: boolean;
  /**
   * Set only where Excel keeps notes (ExcelApi 1.18) but the Office.js loaded cannot reach them (the intranet's
   * copy): notes an earlier session wrote from the CDN's library can be neither seen nor removed from here.
   */
  notesOutOfReach?: true;
}

export const ALL_CAPABILITIES: Capabilities = { rangeAreas: true, comments: true, sortEvents: true, mergedAreas: true, triggerSource: true, notes: true, keepsUndo: true };

/**
 * A host at the minimum the add-in needs: Microsoft 365 from version 1808
 * (https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets). No Office 2021 is
 * this old: that table lists Office 2021 beside the minimum builds 1808–2108 of ExcelApi 1.8–1.14, but Office LTSC
 * 2021 is version 2108 in every build (14332; the custom functions requirement-set table,
 * https://learn.microsoft.com/javascript/api/requirement-sets/excel/custom-functions-requirement-sets), so it is at
 * 1.14. Office 2019 volume stops at ExcelApi 1.7 and Office 2016 at 1.1: they are sent to the browser page.
 */
export const EXCEL_API_1_8: Capabilities = { rangeAreas: false, comments: false, sortEvents: false, mergedAreas: false, triggerSource: false, notes: false, keepsUndo: false };

/**
 * What the host says (`(v) => Office.context.requirements.isSetSupported("ExcelApi", v)`) and what the Office.js
 * library actually loaded has (`library`: the global `Excel` namespace). They differ when the page runs a
 * local copy of Office.js: the npm package @microsoft/office-js stops at 1.1.110, which has threaded comments,
 * RangeAreas and getMergedAreasOrNullObject but no Notes API, while Excel itself reports ExcelApi 1.18 — then
 * `workbook.notes` is undefined and every 校验 would end in a TypeError. So an API is used only where the
 * host supports its set and the library exports its proxy class. A namespace that exports no `Range` class
 * is not Office.js' own (a stand-in in a test page): there the sets alone decide.
 */
export function detectCapabilities(isSetSupported: (version: string) => boolean, library?: object): Capabilities {
  const api = library as Record<string, unknown> | undefined;
  const judged = typeof api?.Range === "function";
  const has = (name: string) => !judged || typeof api![name] === "function";
  const rangeMethod = (name: string) => !judged || typeof (api!.Range as { prototype?: Record<string, unknown> }).prototype?.[name] === "function";
  // events are getters on the collection's prototype: `in` finds them without calling them
  const sheetsEvent = (name: string) => !judged || (typeof api!.WorksheetCollection === "function" && name in (api!.WorksheetCollection as { prototype: object }).prototype);
  const notesKept = isSetSupported("1.18");
  return {
    rangeAreas: isSetSupported("1.9") && has("RangeAreas"),
    comments: isSetSupported("1.10") && has("CommentCollection"),
    sortEvents: isSetSupported("1.10") && sheetsEvent("onRowSorted") && sheetsEvent("onColumnSorted"),
    mergedAreas: isSetSupported("1.13") && rangeMethod("getMergedAreasOrNullObject"),
    triggerSource: isSetSupported("1.14"),
    notes: notesKept && has("NoteCollection"),
    keepsUndo: isSetSupported("1.20"),
    ...(notesKept && !has("NoteCollection") ? { notesOutOfReach: true as const } : {}),
  };
}
