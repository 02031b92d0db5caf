/**
 * How tall a ledger row is made: `wrappedLines` counts the lines of wrapped text in one pass, tested against the plain
 * reading of it (split at line breaks, each line's display width over the column's) on the texts units write.
 * And how a refused file's reasons are joined into one clause (`rejectedText`).
 */
import { describe, expect, it } from "vitest";
import { rejectedText, rowHeight, textWidth, wrappedLines, type LayoutColumn } from "../../core/index.js";

/** The plain form: each line (at "\n") takes its width over the usable width, at least one line. */
const reference = (text: string, width: number): number => {
  const usable = Math.max(1, width - 1);
  return text.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
};

const TEXTS = [
  "",
  "已完成",
  "已按要求在政府信息公开平台公开，并持续更新。",
  "正在整理，因上级模板未下发，计划于4月15日前完成",
  "第一季度：已公开经济运行数据\n第二季度：正在汇总\n",
  "\n\n",
  "http://www.zxbq.gov.cn/zwgk/2022/03/t20220310_123456.html",
  "ＡＢＣ全角字母与 half-width 混排，한국어 포함",
  "政府信息公开年报".repeat(30),
];

describe("wrappedLines", () => {
  it.each(TEXTS.flatMap((text) => [1, 2, 6, 9, 22, 50].map((width) => [JSON.stringify(text).slice(0, 30), width, text] as const)))(
    "%s in a column %i wide: as the plain reading counts",
    (_, width, text) => expect(wrappedLines(text, width)).toBe(reference(text, width)),
  );

  it("a row is as tall as its tallest wrapped cell, 15 pt a line, at most 409 pt", () => {
    const columns: LayoutColumn<string[]>[] = [
      { header: "任务", width: 22, wrap: true, value: (r) => r[0]! },
      { header: "编号", width: 6, value: (r) => r[1]! },
    ];
    expect(rowHeight(columns, ["政府信息公开年报", "T28"])).toBe(15);
    // 60 CJK characters in a 22-wide column: 120 ÷ 21 → 6 lines
    expect(rowHeight(columns, ["政".repeat(60), "T28"])).toBe(90);
    // an unwrapped column does not make the row taller
    expect(rowHeight(columns, ["短", "很长的编号".repeat(20)])).toBe(15);
    expect(rowHeight(columns, ["行\n".repeat(40), ""])).toBe(409);
  });
});

describe("rejectedText", () => {
  it("joins a refused file's reasons as one clause for brackets: no 。； or 。）", () => {
    const u = { rejectedReason: "校验发现 2 处错误，请修改后重新提交。", rejectedReasons: ["G14：进展情况为空：请填写本月进展；不涉及的请填“不涉及”。", "I14：链接无法识别，请逐个填写，用“；”分隔。"] };
    expect(rejectedText(u)).toBe("G14：进展情况为空：请填写本月进展；不涉及的请填“不涉及”；I14：链接无法识别，请逐个填写，用“；”分隔");
    expect(rejectedText({ ...u, rejectedReasons: [] })).toBe("校验发现 2 处错误，请修改后重新提交");
  });
});
