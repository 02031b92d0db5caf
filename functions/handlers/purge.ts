/**
 * `POST /api/purge?round=YYYY-MM[&id=ID]` (coordinator): deletes the stored bytes of the round's refused submissions
 * (rejected, unreadable, refused as another unit's) — or of the one named — never an accepted one. Each record stays,
 * marked with when its file was purged (`purgedAt`); `GET /api/submissions/{id}/file` then answers 410.
 */
import { HttpError } from "../errors.js";
import { authorize, json, roundOf, type Handler } from "../http.js";
import { EMPTY_EXTRACT, type Extract } from "../judgeFile.js";
import type { Services } from "../services.js";
import type { SubmissionRecord } from "../storage/types.js";

/** Removes one refused submission's file and marks its record; the bytes freed (0 when they were gone already). */
async function purgeOne(services: Services, record: SubmissionRecord, at: string): Promise<number> {
  const { store } = services;
  // the file first: a failure between the two leaves an unmarked record, purged again next time
  const removed = await store.removeFile(record.round, record.id);
  const kept = await store.getSubmission<Extract>(record.round, record.id);
  const extract = kept?.extract ?? EMPTY_EXTRACT;
  if (!extract.purgedAt) await store.commit({ record: kept?.record ?? record, extract: { ...extract, purgedAt: at }, recordExists: true });
  return removed ? record.size : 0;
}

export const purgeHandler: Handler = async (request, context, services) => {
  await authorize(request, services, "coordinator");
  const round = roundOf(request, services);
  const id = request.query.get("id");
  const records = await services.store.listSubmissions(round);
  let chosen = records.filter((r) => r.outcome !== "accepted");
  if (id) {
    const record = records.find((r) => r.id === id);
    if (!record) throw new HttpError(404, "not-found", `${round} 没有编号为“${id}”的报送：请核对编号和月份（round）。`);
    if (record.outcome === "accepted") throw new HttpError(409, "accepted", `“${id}”是已接收的报送，其原件是台账的依据，不能清除；只能清除被退回、无法读取或非本单位的文件。`);
    chosen = [record];
  }
  const at = services.now().toISOString();
  const freed = await Promise.all(chosen.map((r) => purgeOne(services, r, at)));
  const freedBytes = freed.reduce((n, b) => n + b, 0);
  context.log(`清除 ${round} ${chosen.length} 份未接收的报送原件，释放 ${freedBytes} 字节`);
  return json(200, {
    round,
    purged: chosen.map((r, i) => ({ id: r.id, unit: r.unit, outcome: r.outcome, size: r.size, freedBytes: freed[i] })),
    freedBytes,
  });
};
