/**
 * A decision names the unit's version it judged (`submission`): what it does to the versions that follow.
 * 验收 closes an item only while the unit reports it done; a return stands until the unit reports after it.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_ROSTER_INDEX, builtInTaskList, consolidate, reviewOf, reviewsInForce, unitReport, validateWorkbook, type Review, type UnitReport } from "../../core/index.js";
import { readWorkbook } from "../../workbook/index.js";
import { allDone, buildCopy, type RowInput } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";

const TASKS = builtInTaskList().tasks;
const budget = TASKS.find((t) => t.level3 === "财政资金")!;

async function version(id: string, receivedAt: string, filled: Record<string, RowInput>): Promise<UnitReport> {
  const result = validateWorkbook(await readWorkbook((await buildCopy({ unit: "旗财政局", rows: CLEAN_ROWS, filled })).bytes), { today: "2022-03-10" });
  return unitReport(result, "旗财政局", { receivedAt, submissionId: id });
}
const decision = (decision: Review["decision"], submission: string, at: string, comment = ""): Review => ({
  id: `r-${at}`, round: "2022-03", task: budget.id, label: budget.label, unit: "旗财政局", decision, comment, by: "汇总人令牌 t1", at, submission,
});
const cellOf = (reports: UnitReport[], reviews: Review[]) =>
  consolidate({ round: "2022-03", today: "2022-03-31", year: 2022, tasks: TASKS, roster: DEFAULT_ROSTER_INDEX, reports, reviews }).tasks.find((t) => t.id === budget.id)!.units["旗财政局"]!;

describe("a decision and the versions after the one it judged", async () => {
  const v1 = await version("v1", "2022-03-10T02:00:00.000Z", allDone(FINANCE_TASKS));
  const v2 = await version("v2", "2022-03-12T02:00:00.000Z", { ...allDone(FINANCE_TASKS), 财政资金: { progress: "尚未开始", status: "未启动" } });
  const v3 = await version("v3", "2022-03-14T02:00:00.000Z", allDone(FINANCE_TASKS));

  it("the decision in force keeps the version it judged", () => {
    const accepted = decision("accepted", "v1", "2022-03-11T02:00:00.000Z");
    expect(reviewOf(reviewsInForce([accepted], "2022-03"), budget.id, "旗财政局")).toMatchObject({ submission: "v1" });
  });

  it.each([
    ["v1, done, accepted: 已销号", [v1], "已销号"],
    ["v2 after it says 未启动: open again, the 验收 shown beside it", [v2], "未启动"],
    ["v3 done again: closed (an accepted item stays closed while reported done)", [v3], "已销号"],
  ] as const)("验收 of v1 — %s", (_, reports, state) => {
    const cell = cellOf([...reports], [decision("accepted", "v1", "2022-03-11T02:00:00.000Z")]);
    expect(cell).toMatchObject({ state, review: { decision: "accepted", submission: "v1" } });
  });

  it("a return of v1 stands while v1 is the latest, and is lifted by a version sent after it", () => {
    const returned = decision("returned", "v1", "2022-03-11T02:00:00.000Z", "请补充预算公开链接");
    expect(cellOf([v1], [returned])).toMatchObject({ state: "退回", review: { comment: "请补充预算公开链接", submission: "v1" } });
    expect(cellOf([v3], [returned])).toMatchObject({ state: "按期推进", status: "已完成" }); // a monthly task reported done this month
  });
});
