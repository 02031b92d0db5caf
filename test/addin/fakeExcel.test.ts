/** The fake Excel refuses what Excel refuses: otherwise a test on it proves little. */
import { describe, expect, it } from "vitest";
import { ALL_CAPABILITIES, EXCEL_API_1_8 } from "../../addin/capabilities.js";
import { LIMITS, WorkbookModel, fakeContext, type ChangeArgs } from "./fakeExcel.js";

const settle = () => new Promise((r) => setTimeout(r, 10));

function sheetWith(rows: number, text = "x") {
  const model = new WorkbookModel();
  const s = model.sheet("表");
  for (let r = 1; r <= rows; r++) s.set(`A${r}`, text);
  return { model, s };
}

describe("the fake Excel", () => {
  it("answers only what was loaded, and only after the sync", async () => {
    const { model } = sheetWith(3);
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    const r = ctx.workbook.worksheets.getItem("表").getRange("A1:A3");
    expect(() => r.text).toThrow(/PropertyNotLoaded/);
    r.load("text");
    expect(() => r.text).toThrow(/PropertyNotLoaded/);
    await ctx.sync();
    expect(r.text).toEqual([["x"], ["x"], ["x"]]);
    expect(() => r.formulas).toThrow(/PropertyNotLoaded/);
  });

  it("a ClientResult has no value before its sync", async () => {
    const model = new WorkbookModel();
    model.sheet("表");
    model.addPart('<marks xmlns="urn:test">1</marks>');
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    const parts = ctx.workbook.customXmlParts.getByNamespace("urn:test");
    parts.load("items/id");
    await ctx.sync();
    const xml = parts.items[0]!.getXml();
    expect(() => xml.value).toThrow(/PropertyNotLoaded/);
    await ctx.sync();
    expect(xml.value).toContain("urn:test");
  });

  it("refuses answers over 5 MB, reads over 5 million cells and 8,193-character addresses; 513 merged areas answer null", async () => {
    const big = sheetWith(6000, "长".repeat(300));
    const ctx = fakeContext(big.model, ALL_CAPABILITIES);
    ctx.workbook.worksheets.getItem("表").getRange("A1:A6000").load("text,formulas");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });

    const { model, s } = sheetWith(1);
    const huge = fakeContext(model, ALL_CAPABILITIES);
    huge.workbook.worksheets.getItem("表").getRange("A1:E1048576").load("text");
    await expect(huge.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });

    s.merges = Array.from({ length: LIMITS.mergedAreasPerCall + 1 }, (_, i) => ({ top: 2 * i + 1, left: 1, bottom: 2 * i + 2, right: 1 }));
    const merged = fakeContext(model, ALL_CAPABILITIES);
    const over = merged.workbook.worksheets.getItem("表").getRange("A1:A2000").getMergedAreasOrNullObject().load("address");
    await merged.sync();
    expect(over.isNullObject).toBe(true); // the same answer as for no merges (Excel API reference)

    const long = Array.from({ length: 1500 }, (_, i) => `A${i + 1}`).join(", ");
    expect(long.length).toBeGreaterThan(LIMITS.addressChars);
    expect(() => fakeContext(model, ALL_CAPABILITIES).workbook.worksheets.getItem("表").getRanges(long)).toThrow(/InvalidArgument/);
  });

  it("a failing operation keeps what ran before it and drops the rest", async () => {
    const { model } = sheetWith(1);
    model.comments.push({ sheet: "表", cell: "A1", content: "已有", replies: [] });
    const ctx = fakeContext(model, { ...ALL_CAPABILITIES, notes: false });
    ctx.workbook.comments.add("表!B1", "先加的");
    ctx.workbook.comments.add("表!A1", "第二条"); // a cell holds one thread
    ctx.workbook.comments.add("表!C1", "之后的");
    await expect(ctx.sync()).rejects.toThrow(/has a comment already/);
    expect(model.comments.map((c) => c.content)).toEqual(["已有", "先加的"]);
  });

  it("a protected sheet refuses writes", async () => {
    const { model, s } = sheetWith(1);
    s.protected = true;
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    ctx.workbook.worksheets.getItem("表").getRange("A1").values = [["y"]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: "AccessDenied" });
  });

  it("reads a mixed range's colour as null", async () => {
    const { model, s } = sheetWith(2);
    s.looks.set("1,1", { fill: "#FF0000", font: "#000000" });
    const ctx = fakeContext(model, EXCEL_API_1_8);
    const r = ctx.workbook.worksheets.getItem("表").getRange("A1:A2");
    r.format.fill.load("color");
    await ctx.sync();
    expect(r.format.fill.color).toBeNull();
  });

  it("raises onChanged for the add-in's own writes, later, saying so from ExcelApi 1.14", async () => {
    for (const caps of [ALL_CAPABILITIES, { ...ALL_CAPABILITIES, triggerSource: false }]) {
      const { model } = sheetWith(1);
      const seen: ChangeArgs[] = [];
      model.listeners.add((e) => seen.push(e));
      const ctx = fakeContext(model, caps);
      ctx.workbook.worksheets.getItem("表").getRange("B2").values = [["新"]];
      await ctx.sync();
      expect(seen).toEqual([]);
      await settle();
      expect(seen).toEqual([{ worksheetId: model.sheet("表").id, address: "表!B2", source: "Local", changeType: "RangeEdited", ...(caps.triggerSource ? { triggerSource: "ThisLocalAddin" } : {}) }]);
    }
  });

  it("moves cells, notes, comments, merges and conditional formats when rows are inserted; follows renames", () => {
    const { model, s } = sheetWith(3);
    s.notes.set("A2", "批注");
    s.merges = [{ top: 2, left: 2, bottom: 3, right: 2 }];
    s.formats = [{ type: "Custom", formula: '=ISTEXT("t")', areas: [{ top: 3, left: 1, bottom: 3, right: 1 }], fill: "#FFC7CE" }];
    model.comments.push({ sheet: "表", cell: "A3", content: "讨论", replies: [] });
    model.insertRows("表", 2, 2);
    expect([...s.cells.keys()].sort()).toEqual(["1,1", "4,1", "5,1"]);
    expect(s.notes.get("A4")).toBe("批注");
    expect(s.merges).toEqual([{ top: 4, left: 2, bottom: 5, right: 2 }]);
    expect(s.lookAt("A5").fill).toBe("#FFC7CE");
    expect(model.comments[0]!.cell).toBe("A5");
    model.rename("表", "新表");
    expect(model.comments[0]!.sheet).toBe("新表");
  });
});
