/**
 * What the task pane asks of Excel, behind one interface: the Office host in Excel, a recording fake in
 * tests. Every call runs one batch (`run`) through the adapter.
 */
import type { Finding, Ledger, ValidateOptions } from "../core/index.js";
import { detectCapabilities, type Capabilities } from "./capabilities.js";
import { applyFixes, clearMarks, selectCell, validateInPlace, writeLedgerSheets, type ValidateInPlace } from "./excelAdapter.js";
import { OfficeError } from "./officeError.js";
import { OwnChanges, type ChangeEvent } from "./ownChanges.js";

export type Runner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
/** `Excel.run(options, batch)`: the options every batch of the add-in runs with. */
export type OptionRunner = <T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/**
 * A batch that reaches Excel while the user is typing in a cell fails (InvalidOperationInCellEditMode) unless
 * it asks to wait for the edit to end (Excel.RunOptions.delayForCellEdit; the RunOptions reference names no
 * requirement set for it, and a host that does not know the option ignores it). With re-validation on edit the user is usually typing in
 * the next cell when the batch runs.
 */
export const RUN_OPTIONS: Excel.RunOptions = { delayForCellEdit: true };

export interface PaneHost {
  /** In Excel, or a plain browser page working on a picked file. */
  kind: "excel" | "browser";
  capabilities: Capabilities;
  validate(options: ValidateOptions, serverFindings?: Finding[]): Promise<ValidateInPlace>;
  clear(): Promise<{ cells: number; notices: string[] }>;
  fix(findings: readonly Finding[]): Promise<number>;
  select(sheet: string, cell: string): Promise<void>;
  /** The workbook file as saved now (.xlsx bytes). */
  file(): Promise<Uint8Array>;
  writeLedger(ledger: Ledger): Promise<void>;
  /** Calls `handler` when the user edits any sheet; returns how to stop. */
  watch(handler: () => void): Promise<() => Promise<void>>;
  /**
   * Calls `handler` with a sheet's name when its rows or columns are sorted, by this user or a co-author (Excel
   * moves notes and comments with the rows, not the add-in's conditional formats). Only where Excel reports
   * sorts (ExcelApi 1.10, `sortEvents`); in a browser nothing is sorted.
   */
  watchSorts?(handler: (sheet: string) => void): Promise<() => Promise<void>>;
}

/** What a sort event says (Excel.WorksheetRowSortedEventArgs, WorksheetColumnSortedEventArgs). */
export interface SortEvent {
  worksheetId: string;
}

export interface HostParts {
  run: OptionRunner;
  capabilities: Capabilities;
  file(): Promise<Uint8Array>;
  /** Subscribes to every change event of the workbook (`worksheets.onChanged`). */
  listen(handler: (e: ChangeEvent) => void): Promise<() => Promise<void>>;
  /** Subscribes to the workbook's sort events (`worksheets.onRowSorted`, `onColumnSorted`; ExcelApi 1.10). */
  listenSorts?(handler: (e: SortEvent) => Promise<void>): Promise<() => Promise<void>>;
  now?: () => number;
}

export function createHost(parts: HostParts): PaneHost {
  const caps = parts.capabilities;
  const own = new OwnChanges(caps.triggerSource, parts.now);
  const run: Runner = (batch) => parts.run(RUN_OPTIONS, officeErrors(batch));
  // Batches that write cell values raise change events: before ExcelApi 1.14 they are told from the user's by
  // time (ownChanges.ts). Marks are conditional formats, notes and comments, which raise none, so a user's edit
  // made while 校验 or 清除标记 runs is never taken for the add-in's.
  const writingValues: Runner = (batch) => own.around(() => run(batch));
  return {
    kind: "excel",
    capabilities: caps,
    validate: (options, serverFindings) => run((ctx) => validateInPlace(ctx, caps, options, serverFindings)),
    clear: () => run((ctx) => clearMarks(ctx, caps)),
    fix: (findings) => writingValues((ctx) => applyFixes(ctx, findings)),
    select: (sheet, cell) => run((ctx) => selectCell(ctx, sheet, cell)),
    file: parts.file,
    writeLedger: (ledger) => writingValues((ctx) => writeLedgerSheets(ctx, caps, ledger)),
    // Only the user's own edits here: not this add-in's writes, not a co-author's (ownChanges.ts).
    watch: (handler) => parts.listen((e) => own.isUsers(e) && handler()),
    ...(caps.sortEvents && parts.listenSorts
      ? {
          // the event names the sheet by id; one small batch finds its name (a sheet deleted since: nothing to say)
          watchSorts: (handler: (sheet: string) => void) =>
            parts.listenSorts!(async (e) => {
              const name = await run((ctx) => sheetName(ctx, e.worksheetId));
              if (name !== undefined) handler(name);
            }),
        }
      : {}),
  };
}

/** The name of the sheet with this id, or undefined where there is none. */
async function sheetName(context: Excel.RequestContext, id: string): Promise<string | undefined> {
  const ws = context.workbook.worksheets.getItemOrNullObject(id);
  ws.load("name");
  await context.sync();
  return ws.isNullObject ? undefined : ws.name;
}

/** Office's error codes → what the user can do about them (the message says where and how to fix). */
const OFFICE_ERRORS: Record<string, string> = {
  AccessDenied: "工作表受保护，无法修改。请在“审阅”选项卡点“撤消工作表保护”后再试。",
  ItemNotFound: "找不到要处理的工作表或单元格（可能刚被改名、删除或移动）。请再点一次“校验”。",
  RequestPayloadSizeLimitExceeded: "表格太大，Excel 一次处理不了这么多内容。请删去表格以外的大段内容后再校验。",
  ResponsePayloadSizeLimitExceeded: "表格太大，Excel 一次处理不了这么多内容。请删去表格以外的大段内容后再校验。",
  InvalidOperationInCellEditMode: "Excel 正在编辑单元格：请先按 Enter 或 Esc 结束编辑，再点按钮。",
};

function officeErrors<T>(batch: (context: Excel.RequestContext) => Promise<T>): (context: Excel.RequestContext) => Promise<T> {
  return async (context) => {
    try {
      return await batch(context);
    } catch (e) {
      const code = (e as { code?: string }).code; // OfficeExtension.Error carries it
      const text = code ? OFFICE_ERRORS[code] : undefined;
      throw text ? new OfficeError(text) : e;
    }
  };
}

/** The host over the running Excel: its requirement sets, Excel.run, the file, and worksheet change events. */
export function createOfficeHost(): PaneHost {
  // the host's sets and the API surface of the Office.js copy actually loaded (CDN or the intranet's local one)
  const capabilities = detectCapabilities((v) => Office.context.requirements.isSetSupported("ExcelApi", v), Excel);
  return createHost({
    run: (options, batch) => Excel.run(options, batch),
    capabilities,
    file: officeFile,
    listen: async (handler) => {
      // worksheets.onChanged is ExcelApi 1.9: on older Excel the user validates by hand
      if (!capabilities.rangeAreas) return async () => {};
      const result = await Excel.run(RUN_OPTIONS, async (ctx) => {
        const r = ctx.workbook.worksheets.onChanged.add(async (e) => handler(e));
        await ctx.sync();
        return r;
      });
      return () =>
        Excel.run(result.context, async (ctx) => {
          result.remove();
          await ctx.sync();
        });
    },
    // worksheets.onRowSorted / onColumnSorted are ExcelApi 1.10; createHost asks only where capabilities say so
    listenSorts: async (handler) => {
      const results = await Excel.run(RUN_OPTIONS, async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        const added = [sheets.onRowSorted.add(handler), sheets.onColumnSorted.add(handler)];
        await ctx.sync();
        return added;
      });
      return () =>
        Excel.run(results[0]!.context, async (ctx) => {
          for (const r of results) r.remove();
          await ctx.sync();
        });
    },
  });
}

/** The open workbook as .xlsx bytes, read in 64 KB slices with `getFileAsync` (the only way Office offers). */
export function officeFile(): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    Office.context.document.getFileAsync(Office.FileType.Compressed, { sliceSize: 65536 }, (res) => {
      if (res.status !== Office.AsyncResultStatus.Succeeded) return reject(new Error(res.error.message));
      const file = res.value;
      const slices: Uint8Array[] = [];
      const next = (i: number) => {
        if (i >= file.sliceCount) {
          file.closeAsync();
          const out = new Uint8Array(slices.reduce((n, s) => n + s.length, 0));
          let at = 0;
          for (const s of slices) {
            out.set(s, at);
            at += s.length;
          }
          return resolve(out);
        }
        file.getSliceAsync(i, (sr) => {
          if (sr.status !== Office.AsyncResultStatus.Succeeded) {
            file.closeAsync();
            return reject(new Error(sr.error.message));
          }
          slices.push(new Uint8Array(sr.value.data as number[]));
          next(i + 1);
        });
      };
      next(0);
    });
  });
}
