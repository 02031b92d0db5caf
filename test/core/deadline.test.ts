import { describe, expect, it } from "vitest";
import { DATE_PHRASE_EXAMPLES, daysBetween, parseDeadline } from "../../core/index.js";

describe("parseDeadline", () => {
  // dates
  it.each([
    ["3月15日", "2022-03-15"],
    ["3月15日前", "2022-03-15"],
    ["3月15日前完成", "2022-03-15"],
    ["3 月 15 日", "2022-03-15"],
    ["３月１５日", "2022-03-15"],
    ["5月底", "2022-05-31"],
    ["2月底前", "2022-02-28"],
    ["2022年3月15日", "2022-03-15"],
    ["2023年1月5号", "2023-01-05"],
    ["2022-03-15", "2022-03-15"],
    ["2022/3/5", "2022-03-05"],
    ["2022.03.15", "2022-03-15"],
    ["三月十五日", "2022-03-15"],
    ["十二月三十一日前", "2022-12-31"],
    ["年底前", "2022-12-31"],
    ["上半年", "2022-06-30"],
  ])("%s is the date %s (plan year 2022)", (text, date) => {
    expect(parseDeadline(text, 2022)).toEqual({ kind: "date", date, text: text.trim() });
  });

  // phrasings seen in other governments' tables (CONTRACT §1), plan year 2022
  it.each([
    ["2020年底", "2020-12-31"],
    ["2022年底前", "2022-12-31"],
    ["年内完成", "2022-12-31"],
    ["全年", "2022-12-31"],
    ["今年年底前", "2022-12-31"],
    ["2022年", "2022-12-31"],
    ["2023年", "2023-12-31"],
    ["下半年", "2022-12-31"],
    ["2022年上半年", "2022-06-30"],
    ["10月上旬", "2022-10-10"],
    ["10月中旬", "2022-10-20"],
    ["10月下旬", "2022-10-31"],
    ["2月下旬", "2022-02-28"],
    ["6月", "2022-06-30"],
    ["2022年7月", "2022-07-31"],
    ["6月底前", "2022-06-30"],
    ["6月底前完成", "2022-06-30"],
    ["三季度末", "2022-09-30"],
    ["第一季度", "2022-03-31"],
    ["第四季度末前", "2022-12-31"],
    ["3月至6月", "2022-06-30"],
    ["2023年3月—5月底", "2023-05-31"],
    ["12月31日之前完成", "2022-12-31"],
    ["2022年11月30日前。", "2022-11-30"],
  ])("%s is the date %s", (text, date) => {
    expect(parseDeadline(text, 2022)).toEqual({ kind: "date", date, text });
  });

  it.each(DATE_PHRASE_EXAMPLES.map((e) => [e]))("the documented example %s is a date", (text) => {
    expect(parseDeadline(text, 2022).kind).toBe("date");
  });

  // cadences
  it.each([
    ["每月更新", "monthly"],
    ["按月公开", "monthly"],
    ["按季度公开", "quarterly"],
    ["每季度", "quarterly"],
    ["每年", "yearly"],
    ["按年度", "yearly"],
    ["持续更新", "continuous"],
    ["持续推进", "continuous"],
    ["长期坚持", "continuous"],
    ["及时动态调整", "on-change"],
    ["即时公开", "on-change"],
    ["动态调整", "on-change"],
    ["常态化推进", "continuous"],
    ["每季度更新", "quarterly"],
  ])("%s is the cadence %s", (text, cadence) => {
    expect(parseDeadline(text, 2022)).toMatchObject({ kind: "cadence", cadence });
  });

  // rules kept verbatim
  it("keeps the budget row's conditional text as a rule", () => {
    const text = "政府预算在本级人民代表大会或其常务委员会批准公开；部门预算在部门批复后20日内向社会公开。";
    expect(parseDeadline(text, 2022)).toEqual({ kind: "rule", text });
    expect(parseDeadline("会后3个工作日内", 2022)).toMatchObject({ kind: "rule" });
  });

  // invalid
  it.each([
    ["3月32日", /日期不存在/],
    ["2月30日", /日期不存在/],
    ["2022-13-01", /日期不存在/],
    ["13月底", /月份不存在/],
    ["尽快", /无法识别/],
    ["待定", /无法识别/],
    ["", /为空/],
  ])("%s is invalid", (text, reason) => {
    const p = parseDeadline(text, 2022);
    expect(p.kind).toBe("invalid");
    expect(p.kind === "invalid" && p.reason).toMatch(reason);
  });

  it("takes the year written in the cell over the plan year", () => {
    expect(parseDeadline("2021年12月31日", 2022)).toMatchObject({ date: "2021-12-31" });
    expect(parseDeadline("2月29日", 2024)).toMatchObject({ date: "2024-02-29" });
    expect(parseDeadline("2月29日", 2022).kind).toBe("invalid");
  });
});

describe("daysBetween", () => {
  it.each([
    ["2022-03-10", "2022-03-15", 5],
    ["2022-03-15", "2022-03-10", -5],
    ["2022-02-28", "2022-03-01", 1],
    ["2021-12-31", "2022-01-01", 1],
  ])("%s → %s is %i days", (a, b, n) => expect(daysBetween(a, b)).toBe(n));
});
