/** Draws the add-in's icons (a green ledger sheet with a check mark) as PNGs, without any image tool. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b: Buffer) => {
  let c = 0xffffffff;
  for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};

function png(size: number): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const inside = (x: number, y: number) => x >= 0.12 * size && x <= 0.88 * size && y >= 0.08 * size && y <= 0.92 * size;
  // the check mark: two strokes
  const dist = (px: number, py: number, ax: number, ay: number, bx: number, by: number) => {
    const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
  };
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const u = x / size;
      const v = y / size;
      let rgba = [0, 0, 0, 0];
      if (inside(x, y)) {
        rgba = [0x10, 0x7c, 0x41, 255]; // Excel green
        const line = v > 0.2 && v < 0.8 && Math.abs(((v - 0.2) * 10) % 1.5 - 0.75) < 0.08 && u > 0.22 && u < 0.78;
        if (line) rgba = [0xc6, 0xef, 0xce, 255];
        const d = Math.min(dist(u, v, 0.3, 0.55, 0.45, 0.72), dist(u, v, 0.45, 0.72, 0.74, 0.3));
        if (d < 0.075) rgba = [255, 255, 255, 255];
      }
      raw.set(rgba, o);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

for (const size of [16, 32, 64, 80, 128]) writeFileSync(join(import.meta.dirname, "..", "assets", `icon-${size}.png`), png(size));
