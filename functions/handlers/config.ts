/**
 * The coordinator's configuration: `PUT|GET /api/tasks?round=` (the official table, as published; later
 * rounds inherit it; the upload is answered with the reading report), `PUT|GET /api/roster`, and
 * `GET /api/template?round=&unit=` (a unit's template made from the round's list).
 */
import { rosterWithoutEmails } from "../../core/index.js";
import { taskListWarnings, WorkbookError, DEFAULT_LIMITS, type PreflightLimits } from "../../workbook/index.js";
import { HttpError } from "../errors.js";
import { offLoop } from "../parsePool.js";
import { tasksTask } from "../poolTasks.js";
import { UNREADABLE_STATUS, attachment, authorize, json, roundOf, uploadedBytes, type Handler } from "../http.js";
import { forgetConfig, mappingOfBytes, readingOptions, roundConfig, roundReading, rosterWith } from "../roundConfig.js";
import type { Services } from "../services.js";
import { configOf } from "../storage/store.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A file that cannot be used as configuration: one clear line (`why` before it when no task table was found), nothing stored. */
export function refused(e: unknown, why = ""): never {
  if (!(e instanceof WorkbookError)) throw e;
  if (e.kind === "not-task-table") throw new HttpError(422, "not-task-table", `${why}${e.message}`);
  throw new HttpError(UNREADABLE_STATUS[e.kind], "unreadable", e.message);
}

/** An uploaded file is held to the service's limits, as a submission is. */
export const uploadLimits = (services: Services): PreflightLimits => ({ ...DEFAULT_LIMITS, maxFileBytes: services.settings.maxUploadBytes, maxUncompressedBytes: services.settings.maxInflatedBytes });

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b;

export const tasksHandler: Handler = async (request, _context, services) => {
  const round = roundOf(request, services);
  if (request.method === "PUT") {
    await authorize(request, services, "coordinator");
    const bytes = await uploadedBytes(request, services);
    // The corrections kept for this round's list go on applying to a new version of it.
    const stored = await configOf(services.store, "mapping", round);
    const mapping = stored ? mappingOfBytes(stored.bytes) : undefined;
    const why = mapping ? "按本轮已保存的读取更正读不出这张表（如是另一张表，请先在看板“读取结果”中清除更正，即保存空的更正）：" : "";
    // read in a parse worker (a large list holds it, never the request loop), bounded in time and memory
    const { list, report } = await offLoop(tasksTask(bytes, uploadLimits(services), mapping, await readingOptions(services))).catch((e: unknown) => refused(e, why));
    await services.store.putConfig("tasks", round, bytes, "xlsx", services.now());
    forgetConfig(services.store);
    return json(201, { round, title: list.title, year: list.year ?? null, tasks: list.tasks.length, columns: list.columns, warnings: taskListWarnings(list), report });
  }
  await authorize(request, services, "any");
  const config = await roundConfig(services, round);
  if (request.query.get("format") === "xlsx") {
    // the very file the round's list was read from (an earlier month's: the earliest list uploaded)
    const reading = await roundReading(services, round);
    if (!reading) throw new HttpError(404, "not-found", "本轮还没有上传官方任务分解表，正在使用内置示例表。");
    const bytes = await services.store.readConfig(reading.tasksName);
    return { status: 200, body: bytes, headers: { "content-type": XLSX, "content-disposition": attachment(`任务分解表-${reading.from}.xlsx`), "cache-control": "no-store" } };
  }
  return json(200, { round, from: config.tasksFrom ?? null, rosterSource: config.rosterSource, ...config.tasks });
};

export const rosterHandler: Handler = async (request, _context, services) => {
  if (request.method === "PUT") {
    await authorize(request, services, "coordinator");
    const bytes = await uploadedBytes(request, services);
    const ext = isZip(bytes) ? "xlsx" : "json";
    const roster = await offLoop({ kind: "roster", name: `单位名册.${ext}`, bytes }).catch(refused);
    await services.store.putConfig("roster", "all", bytes, ext, services.now());
    forgetConfig(services.store);
    return json(201, { units: roster.units.length, groups: roster.groups.length });
  }
  const who = await authorize(request, services, "any");
  const config = await roundConfig(services, roundOf(request, services));
  // `you`: whom the token speaks for, so the page and the pane judge a copy with no 填报单位 as the server will
  // units' sender addresses (the office mailbox) are the coordinator's to see, not every unit's
  const roster = who.role === "coordinator" ? config.roster.roster : rosterWithoutEmails(config.roster.roster);
  return json(200, { source: config.rosterSource, ...roster, you: who.role === "unit" ? { role: "unit", unit: who.unit } : { role: who.role } });
};

export const templateHandler: Handler = async (request, _context, services) => {
  const who = await authorize(request, services, "any");
  const round = roundOf(request, services);
  const config = await roundConfig(services, round);
  const asked = request.query.get("unit") ?? (who.role === "unit" ? who.unit : "");
  const roster = rosterWith(config, asked ? [asked] : []);
  const unit = asked ? roster.canonicalUnit(asked) : undefined;
  if (asked && unit === undefined) throw new HttpError(400, "bad-request", `单位名册中没有“${asked}”：请写名册中的单位名称。`);
  const bytes = await offLoop({ kind: "template", options: { tasks: config.tasks, roster: roster.roster, ...(unit ? { unit } : {}) } });
  return { status: 200, body: bytes, headers: { "content-type": XLSX, "content-disposition": attachment(`任务分解表-${round}${unit ? `-${unit}` : ""}.xlsx`), "cache-control": "no-store" } };
};
