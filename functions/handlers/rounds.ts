/**
 * `GET /api/rounds` (any token): the months open for submissions and why; `PUT /api/rounds/{round}` (coordinator),
 * body `{"open": true|false}`: opens or closes one month.
 */
import { isRound } from "../../core/index.js";
import { HttpError } from "../errors.js";
import { authorize, json, uploadedBytes, type Handler } from "../http.js";
import { WHY_WORDS, roundsNow, setRound, type OpenRound } from "../rounds.js";
import type { Services } from "../services.js";

const BAD_BODY = '请求体应为 JSON {"open": true} 或 {"open": false}：true 开放该月份的报送，false 关闭。';

const answer = (services: Services, rounds: { open: OpenRound[]; closed: string[] }) => ({
  today: services.today(),
  open: rounds.open.map((r) => ({ ...r, label: r.why.map((w) => WHY_WORDS[w]).join("、") })),
  closed: rounds.closed,
});

export const roundsHandler: Handler = async (request, _context, services) => {
  if (request.method !== "PUT") {
    await authorize(request, services, "any");
    return json(200, answer(services, await roundsNow(services)));
  }
  await authorize(request, services, "coordinator");
  const round = request.params.round ?? "";
  if (!isRound(round)) throw new HttpError(400, "bad-request", `“${round}”不是月份：应为年月 YYYY-MM，例如 2022-03。`);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(await uploadedBytes(request, services)));
  } catch (e) {
    if (e instanceof HttpError && e.status !== 400) throw e;
    throw new HttpError(400, "bad-request", BAD_BODY);
  }
  const open = (body as { open?: unknown } | null)?.open;
  if (typeof open !== "boolean") throw new HttpError(400, "bad-request", BAD_BODY);
  return json(200, answer(services, await setRound(services, round, open)));
};
