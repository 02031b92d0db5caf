/**
 * The limits a file is held to before exceljs sees it — the file's size, all entries inflated, the entry count,
 * one part of each kind, rows in one sheet — their defaults (core/limits.ts's table, for every way in alike), and
 * the checks of what the zip declares against them. What an entry really inflates to is held to the same limits as
 * it is inflated (inflateEntry.ts).
 */
import { LIMITS, LIMIT_BYTES } from "../core/limits.js";
import { WorkbookError } from "./errors.js";
import { SHEET_PART } from "./rowCount.js";
import type { ZipEntry } from "./zipDirectory.js";

export interface PreflightLimits {
  /** The file itself. */
  maxFileBytes: number;
  /** All entries, inflated. */
  maxUncompressedBytes: number;
  maxEntries: number;
  /**
   * One part, inflated, by kind: what a real task table never needs (a cell holds at most 32,767
   * characters, so one huge shared string, a million-row sheet or half a million styles are refused here,
   * before exceljs holds them in memory).
   */
  maxPartBytes: { sheet: number; sharedStrings: number; styles: number };
  /** Rows in one sheet, counted as it is inflated: a task table has hundreds, not hundreds of thousands. */
  maxRowsPerSheet: number;
}

const MB = 1024 * 1024;

/** The limits table's (core/limits.ts), for every way in alike; the service may set its own file sizes. */
export const DEFAULT_LIMITS: PreflightLimits = {
  maxFileBytes: LIMIT_BYTES.file,
  maxUncompressedBytes: LIMIT_BYTES.inflated,
  maxEntries: 10_000,
  maxPartBytes: { sheet: 48 * MB, sharedStrings: 16 * MB, styles: 8 * MB },
  maxRowsPerSheet: LIMITS.rowsPerSheet,
};

/** The kinds of part the per-part limits name, with what they are called for people. */
const PARTS: { kind: keyof PreflightLimits["maxPartBytes"]; name: RegExp; what: string }[] = [
  { kind: "sheet", name: SHEET_PART, what: "一张工作表" },
  { kind: "sharedStrings", name: /^xl\/sharedStrings\.xml$/, what: "表中的文字" },
  { kind: "styles", name: /^xl\/styles\.xml$/, what: "单元格格式" },
];

export const bombMessage = () =>
  "文件解压后体积异常巨大（疑似“压缩炸弹”），已拒绝读取：请只保留任务分解表和联络人表后重新另存为 .xlsx。";

/** Refuses a file larger than the limit, saying both sizes. */
export function checkFileSize(input: Uint8Array, limits: PreflightLimits): void {
  if (input.length > limits.maxFileBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    throw new WorkbookError("too-large", `文件过大（${mb(input.length)} MB，上限 ${mb(limits.maxFileBytes)} MB）：请删除无关工作表和图片后再试。`);
  }
}

/** Refuses a zip whose entries declare more than the limits allow, all together or one part of a kind. */
export function checkDeclaredSizes(entries: readonly ZipEntry[], limits: PreflightLimits): void {
  const declared = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (declared > limits.maxUncompressedBytes) throw new WorkbookError("zip-bomb", bombMessage());
  // Declared sizes are held to later (an entry that inflates past what it declares is refused: inflateEntry.ts).
  for (const e of entries) {
    const part = PARTS.find((p) => p.name.test(e.name));
    const cap = part ? limits.maxPartBytes[part.kind] : undefined;
    if (part && cap !== undefined && e.uncompressedSize > cap) {
      throw new WorkbookError(
        "too-large",
        `${part.what}解压后有 ${(e.uncompressedSize / MB).toFixed(1)} MB，超过上限 ${(cap / MB).toFixed(0)} MB（任务分解表用不到这么多）：请只保留任务分解表和联络人表，删去多余的行、列和格式后重新另存为 .xlsx。`,
      );
    }
  }
}
