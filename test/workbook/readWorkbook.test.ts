import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readWorkbook } from "../../workbook/index.js";

async function bytesOf(build: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet("表一"));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("readWorkbook", () => {
  it("keeps a merged value in its top-left cell only, and lists the merge", async () => {
    const s = await readWorkbook(await bytesOf((ws) => {
      ws.mergeCells("B2:B4");
      ws.getCell("B2").value = "旗住建局";
    }));
    const sheet = s.sheets[0]!;
    expect(sheet.rows[1]![1]).toEqual({ text: "旗住建局" });
    expect(sheet.rows[2]?.[1]).toBeUndefined();
    expect(sheet.merges).toEqual([{ top: 2, left: 2, bottom: 4, right: 2 }]);
  });

  it.each<[string, ExcelJS.CellValue, { text: string; formula?: string }]>([
    ["a string with line breaks", "旗政府办公室\n旗财政局", { text: "旗政府办公室\n旗财政局" }],
    ["a date", new Date(Date.UTC(2022, 2, 15)), { text: "2022-03-15" }],
    ["a phone number stored as a number", 13847912345, { text: "13847912345" }],
    ["a decimal", 0.1 + 0.2, { text: "0.3" }],
    ["rich text", { richText: [{ text: "已" }, { font: { bold: true }, text: "完成" }] }, { text: "已完成" }],
    ["a hyperlink", { text: "公开目录", hyperlink: "https://www.zxbq.gov.cn/" }, { text: "公开目录" }],
    ["a formula", { formula: 'CONCATENATE("已","完成")', result: "已完成" }, { text: "已完成", formula: 'CONCATENATE("已","完成")' }],
    ["a boolean", true, { text: "TRUE" }],
  ])("reads %s", async (_name, value, expected) => {
    const s = await readWorkbook(await bytesOf((ws) => (ws.getCell("C3").value = value)));
    expect(s.sheets[0]!.rows[2]![2]).toEqual(expected);
  });

  it("gives every row up to the last used one, empty where the sheet is empty", async () => {
    const s = await readWorkbook(await bytesOf((ws) => (ws.getCell("A5").value = "x")));
    expect(s.sheets[0]!.rows).toHaveLength(5);
    expect(s.sheets[0]!.rows[0]).toEqual([]);
  });
});
