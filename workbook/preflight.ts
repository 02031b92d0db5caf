/**
 * Checks a file before exceljs sees it: exceljs inflates every entry fully into memory, so an empty,
 * truncated, encrypted or bomb file must be refused here, quickly and in bounded memory.
 */
import { Inflate } from "fflate";
import { LIMITS, LIMIT_BYTES } from "../core/limits.js";
import { WorkbookError } from "./errors.js";

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
  { kind: "sheet", name: /^xl\/worksheets\/[^/]+\.xml$/, what: "一张工作表" },
  { kind: "sharedStrings", name: /^xl\/sharedStrings\.xml$/, what: "表中的文字" },
  { kind: "styles", name: /^xl\/styles\.xml$/, what: "单元格格式" },
];

const UTF8 = new TextDecoder("utf-8");

interface ZipEntry {
  name: string;
  /** The name as the file spells it (written back unchanged into the stored copy). */
  nameBytes: Uint8Array;
  method: number;
  flags: number;
  /** DOS time and date, and the CRC-32 of the inflated data, as the central directory gives them. */
  time: number;
  date: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const SAVE_AS_XLSX = "请在 Excel 或 WPS 中打开后“另存为”Excel 工作簿（.xlsx）再试。";

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

function parseCentralDirectory(buf: Uint8Array, limits: PreflightLimits): ZipEntry[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const minEocd = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= minEocd; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  const truncated = () => new WorkbookError("truncated", `文件不完整（可能下载或复制时中断）：${SAVE_AS_XLSX.replace("打开后", "重新打开原文件并")}`);
  if (eocd < 0) throw truncated();
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    throw new WorkbookError("too-large", "文件过大（ZIP64 格式），超出报送文件的大小限制：请只保留任务分解表和联络人表后另存为 .xlsx。");
  }
  if (count > limits.maxEntries) {
    throw new WorkbookError("zip-bomb", `文件内部条目过多（${count} 个），不像正常的工作簿：请重新另存为 .xlsx。`);
  }
  if (cdOffset + cdSize > eocd) throw truncated();
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== 0x02014b50) throw truncated();
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const nameBytes = buf.subarray(p + 46, p + 46 + nameLen);
    entries.push({
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      time: view.getUint16(p + 12, true),
      date: view.getUint16(p + 14, true),
      crc32: view.getUint32(p + 16, true),
      compressedSize: view.getUint32(p + 20, true),
      uncompressedSize: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
      name: UTF8.decode(nameBytes),
      nameBytes,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Counts `<row` elements in a sheet's XML as it streams by, a chunk at a time (a tag may straddle two). */
class RowCounter {
  count = 0;
  private matched = 0;
  private static readonly TAG = [0x3c, 0x72, 0x6f, 0x77]; // "<row"
  push(chunk: Uint8Array): void {
    const tag = RowCounter.TAG;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.matched === tag.length) {
        // "<row " or "<row>" or "<row/>", not "<rows…"
        if (b === 0x20 || b === 0x3e || b === 0x2f || b === 0x09 || b === 0x0a || b === 0x0d) this.count++;
        this.matched = 0;
      }
      this.matched = b === tag[this.matched] ? this.matched + 1 : b === tag[0] ? 1 : 0;
    }
  }
}

const SHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/;

/** Inflates raw deflate data, throwing once the output would pass `max` bytes. */
export type BoundedInflate = (compressed: Uint8Array, max: number) => Uint8Array;

let boundedInflate: BoundedInflate | undefined;

/**
 * Where the platform has a native inflater (Node's zlib, registered by workbook/nodeInflate.ts), the check
 * uses it: several times faster than inflating in JavaScript, which browsers keep using.
 */
export function useBoundedInflate(f: BoundedInflate | undefined): void {
  boundedInflate = f;
}

const tooManyRows = (maxRows: number) =>
  new WorkbookError("too-large", `一张工作表超过 ${maxRows} 行（任务分解表一般只有几十到几百行）：请删去表格下方多余的行（含空白但有格式的行），只保留任务分解表后重新另存为 .xlsx。`);

/**
 * Inflates one entry, refusing as soon as it grows past what it declared, and gives its inflated bytes where they were
 * made whole (stored, or inflated natively: `boundedInflate`), else only how many there were.
 */
function verifyEntry(buf: Uint8Array, e: ZipEntry, budget: number, maxRows = Infinity): Uint8Array | number {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const at = e.localOffset;
  if (at + 30 > buf.length || view.getUint32(at, true) !== 0x04034b50) {
    throw new WorkbookError("truncated", `文件不完整或已损坏（“${e.name}”缺失）：请重新另存为 .xlsx。`);
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + e.compressedSize;
  if (end > buf.length) throw new WorkbookError("truncated", "文件不完整（可能下载或复制时中断）：请重新获取原文件。");
  const limit = Math.min(e.uncompressedSize, budget);
  const rows = SHEET_PART.test(e.name) && maxRows < Infinity ? new RowCounter() : undefined;
  if (e.method === 0) {
    if (e.compressedSize !== e.uncompressedSize) throw new WorkbookError("corrupt", `文件已损坏（“${e.name}”大小不符）。`);
    const stored = buf.subarray(start, end);
    // a sheet stored uncompressed is counted like an inflated one
    if (rows) {
      rows.push(stored);
      if (rows.count > maxRows) throw tooManyRows(maxRows);
    }
    return stored;
  }
  if (e.method !== 8) throw new WorkbookError("corrupt", `文件使用了不支持的压缩方式（“${e.name}”）：${SAVE_AS_XLSX}`);
  let produced = 0;
  if (boundedInflate) {
    let out: Uint8Array;
    try {
      // the output is bounded by what the entry declared (itself held to the part caps above)
      out = boundedInflate(buf.subarray(start, end), limit);
    } catch (err) {
      if (err instanceof RangeError) throw new WorkbookError("zip-bomb", bombMessage());
      throw new WorkbookError("corrupt", `文件已损坏（“${e.name}”无法解压）：请重新另存为 .xlsx。`, { cause: err });
    }
    if (out.length > limit) throw new WorkbookError("zip-bomb", bombMessage());
    if (rows) {
      rows.push(out);
      if (rows.count > maxRows) throw tooManyRows(maxRows);
    }
    return out;
  }
  const inflater = new Inflate((chunk) => {
    produced += chunk.length;
    if (produced > limit) throw new WorkbookError("zip-bomb", bombMessage());
    if (rows) {
      rows.push(chunk);
      if (rows.count > maxRows) throw tooManyRows(maxRows);
    }
  });
  // Small steps bound the memory one push may inflate to (deflate expands at most ~1032×).
  const STEP = 16 * 1024;
  for (let p = start; p < end; p += STEP) inflater.push(buf.subarray(p, Math.min(end, p + STEP)), p + STEP >= end);
  return produced;
}

const bombMessage = () =>
  "文件解压后体积异常巨大（疑似“压缩炸弹”），已拒绝读取：请只保留任务分解表和联络人表后重新另存为 .xlsx。";

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
  if (input.length > limits.maxFileBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    throw new WorkbookError("too-large", `文件过大（${mb(input.length)} MB，上限 ${mb(limits.maxFileBytes)} MB）：请删除无关工作表和图片后再试。`);
  }
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
  const declared = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (declared > limits.maxUncompressedBytes) throw new WorkbookError("zip-bomb", bombMessage());
  // Declared sizes are held to below (an entry that inflates past what it declares is refused).
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
  // Declared sizes can lie: inflate each entry and hold it to what it declared.
  let budget = limits.maxUncompressedBytes;
  const copy = keep && boundedInflate && StoredZip.fits(entries) ? new StoredZip(entries) : undefined;
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

/**
 * A zip of the same entries, stored (not deflated), written as the check inflates them: exceljs (through JSZip) then
 * reads each entry as it is instead of inflating it again in JavaScript, the slowest part of its load. Its size is
 * known before the first entry (each entry at most what it declared, all of them held to the limits above), so it is
 * written into one buffer, and an entry's inflated bytes are garbage once copied in.
 */
class StoredZip {
  private readonly out: Uint8Array;
  private readonly view: DataView;
  private at = 0;
  private readonly written: { e: ZipEntry; size: number; offset: number }[] = [];

  constructor(entries: readonly ZipEntry[]) {
    this.out = new Uint8Array(StoredZip.size(entries));
    this.view = new DataView(this.out.buffer);
  }

  /** The most the copy of these entries can take. */
  private static size(entries: readonly ZipEntry[]): number {
    let size = 22; // end of central directory
    for (const e of entries) size += 30 + 46 + 2 * e.nameBytes.length + e.uncompressedSize;
    return size;
  }

  /** Whether the copy's offsets fit a plain zip's 32 bits (only limits raised far past the defaults go beyond). */
  static fits(entries: readonly ZipEntry[]): boolean {
    return StoredZip.size(entries) < 0xffffffff;
  }

  add(e: ZipEntry, data: Uint8Array): void {
    const v = this.view;
    const p = this.at;
    v.setUint32(p, 0x04034b50, true);
    v.setUint16(p + 4, 10, true); // version needed: stored
    this.common(p + 6, e, data.length);
    v.setUint16(p + 28, 0, true); // no extra field
    this.out.set(e.nameBytes, p + 30);
    this.out.set(data, p + 30 + e.nameBytes.length);
    this.written.push({ e, size: data.length, offset: p });
    this.at = p + 30 + e.nameBytes.length + data.length;
  }

  /** The fields local and central headers share, from the flags to the name's length. */
  private common(p: number, e: ZipEntry, size: number): void {
    const v = this.view;
    v.setUint16(p, e.flags & 0x0800, true); // UTF-8 names kept; no data descriptor (the sizes are written here)
    v.setUint16(p + 2, 0, true); // stored
    v.setUint16(p + 4, e.time, true);
    v.setUint16(p + 6, e.date, true);
    v.setUint32(p + 8, e.crc32, true);
    v.setUint32(p + 12, size, true);
    v.setUint32(p + 16, size, true);
    v.setUint16(p + 20, e.nameBytes.length, true);
  }

  finish(): Uint8Array {
    const v = this.view;
    const start = this.at;
    for (const { e, size, offset } of this.written) {
      const p = this.at;
      v.setUint32(p, 0x02014b50, true);
      v.setUint16(p + 4, 20, true); // made by
      v.setUint16(p + 6, 10, true); // needed
      this.common(p + 8, e, size);
      // extra and comment lengths, disk, attributes: zero (the buffer starts zeroed)
      v.setUint32(p + 42, offset, true);
      this.out.set(e.nameBytes, p + 46);
      this.at = p + 46 + e.nameBytes.length;
    }
    const p = this.at;
    v.setUint32(p, 0x06054b50, true);
    v.setUint16(p + 8, this.written.length, true);
    v.setUint16(p + 10, this.written.length, true);
    v.setUint32(p + 12, p - start, true);
    v.setUint32(p + 16, start, true);
    return this.out.subarray(0, p + 22);
  }
}
