import { z } from "zod";
import { offLoop } from "../parsePool.js";
import { HttpError } from "../errors.js";
import { attachment, authorize, json, roundOf, type Handler } from "../http.js";
import { roundLedger } from "../roundLedger.js";

const Format = z.enum(["json", "xlsx"]);

/** `GET /api/ledger?round=&format=xlsx|json&days=7`: the consolidated ledger (CONTRACT §6 JSON, §7 workbook), reminders `days` ahead. */
export const ledgerHandler: Handler = async (request, _context, services) => {
  await authorize(request, services, "coordinator");
  const round = roundOf(request, services);
  const format = Format.safeParse(request.query.get("format") ?? "json");
  if (!format.success) throw new HttpError(400, "bad-request", "format 只能是 json 或 xlsx");
  const days = request.query.get("days");
  if (days !== null && !/^\d{1,3}$/.test(days)) throw new HttpError(400, "bad-request", "days 应为 0 到 999 之间的天数");
  const ledger = await roundLedger(services, round, days === null ? undefined : Number(days));
  if (format.data === "json") return json(200, ledger);
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
