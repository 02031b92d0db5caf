import { beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_ROSTER_INDEX, NO_STATUS_EXAMPLES, STATUS_EXAMPLES, builtInTaskList, consolidate, reportedStatus, statusFromColumn, statusFromText,
  unitReport, validateWorkbook, type LedgerStatus, type Status,
} from "../../core/index.js";
import { readWorkbook } from "../../workbook/index.js";
import { OFFICIAL_HEADERS, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";

const EXAMPLES = (Object.entries(STATUS_EXAMPLES) as [Status, string[]][]).flatMap(([status, texts]) => texts.map((t): [string, Status] => [t, status]));

describe("statusFromText", () => {
  it.each([
    ["已完成", "已完成"],
    ["已公开2022年部门预算", "已完成"],
    ["年报已发布", "已完成"],
    ["已落实", "已完成"],
    ["问题已整改", "已完成"],
    ["推进中", "推进中"],
    ["正在整理材料", "推进中"],
    ["进行中", "推进中"],
    ["本月已更新", "推进中"],
    ["未启动", "未启动"],
    ["尚未开始", "未启动"],
    ["不涉及", "不涉及"],
    ["本单位不适用", "不涉及"],
    ["无此项工作", "不涉及"],
    // negations win over the completion words they contain
    ["尚未完成", "推进中"],
    ["未完成", "推进中"],
    ["已公开3条，年报尚未完成", "推进中"],
    ["还未公开", "推进中"],
    // a 推进 text that also says 暂无/无 something is under way, never 不涉及
    ["正在推进，暂无新增信息", "推进中"],
    ["持续推进中，本月无新发布", "推进中"],
    ["稳步推进，暂无相关信息发布", "推进中"],
    ["常态化开展，本月无此类事项", "推进中"],
    ["已在门户网站开设专栏，持续更新，暂无依申请公开", "推进中"],
    // …or done, where the done words say so
    ["已在官网发布，暂无依申请", "已完成"],
    ["已完成，其余事项不涉及", "已完成"],
    ["已按要求公开，本单位无此类遗留问题", "已完成"],
    // 不涉及 as the point of the text, however it is put
    ["经核实，我局无此项职能", "不涉及"],
    ["本单位无相关业务，不涉及", "不涉及"],
    ["非我单位职能，已告知牵头单位", "不涉及"],
    ["该项由旗财政局牵头，本单位不承担此项工作", "不涉及"],
    ["无需公开（涉密）", "不涉及"],
    ["不涉及，故未公开", "不涉及"],
    ["暂无。", "不涉及"],
    ["／", "不涉及"],
    // a number of items published is progress, unless done is said outright
    ["已在政府网站发布信息12条", "推进中"],
    ["本月在公开平台更新3条", "推进中"],
    ["累计公开政策文件5件", "推进中"],
    ["截至3月底，已发布 １２ 条", "推进中"],
    ["已在门户网站开设专栏，累计发布信息36条", "推进中"],
    ["已在政府网站发布信息12条，已全部完成", "已完成"],
    ["本月公开3条，已完成全年任务", "已完成"],
    ["已发布12条，年报尚未完成", "推进中"],
  ])("%s → %s", (text, status) => expect(statusFromText(text)).toBe(status));

  it.each(EXAMPLES)("the documented phrasing %s → %s", (text, status) => expect(statusFromText(text)).toBe(status));

  it.each(["", "  ", ...NO_STATUS_EXAMPLES, "本单位暂无意见", "于2022年3月15日"])("%j has no status", (text) => expect(statusFromText(text)).toBeUndefined());

  // dates and deadlines are no count of items
  it.each(["已公开2022年部门预算", "已发布1-2月统计数据", "已于3月15日前公开"])("%s is done, not a count", (text) => expect(statusFromText(text)).toBe("已完成"));
});

describe("statusFromColumn", () => {
  it.each([
    ["已完成", "已完成"],
    [" 推进中 ", "推进中"],
    ["不涉及", "不涉及"],
    ["完成", undefined],
    ["", undefined],
  ])("%j → %s", (text, status) => expect(statusFromColumn(text)).toBe(status));
});

describe("reportedStatus", () => {
  it.each([
    [{ status: "已完成" as const, progress: "正在推进" }, "已完成"], // the column the unit filled wins, as in validation
    [{ status: undefined, progress: "本单位不属于该项责任单位，不涉及" }, "不涉及"], // stored without one: read again
    [{ status: undefined, progress: "见附件" }, undefined],
    [{ status: undefined, progress: "" }, undefined],
  ])("%j → %s", (row, status) => expect(reportedStatus(row)).toBe(status));
});

/**
 * A word means the same in validation and in the ledger: a copy without a 完成状态 column, one example per
 * task of 旗财政局's 21, validated, then consolidated; each row's status and its ledger cell's are compared.
 */
describe("validate and the ledger read a progress text alike", () => {
  const TODAY = "2022-03-10";
  const TASKS = builtInTaskList().tasks;
  const texts = [...EXAMPLES.map(([t]) => t), ...NO_STATUS_EXAMPLES];
  const read = new Map<string, { validated: Status | undefined; ledger: LedgerStatus | undefined }>();

  beforeAll(async () => {
    for (let start = 0; start < texts.length; start += FINANCE_TASKS.length) {
      const chunk = texts.slice(start, start + FINANCE_TASKS.length);
      const labelOf = new Map(chunk.map((t, i) => [FINANCE_TASKS[i]!, t]));
      const filled = Object.fromEntries([...labelOf].map(([label, progress]) => [label, { progress }]));
      const copy = await buildCopy({ unit: "旗财政局", rows: CLEAN_ROWS, headers: OFFICIAL_HEADERS, filled });
      const result = validateWorkbook(await readWorkbook(copy.bytes), { today: TODAY });
      const ledger = consolidate({ round: "2022-03", today: TODAY, year: 2022, tasks: TASKS, roster: DEFAULT_ROSTER_INDEX, reports: [unitReport(result, "旗财政局")] });
      for (const [label, text] of labelOf) {
        const row = result.rows.find((a) => a.label === label);
        const task = ledger.tasks.find((t) => t.label === label);
        read.set(text, { validated: row?.status, ledger: task?.units["旗财政局"]?.status });
      }
    }
  });

  it.each(EXAMPLES)("%s is %s in both", (text, status) => {
    expect(read.get(text)).toEqual({ validated: status, ledger: status });
  });

  it.each(NO_STATUS_EXAMPLES)("%s: no status in validation, 未填报 in the ledger", (text) => {
    expect(read.get(text)).toEqual({ validated: undefined, ledger: "未填报" });
  });
});
