import { describe, expect, it } from "vitest";
import { MARK_COLORS, NOTE_HEADER, formatPlan, validateWorkbook } from "../../core/index.js";
import { readWorkbook } from "../../workbook/index.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";

describe("formatPlan", async () => {
  const rows = CLEAN_ROWS.map((r) => (r.level3 === "保障性住房" ? { ...r, lead: "住建局" } : r));
  const filled = { ...allDone(FINANCE_TASKS), 基础信息公开: {}, 统计信息: { progress: "见附件" } };
  const built = await buildCopy({ rows, filled });
  const snapshot = await readWorkbook(built.bytes);
  const result = validateWorkbook(snapshot, { today: "2022-03-10" });
  const marks = formatPlan(snapshot, result);
  const at = (cell: string) => marks.find((m) => m.cell === cell);

  it("has CONTRACT §3's colours", () => {
    expect(MARK_COLORS).toEqual({
      error: { fill: "#FFC7CE", font: "#9C0006" },
      warning: { fill: "#FFEB9C", font: "#9C5700" },
      done: { fill: "#C6EFCE", font: "#006100" },
    });
  });

  it("gives one mark per cell, coloured by its worst finding, with every message in its note", () => {
    const basic = at(`H${built.rowOf["基础信息公开"]}`)!;
    expect(basic.findings.map((f) => f.code).sort()).toEqual(["deadline.due-soon", "progress.missing"]);
    expect(basic.style).toBe("error");
    expect(basic.note.split("\n")).toEqual([NOTE_HEADER, expect.stringMatching(/^错误：/), expect.stringMatching(/^提醒：/)]);
    expect(new Set(marks.map((m) => `${m.sheet}!${m.cell}`)).size).toBe(marks.length);
  });

  it("covers a merged cell's whole area", () => {
    const lead = at(`E${built.rowOf["保障性住房"]}`)!;
    expect(lead).toMatchObject({ style: "warning", range: `E${built.rowOf["保障性住房"]}:E${built.rowOf["政府采购"]}` });
  });

  it("marks the unit's completed rows green, with no note", () => {
    expect(at(`H${built.rowOf["财政资金"]}`)).toMatchObject({ style: "done", note: "", findings: [] });
    expect(at(`H${built.rowOf["稳岗就业"]}`)).toBeUndefined();
    expect(at(`H${built.rowOf["统计信息"]}`)).toMatchObject({ style: "warning" });
  });
});

describe("fixesByCell (一键修复's list)", async () => {
  const { fixesByCell } = await import("../../core/index.js");
  it("keeps one fix per cell, the last proposed, and only findings that have one", () => {
    const f = (cell: string, value?: string) => ({ code: "unit.alias" as const, severity: "warning" as const, sheet: "表", cell, row: 1, message: "", ...(value ? { fix: { value, label: value } } : {}) });
    expect(fixesByCell([f("F5", "甲"), f("F6"), f("F5", "乙"), f("F7", "丙")]).map((x) => [x.cell, x.fix.value])).toEqual([["F5", "乙"], ["F7", "丙"]]);
  });
});
