/**
 * 验收 / 销号 / 退回: `POST /api/reviews?round=` (coordinator) takes one decision on one unit's item;
 * `GET /api/reviews?round=` lists the decisions in force for the round and every decision ever taken (all
 * of them for the coordinator, a unit's own for a unit token — the pane shows a unit what was returned).
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { reviewsInForce, type Review } from "../../core/index.js";
import { HttpError } from "../errors.js";
import { authorize, json, roundOf, type Handler } from "../http.js";
import { roundConfig, rosterWith } from "../roundConfig.js";

const ReviewRequest = z.object({
  task: z.string().trim().min(1, "缺少任务编号（task）"),
  unit: z.string().trim().min(1, "缺少单位（unit）"),
  decision: z.enum(["accepted", "returned"], { message: "decision 只能是 accepted（验收销号）或 returned（退回）" }),
  comment: z.string().trim().max(2000, "意见不能超过 2000 字").default(""),
});

export const reviewsHandler: Handler = async (request, _context, services) => {
  const round = roundOf(request, services);
  if (request.method === "POST") {
    const who = await authorize(request, services, "coordinator");
    const body = await request.json().catch(() => {
      throw new HttpError(400, "bad-request", "请求体应为 JSON：{ task, unit, decision, comment }");
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
    const review: Review = { id: randomUUID(), round, task: task.id, label: task.label, unit, decision, comment, by: `汇总人令牌 ${who.tokenId ?? ""}`.trim(), at: services.now().toISOString(), submission: "" };
    await services.store.addReview(review);
    return json(201, { review });
  }
  const who = await authorize(request, services, "any");
  const all = await services.store.listReviews();
  const mine = who.role === "unit" ? all.filter((r) => r.unit === who.unit) : all;
  const unit = request.query.get("unit");
  const asked = unit ? mine.filter((r) => r.unit === unit) : mine;
  return json(200, { round, inForce: [...reviewsInForce(asked, round).values()], history: asked.filter((r) => r.round <= round) });
};
