import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, WorkbookError, preflightXlsx, readWorkbook, writeTemplate, type WorkbookErrorKind } from "../../workbook/index.js";
import * as bad from "../fixtures/badFiles.js";

const good = await writeTemplate();

async function refusal(bytes: Uint8Array): Promise<WorkbookError> {
  const err = await readWorkbook(bytes).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkbookError);
  return err as WorkbookError;
}

describe("reading refuses unusable input with one clear Chinese line", () => {
  it.each<[string, () => Buffer, WorkbookErrorKind, RegExp]>([
    ["an empty file", () => Buffer.alloc(0), "empty", /空的/],
    ["a CSV file", bad.csvFile, "not-zip", /不是 Excel 工作簿/],
    ["a PDF", bad.pdfFile, "not-zip", /PDF/],
    ["an HTML page saved as .xls", bad.htmlAsXls, "not-zip", /网页/],
    ["an old .xls", bad.legacyXls, "legacy-or-encrypted", /97-2003.*另存为/],
    ["a password-protected workbook", bad.encryptedXlsx, "encrypted", /密码/],
    ["a truncated download", () => bad.truncated(good), "truncated", /不完整/],
    ["a Word document renamed", bad.docxFile, "not-excel", /Word/],
    ["an OpenDocument spreadsheet", bad.odsFile, "not-excel", /\.ods/],
  ])("%s", async (_name, make, kind, message) => {
    const err = await refusal(make());
    expect(err.kind).toBe(kind);
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain("\n");
  });

  it("a zip bomb, by its declared size, before anything is inflated", async () => {
    const err = await refusal(bad.zipBomb());
    expect(err.kind).toBe("zip-bomb");
    expect(err.message).toMatch(/压缩炸弹/);
  });

  it("a zip bomb whose directory lies about sizes, by inflating no further than declared", async () => {
    const err = await refusal(bad.lyingZipBomb());
    expect(err.kind).toBe("zip-bomb");
  });

  it("a file over the size limit", () => {
    expect(() => preflightXlsx(good, { ...DEFAULT_LIMITS, maxFileBytes: 1000, maxUncompressedBytes: 1e9, maxEntries: 100 })).toThrow(/文件过大/);
  });

  it("counts the rows of a sheet stored uncompressed as of one inflated (over the limit: refused)", async () => {
    const { manyRows } = await import("../fixtures/hostileFiles.js");
    const err = await refusal(manyRows(DEFAULT_LIMITS.maxRowsPerSheet + 1, true));
    expect(err.kind).toBe("too-large");
    expect(err.message).toMatch(/超过 20000 行/);
  });

  it("lets a real workbook through", async () => {
    expect(() => preflightXlsx(good)).not.toThrow();
    expect((await readWorkbook(good)).sheets.map((s) => s.name)).toEqual(["任务分解表", "细化分解", "联络人", "单位名册"]);
  });
});

describe("the check inflates with Node's zlib where it runs on Node, and says the same", async () => {
  const { useBoundedInflate } = await import("../../workbook/inflateEntry.js");
  const { inflateRawSync } = await import("node:zlib");
  const { manyRows } = await import("../fixtures/hostileFiles.js");
  const verdict = (bytes: Uint8Array) => {
    try {
      preflightXlsx(bytes, DEFAULT_LIMITS);
      return "ok";
    } catch (e) {
      return (e as WorkbookError).kind;
    }
  };
  it.each<[string, () => Uint8Array]>([
    ["a good workbook", () => good],
    ["a zip bomb", bad.zipBomb],
    ["a zip bomb lying about its sizes", bad.lyingZipBomb],
    ["a sheet of a million rows", () => manyRows(1_048_000)],
    ["a sheet of 30,000 rows stored uncompressed", () => manyRows(30_000, true)],
    ["a truncated download", () => bad.truncated(good)],
  ])("%s", (_name, make) => {
    const bytes = make();
    useBoundedInflate(undefined);
    const javascript = verdict(bytes);
    useBoundedInflate((c, max) => inflateRawSync(c, { maxOutputLength: Math.max(1, max) }));
    try {
      expect(verdict(bytes)).toBe(javascript);
    } finally {
      useBoundedInflate(undefined);
    }
  });
});
