import { describe, expect, it } from "vitest";
import { DEFAULT_ROSTER_INDEX, consolidate, noticeText, builtInTaskList, type UnitReport } from "../../core/index.js";

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
