/**
 * 验收 / 销号 / 退回: `POST /api/reviews?round=` (coordinator) takes one decision on one unit's item, on the
 * version of the unit's table the coordinator saw (`submission`): a version that is no longer the one the ledger
 * counts is refused (409), so a decision never lands on a table nobody looked at.
 * `GET /api/reviews?round=` lists the decisions in force for the round and every decision ever taken (all
 * of them for the coordinator, a unit's own for a unit token — the pane shows a unit what was returned; a unit
 * is not shown the coordinator's token id).
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { TaskMatcher, itemKeys, itemReviewLabel, itemsByTask, localTime, monthLabel, reviewsInForce, type OfficialTask, type Review } from "../../core/index.js";
import { HttpError } from "../errors.js";
import { authorize, json, roundOf, type Handler } from "../http.js";
import { roundConfig, rosterWith } from "../roundConfig.js";
import type { Extract } from "../ingest.js";
import { reportOf } from "../roundLedger.js";
import type { Services } from "../services.js";
import { submissionInLedger, type SubmissionInLedger } from "../submissionInLedger.js";

const ReviewRequest = z.object({
  task: z.string().trim().min(1, "缺少任务编号（task）"),
  unit: z.string().trim().min(1, "缺少单位（unit）"),
  decision: z.enum(["accepted", "returned"], { message: "decision 只能是 accepted（验收销号）或 returned（退回）" }),
  comment: z.string().trim().max(2000, "意见不能超过 2000 字").default(""),
  // "" for a unit counted on no table (未报送): the coordinator saw no version
  submission: z
    .string({ error: "缺少 submission：请写明所审看的报送版本（/api/status 或汇总台账中该单位的最新版本编号；未报送的单位填空字符串）。" })
    .trim()
    .max(200, "submission 不是报送版本编号"),
  // one of the unit's own items under the task (细化分解): its key in the ledger (`items[].key`)
  item: z.string().trim().min(1, "item 为空：请写明细化事项的编号（台账中该事项的 key），或不写 item 以决定整项任务").max(200, "item 不是细化事项的编号").optional(),
});

/**
 * The words of one of the unit's own items under `task` in the version the coordinator saw (`current`), by its key;
 * `undefined` when that version has no such item.
 */
async function itemText(services: Services, tasks: readonly OfficialTask[], task: OfficialTask, unit: string, current: SubmissionInLedger, key: string): Promise<string | undefined> {
  if (current.id === "") return undefined;
  const entry = await services.store.getLatest<Extract>(current.round, unit);
  if (!entry || entry.latest.submissionId !== current.id) return undefined;
  const report = await reportOf(services, entry.latest, entry.extract);
  const taskIndex = tasks.indexOf(task);
  const items = itemsByTask(report, TaskMatcher.of(tasks).match(report.rows).byRow).get(taskIndex) ?? [];
  const keys = itemKeys(task.id, items.map((i) => i.text));
  const at = keys.indexOf(key);
  return at < 0 ? undefined : items[at]!.text;
}

/** What a unit is shown as the decider: the coordinator, never the id of the coordinator's token. */
const BY_FOR_UNITS = "汇总人";

export const reviewsHandler: Handler = async (request, _context, services) => {
  const round = roundOf(request, services);
  if (request.method === "POST") {
    const who = await authorize(request, services, "coordinator");
    const body = await request.json().catch(() => {
      throw new HttpError(400, "bad-request", "请求体应为 JSON：{ task, unit, decision, comment, submission, item? }");
    });
    const parsed = ReviewRequest.safeParse(body);
    if (!parsed.success) throw new HttpError(400, "bad-request", parsed.error.issues.map((i) => i.message).join("；"));
    const { task: taskId, decision, comment } = parsed.data;
    if (decision === "returned" && comment === "") throw new HttpError(400, "bad-request", "退回时请写明意见，单位才知道要改什么。");
    const config = await roundConfig(services, round);
    const task = config.tasks.tasks.find((t) => t.id === taskId);
    if (!task) throw new HttpError(404, "not-found", `本轮任务清单中没有编号为 ${taskId} 的任务。`);
    const roster = rosterWith(config, [parsed.data.unit]);
    const unit = roster.canonicalUnit(parsed.data.unit);
    if (!unit || !roster.unitsResponsibleFor(task).has(unit)) throw new HttpError(422, "not-responsible", `“${parsed.data.unit}”不是任务“${task.label}”的责任单位，不能对它验收或退回。`);
    // The version judged must still be the one the ledger counts the unit on: a newer one was never seen.
    const current = await submissionInLedger(services, round, unit);
    if (parsed.data.submission !== current.id) {
      const what = current.round === round ? "新版本" : `${monthLabel(current.round)}的台账`;
      const message = current.id === ""
        ? `${unit}所审看的版本已不计入本月台账，请刷新后再决定。`
        : `${unit}${parsed.data.submission === "" ? "已报送" : "已重新报送"}（${current.receivedAt ? `${localTime(current.receivedAt)}收到的` : ""}${what}），您审看的不是最新版本，请刷新后再决定。`;
      throw new HttpError(409, "stale", message, { latest: current.id === "" ? null : current });
    }
    // nothing reported, nothing to accept (a return may still ask for the table)
    if (decision === "accepted" && current.id === "") throw new HttpError(422, "nothing-reported", `${unit}还没有报送台账，没有可验收的内容。`);
    const item = parsed.data.item;
    const text = item === undefined ? undefined : await itemText(services, config.tasks.tasks, task, unit, current, item);
    if (item !== undefined && text === undefined) throw new HttpError(404, "not-found", `${unit}所报送版本中，任务“${task.label}”下没有编号为 ${item} 的细化事项：请刷新后再决定。`);
    const review: Review = {
      id: randomUUID(),
      round,
      task: task.id,
      label: text === undefined ? task.label : itemReviewLabel(task.label, text),
      unit,
      decision,
      comment,
      by: `汇总人令牌 ${who.tokenId ?? ""}`.trim(),
      at: services.now().toISOString(),
      submission: current.id,
      ...(item !== undefined ? { item } : {}),
    };
    await services.store.addReview(review);
    return json(201, { review });
  }
  const who = await authorize(request, services, "any");
  const all = await services.store.listReviews();
  const mine = who.role === "unit" ? all.filter((r) => r.unit === who.unit) : all;
  const unit = request.query.get("unit");
  const seen = who.role === "unit" ? mine.map((r) => ({ ...r, by: BY_FOR_UNITS })) : mine;
  const asked = unit ? seen.filter((r) => r.unit === unit) : seen;
  return json(200, { round, inForce: [...reviewsInForce(asked, round).values()], history: asked.filter((r) => r.round <= round) });
};
