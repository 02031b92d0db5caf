/**
 * The office mailbox (CONTRACT §9), for the coordinator: `GET /api/mail` — its state, the last error, the mails held
 * for a person and the latest ones taken in; `POST /api/mail/{key}` `{ action: "assign", unit } | { action: "dismiss" }`
 * — a held mail's tables submitted under a unit, or the mail set aside; `GET /api/mail/{key}/message` — the mail as
 * received (.eml).
 */
import { z } from "zod";
import { HttpError } from "../errors.js";
import { attachment, authorize, json, type Handler } from "../http.js";
import { isMailKey } from "../mail/records.js";

/** The latest mails the dashboard lists beside those held. */
const RECENT = 50;

const Decision = z.discriminatedUnion("action", [
  z.object({ action: z.literal("assign"), unit: z.string().trim().min(1, "缺少单位（unit）") }),
  z.object({ action: z.literal("dismiss") }),
]);

const OFF = "本服务未设置单位邮箱（GONGKAI_IMAP_URL），不从邮箱收取台账：设置方法见 README“单位邮箱”。";

export const mailHandler: Handler = async (request, _context, services) => {
  await authorize(request, services, "coordinator");
  const intake = services.mailbox;
  const key = request.params.key;
  if (key === undefined) {
    if (!intake) return json(200, { configured: false, message: OFF, held: [], recent: [] });
    const records = await intake.records.list();
    return json(200, {
      configured: true,
      status: intake.status,
      held: records.filter((r) => r.state === "held"),
      recent: records.slice(0, RECENT),
      total: records.length,
    });
  }
  if (!isMailKey(key)) throw new HttpError(404, "not-found", `没有编号为“${key}”的邮件。`);
  if (!intake) throw new HttpError(409, "mail-off", OFF);
  if (request.method === "GET") {
    const raw = await intake.records.message(key);
    if (!raw) throw new HttpError(404, "not-found", `编号为“${key}”的邮件原件未保存（超过大小上限的邮件不下载，仍在邮箱中）。`);
    return { status: 200, body: raw, headers: { "Content-Type": "message/rfc822", "Content-Disposition": attachment(`邮件-${key}.eml`) } };
  }
  const body = await request.json().catch(() => {
    throw new HttpError(400, "bad-request", "请求体应为 JSON：{ action: \"assign\", unit } 或 { action: \"dismiss\" }");
  });
  const parsed = Decision.safeParse(body);
  if (!parsed.success) throw new HttpError(400, "bad-request", parsed.error.issues[0]?.message ?? "请求有误");
  const record = await intake.decide(key, parsed.data);
  void intake.sendAnswers().catch(() => undefined); // the answer due goes now, or at the next check
  return json(200, { mail: record });
};
