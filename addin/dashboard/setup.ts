/**
 * The setup section (task list, roster, tokens): the sentence saying which task list and roster the month is
 * counted with, and where the section stands — at the top of the board while the built-in sample is in use, else
 * at its end.
 */
import { $ } from "./page.js";
import type { RoundTasks } from "./service.js";

export const ROSTER_SOURCE: Record<RoundTasks["rosterSource"], string> = {
  uploaded: "已上传的单位名册",
  settings: "服务器配置的单位名册",
  "task-list": "任务清单中出现的单位（未上传名册：分组成员按名称推断，建议上传名册）",
  "built-in": "内置示例名册",
};

export function renderConfig(t: RoundTasks): void {
  $("config-summary").textContent =
    t.source === "built-in"
      ? `任务清单：内置示例表（${t.tasks.length}项）——请上传本地下发的任务分解表。单位名册：${ROSTER_SOURCE[t.rosterSource]}。`
      : `任务清单：${t.title || "（无标题）"}（${t.tasks.length}项，${t.from}起使用）。单位名册：${ROSTER_SOURCE[t.rosterSource]}。`;
}

/**
 * The setup (task list, roster, tokens) where a new coordinator looks first: at the top of the board while the
 * built-in sample (or its roster) is in use, else at its end, reached from the contents line at the top.
 */
let placedFor: string | undefined;
export function placeSetup(round: string, first: boolean): void {
  // placed once per month shown: after an upload the section stays where the coordinator is working in it
  if (placedFor === round) return;
  placedFor = round;
  const board = $("board");
  const config = $("config");
  if (first && board.firstElementChild !== config) board.prepend(config);
  if (!first && board.lastElementChild !== config) board.append(config);
}
