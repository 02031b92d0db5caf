/**
 * `PUT|GET /api/mapping?round=`: the coordinator's corrections to how the round's task list is read (a role per
 * column, heading rows, who a unit cell's phrase names). They are kept with the list they correct — under the
 * key of the list in use for the round — every version kept, and used wherever the list is read.
 */
import { EMPTY_MAPPING, parseMapping } from "../../core/index.js";
import { HttpError } from "../errors.js";
import { offLoop } from "../parsePool.js";
import { tasksTask } from "../poolTasks.js";
import { authorize, json, roundOf, uploadedBytes, type Handler } from "../http.js";
import { forgetConfig, readingOptions, roundReading } from "../roundConfig.js";
import { refused, uploadLimits } from "./config.js";

const SAMPLE_IN_USE = "本轮正在使用内置示例表（正镶白旗2022年），没有可更正的读取结果：请先上传本地区的任务分解表，再保存更正。";

export const mappingHandler: Handler = async (request, _context, services) => {
  await authorize(request, services, "coordinator");
  const round = roundOf(request, services);
  const reading = await roundReading(services, round);
  if (request.method !== "PUT") {
    if (!reading) throw new HttpError(404, "not-found", SAMPLE_IN_USE);
    return json(200, { round, from: reading.from, mapping: reading.mapping ?? EMPTY_MAPPING, report: reading.report });
  }
  if (!reading) throw new HttpError(409, "conflict", SAMPLE_IN_USE);
  const bytes = await uploadedBytes(request, services);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new HttpError(400, "bad-request", "更正须为 JSON，例如 {\"columns\": {\"B\": \"责任单位\"}, \"headingRows\": [5], \"unitPhrases\": {\"各有关单位\": {\"lead\": [], \"responsible\": [\"县财政局\"]}}}。");
  }
  const parsed = parseMapping(body);
  if (!parsed.success) throw new HttpError(400, "bad-request", parsed.message);
  const mapping = parsed.data;
  // The corrections must leave a table that can be read: checked on the very list they are kept with.
  const list = await services.store.readConfig(reading.tasksName);
  const { report } = await offLoop(tasksTask(list, uploadLimits(services), mapping, await readingOptions(services))).catch((e: unknown) => refused(e, "按这些更正读不出任务表，未保存："));
  await services.store.putConfig("mapping", reading.from, new TextEncoder().encode(JSON.stringify(mapping)), "json", services.now());
  forgetConfig(services.store);
  return json(201, { round, from: reading.from, mapping, report });
};
