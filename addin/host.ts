/**
 * What the task pane asks of Excel, behind one interface: the Office host in Excel, a recording fake in
 * tests. Every call runs one batch (`run`) through the adapter.
 */
import type { Finding, Ledger, ValidateOptions } from "../core/index.js";
import type { Capabilities } from "./capabilities.js";
import { applyFixes, clearMarks, selectCell, validateInPlace, writeLedgerSheets, type ValidateInPlace } from "./excelAdapter.js";

export type Runner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface PaneHost {
  /** In Excel, or a plain browser page working on a picked file. */
  kind: "excel" | "browser";
  capabilities: Capabilities;
  validate(options: ValidateOptions, serverFindings?: Finding[]): Promise<ValidateInPlace>;
  clear(): Promise<number>;
  fix(findings: readonly Finding[]): Promise<number>;
  select(sheet: string, cell: string): Promise<void>;
  /** The workbook file as saved now (.xlsx bytes). */
  file(): Promise<Uint8Array>;
  writeLedger(ledger: Ledger): Promise<void>;
  /** Calls `handler` when the user edits any sheet; returns how to stop. */
  watch(handler: () => void): Promise<() => Promise<void>>;
}

export interface HostParts {
  run: Runner;
  capabilities: Capabilities;
  file(): Promise<Uint8Array>;
  watch(handler: () => void): Promise<() => Promise<void>>;
}

export function createHost(p: HostParts): PaneHost {
  const caps = p.capabilities;
  return {
    kind: "excel",
    capabilities: caps,
    validate: (options, serverFindings) => p.run((ctx) => validateInPlace(ctx, caps, options, serverFindings)),
    clear: () => p.run((ctx) => clearMarks(ctx, caps)),
    fix: (findings) => p.run((ctx) => applyFixes(ctx, findings)),
    select: (sheet, cell) => p.run((ctx) => selectCell(ctx, sheet, cell)),
    file: p.file,
    writeLedger: (ledger) => p.run((ctx) => writeLedgerSheets(ctx, caps, ledger)),
    watch: p.watch,
  };
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
