/**
 * The ledger workbook as written from the layout (workbook/writeLedger.ts): read back by exceljs, every sheet
 * holds the values `layoutGrid` gives, cell by cell, on a city's month (a late item, a returned one, a refused file, a
 * table carried forward); text keeps what the unit wrote (spaces, line breaks, `&`, `<`, formula-like text), less
 * the control characters XML cannot carry; every part is well-formed XML, its elements in the order the schema sets.
 */
import { DOMParser } from "@xmldom/xmldom";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { LEDGER_LAYOUT, cellOf, layoutGrid, type Ledger, type LayoutSheet } from "../../core/index.js";
import { writeLedger } from "../../workbook/writeLedger.js";
import { noticeLedger } from "../fixtures/noticeLedger.js";

/** What the units wrote, the awkward way: each lands in a 进展情况 cell of a unit that reported. */
const AWKWARD = ["  前导空格", "结尾空格  ", "多行\n第二行", "\t制表符", "符号 & < > \" ' 都在", "=HYPERLINK(\"http://evil.example/\",\"点此\")", "控制\u0001字符\u001f", "表情 😀"];
const XML_CANNOT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g; // eslint-disable-line no-control-regex -- the characters dropped

describe("the ledger workbook, read back", async () => {
  const { ledger: base } = await noticeLedger();
  const ledger: Ledger = structuredClone(base);
  const reported = ledger.tasks.flatMap((t) => ["某某县人民政府", "市统计局"].map((u) => cellOf(t, u))).filter((c) => c !== undefined);
  AWKWARD.forEach((text, i) => (reported[i]!.progress = text));
  const bytes = await writeLedger(ledger);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheets = (LEDGER_LAYOUT as readonly LayoutSheet<unknown>[]).filter((s) => !s.optional || s.rows(ledger).length > 0);

  it("has the layout's sheets, in order", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(sheets.map((s) => s.name));
    expect(sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["汇总", "台账", "明细", "逾期事项", "未报送单位", "验收销号"]));
  });

  it.each(sheets.map((s) => [s.name, s] as const))("%s: each cell the layout's value", (name, sheet) => {
    const ws = wb.getWorksheet(name)!;
    const { values } = layoutGrid(sheet, ledger);
    const read = values.map((_, r) => values[0]!.map((__, j) => ws.getRow(r + 1).getCell(j + 1).value ?? ""));
    // the title is one cell merged across the table (exceljs reads each merged cell as the title)
    const expected = values.map((row, r) => row.map((v) => (r === 0 ? row[0] : typeof v === "string" ? v.replace(XML_CANNOT, "") : v)));
    expect(read).toEqual(expected);
  });

  it("keeps what the unit wrote, as text: spaces, line breaks, symbols, a formula's words", () => {
    const detail = wb.getWorksheet("明细")!;
    const column = (detail.getRow(2).values as string[]).indexOf("进展情况");
    const texts = detail.getColumn(column).values.filter((v): v is string => typeof v === "string");
    for (const text of AWKWARD) expect(texts).toContain(text.replace(XML_CANNOT, ""));
    const files = unzipSync(bytes);
    for (const [name, data] of Object.entries(files)) if (name.startsWith("xl/worksheets/")) expect(strFromU8(data)).not.toMatch(/<f>/);
  });

  it("frozen header rows, a filter on the header, the title merged, A4 landscape with the header on every page", () => {
    for (const s of sheets) {
      const ws = wb.getWorksheet(s.name)!;
      const columns = s.columns(ledger).length;
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2, xSplit: s.freezeColumns });
      expect(ws.autoFilter).toBe(`A2:${ws.getColumn(columns).letter}${2 + s.rows(ledger).length}`);
      expect(ws.getCell("A1").isMerged && ws.getCell(1, columns).isMerged).toBe(true);
      expect(ws.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "2:2" });
      expect(ws.headerFooter.oddFooter).toBe("第 &P 页，共 &N 页");
      // exceljs writes no width for a column of its own default width, 9 (Excel then shows 8.43): a known leftover
      s.columns(ledger).forEach((c, j) => expect(ws.getColumn(j + 1).width).toBe(c.width === 9 ? undefined : c.width));
    }
  });

  it("every part is well-formed XML, a worksheet's elements in the schema's order", () => {
    const order = ["sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "autoFilter", "mergeCells", "conditionalFormatting", "printOptions", "pageMargins", "pageSetup", "headerFooter"];
    for (const [name, data] of Object.entries(unzipSync(bytes))) {
      const errors: string[] = [];
      const doc = new DOMParser({ onError: (level, message) => errors.push(`${level}: ${message}`) }).parseFromString(strFromU8(data), "text/xml");
      expect(errors, name).toEqual([]);
      if (!name.startsWith("xl/worksheets/")) continue;
      const children = Array.from(doc.documentElement!.childNodes)
        .filter((n) => n.nodeType === 1)
        .map((n) => n.nodeName);
      expect(children.map((c) => order.indexOf(c)), name).toEqual(children.map((c) => order.indexOf(c)).sort((a, b) => a - b));
      expect(children.every((c) => order.includes(c)), name).toBe(true);
    }
  });
});
