import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_TODAY, demoCopy, validateXlsx } from "../../workbook/index.js";

describe("a copy saved by LibreOffice Calc", () => {
  it("reads to the same findings as the copy it was saved from", async () => {
    const saved = await readFile(join(import.meta.dirname, "../fixtures/files/demo-copy-saved-by-libreoffice.xlsx"));
    const a = await validateXlsx(saved, { today: DEMO_TODAY });
    const b = await validateXlsx(await demoCopy(), { today: DEMO_TODAY });
    const key = (r: typeof a) => r.result.findings.map((f) => `${f.code} ${f.sheet}!${f.cell}`);
    expect(key(a)).toEqual(key(b));
    expect(a.result.summary).toEqual(b.result.summary);
    expect(a.result.summary).toMatchObject({ rows: 37, responsibleRows: 21, completed: 2 });
    expect(a.result.table?.reader.sheet.merges.length).toBe(b.result.table?.reader.sheet.merges.length);
  });
});
