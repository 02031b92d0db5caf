/**
 * The pane without Excel: the user picks a .xlsx file (from Excel, WPS or LibreOffice); it is read in
 * the browser with the same workbook code and core as everywhere else, and shown in a preview.
 */
import { fixesByCell, formatPlan, judgeSubmission, summarize, todayIn, type CellMark, type Finding, type WorkbookSnapshot } from "../core/index.js";
import { WorkbookError, annotateXlsx, loadWorkbook, validateXlsx } from "../workbook/index.js";
import { ApiError, UnreadableFileError } from "./api.js";
import { ALL_CAPABILITIES } from "./capabilities.js";
import type { PaneHost } from "./host.js";

export interface PreviewState {
  snapshot: WorkbookSnapshot;
  marks: CellMark[];
  /** The sheet to show first (the table's). */
  sheet: string;
}

export interface BrowserHost extends PaneHost {
  open(name: string, bytes: Uint8Array): void;
  fileName(): string | undefined;
  /** The coloured, noted copy of the file as it is now. */
  annotated(): Promise<Uint8Array>;
}

export function createBrowserHost(view: { render(state: PreviewState | undefined): void; scrollTo(sheet: string, cell: string): void }): BrowserHost {
  let name: string | undefined;
  let bytes: Uint8Array | undefined;
  let lastOptions: Parameters<PaneHost["validate"]>[0] | undefined;
  let marked = 0;
  const need = () => {
    if (!bytes) throw new ApiError("请先选择一个 .xlsx 文件。");
    return bytes;
  };
  return {
    kind: "browser",
    capabilities: { ...ALL_CAPABILITIES, notes: false, comments: false },
    open(n, b) {
      name = n;
      bytes = b;
      view.render(undefined);
    },
    fileName: () => name,
    async validate(options, serverFindings?: Finding[]) {
      lastOptions = options;
      const { snapshot, result: local } = await validateXlsx(need(), options).catch((e: unknown) => {
        // A file that is not a workbook, or a damaged one: trying again will not help, the message says what will.
        throw e instanceof WorkbookError ? new UnreadableFileError(e.message) : e;
      });
      const result = serverFindings ? { ...local, findings: serverFindings, summary: summarize(serverFindings, local.rows) } : local;
      const marks = formatPlan(snapshot, result);
      marked = marks.length;
      view.render({ snapshot, marks, sheet: result.table?.sheet ?? snapshot.sheets[0]?.name ?? "" });
      return { result, marks, mergesKnown: true, judgement: judgeSubmission(snapshot, options), notices: [] };
    },
    async clear() {
      view.render(undefined);
      const cells = marked;
      marked = 0;
      return { cells, notices: [] };
    },
    async fix(findings) {
      const wb = await loadWorkbook(need());
      let n = 0;
      for (const f of fixesByCell(findings)) {
        const ws = wb.getWorksheet(f.sheet);
        if (!ws) continue;
        ws.getCell(f.cell).value = f.fix.value;
        n++;
      }
      bytes = new Uint8Array(await wb.xlsx.writeBuffer());
      return n;
    },
    async select(sheet, cell) {
      view.scrollTo(sheet, cell);
    },
    file: async () => need(),
    async annotated() {
      return (await annotateXlsx(need(), lastOptions ?? { today: todayIn() })).annotated;
    },
    async writeLedger() {
      throw new ApiError("浏览器模式下请在“汇总看板”页面查看和下载汇总台账。");
    },
    async watch() {
      return async () => {};
    },
  };
}
