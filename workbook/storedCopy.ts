/**
 * The stored copy handed to exceljs: where the preflight check inflates natively (Node), it writes the inflated
 * entries into a zip of the same entries stored uncompressed, so exceljs reads them as they are instead of inflating
 * the file a second time in JavaScript.
 */
import type { ZipEntry } from "./zipDirectory.js";

/**
 * A zip of the same entries, stored (not deflated), written as the check inflates them: exceljs (through JSZip) then
 * reads each entry as it is instead of inflating it again in JavaScript, the slowest part of its load. Its size is
 * known before the first entry (each entry at most what it declared, all of them held to the limits: preflightLimits.ts), so it is
 * written into one buffer, and an entry's inflated bytes are garbage once copied in.
 */
export class StoredZip {
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
