/**
 * Item findings name a task in the coordinator's words wherever the task list is known: a copy whose row rewrote an
 * official task (and has task.missing for it) does not lend its own text to the item findings under that task — their
 * message, their `task`, the list of the unit's tasks and the deadline they are held to are the list's.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { validateWorkbook, type Finding, type TaskList } from "../../core/index.js";
import { readTaskListXlsx, readWorkbook } from "../../workbook/index.js";
import { CITY, buildTable, type TableSpec } from "../fixtures/otherTables.js";
import { ITEMS_PROGRESS, ITEMS_TODAY, ITEMS_UNIT } from "../fixtures/unitItems.js";

const OFFICIAL_T08 = "编制发布2022年政府信息公开工作年度报告";
const REWRITTEN = "优化门户网站专栏（本单位改写）";
/** The city's table as a unit returned it: T08's 具体措施 rewritten in the unit's own words, its units and deadline kept. */
const REWRITTEN_COPY: TableSpec = { ...CITY, rows: CITY.rows.map((r, i) => (i === 7 ? [r[0]!, r[1]!, REWRITTEN, ...r.slice(3)] : r)) };

/** One finding per row (3…7), each under T08 but the fourth. */
const ITEMS: string[][] = [
  ["T08", REWRITTEN, "", "政务公开办 王芳", "1月31日", "", "", "", ""],
  ["T08", REWRITTEN, "编制年度报告初稿", "政务公开办 王芳", "2023年3月31日", "", "", "已完成", "已完成"],
  ["T08", REWRITTEN, "在政府网站发布年度报告", "", "1月31日", "", "", "已完成", "已完成"],
  ["T09", "", "开展专栏检查", "办公室 赵敏", "2023年3月31日", "", "", "已完成", "已完成"],
  // named by the copy's own words for the task, without its id: still found, and named as the list names it
  ["", REWRITTEN, "整理年报素材", "", "2023年1月20日", "", "", "已完成", "已完成"],
];

let tasks: TaskList;
let findings: Finding[];
beforeAll(async () => {
  tasks = await readTaskListXlsx((await buildTable(CITY)).bytes);
  const copy = await buildTable(REWRITTEN_COPY, { unitLine: `填报单位：${ITEMS_UNIT}`, progress: ITEMS_PROGRESS, items: ITEMS });
  findings = validateWorkbook(await readWorkbook(copy.bytes), { today: ITEMS_TODAY, tasks, roster: CITY.roster }).findings;
});
const onItems = () => findings.filter((f) => f.sheet === "细化分解");

describe("a rewritten official task, named by the list in its items' findings", () => {
  it("the copy has task.missing for T08 (its row rewritten), and every item finding under T08 names the list's T08", () => {
    expect(findings.filter((f) => f.code === "task.missing").map((f) => f.task)).toEqual([{ id: "T08", label: OFFICIAL_T08 }]);
    expect(onItems().map((f) => [f.code, f.cell, f.task?.label])).toEqual([
      ["item.no-text", "C3", OFFICIAL_T08],
      ["item.deadline-after-task", "E4", OFFICIAL_T08],
      ["item.no-person", "D5", OFFICIAL_T08],
      ["item.unknown-task", "A6", undefined],
      ["item.no-person", "D7", OFFICIAL_T08],
    ]);
  });

  it.each(["item.no-text", "item.deadline-after-task", "item.no-person", "item.unknown-task"])("%s does not quote the copy's own words for the task", (code) => {
    const f = onItems().find((x) => x.code === code)!;
    expect(f.message).not.toContain("本单位改写");
    expect(f.task?.label ?? OFFICIAL_T08).toBe(OFFICIAL_T08);
  });

  it("the deadline an item is held to is the list's, named with the list's words; the unit's tasks are listed as the list has them", () => {
    const after = onItems().find((f) => f.code === "item.deadline-after-task")!;
    expect(after.message).toBe(`事项“编制年度报告初稿”的推进时限2023年3月31日晚于所属任务“${OFFICIAL_T08}”的完成时限2023年1月31日（2023年1月31日前）：请改为2023年1月31日或更早。`);
    expect(after.params).toMatchObject({ deadline: "2023-03-31", taskDeadline: "2023-01-31" });
    const unknown = onItems().find((f) => f.code === "item.unknown-task")!;
    expect(unknown.message).toContain(`T08 ${OFFICIAL_T08}）`);
    expect(unknown.params).toMatchObject({ tasks: ["T02", "T05", "T06", "T08"] });
  });

  it("read without the list, a copy's tasks are named by its own words (there are no others)", async () => {
    const copy = await buildTable(REWRITTEN_COPY, { unitLine: `填报单位：${ITEMS_UNIT}`, progress: ITEMS_PROGRESS, items: ITEMS });
    const own = validateWorkbook(await readWorkbook(copy.bytes), { today: ITEMS_TODAY, roster: CITY.roster }).findings.filter((f) => f.sheet === "细化分解");
    expect(own.find((f) => f.code === "item.no-text")?.task?.label).toContain("优化门户网站专栏");
  });
});
