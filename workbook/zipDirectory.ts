/**
 * The zip's table of contents: reads the end of central directory record and every central directory entry of an
 * .xlsx (name, method, sizes, CRC, where its data starts), refusing a file cut short, a ZIP64 one or one with more
 * entries than the limits allow, before a single byte is inflated. The preflight check and the stored copy read
 * the workbook through these entries.
 */
import { WorkbookError } from "./errors.js";
import type { PreflightLimits } from "./preflightLimits.js";

export interface ZipEntry {
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

/** The advice a refusal of a file that is no sane .xlsx ends with. */
export const SAVE_AS_XLSX = "请在 Excel 或 WPS 中打开后“另存为”Excel 工作簿（.xlsx）再试。";

const UTF8 = new TextDecoder("utf-8");

export function parseCentralDirectory(buf: Uint8Array, limits: PreflightLimits): ZipEntry[] {
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
