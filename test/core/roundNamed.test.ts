import { describe, expect, it } from "vitest";
import { monthNamed } from "../../core/index.js";

const TODAY = "2026-12-03";

describe("monthNamed: the month a mail's subject or file name gives", () => {
  it.each([
    [["11月份政务公开台账"], "2026-11"],
    [["关于报送2026年11月工作进展的函"], "2026-11"],
    [["县财政局 12月 台账"], "2026-12"],
    [["回复：台账", "财政局11月台账.xlsx"], "2026-11"],
    [["2026年11月份"], "2026-11"],
    [["2025年11月台账"], "2025-11"],
    [["关于11月15日前报送10月台账"], "2026-10"], // the day is no month
    [["1月份台账"], "2026-01"],
    [["2026年政务公开台账", "县财政局1月.xlsx"], "2026-01"],
  ])("%j → %s", (texts, expected) => expect(monthNamed(texts, TODAY)).toBe(expected));

  it("a month later than this one without its year is last year's", () => {
    expect(monthNamed(["12月份台账"], "2027-01-05")).toBe("2026-12");
  });

  it.each([[["台账"]], [["请于11月15日前报送"]], [["11月30号前完成"]], [["2026年政务公开台账"]]])("%j → none (this month is taken)", (texts) =>
    expect(monthNamed(texts, TODAY)).toBeUndefined(),
  );
});
