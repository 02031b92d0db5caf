/**
 * Checks a file before exceljs sees it: exceljs inflates every entry fully into memory, so an empty,
 * truncated, encrypted or bomb file must be refused here, quickly and in bounded memory. This file says what kind
 * of file it is and composes the rest: the zip's directory (zipDirectory.ts), the limits (preflightLimits.ts), each
 * entry inflated under its bound with a sheet's rows counted (inflateEntry.ts, rowCount.ts), and the stored copy
 * exceljs is given on Node (storedCopy.ts).
 */
import { WorkbookError } from "./errors.js";
import { inflatesNatively, verifyEntry } from "./inflateEntry.js";
import { DEFAULT_LIMITS, checkDeclaredSizes, checkFileSize, type PreflightLimits } from "./preflightLimits.js";
import { StoredZip } from "./storedCopy.js";
import { SAVE_AS_XLSX, parseCentralDirectory } from "./zipDirectory.js";

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (buf: Uint8Array, bytes: readonly number[]): boolean => bytes.every((b, i) => buf[i] === b);

/** Whether `buf` holds `text` in UTF-16LE (how OLE containers name their streams). Browser-safe. */
function containsUtf16(buf: Uint8Array, text: string): boolean {
  const needle = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) needle[i * 2] = text.charCodeAt(i);
  outer: for (let i = 0; i + needle.length <= buf.length; i++) {
    for (let j = 0; j < needle.length; j++) if (buf[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** What a non-zip file most likely is, in words for the user. */
function describeNonZip(buf: Uint8Array): string {
  const head = String.fromCharCode(...buf.subarray(0, 512)).trimStart().toLowerCase();
  if (head.startsWith("%pdf")) return "这是 PDF 文件，不是 Excel 工作簿";
  if (head.startsWith("<html") || head.startsWith("<!doctype") || head.includes("<table"))
    return "这是网页（HTML）文件，只是扩展名为 .xls/.xlsx";
  if (head.startsWith("<?xml")) return "这是 XML 文件，不是 Excel 工作簿";
  return "这不是 Excel 工作簿（.xlsx）文件";
}

/**
 * Whether a received body is a workbook, to be kept byte for byte: a zip whose directory lists `xl/workbook.xml`,
 * whatever else is wrong with it. Anything else — no zip, another kind of zip, random bytes behind a zip's first four,
 * an old .xls or an encrypted file (refused, saying how to save it again: the unit keeps its own) — is kept as a
 * short record. Reads only the zip's directory (at its end).
 */
export function isWorkbookFile(input: Uint8Array, limits: PreflightLimits = DEFAULT_LIMITS): boolean {
  if (!startsWith(input, [0x50, 0x4b, 0x03, 0x04])) return false;
  try {
    return parseCentralDirectory(input, limits).some((e) => e.name === "xl/workbook.xml");
  } catch {
    return false; // no directory that reads: truncated, or no zip at all
  }
}

/**
 * Refuses, with one clear line, anything that is not a sane .xlsx: empty, not a zip, an old .xls or
 * encrypted file, truncated, a zip bomb (by declared and by actual size), another Office document.
 */
export function preflightXlsx(input: Uint8Array, limits: PreflightLimits = DEFAULT_LIMITS): void {
  checked(input, limits, false);
}

/**
 * `preflightXlsx`, giving back the bytes exceljs should load: where the check inflates natively (Node), the same
 * workbook with its entries stored uncompressed (`StoredZip`) — it was inflated once already; elsewhere the file.
 */
export function preflightedXlsx(input: Uint8Array, limits: PreflightLimits = DEFAULT_LIMITS): Uint8Array {
  return checked(input, limits, true) ?? input;
}

function checked(input: Uint8Array, limits: PreflightLimits, keep: boolean): Uint8Array | undefined {
  if (input.length === 0) throw new WorkbookError("empty", "文件是空的（0 字节）：请重新保存或重新选择文件。");
  checkFileSize(input, limits);
  if (startsWith(input, OLE_MAGIC)) {
    if (containsUtf16(input, "EncryptedPackage")) {
      throw new WorkbookError("encrypted", "文件设置了打开密码（已加密），无法读取：请在 Excel/WPS 中取消密码（文件 → 信息 → 保护工作簿）后再试。");
    }
    throw new WorkbookError("legacy-or-encrypted", `这是旧版 Excel 97-2003（.xls）文件：${SAVE_AS_XLSX}`);
  }
  if (!startsWith(input, [0x50, 0x4b, 0x03, 0x04])) {
    if (startsWith(input, [0x50, 0x4b, 0x05, 0x06])) throw new WorkbookError("empty", "文件是一个空的压缩包，不是 Excel 工作簿。");
    throw new WorkbookError("not-zip", `${describeNonZip(input)}：${SAVE_AS_XLSX}`);
  }
  const entries = parseCentralDirectory(input, limits);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has("xl/workbook.xml")) {
    if (names.has("word/document.xml")) throw new WorkbookError("not-excel", "这是 Word 文档（.docx），不是 Excel 工作簿：请打开任务分解表的 Excel 文件。");
    if (names.has("ppt/presentation.xml")) throw new WorkbookError("not-excel", "这是 PowerPoint 演示文稿（.pptx），不是 Excel 工作簿。");
    if (names.has("content.xml") && names.has("mimetype")) throw new WorkbookError("not-excel", `这是 OpenDocument 表格（.ods）：${SAVE_AS_XLSX}`);
    throw new WorkbookError("not-excel", `这是一个压缩包，但不是 Excel 工作簿：${SAVE_AS_XLSX}`);
  }
  if (entries.some((e) => e.flags & 0x1)) throw new WorkbookError("encrypted", "文件内容已加密，无法读取：请取消密码后再试。");
  checkDeclaredSizes(entries, limits);
  // Declared sizes can lie: inflate each entry and hold it to what it declared.
  let budget = limits.maxUncompressedBytes;
  const copy = keep && inflatesNatively() && StoredZip.fits(entries) ? new StoredZip(entries) : undefined;
  for (const e of entries) {
    const data = verifyEntry(input, e, budget, limits.maxRowsPerSheet);
    if (typeof data === "number") budget -= data;
    else {
      budget -= data.length;
      copy?.add(e, data);
    }
  }
  return copy?.finish();
}
