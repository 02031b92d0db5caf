import { refusalReasons } from "../../core/index.js";
import { UNREADABLE_STATUS, authorize, json, roundOf, uploadedBytes, type Handler } from "../http.js";
import { HttpError } from "../errors.js";
import { ingest } from "../ingest.js";
import { admitUpload } from "../quota.js";
import { roundConfig } from "../roundConfig.js";
import { ensureOpen } from "../rounds.js";
import type { Outcome } from "../storage/types.js";

/** What became of a submission, as the log line says it. */
const OUTCOME_WORD: Record<Outcome, string> = { accepted: "已接收", rejected: "已退回", unreadable: "无法读取", forbidden: "非本单位的表" };

/** `POST /api/submissions?round=YYYY-MM`, body = the .xlsx bytes, unit token. */
export const submitHandler: Handler = async (request, context, services) => {
  const who = await authorize(request, services, "unit");
  const round = roundOf(request, services);
  // a past month stays as reported unless the coordinator opens it again (403 naming the open months)
  const open = await ensureOpen(services, round);
  // a token of a unit the roster in use no longer lists (the sample's, or a unit renamed): told whom to ask, nothing kept
  const { roster } = await roundConfig(services, round);
  if (roster.canonicalUnit(who.unit) === undefined) {
    throw new HttpError(403, "not-in-roster", `本令牌属于“${who.unit}”，该单位不在汇总人现用的单位名册中（名册已更换或更新），本次报送未接收：请向汇总人索取本单位的新令牌。`);
  }
  const bytes = await uploadedBytes(request, services);

  const started = Date.now();
  // the day's quota applies to new files only: a repeat of one on record is answered as before
  const r = await ingest(services, who.unit, round, bytes, { admit: (b) => admitUpload(services, who.unit, b.length, open) });
  const { submission: s, extract } = r;
  // One line per submission: who, which round, what became of it.
  context.log(`报送 ${s.round} ${s.unit} ${s.id} ${r.duplicate ? "重复" : OUTCOME_WORD[s.outcome]}${r.resendOf ? `（重新报送 ${r.resendOf}）` : ""} 错误${s.errors} 提醒${s.warnings} ${bytes.length}字节 ${Date.now() - started}ms`);
  const submission = { id: s.id, unit: s.unit, round: s.round, receivedAt: s.receivedAt, sha256: s.sha256 };
  switch (s.outcome) {
    case "accepted":
      // a resend of an earlier file is a new receipt (`resendOf`: the earlier one's id) and the unit's latest now
      return json(r.duplicate ? 200 : 201, { submission, summary: extract.summary, duplicate: r.duplicate, ...(r.resendOf ? { resendOf: r.resendOf } : {}) });
    case "rejected":
      return json(422, { error: "validation", message: s.reason, reasons: refusalReasons(extract.findings, extract.sheet), submission, summary: extract.summary, findings: extract.findings });
    case "forbidden":
      return json(403, { error: "forbidden", message: s.reason, submission });
    case "unreadable":
      return json(r.unreadable ? UNREADABLE_STATUS[r.unreadable] : 400, { error: r.unreadable === "zip-bomb" || r.unreadable === "too-large" ? "too-large" : "unreadable", message: s.reason, submission });
  }
};
