/** Header words outside the list, read by what they are made of; headers over two rows; merged headers (core/readHeader.ts). */
import { describe, expect, it } from "vitest";
import { WORD_RULES, findHeader, headerKindOf, rolesOfHeaderRow } from "../../core/index.js";
import { SheetReader } from "../../core/sheetReader.js";
import type { SheetSnapshot } from "../../core/index.js";

/** A sheet from rows of texts and merged areas given as [top, left, bottom, right]. */
const sheet = (rows: string[][], merges: [number, number, number, number][] = []): SheetSnapshot => ({
  name: "Sheet1",
  rows: rows.map((r) => r.map((text) => ({ text }))),
  merges: merges.map(([top, left, bottom, right]) => ({ top, left, bottom, right })),
});
const roles = (s: SheetSnapshot) => {
  const h = findHeader(new SheetReader(s));
  return h && { rows: h.rows, columns: Object.fromEntries(h.columns), how: Object.fromEntries(h.how) };
};

describe("a header outside the list is read by its words", () => {
  it.each(WORD_RULES.flatMap((r) => r.examples.map((e) => [e, r.kind] as const)))("“%s” → %s", (header, kind) => {
    expect(headerKindOf(header)?.kind).toBe(kind);
  });

  it.each([
    ["负责单位", "responsible"], ["实施部门", "responsible"], ["牵头责任部门", "lead"], ["协同单位", "coResponsible"],
    ["目标任务", "task"], ["工作目标", "measure"], ["要求", "measure"], ["具体事项", "measure"], ["时间节点", "deadline"],
    ["完成时间节点", "deadline"], ["推进落实情况", "progress"], ["整改情况", "progress"], ["公开领域", "category"],
    ["工作任务完成情况", "progress"], ["更新时间", "updated"],
  ])("“%s” → %s", (header, kind) => expect(headerKindOf(header)?.kind).toBe(kind));

  it.each(["具体责任人", "分管领导", "联系电话", "填报单位", "2023年", "1", "县财政局", "及时公开财政预决算信息，接受社会监督。", "一、政策解读"])(
    "“%s” names no column",
    (text) => expect(headerKindOf(text)).toBeUndefined(),
  );

  it("a listed word is read as listed, a word-read one says so", () => {
    expect(headerKindOf("责任单位")).toEqual({ kind: "responsible", how: "vocabulary" });
    expect(headerKindOf("负责单位")).toEqual({ kind: "responsible", how: "words" });
    expect(rolesOfHeaderRow(["序号", "目标要求", "负责部门", "时间安排"])).toEqual(new Map([["serial", 1], ["measure", 2], ["responsible", 3], ["deadline", 4]]));
  });

  it("of two columns that each say what the task is, the last is the task and the first its group", () => {
    expect(rolesOfHeaderRow(["重点工作", "工作举措", "牵头部门", "时间节点"])).toEqual(new Map([["level1", 1], ["measure", 2], ["lead", 3], ["deadline", 4]]));
    expect(rolesOfHeaderRow(["任务", "具体措施", "责任单位"])).toEqual(new Map([["level1", 1], ["measure", 2], ["responsible", 3]]));
  });
});

describe("headers over several rows, and merged across columns", () => {
  it("a category header broken over two rows (not merged) is read as one", () => {
    const s = sheet([["2024年工作任务清单"], ["序号", "工作", "具体内容", "责任单位", "完成时限"], ["", "类别", "", "", ""], ["1", "财政", "公开预算", "县财政局", "3月底"]]);
    expect(roles(s)).toMatchObject({ rows: [2, 3], columns: { serial: 1, level1: 2, measure: 3, responsible: 4, deadline: 5 } });
  });

  it("a unit header over 牵头 | 配合, the rest merged down", () => {
    const s = sheet([["任务", "责任单位", "", "时限"], ["", "牵头", "配合", ""], ["公开预算", "县财政局", "各乡镇", "3月底"]], [[1, 1, 2, 1], [1, 2, 1, 3], [1, 4, 2, 4]]);
    expect(roles(s)).toMatchObject({ rows: [1, 2], columns: { measure: 1, lead: 2, coResponsible: 3, deadline: 4 }, how: { 2: "words", 3: "words" } });
  });

  it("a first task row with short words is not taken for a second header row", () => {
    const s = sheet([["任务", "责任单位", "时限"], ["公开预算", "财政局", "3月底"], ["公开决算", "财政局", "6月底"]]);
    expect(roles(s)?.rows).toEqual([1]);
  });

  it("a header merged over a serial column, two heading columns and the text gives each its role", () => {
    const s = sheet(
      [
        ["工作任务", "", "", "", "牵头单位", "完成时限"],
        ["1", "一、政策公开", "（一）文件公开", "规范性文件统一公开。", "县司法局", "6月底前"],
        ["2", "", "", "历史文件清理。", "县司法局", "年底前"],
        ["3", "", "（二）解读", "同步解读。", "县政府办", "长期坚持"],
      ],
      [[1, 1, 1, 4], [2, 2, 4, 2], [2, 3, 3, 3]],
    );
    expect(roles(s)).toMatchObject({ rows: [1], columns: { serial: 1, level1: 2, level2: 3, measure: 4, lead: 5, deadline: 6 }, how: { 1: "merged-header", 4: "merged-header" } });
  });

  it("a corrected column wins over the guess, and takes its role from any other column", () => {
    const s = sheet([["任务", "责任单位", "配合单位", "时限"], ["公开预算", "县财政局", "各乡镇", "3月底"]]);
    const h = findHeader(new SheetReader(s), { byLetter: { C: "responsible" } })!;
    expect(Object.fromEntries(h.columns)).toEqual({ measure: 1, responsible: 3, deadline: 4 });
    expect(h.how.get(3)).toBe("mapping");
    const byHeader = findHeader(new SheetReader(s), { byHeader: [{ header: "配合单位", nth: 1, role: "ignore" }] })!;
    expect(byHeader.columns.has("coResponsible")).toBe(false);
  });
});
