import { z } from "zod";
import { offLoop } from "../parsePool.js";
import { HttpError } from "../errors.js";
import { attachment, authorize, roundOf, type Handler } from "../http.js";
import { noticeSources } from "../letterhead.js";
import { roundLedger } from "../roundLedger.js";

const Format = z.enum(["json", "xlsx"]);

/**
 * `JSON.stringify(value)` as UTF-8, made a piece at a time (its arrays an element at a time): the JSON of a 5,000-unit
 * ledger is 25 MB, and as one string it would be 36 MB more (two bytes a character: the text is Chinese), a string the
 * size of the whole answer on the heap for each request.
 */
export function jsonBytes(value: object): Buffer {
  const pieces: Buffer[] = [];
  let text = "";
  const put = (s: string) => {
    text += s;
    if (text.length > 1 << 16) {
      pieces.push(Buffer.from(text));
      text = "";
    }
  };
  let first = true;
  put("{");
  for (const [key, v] of Object.entries(value)) {
    const name = `${first ? "" : ","}${JSON.stringify(key)}:`;
    if (Array.isArray(v)) {
      put(`${name}[`);
      v.forEach((x: unknown, i) => put(`${i > 0 ? "," : ""}${(JSON.stringify(x) as string | undefined) ?? "null"}`));
      put("]");
    } else {
      const json = JSON.stringify(v) as string | undefined;
      if (json === undefined) continue; // undefined and functions are left out, as JSON.stringify leaves them out
      put(`${name}${json}`);
    }
    first = false;
  }
  put("}");
  pieces.push(Buffer.from(text));
  return Buffer.concat(pieces);
}

/** The JSON of the ledgers `roundLedger` keeps: the dashboard asks again every 30 s, mostly for a ledger unchanged. */
const answered = new WeakMap<object, Buffer>();
const JSON_HEADERS: Record<string, string> = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

/** `GET /api/ledger?round=&format=xlsx|json&days=7`: the consolidated ledger (CONTRACT §6 JSON, §7 workbook), reminders `days` ahead. */
export const ledgerHandler: Handler = async (request, _context, services) => {
  await authorize(request, services, "coordinator");
  const round = roundOf(request, services);
  const format = Format.safeParse(request.query.get("format") ?? "json");
  if (!format.success) throw new HttpError(400, "bad-request", "format 只能是 json 或 xlsx");
  const days = request.query.get("days");
  if (days !== null && !/^\d{1,3}$/.test(days)) throw new HttpError(400, "bad-request", "days 应为 0 到 999 之间的天数");
  const ledger = await roundLedger(services, round, days === null ? undefined : Number(days));
  if (format.data === "json") {
    let body = answered.get(ledger);
    if (!body) answered.set(ledger, (body = jsonBytes(ledger)));
    // the 通报's letterhead and the task list's title first, so that `gongkai notice 台账.json` makes the 通报 the dashboard does
    const notice = JSON.stringify(await noticeSources(services, round));
    if (notice !== "{}") body = Buffer.concat([Buffer.from(`${notice.slice(0, -1)},`), body.subarray(1)]);
    return { status: 200, body, headers: JSON_HEADERS };
  }
  return {
    status: 200,
    body: await offLoop({ kind: "ledger", ledger }),
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": attachment(`政务公开汇总台账-${round}.xlsx`),
      "cache-control": "no-store",
    },
  };
};
