import { describe, expect, it } from "vitest";
import { DEFAULT_ROSTER_INDEX, consolidate, dateText, issuerFromTitle, noticeParts, noticeText, builtInTaskList, type UnitReport } from "../../core/index.js";

const ledger = (reports: UnitReport[], today = "2022-04-01") =>
  consolidate({ round: "2022-03", today, year: 2022, tasks: builtInTaskList().tasks, roster: DEFAULT_ROSTER_INDEX, reports });

describe("noticeText (通报)", () => {
  it("names the units that have not submitted, those with overdue items, and those far behind — a past month as of its last day, asking for that month's 台账", () => {
    const empty: UnitReport = { unit: "旗财政局", errors: 0, warnings: 0, rows: [] };
    const text = noticeText(ledger([empty]));
    const lines = text.split("\n");
    expect(lines[0]).toBe("截至2022年3月31日（3月末），2022年3月政务公开工作台账应报送单位18个，已报送1个，未报送17个。");
    expect(lines[1]).toMatch(/^未报送单位：旗政府办公室、旗政务服务局、旗统计局.*请于三个工作日内补报2022年3月台账。$/);
    expect(lines[1]).not.toContain("旗财政局");
    expect(text).toMatch(/存在逾期未完成事项的单位：旗财政局（7项）。请抓紧办理/);
    expect(text).toMatch(/完成或按期推进率低于60%的单位：旗财政局（0%）/);
    expect(text).not.toContain("本月");
    const current = noticeText(ledger([empty], "2022-03-20"));
    expect(current.split("\n")[0]).toBe("截至2022年3月20日，2022年3月政务公开工作台账应报送单位18个，已报送1个，未报送17个。");
    expect(current).toContain("请于三个工作日内报送本月台账。");
    expect(current).toMatch(/存在逾期未完成事项的单位：旗财政局（7项）。请抓紧办理；尚未说明的，请写明逾期原因和计划完成时间。/);
    expect(text).not.toMatch(/被退回|沿用/);
    expect(text).not.toContain("内置示例表");
  });

  it("counts made against the built-in sample say so, in the 通报 and in the ledger's 汇总 title", async () => {
    const { SUMMARY_SHEET } = await import("../../core/index.js");
    const sample = { ...ledger([]), tasksSource: "built-in" as const };
    expect(noticeText(sample).split("\n").at(-1)).toBe("（注：尚未给出本地区的任务分解表，按内置示例表（正镶白旗2022年）统计。）");
    expect(SUMMARY_SHEET.title(sample)).toContain("按内置示例表（正镶白旗2022年）统计");
    expect(SUMMARY_SHEET.title({ ...sample, tasksSource: "file" })).not.toContain("内置示例表");
  });
});

describe("ledger layout", async () => {
  const { localDay, localTime, ledgerCellText, layoutGrid, SUMMARY_SHEET } = await import("../../core/index.js");
  it("shows times and days on the users' clock (北京时间), not the server's", () => {
    expect(localTime("2022-03-10T02:00:00.000Z")).toBe("2022-03-10 10:00");
    expect(localTime("2022-03-10T17:30:00.000Z")).toBe("2022-03-11 01:30");
    expect(localTime(null)).toBe("");
    expect(localDay(new Date("2022-03-10T17:30:00.000Z"))).toBe("2022-03-11");
  });
  it("writes one summary row per unit, in the columns' order, and a matrix cell per status", () => {
    const l = ledger([]);
    const grid = layoutGrid(SUMMARY_SHEET, l);
    expect(grid.values.slice(2, 2 + l.units.length).every((r) => r.length === grid.columns.length)).toBe(true);
    expect(ledgerCellText(undefined)).toBe("—");
    const cell = { status: "推进中", state: "逾期", progress: "", evidence: "", overdue: true, review: null, from: "2022-03", stale: false } as const;
    expect(ledgerCellText({ ...cell, state: "按期推进", overdue: false })).toBe("按期推进");
    expect(ledgerCellText(cell)).toBe("逾期");
    expect(ledgerCellText({ ...cell, state: "推进中", overdue: false, stale: true })).toBe("推进中·未更新");
  });
});

describe("the 通报's parts (noticeParts): the text and the Word document are made of them", () => {
  it("the text is the parts' sentences in order; the points sit under their headings, a part with none left out", () => {
    const empty: UnitReport = { unit: "旗财政局", errors: 0, warnings: 0, rows: [] };
    const l = ledger([empty]);
    const parts = noticeParts(l);
    expect(parts.title).toBe("关于2022年3月政务公开工作台账报送情况的通报");
    expect(parts.sections.map((s) => s.heading)).toEqual(["报送情况", "退回和逾期事项", "推进进度"]);
    expect(parts.sections[0]!.points[0]!.lead).toBe("未报送单位");
    expect(noticeText(l)).toBe([parts.summary, ...parts.sections.flatMap((s) => s.points.map((p) => p.lead + p.rest)), ...parts.closing].join("\n"));
    expect(parts.attachment.headers).toEqual(["单位", "应报事项", "已报", "逾期", "完成率"]);
    expect(parts.attachment.rows).toContainEqual(["旗财政局", "21", "0", "7", "0%"]);
    expect(parts.attachment.rows).toContainEqual(["旗统计局", "20", "0（未报送）", "0", "0%"]);
    expect(parts.attachment.rows).toHaveLength(l.units.length);
  });
});

describe("成文日期 and the issuer a title names", () => {
  it.each([
    ["2026-12-06", "二〇二六年十二月六日", "2026年12月6日"],
    ["2020-01-31", "二〇二〇年一月三十一日", "2020年1月31日"],
    ["2026-10-10", "二〇二六年十月十日", "2026年10月10日"],
    ["2009-11-20", "二〇〇九年十一月二十日", "2009年11月20日"],
  ])("%s: %s, or %s", (day, chinese, arabic) => {
    expect(dateText(day, "chinese")).toBe(chinese);
    expect(dateText(day, "arabic")).toBe(arabic);
  });

  it.each([
    ["某某县2024年政务公开重点任务清单", "某某县人民政府办公室"],
    ["2023年某某市政务公开工作任务分工表", "某某市人民政府办公室"],
    ["某某市财政局2023年政务公开工作要点", "某某市财政局"],
    ["正镶白旗2022年政务公开工作提升任务分解表", "正镶白旗人民政府办公室"],
    ["2022年全旗政务公开工作提升任务分解表", undefined],
    ["任务分解表", undefined],
  ])("%s → %s", (title, issuer) => expect(issuerFromTitle(title)).toBe(issuer));
});
