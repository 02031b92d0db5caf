/** `GET /api/notice?round=` (coordinator): the round's 通报 as a Word document (GB/T 9704-2012), in the letterhead set. */
import { attachment, authorize, roundOf, type Handler } from "../http.js";
import { noticeLetterhead } from "../letterhead.js";
import { offLoop } from "../parsePool.js";
import { roundLedger } from "../roundLedger.js";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export const noticeHandler: Handler = async (request, _context, services) => {
  await authorize(request, services, "coordinator");
  const round = roundOf(request, services);
  const [ledger, letterhead] = await Promise.all([roundLedger(services, round), noticeLetterhead(services, round)]);
  return {
    status: 200,
    body: await offLoop({ kind: "notice", ledger, letterhead }),
    headers: { "content-type": DOCX, "content-disposition": attachment(`通报-${round}.docx`), "cache-control": "no-store" },
  };
};
