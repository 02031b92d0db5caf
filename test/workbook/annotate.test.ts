import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { NOTE_HEADER } from "../../core/index.js";
import { annotateXlsx, noteOf } from "../../workbook/index.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";

const load = async (bytes: Uint8Array) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb.worksheets[0]!;
};
const fillOf = (c: ExcelJS.Cell) => (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;

describe("annotateXlsx", async () => {
  const rows = CLEAN_ROWS.map((r) => (r.level3 === "保障性住房" ? { ...r, lead: "旗住建所" } : r));
  const filled = { ...allDone(FINANCE_TASKS), 统计信息: {}, 基础信息公开: { progress: "正在整理" } };
  const built = await buildCopy({ rows, filled });
  // The user's own formatting and note, on cells that will and will not be marked.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(built.bytes as unknown as ExcelJS.Buffer);
  const src = wb.worksheets[0]!;
  const statsProgress = `H${built.rowOf["统计信息"]}`;
  src.getCell(statsProgress).note = "用户自己的批注：待统计局回复";
  src.getCell(statsProgress).font = { bold: true, name: "宋体" };
  src.getCell("D5").font = { italic: true };
  const original = Buffer.from(await wb.xlsx.writeBuffer());
  const before = Buffer.from(original);

  const { annotated, result } = await annotateXlsx(original, { today: "2022-03-10" });
  const ws = await load(annotated);

  it("colours errors, warnings and completed rows with Excel's Bad / Neutral / Good", () => {
    expect(fillOf(ws.getCell(statsProgress))).toBe("FFFFC7CE");
    expect(ws.getCell(statsProgress).font?.color?.argb).toBe("FF9C0006");
    const soon = ws.getCell(`H${built.rowOf["基础信息公开"]}`);
    expect(fillOf(soon)).toBe("FFFFEB9C");
    expect(soon.font?.color?.argb).toBe("FF9C5700");
    const done = ws.getCell(`H${built.rowOf["财政资金"]}`);
    expect(fillOf(done)).toBe("FFC6EFCE");
    expect(done.font?.color?.argb).toBe("FF006100");
  });

  it("colours every cell of a merged area", () => {
    for (const label of ["保障性住房", "棚户区改造", "土地信息", "政府采购"]) {
      expect(fillOf(ws.getCell(`E${built.rowOf[label]}`))).toBe("FFFFC7CE");
    }
  });

  it("puts each finding's message in a note, keeping the user's own note above it", () => {
    const note = noteOf(ws.getCell(statsProgress))!;
    expect(note.startsWith("用户自己的批注：待统计局回复")).toBe(true);
    expect(note).toContain(NOTE_HEADER);
    expect(note).toContain("进展情况为空");
    expect(noteOf(ws.getCell(`E${built.rowOf["保障性住房"]}`))).toContain("旗住建所");
    expect(result.summary.errors).toBeGreaterThanOrEqual(2);
  });

  it("leaves everything else as it was", async () => {
    const orig = await load(original);
    expect(ws.getCell(statsProgress).font).toMatchObject({ bold: true, name: "宋体" });
    expect(ws.getCell("D5").font).toMatchObject({ italic: true });
    expect(ws.getCell("D5").fill).toEqual(orig.getCell("D5").fill);
    expect(ws.model.merges.sort()).toEqual(orig.model.merges.sort());
    for (let r = 1; r <= orig.rowCount; r++) {
      for (let c = 1; c <= orig.columnCount; c++) expect(ws.getCell(r, c).value).toEqual(orig.getCell(r, c).value);
    }
    // cells sharing a style with a marked cell are not coloured with it
    const unmarked = ws.getCell(`H${built.rowOf["稳岗就业"]}`);
    expect(unmarked.fill).toEqual(orig.getCell(`H${built.rowOf["稳岗就业"]}`).fill);
  });

  it("does not touch the input bytes", () => {
    expect(original.equals(before)).toBe(true);
  });
});

describe("annotating the official template", () => {
  it("colours only the marked cells, though every data cell shares one style", async () => {
    const { buildTemplate, fillCopy } = await import("../../workbook/index.js");
    const wb = buildTemplate();
    fillCopy(wb, "旗财政局", [{ task: "财政资金", progress: "已公开", status: "已完成" }]);
    const { annotated } = await annotateXlsx(Buffer.from(await wb.xlsx.writeBuffer()), { today: "2022-03-01" });
    const ws = await load(annotated);
    expect(fillOf(ws.getCell("H9"))).toBe("FFC6EFCE"); // 财政资金, done
    expect(fillOf(ws.getCell("H10"))).toBe("FFFFC7CE"); // 统计信息, missing
    expect(fillOf(ws.getCell("H13"))).toBeUndefined(); // 保障性住房: not the unit's
    expect(fillOf(ws.getCell("D9"))).toBeUndefined();
    expect(ws.getCell("D9").border?.top).toEqual({ style: "thin" });
    expect(fillOf(ws.getCell("A4"))).toBe("FFD9D9D9"); // header keeps its grey
  });
});
