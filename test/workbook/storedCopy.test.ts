/**
 * On Node the file check inflates every entry natively and hands exceljs the same workbook stored uncompressed
 * (workbook/storedCopy.ts, `StoredZip`): exceljs must read exactly what it reads from the file itself.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, WorkbookError, readWorkbook, writeTemplate } from "../../workbook/index.js";
import { useBoundedInflate } from "../../workbook/inflateEntry.js";
import { preflightXlsx, preflightedXlsx } from "../../workbook/preflight.js";
import * as bad from "../fixtures/badFiles.js";
import { buildCopy } from "../fixtures/buildCopy.js";
import { COUNTY, PROVINCE, buildTable } from "../fixtures/otherTables.js";

const native = () => useBoundedInflate((c, max) => inflateRawSync(c, { maxOutputLength: Math.max(1, max) }));

/** Every entry of a zip, inflated, by name. */
const entries = (bytes: Uint8Array) => unzipSync(bytes);

/** Workbooks as they come: written by exceljs (deflated, data descriptors), by LibreOffice, by hand with a stored entry. */
async function workbooks(): Promise<[string, Uint8Array][]> {
  const template = await writeTemplate();
  const mixed = entries(template);
  const names = Object.keys(mixed);
  // the same parts re-zipped, the sheets stored and the rest deflated: both kinds of entry in one file
  const remade = zipSync(Object.fromEntries(names.map((n) => [n, [mixed[n]!, { level: n.startsWith("xl/worksheets/") ? 0 : 6 }]])) as never);
  return [
    ["the template", template],
    ["a filled copy, Chinese text and merges", (await buildCopy({ unit: "旗教育局" })).bytes],
    ["another county's table", (await buildTable(COUNTY)).bytes],
    ["a province's table", (await buildTable(PROVINCE)).bytes],
    ["a copy saved by LibreOffice", await readFile(join(import.meta.dirname, "..", "fixtures", "files", "demo-copy-saved-by-libreoffice.xlsx"))],
    ["a zip with stored and deflated entries", remade],
    ["a workbook with a UTF-8 part name", zipSync({ ...mixed, "docProps/说明.txt": strToU8("政务公开") })],
  ];
}

describe("the stored copy exceljs loads", () => {
  beforeAll(native);
  afterAll(() => useBoundedInflate(undefined));

  it("holds every entry of the file, byte for byte, in its order, stored", async () => {
    for (const [name, bytes] of await workbooks()) {
      const stored = preflightedXlsx(bytes);
      expect(stored, name).not.toBe(bytes);
      const before = entries(bytes);
      const after = entries(stored);
      expect(Object.keys(after), name).toEqual(Object.keys(before));
      for (const k of Object.keys(before)) expect(Buffer.compare(Buffer.from(after[k]!), Buffer.from(before[k]!)), `${name}: ${k}`).toBe(0);
      // stored: method 0 in every central directory entry
      const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
      const cd = view.getUint32(stored.length - 22 + 16, true);
      expect(view.getUint16(cd + 10, true), name).toBe(0);
    }
  });

  it("reads as the file does: the same snapshot through exceljs", async () => {
    for (const [name, bytes] of await workbooks()) {
      const fromStored = await readWorkbook(bytes);
      useBoundedInflate(undefined);
      try {
        expect(fromStored, name).toEqual(await readWorkbook(bytes));
      } finally {
        native();
      }
    }
  });

  it("is made only after the whole file passed the check: refusals are the same as without it", () => {
    for (const make of [bad.lyingZipBomb, () => bad.truncated(Buffer.from(zipSync({ "xl/workbook.xml": strToU8("<workbook/>") })))]) {
      const bytes = make();
      const kind = (f: () => unknown) => {
        try {
          f();
          return "ok";
        } catch (e) {
          return (e as WorkbookError).kind;
        }
      };
      expect(kind(() => preflightedXlsx(bytes, DEFAULT_LIMITS))).toBe(kind(() => preflightXlsx(bytes, DEFAULT_LIMITS)));
      expect(kind(() => preflightedXlsx(bytes, DEFAULT_LIMITS))).not.toBe("ok");
    }
  });
});

describe("entries declaring more than a plain zip's 4 GB together (limits raised far past the defaults)", () => {
  beforeAll(native);
  afterAll(() => useBoundedInflate(undefined));

  it("leave exceljs the file itself", async () => {
    const bytes = Buffer.from(zipSync({ ...entries(await writeTemplate()), "a.bin": new Uint8Array(10), "b.bin": new Uint8Array(10) }));
    // the directory says each of the two parts inflates to 3 GB (they inflate to 10 bytes: within what they declare)
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let p = view.getUint32(bytes.length - 22 + 16, true);
    while (view.getUint32(p, true) === 0x02014b50) {
      const nameLen = view.getUint16(p + 28, true);
      const name = bytes.subarray(p + 46, p + 46 + nameLen).toString();
      if (name.endsWith(".bin")) view.setUint32(p + 24, 3 * 1024 ** 3, true);
      p += 46 + nameLen + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    }
    const raised = { ...DEFAULT_LIMITS, maxUncompressedBytes: 8 * 1024 ** 3 };
    expect(preflightedXlsx(bytes, raised)).toBe(bytes);
  });
});

describe("without a native inflater (browsers)", () => {
  it("exceljs gets the file itself", async () => {
    useBoundedInflate(undefined);
    const bytes = await writeTemplate();
    expect(preflightedXlsx(bytes)).toBe(bytes);
  });
});
