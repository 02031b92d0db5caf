import { HttpError } from "../errors.js";
import { attachment, authorize, type Handler } from "../http.js";
import { roundOfId } from "../ingest.js";
import type { Extract } from "../judgeFile.js";

/** `GET /api/submissions/{id}/file`: the original bytes, exactly as received. */
export const fileHandler: Handler = async (request, _context, services) => {
  await authorize(request, services, "coordinator");
  const id = request.params.id ?? "";
  const round = roundOfId(id);
  const notFound = new HttpError(404, "not-found", `没有编号为“${id}”的报送文件。`);
  if (!round) throw notFound;
  const kept = await services.store.getSubmission<Extract>(round, id);
  const record = kept?.record;
  const bytes = record ? await services.store.readFile(round, id) : undefined;
  if (record && !bytes && kept?.extract?.purgedAt) {
    throw new HttpError(410, "purged", `编号为“${id}”的报送（${record.unit}，未接收）原件已于 ${kept.extract.purgedAt} 由汇总人清除，只保留记录（大小 ${record.size} 字节，sha256 ${record.sha256}）。`);
  }
  if (record && !bytes && kept?.extract?.head !== undefined) {
    throw new HttpError(
      410,
      "not-kept",
      `编号为“${id}”的报送不是 Excel 工作簿（.xlsx），原件未保存，只保留记录：大小 ${record.size} 字节，sha256 ${record.sha256}，开头 ${kept.extract.head.length / 2} 字节（十六进制）${kept.extract.head}。`,
      { size: record.size, sha256: record.sha256, head: kept.extract.head },
    );
  }
  if (!record || !bytes) throw notFound;
  const stamp = record.receivedAt.replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return {
    status: 200,
    body: bytes,
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      // A refused file is not the uploader's table: its name says so.
      "content-disposition": attachment(record.outcome === "forbidden" ? `拒收-${record.unit}上传-${round}-${stamp}.xlsx` : `${record.unit}-${round}-${stamp}.xlsx`),
      "x-gongkai-sha256": record.sha256,
      "x-gongkai-outcome": record.outcome,
      "cache-control": "no-store",
    },
  };
};
