/** HTTP plumbing shared by the handlers: JSON answers, errors as answers, tokens, query checks. */
import "../workbook/nodeInflate.js";
import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { isRound, roundOf as roundOfDay } from "../core/index.js";
import type { WorkbookErrorKind } from "../workbook/index.js";
import { HttpError, StorageUnavailableError, ensureError, type StoreOperation } from "./errors.js";
import { defaultServices, type Services } from "./services.js";
import { verifyToken, type Principal } from "./tokens.js";

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit {
  return {
    status,
    jsonBody: body,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  };
}

export type Handler = (request: HttpRequest, context: InvocationContext, services: Services) => Promise<HttpResponseInit>;

/** Binds a handler to its services and turns every fault into a clear answer (never a stack trace). */
export function handler(h: Handler, services?: () => Promise<Services>): HttpHandler {
  return async (request, context) => {
    try {
      return await h(request, context, await (services ?? defaultServices)());
    } catch (e) {
      if (e instanceof HttpError) {
        if (e.status >= 500) context.warn(`${e.code}: ${String(e.cause ?? e.message)}`);
        return errorAnswer(e, request);
      }
      const err = ensureError(e);
      context.error(err);
      return json(500, { error: "internal", message: "服务器内部错误，请联系管理员。" });
    }
  };
}

/** A fault as the answer to `request`: a storage fault says what was not done for its operation (the handlers and the front door alike). */
export function errorAnswer(e: HttpError, request: Pick<HttpRequest, "method" | "url">): HttpResponseInit {
  const message = e instanceof StorageUnavailableError ? e.messageFor(operationOf(request)) : e.message;
  return json(e.status, { error: e.code, message, ...e.details });
}

/** What a request was doing, by its route: a storage fault's answer says what was not done. */
export function operationOf(request: Pick<HttpRequest, "method" | "url">): StoreOperation {
  if (request.method === "GET" || request.method === "HEAD") return "read";
  const path = new URL(request.url).pathname.replace(/\/+$/, "");
  const last = path.slice(path.lastIndexOf("/") + 1);
  const byRoute: Record<string, StoreOperation> = { submissions: "submission", reviews: "review", tasks: "tasks", roster: "roster", mapping: "mapping", tokens: "tokens" };
  return byRoute[last] ?? "change";
}

/** The caller, from `Authorization: Bearer <token>`; 401 without a valid token, 403 for the wrong role (any role with `"any"`). */
export async function authorize(request: HttpRequest, services: Services, role: Principal["role"] | "any"): Promise<Principal> {
  const header = request.headers.get("authorization") ?? "";
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!token) throw new HttpError(401, "unauthorized", "缺少令牌：请在请求头中加上 Authorization: Bearer <令牌>。", undefined);
  const who = await verifyToken(services.store, token);
  if (!who) throw new HttpError(401, "unauthorized", "令牌无效或已作废：请向汇总人索取新的令牌。", undefined);
  if (role !== "any" && who.role !== role) {
    throw new HttpError(403, "forbidden", role === "coordinator" ? "这是汇总人的操作（查看汇总、上传任务分解表和名册、验收、签发令牌等）：本单位令牌不能做，请联系汇总人。" : "汇总人令牌不能报送单位台账，请使用本单位的令牌。");
  }
  return who;
}

/** `?round=YYYY-MM`, defaulting to the current month in the users' time zone. */
export function roundOf(request: HttpRequest, services: Services): string {
  const raw = request.query.get("round");
  if (raw === null || raw === "") return roundOfDay(services.today());
  if (!isRound(raw)) throw new HttpError(400, "bad-request", "round 应为年月 YYYY-MM，例如 2022-03");
  return raw;
}

/** A file name for Content-Disposition, Chinese included (RFC 6266 / 5987). */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The HTTP status of each kind of unusable file, for submissions and configuration uploads alike. */
export const UNREADABLE_STATUS: Record<WorkbookErrorKind, number> = {
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

/** The request body, held to the upload limit (by its declared length first); 413 over it, 400 when empty. */
export async function uploadedBytes(request: HttpRequest, services: Services): Promise<Uint8Array> {
  const limit = services.settings.maxUploadBytes;
  const tooLarge = () => new HttpError(413, "too-large", `文件超过 ${Math.round(limit / 1024 / 1024)} MB 的上限：请删除无关工作表和图片后再提交。`);
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw tooLarge();
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length > limit) throw tooLarge();
  if (bytes.length === 0) throw new HttpError(400, "unreadable", "请求中没有文件：请把文件作为请求体发送。");
  return bytes;
}
