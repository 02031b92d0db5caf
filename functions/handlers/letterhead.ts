/**
 * `GET|PUT /api/letterhead?round=` (coordinator): the 通报's letterhead — 发文机关, 发文字号, 主送, 抄送, 印发机关 and how
 * the 成文日期 is written —, set once and used for that month and the later ones. Both answer it as set and as the
 * document will use it (`resolved`: what is not set filled in or shown as its placeholder).
 */
import { parseLetterhead, EMPTY_LETTERHEAD } from "../../core/index.js";
import { HttpError } from "../errors.js";
import { authorize, json, roundOf, uploadedBytes, type Handler } from "../http.js";
import { noticeLetterhead, roundLetterhead, setLetterhead } from "../letterhead.js";

export const letterheadHandler: Handler = async (request, _context, services) => {
  await authorize(request, services, "coordinator");
  const round = roundOf(request, services);
  if (request.method === "PUT") {
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(await uploadedBytes(request, services)));
    } catch (e) {
      if (e instanceof HttpError && e.status !== 400) throw e;
      throw new HttpError(400, "bad-request", "通报版头设置须为 JSON，例如 {\"issuer\": \"某某县人民政府办公室\", \"number\": \"某政办〔2026〕3号\", \"to\": \"各乡镇人民政府，县直各部门\", \"cc\": \"县委办公室\"}。");
    }
    const parsed = parseLetterhead(body);
    if (!parsed.success) throw new HttpError(400, "bad-request", parsed.message);
    await setLetterhead(services, round, parsed.data);
    return json(201, { round, from: round, letterhead: parsed.data, resolved: await noticeLetterhead(services, round) });
  }
  const set = await roundLetterhead(services, round);
  return json(200, { round, from: set?.from ?? null, letterhead: set?.letterhead ?? EMPTY_LETTERHEAD, resolved: await noticeLetterhead(services, round) });
};
