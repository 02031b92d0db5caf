/**
 * The floor's own unzip, independent of the product's (workbook/preflight.ts): every entry of an .xlsx inflated with
 * Node's zlib and written into a zip of stored entries, which exceljs (through JSZip) reads without inflating again.
 * So a floor built on it inflates natively as the service does: both sides of a comparison do the same kind of work.
 * No checks: the input is the bench's own file.
 */
import { inflateRawSync } from "node:zlib";

interface Entry {
  name: Uint8Array;
  method: number;
  crc: number;
  compressed: number;
  local: number;
}

export function unzipNatively(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a zip");
  const count = view.getUint16(end + 10, true);
  let p = view.getUint32(end + 16, true);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = view.getUint16(p + 28, true);
    entries.push({
      method: view.getUint16(p + 10, true),
      crc: view.getUint32(p + 16, true),
      compressed: view.getUint32(p + 20, true),
      local: view.getUint32(p + 42, true),
      name: zip.subarray(p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  const parts: { e: Entry; data: Uint8Array; offset: number }[] = [];
  let size = 22;
  for (const e of entries) {
    const start = e.local + 30 + view.getUint16(e.local + 26, true) + view.getUint16(e.local + 28, true);
    const raw = zip.subarray(start, start + e.compressed);
    const data = e.method === 0 ? raw : inflateRawSync(raw);
    parts.push({ e, data, offset: size - 22 });
    size += 30 + 46 + 2 * e.name.length + data.length;
  }
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  const header = (at: number, e: Entry, length: number) => {
    v.setUint16(at, 0, true); // flags
    v.setUint16(at + 2, 0, true); // stored
    v.setUint32(at + 8, e.crc, true);
    v.setUint32(at + 12, length, true);
    v.setUint32(at + 16, length, true);
    v.setUint16(at + 20, e.name.length, true);
  };
  let at = 0;
  for (const part of parts) {
    part.offset = at;
    v.setUint32(at, 0x04034b50, true);
    v.setUint16(at + 4, 10, true);
    header(at + 6, part.e, part.data.length);
    out.set(part.e.name, at + 30);
    out.set(part.data, at + 30 + part.e.name.length);
    at += 30 + part.e.name.length + part.data.length;
  }
  const directory = at;
  for (const part of parts) {
    v.setUint32(at, 0x02014b50, true);
    v.setUint16(at + 4, 20, true);
    v.setUint16(at + 6, 10, true);
    header(at + 8, part.e, part.data.length);
    v.setUint32(at + 42, part.offset, true);
    out.set(part.e.name, at + 46);
    at += 46 + part.e.name.length;
  }
  v.setUint32(at, 0x06054b50, true);
  v.setUint16(at + 8, parts.length, true);
  v.setUint16(at + 10, parts.length, true);
  v.setUint32(at + 12, at - directory, true);
  v.setUint32(at + 16, directory, true);
  return out.subarray(0, at + 22);
}
