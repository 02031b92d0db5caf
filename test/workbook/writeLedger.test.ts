import ExcelJS from "exceljs";
import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { DEFAULT_ROSTER_INDEX, consolidate, builtInTaskList, unitReport, validateWorkbook } from "../../core/index.js";
import { readWorkbook } from "../../workbook/index.js";
import { writeLedger } from "../../workbook/writeLedger.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";

describe("the ledger workbook", async () => {
  const filled = {
    ...allDone(FINANCE_TASKS),
    统计信息: { progress: '=HYPERLINK("http://evil.example/","点此")', status: "推进中" },
    财政资金: { progress: "+cmd|' /C calc'!A0", status: "推进中" },
    基础信息公开: { progress: "正在整理", status: "推进中" },
    政府信息公开指南: { progress: "因上级模板未下发，计划于4月15日前完成", status: "推进中" },
  };
  const result = validateWorkbook(await readWorkbook((await buildCopy({ rows: CLEAN_ROWS, filled })).bytes), { today: "2022-04-01" });
  const ledger = consolidate({
    round: "2022-04",
    today: "2022-04-01",
    year: 2022,
    tasks: builtInTaskList().tasks,
    roster: DEFAULT_ROSTER_INDEX,
    reports: [unitReport(result, "旗财政局", { receivedAt: "2022-04-01T02:03:04.000Z" })],
  });
  const bytes = await writeLedger(ledger);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);

  /** A column's index by its header (row 2). */
  const at = (ws: ExcelJS.Worksheet, header: string) => (ws.getRow(2).values as string[]).indexOf(header);

  it("has the five sheets of CONTRACT §6, then reminders and reviews", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总", "台账", "明细", "逾期事项", "未报送单位", "临期提醒", "验收销号"]);
  });

  it("汇总: one row per unit with counts and a rate (完成或按期推进率) shown as data bars; the round's day in the title", () => {
    const ws = wb.getWorksheet("汇总")!;
    expect(ws.getRow(1).getCell(1).value).toBe("2022-04 政务公开工作台账汇总（截至2022年4月1日）");
    expect(ws.getRow(2).values).toEqual(expect.arrayContaining(["完成或按期推进率", "已完成", "按期推进", "其中已销号", "其中退回", "其中逾期", "报送情况", "退回原因"]));
    const finance = ws.getRows(3, 18)!.find((r) => r.getCell(2).value === "旗财政局")!;
    expect(finance.getCell(at(ws, "报送情况")).value).toBe("已报送");
    expect(finance.getCell(at(ws, "负责事项")).value).toBe(21);
    // 8 dated tasks (2 late) and 13 with a cadence, all but the late two done or on track
    expect(finance.getCell(at(ws, "已完成")).value).toBe(6);
    expect(finance.getCell(at(ws, "按期推进")).value).toBe(13);
    expect(finance.getCell(at(ws, "其中逾期")).value).toBe(2);
    expect(finance.getCell(at(ws, "完成或按期推进率")).value).toBeCloseTo(19 / 21, 4);
    expect(ws.getRow(3).getCell(2).value).toBe("旗政府办公室"); // roster order
    expect(ws.getRow(3).getCell(at(ws, "报送情况")).value).toBe("未报送");
    const xml = strFromU8(unzipSync(bytes)["xl/worksheets/sheet1.xml"]!);
    expect(xml).toMatch(/<dataBar>/);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(ws.autoFilter).toBeDefined();
  });

  it("台账: a status per unit and task, coloured as in CONTRACT §3", () => {
    const ws = wb.getWorksheet("台账")!;
    const header = ws.getRow(2).values as string[];
    const col = header.indexOf("旗财政局");
    const taskCol = header.indexOf("任务");
    const row = (label: string) => ws.getRows(3, ws.rowCount - 2)!.find((r) => r.getCell(taskCol).value === label)!;
    const fill = (c: ExcelJS.Cell) => (c.fill as ExcelJS.FillPattern).fgColor?.argb;
    // a 持续更新 task under way, reported this month: on track, not unfinished
    expect(row("统计信息").getCell(col).value).toBe("按期推进");
    expect(fill(row("统计信息").getCell(col))).toBe("FFC6EFCE");
    expect(row("教育信息").getCell(col).value).toBe("—");
    expect(row("政府信息公开年报").getCell(col).value).toBe("已完成");
    expect(fill(row("政府信息公开年报").getCell(col))).toBe("FFC6EFCE");
    expect(row("基础信息公开").getCell(col).value).toBe("逾期");
    expect(fill(row("基础信息公开").getCell(col))).toBe("FFFFC7CE");
    expect(row("稳岗就业").getCell(col).value).toBe("—");
  });

  it("明细 and 逾期事项 carry the progress text; rows are as tall as their wrapped text", () => {
    const detail = wb.getWorksheet("明细")!;
    expect(detail.rowCount).toBe(2 + ledger.tasks.reduce((n, t) => n + Object.keys(t.units).length, 0));
    const rows = detail.getRows(3, detail.rowCount - 2)!;
    const long = rows.find((r) => String(r.getCell(at(detail, "任务")).value) === "政府信息公开年报")!;
    expect(long.height).toBeGreaterThanOrEqual(15);
    // a cell of 60 CJK characters in a 22-wide column wraps over 6 lines: the row is at least that tall
    const tallest = Math.max(...rows.map((r) => r.height ?? 0));
    expect(tallest).toBeGreaterThanOrEqual(45);
    for (const r of rows) expect(r.height).toBeGreaterThanOrEqual(15);
    const overdue = wb.getWorksheet("逾期事项")!;
    const finance = overdue.getRows(3, overdue.rowCount - 2)!.filter((r) => r.getCell(1).value === "旗财政局");
    expect(overdue.getRow(1).getCell(1).value).toBe("逾期事项（截至2022年4月1日；已报送、未完成、已过完成时限）");
    expect(finance.map((r) => r.getCell(at(overdue, "任务")).value)).toEqual(["基础信息公开", "政府信息公开指南"]);
    expect(finance[0]!.getCell(at(overdue, "进展情况")).value).toBe("正在整理");
    // the late item's reason and plan date as the unit wrote them; a silent one is marked for asking
    expect(finance.map((r) => [r.getCell(at(overdue, "逾期原因")).value, r.getCell(at(overdue, "计划完成时间")).value])).toEqual([[null, null], ["上级模板未下发", "2022-04-15"]]);
    expect((finance[0]!.getCell(at(overdue, "逾期原因")).fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFEB9C");
    expect(wb.getWorksheet("未报送单位")!.rowCount).toBe(2 + 17);
  });

  it("writes submitted text as text, never as a formula", () => {
    const files = unzipSync(bytes);
    for (const [name, data] of Object.entries(files)) {
      if (name.startsWith("xl/worksheets/")) expect(strFromU8(data)).not.toMatch(/<f>/);
    }
    const detail = wb.getWorksheet("明细")!;
    const texts = detail.getRows(3, detail.rowCount - 2)!.map((r) => r.getCell(at(detail, "进展情况")));
    const evil = texts.find((c) => String(c.value).startsWith("=HYPERLINK"))!;
    expect(evil.type).toBe(ExcelJS.ValueType.String);
    expect(texts.find((c) => String(c.value).startsWith("+cmd"))!.type).toBe(ExcelJS.ValueType.String);
  });
});
