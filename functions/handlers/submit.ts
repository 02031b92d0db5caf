import type { WorkbookErrorKind } from "../../workbook/index.js";
import { HttpError } from "../errors.js";
import { authorize, json, roundOf, type Handler } from "../http.js";
import { ingest } from "../ingest.js";

const UNREADABLE_STATUS: Record<WorkbookErrorKind, number> = {
  empty: 400,
  truncated: 400,
  corrupt: 400,
  "not-zip": 415,
  "legacy-or-encrypted": 415,
  encrypted: 415,
  "not-excel": 415,
  "not-task-table": 422,
  "too-large": 413,
  "zip-bomb": 413,
};

/** `POST /api/submissions?round=YYYY-MM`, body = the .xlsx bytes, unit token. */
export const submitHandler: Handler = async (request, context, services) => {
  const who = await authorize(request, services, "unit");
  const round = roundOf(request, services);
  const limit = services.settings.maxUploadBytes;
  const tooLarge = () =>
    new HttpError(413, "too-large", `文件超过 ${Math.round(limit / 1024 / 1024)} MB 的上限：请删除无关工作表和图片后再提交。`);
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw tooLarge();
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length > limit) throw tooLarge();
  if (bytes.length === 0) throw new HttpError(400, "unreadable", "请求中没有文件：请把 .xlsx 文件作为请求体发送。");

  const started = Date.now();
  const r = await ingest(services, who.unit, round, bytes);
  const { submission: s, extract } = r;
  // One line per submission: who, which round, what became of it.
  context.log(`报送 ${s.round} ${s.unit} ${s.id} ${r.duplicate ? "重复" : s.outcome} 错误${s.errors} 提醒${s.warnings} ${bytes.length}字节 ${Date.now() - started}ms`);
  const submission = { id: s.id, unit: s.unit, round: s.round, receivedAt: s.receivedAt, sha256: s.sha256 };
  switch (s.outcome) {
    case "accepted":
      return json(r.duplicate ? 200 : 201, { submission, summary: extract.summary, duplicate: r.duplicate });
    case "rejected":
      return json(422, { error: "validation", message: s.reason, submission, summary: extract.summary, findings: extract.findings });
    case "forbidden":
      return json(403, { error: "forbidden", message: s.reason, submission });
    case "unreadable":
      return json(r.unreadable ? UNREADABLE_STATUS[r.unreadable] : 400, { error: r.unreadable === "zip-bomb" || r.unreadable === "too-large" ? "too-large" : "unreadable", message: s.reason, submission });
  }
};
