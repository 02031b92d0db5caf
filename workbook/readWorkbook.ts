/** exceljs → the core's snapshot. */
import ExcelJS from "exceljs";
import { parseRange, type CellRange, type CellSnapshot, type SheetSnapshot, type WorkbookSnapshot } from "../core/index.js";
import { WorkbookError, ensureError } from "./errors.js";
import { preflightedXlsx } from "./preflight.js";
import { DEFAULT_LIMITS, type PreflightLimits } from "./preflightLimits.js";

const pad = (n: number) => String(n).padStart(2, "0");

/** A date cell as `YYYY-MM-DD` (exceljs gives dates as UTC midnight). */
export function isoDay(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function valueText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : isoDay(v);
  if ("richText" in v) return v.richText.map((t) => t.text).join("");
  if ("error" in v) return String(v.error);
  if ("formula" in v || "sharedFormula" in v) return valueText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ("text" in v) return typeof v.text === "string" ? v.text : valueText(v.text as ExcelJS.CellValue);
  return "";
}

function cellSnapshot(cell: ExcelJS.Cell): CellSnapshot | undefined {
  if (cell.type === ExcelJS.ValueType.Merge) return undefined; // the master holds the value
  const text = valueText(cell.value);
  const formula = cell.type === ExcelJS.ValueType.Formula ? cell.formula : undefined;
  if (text === "" && formula === undefined) return undefined;
  return formula === undefined ? { text } : { text, formula };
}

function sheetMerges(ws: ExcelJS.Worksheet): CellRange[] {
  // `_merges` is exceljs' own index; `model.merges` rebuilds the whole sheet model, which is slow.
  const internal = (ws as unknown as { _merges?: Record<string, { model: CellRange }> })._merges;
  if (internal) return Object.values(internal).map((r) => ({ ...r.model }));
  return (ws.model.merges ?? []).map((m) => parseRange(m)).filter((r): r is CellRange => r !== undefined);
}

export function snapshotWorksheet(ws: ExcelJS.Worksheet): SheetSnapshot {
  const rows: CellSnapshot[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const out: CellSnapshot[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const s = cellSnapshot(cell);
      if (s) out[c - 1] = s;
    });
    if (out.length > 0) rows[r - 1] = out;
  });
  // Holes become real empty rows so that consumers can index without checks.
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { name: ws.name, rows, merges: sheetMerges(ws) };
}

export function snapshotWorkbook(wb: ExcelJS.Workbook): WorkbookSnapshot {
  return { sheets: wb.worksheets.map(snapshotWorksheet) };
}

/**
 * Parts of a sheet that reading for validation never looks at: exceljs skips them when told (a fifth
 * less work). A workbook to be written back (annotated copies) is loaded whole.
 */
const NOT_READ = [
  "sheetViews", "dataValidations", "conditionalFormatting", "hyperlinks", "pageSetup", "printOptions", "pageMargins",
  "headerFooter", "rowBreaks", "colBreaks", "drawing", "picture", "legacyDrawing", "autoFilter", "tableParts", "extLst",
];

/** Loads .xlsx bytes with exceljs after the preflight checks; throws `WorkbookError` for unusable input. */
export async function loadWorkbook(
  bytes: Uint8Array,
  limits: PreflightLimits = DEFAULT_LIMITS,
  /** Only to read values: skips what a snapshot does not need. */
  readOnly = false,
): Promise<ExcelJS.Workbook> {
  const checkedBytes = preflightedXlsx(bytes, limits);
  const wb = new ExcelJS.Workbook();
  try {
    // a Uint8Array: what both Node and browsers have
    await wb.xlsx.load(checkedBytes as unknown as ExcelJS.Buffer, readOnly ? { ignoreNodes: NOT_READ } : {});
  } catch (e) {
    const err = ensureError(e);
    // the library's own words (English, about its internals) stay in the cause, for the log: the user is told what to do
    throw new WorkbookError("corrupt", "文件已损坏，无法读取：请在 Excel 或 WPS 中打开后重新另存为 .xlsx。", { cause: err });
  }
  return wb;
}

/** Reads .xlsx bytes into snapshots of every worksheet. */
export async function readWorkbook(bytes: Uint8Array, limits?: PreflightLimits): Promise<WorkbookSnapshot> {
  return snapshotWorkbook(await loadWorkbook(bytes, limits, true));
}
