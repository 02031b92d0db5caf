/** What to colour where (CONTRACT §3): the same plan for the add-in, the annotated copy and the browser preview. */
import { severityRank, type Finding, type Severity } from "./findings.js";
import { SheetReader } from "./sheetReader.js";
import { cellAddress, parseAddress, rangeAddress, type WorkbookSnapshot } from "./snapshot.js";
import type { ValidationResult } from "./validate.js";

export type MarkStyle = "error" | "warning" | "done" | "info";

/** Excel's own Bad / Neutral / Good styles. `info` has no colour, only its note. */
export const MARK_COLORS: Record<Exclude<MarkStyle, "info">, { fill: string; font: string }> = {
  error: { fill: "#FFC7CE", font: "#9C0006" },
  warning: { fill: "#FFEB9C", font: "#9C5700" },
  done: { fill: "#C6EFCE", font: "#006100" },
};

/** Each severity in words: in notes, in the pane's lists and beside the preview's symbols. */
export const SEVERITY_LABEL: Record<Severity, string> = { error: "错误", warning: "提醒", info: "提示" };

/** The first line of every note the tool writes, so that its notes are told apart from the user's. */
export const NOTE_HEADER = "【政务公开台账校验】";

export interface CellMark {
  sheet: string;
  /** The cell the findings point at (the top-left cell of a merged area). */
  cell: string;
  /** The whole merged area when the cell is merged, else the cell. */
  range: string;
  row: number;
  col: number;
  style: MarkStyle;
  /** The messages, one per line; "" for a `done` mark. */
  note: string;
  findings: Finding[];
}

/** The note text for a set of findings on one cell. */
export function noteText(findings: readonly Finding[]): string {
  return [NOTE_HEADER, ...findings.map((f) => `${SEVERITY_LABEL[f.severity]}：${f.message}`)].join("\n");
}

/**
 * One mark per cell: its worst finding decides the colour, every finding's message goes in its note.
 * Progress cells of the unit's completed rows are marked `done` when nothing is wrong with them.
 */
export function formatPlan(workbook: WorkbookSnapshot, result: ValidationResult): CellMark[] {
  const readers = new Map<string, SheetReader>();
  const readerFor = (name: string): SheetReader | undefined => {
    let r = readers.get(name);
    if (!r) {
      const sheet = workbook.sheets.find((s) => s.name === name);
      if (!sheet) return undefined;
      r = result.table?.sheet === name ? result.table.reader : new SheetReader(sheet);
      readers.set(name, r);
    }
    return r;
  };
  const byCell = new Map<string, Finding[]>();
  for (const f of result.findings) {
    if (f.code === "table.not-found") continue;
    const key = `${f.sheet}!${f.cell}`;
    const list = byCell.get(key);
    if (list) list.push(f);
    else byCell.set(key, [f]);
  }
  const marks: CellMark[] = [];
  const place = (sheet: string, row: number, col: number) => {
    const m = readerFor(sheet)?.merges.at(row, col);
    return { sheet, row, col, cell: cellAddress(row, col), range: m ? rangeAddress(m) : cellAddress(row, col) };
  };
  for (const findings of byCell.values()) {
    const f0 = findings[0]!;
    const worst = findings.reduce((a, b) => (severityRank(b.severity) < severityRank(a.severity) ? b : a)).severity;
    const { col } = parseAddress(f0.cell)!;
    marks.push({ ...place(f0.sheet, f0.row, col), style: worst, note: noteText(findings), findings });
  }
  if (result.table) {
    const marked = new Set(byCell.keys());
    for (const a of result.rows) {
      const p = a.task.fields.progress;
      if (!a.responsible || a.status !== "已完成" || !p) continue;
      const key = `${result.table.sheet}!${cellAddress(p.row, p.col)}`;
      if (marked.has(key)) continue;
      marked.add(key);
      marks.push({ ...place(result.table.sheet, p.row, p.col), style: "done", note: "", findings: [] });
    }
  }
  return marks.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row || a.col - b.col);
}

