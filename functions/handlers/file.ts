import { HttpError } from "../errors.js";
import { attachment, authorize, type Handler } from "../http.js";
import { roundOfId } from "../ingest.js";

/** `GET /api/submissions/{id}/file`: the original bytes, exactly as received. */
export const fileHandler: Handler = async (request, _context, services) => {
  await authorize(request, services, "coordinator");
  const id = request.params.id ?? "";
  const round = roundOfId(id);
  const notFound = new HttpError(404, "not-found", `没有编号为“${id}”的报送文件。`);
  if (!round) throw notFound;
  const record = (await services.store.getSubmission(round, id))?.record;
  const bytes = record ? await services.store.readFile(round, id) : undefined;
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
