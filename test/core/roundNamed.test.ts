import { describe, expect, it } from "vitest";
import { roundNamed } from "../../core/index.js";

const OPEN = ["2026-11", "2026-12"];
const TODAY = "2026-12-03";

describe("roundNamed: the month a mail's subject or file name gives", () => {
  it.each([
    [["11月份政务公开台账"], "2026-11"],
    [["关于报送2026年11月工作进展的函"], "2026-11"],
    [["县财政局 12月 台账"], "2026-12"],
    [["回复：台账", "财政局11月台账.xlsx"], "2026-11"],
    [["2026年11月份"], "2026-11"],
  ])("%j → %s", (texts, expected) => expect(roundNamed(texts, OPEN, TODAY)).toBe(expected));

  it.each([
    [["台账"]],
    [["请于11月15日前报送"]], // a day, not a month
    [["11月30号前完成"]],
    [["2025年11月台账"]], // not open
    [["3月份台账"]], // no open March
    [["2026年政务公开台账"]], // a year only
  ])("%j → none (the current month is taken)", (texts) => expect(roundNamed(texts, OPEN, TODAY)).toBeUndefined());

  it("a month both open in two years: the latest not after this month", () => {
    expect(roundNamed(["11月台账"], ["2025-11", "2026-11", "2026-12"], TODAY)).toBe("2026-11");
  });
});
