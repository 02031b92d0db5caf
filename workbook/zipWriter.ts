/**
 * A zip written entry by entry, each deflated by Node's zlib as its text comes (`ZipWriter.entry`), so that a sheet of
 * a hundred thousand rows is never held uncompressed. The whole zip is kept in memory (a ledger workbook is a few
 * megabytes) and returned by `finish`. Node only: the ledger workbook (`writeLedger.ts`) is its one user.
 */
import { once } from "node:events";
import { createGzip } from "node:zlib";

/** An entry being written: its text in pieces, then `end`. */
export interface ZipEntryWriter {
  /** Adds text; resolves at once unless zlib asks the writer to wait. */
  write(text: string): Promise<void>;
  end(): Promise<void>;
}

/** The DOS time and date a zip header gives. */
function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export class ZipWriter {
  private readonly parts: Buffer[] = [];
  private readonly central: Buffer[] = [];
  private offset = 0;
  private count = 0;
  private open = false;
  private readonly when = dosTime(new Date());

  /**
   * A new entry, deflated at `level` as its text is written. One entry at a time: each is added whole when it ends.
   * The deflating is zlib's gzip with its 10-byte header and 8-byte trailer taken off: what is left is the raw
   * deflate data a zip entry holds, and the trailer gives the CRC-32 and size the zip's headers need, computed by
   * zlib off the JavaScript thread.
   */
  entry(name: string, level = 1): ZipEntryWriter {
    if (this.open) throw new Error(`zip entry ${name} started before the one before it ended`);
    this.open = true;
    const gzip = createGzip({ level });
    const out: Buffer[] = [];
    gzip.on("data", (c: Buffer) => out.push(c));
    const ended = once(gzip, "end");
    ended.catch(() => undefined); // a zlib error is thrown where the entry is ended (or written), not left unhandled
    return {
      write: async (text) => {
        if (!gzip.write(text)) await once(gzip, "drain");
      },
      end: async () => {
        gzip.end();
        await ended;
        const member = Buffer.concat(out);
        const trailer = member.subarray(member.length - 8);
        this.add(name, member.subarray(10, member.length - 8), trailer.readUInt32LE(0), trailer.readUInt32LE(4));
        this.open = false;
      },
    };
  }

  /** A small entry given whole. */
  async file(name: string, text: string): Promise<void> {
    const e = this.entry(name);
    await e.write(text);
    await e.end();
  }

  private add(name: string, data: Buffer, crc: number, size: number): void {
    const nameBytes = Buffer.from(name, "utf8");
    // the fields local and central headers share, from "version needed" to the name's length
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0); // version needed: deflate
    common.writeUInt16LE(0x0800, 2); // UTF-8 names; sizes in the header, no data descriptor
    common.writeUInt16LE(8, 4); // deflated
    common.writeUInt16LE(this.when.time, 6);
    common.writeUInt16LE(this.when.date, 8);
    common.writeUInt32LE(crc, 10);
    common.writeUInt32LE(data.length, 14);
    common.writeUInt32LE(size, 18);
    common.writeUInt16LE(nameBytes.length, 22);
    // extra field length (24): 0
    const local = Buffer.alloc(4);
    local.writeUInt32LE(0x04034b50, 0);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    common.copy(central, 6);
    // comment length, disk, attributes (32–41): 0
    central.writeUInt32LE(this.offset, 42);
    this.central.push(central, nameBytes);
    this.parts.push(local, common, nameBytes, data);
    this.offset += 4 + common.length + nameBytes.length + data.length;
    this.count++;
    if (this.offset > 0xffffffff) throw new RangeError("zip over 4 GB");
  }

  /** The zip: its entries, then the central directory. */
  finish(): Buffer {
    const directory = Buffer.concat(this.central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.count, 8);
    end.writeUInt16LE(this.count, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(this.offset, 16);
    return Buffer.concat([...this.parts, directory, end]);
  }
}
