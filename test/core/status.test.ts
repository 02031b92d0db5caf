import { describe, expect, it } from "vitest";
import { STATUS_EXAMPLES, statusFromColumn, statusFromText } from "../../core/index.js";

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
  ])("%s → %s", (text, status) => expect(statusFromText(text)).toBe(status));

  it.each((Object.entries(STATUS_EXAMPLES) as [string, string[]][]).flatMap(([status, texts]) => texts.map((t) => [t, status])))(
    "the documented phrasing %s → %s",
    (text, status) => expect(statusFromText(text)).toBe(status),
  );

  it.each(["", "  ", "见附件", "按要求办理"])("%j has no status", (text) => expect(statusFromText(text)).toBeUndefined());
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
