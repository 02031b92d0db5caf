/**
 * Serves the same handlers at http://127.0.0.1:PORT/api/... without Azure Functions Core Tools (which
 * cannot be downloaded here): Node's http server in, `HttpRequest` to the handler, its answer out.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer, type ServerOptions as TlsOptions } from "node:https";
import type { AddressInfo } from "node:net";
import azureFunctions, { type HttpResponseInit } from "@azure/functions";
import { BodySlots, DEFAULT_FRONT_DOOR, openGate, readBody, tooLarge, tooSlow, type FrontDoorLimits } from "./frontDoor.js";
import { handler, json } from "./http.js";
import { warmParsePool } from "./parsePool.js";
import { ROUTES, type Route } from "./routes.js";
import type { Services } from "./services.js";

// The package is CommonJS, bundled: Node's ESM loader cannot see its named exports.
const { HttpRequest, InvocationContext } = azureFunctions;

export interface LocalHost {
  server: Server;
  url: string;
  /** Bodies being received now, and the bytes of them held in memory. */
  bodies(): { inFlight: number; bufferedBytes: number };
  close(): Promise<void>;
}

export interface LocalHostOptions extends Partial<FrontDoorLimits> {
  port?: number;
  host?: string;
  extra?: ExtraRoute[];
  tls?: TlsOptions;
  quiet?: boolean;
}

/** Extra routes a host may serve beside the API (static pages). Returns false when it does not serve the path. */
export type ExtraRoute = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

interface Compiled {
  name: string;
  methods: string[];
  uploadRole: Route["uploadRole"];
  pattern: RegExp;
  params: string[];
  run: ReturnType<typeof handler>;
}

function compile(services: Services): Compiled[] {
  return ROUTES.map((r) => {
    const params: string[] = [];
    const source = r.route.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{(\w+)\\?\}/g, (_m, p: string) => {
      params.push(p);
      return "([^/]+)";
    });
    return { name: r.name, methods: r.methods, uploadRole: r.uploadRole, pattern: new RegExp(`^/api/${source}/?$`), params, run: handler(r.handler, async () => services) };
  });
}

async function send(res: ServerResponse, r: HttpResponseInit): Promise<void> {
  const headers = new Headers(r.headers as HeadersInit | undefined);
  let body: Buffer | undefined;
  if (r.jsonBody !== undefined) {
    body = Buffer.from(JSON.stringify(r.jsonBody));
    if (!headers.has("content-type")) headers.set("content-type", "application/json; charset=utf-8");
  } else if (typeof r.body === "string") body = Buffer.from(r.body);
  else if (r.body instanceof Uint8Array) body = Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength);
  else if (r.body !== undefined && r.body !== null) body = Buffer.from(await new Response(r.body as BodyInit).arrayBuffer());
  headers.forEach((v, k) => res.setHeader(k, v));
  if (body) res.setHeader("content-length", body.length);
  res.writeHead(r.status ?? 200);
  res.end(body);
}

/** The API may be called from a task pane served elsewhere; it takes bearer tokens, never cookies. */
const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, HEAD, POST, PUT, OPTIONS",
  "access-control-allow-headers": "authorization, content-type",
  "access-control-expose-headers": "content-disposition, x-gongkai-sha256, x-gongkai-outcome",
  "access-control-max-age": "600",
};

/** A request that ended without an answer because the client left: one line, no stack (it is not the server's fault). */
function logAbort(method: string, path: string, when: string): void {
  console.warn(`[本机服务] ${method} ${path}：客户端${when}断开了连接，本次请求未处理完（无需处理）。`);
}

/** Sends an answer before the body is read, and closes the connection so that the body is never read (Node drops what arrives). */
function refuseEarly(res: ServerResponse, answer: HttpResponseInit): Promise<void> {
  res.setHeader("connection", "close");
  return send(res, answer);
}

export async function startLocalHost(services: Services, options: LocalHostOptions = {}): Promise<LocalHost> {
  const routes = compile(services);
  warmParsePool();
  const limit = services.settings.maxUploadBytes;
  const limits: FrontDoorLimits = { ...DEFAULT_FRONT_DOOR, ...Object.fromEntries(Object.entries(options).filter(([k, v]) => k in DEFAULT_FRONT_DOOR && v !== undefined)) };
  const slots = new BodySlots(limits);
  const listener: RequestListener = (req, res) => {
    const method = req.method ?? "GET";
    let path = req.url ?? "/";
    let said = false;
    const abort = (when: string) => {
      if (said) return;
      said = true;
      logAbort(method, path, when);
    };
    // a client gone before the whole answer was written: said once, in one line (after the body reader, which knows more)
    res.once("close", () => {
      if (!res.writableFinished) setImmediate(() => abort(res.headersSent ? "在接收回答时" : "在等待回答时"));
    });
    void (async () => {
      const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
      path = url.pathname;
      // no answer of this host is to be read as another type than it says (a stored file as a page, say)
      res.setHeader("x-content-type-options", "nosniff");
      for (const extra of options.extra ?? []) if (await extra(req, res)) return;
      if (url.pathname.startsWith("/api/")) for (const [k, v] of Object.entries(CORS)) res.setHeader(k, v);
      if (method === "OPTIONS") {
        res.writeHead(204);
        res.end();
        return;
      }
      // HEAD is GET without the body: Node writes the headers (content-length included) and drops the body
      const asked = method === "HEAD" ? "GET" : method;
      const route = routes.find((r) => r.pattern.test(url.pathname));
      if (!route) return send(res, json(404, { error: "not-found", message: `没有这个地址：${url.pathname}` }));
      if (!route.methods.includes(asked as "GET")) {
        const allow = [...route.methods, ...(route.methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
        return send(res, json(405, { error: "method-not-allowed", message: `${url.pathname} 不接受 ${method} 请求，只接受 ${allow}。` }, { allow }));
      }
      const m = route.pattern.exec(url.pathname)!;
      const decoded = route.params.map((_, i) => decodePart(m[i + 1]!));
      if (decoded.some((d) => d === undefined)) return send(res, json(400, { error: "bad-request", message: `地址中的编码有误：${url.pathname}` }));
      const params = Object.fromEntries(route.params.map((p, i) => [p, decoded[i]!]));
      let body: Buffer | undefined;
      // a body holds its slot until it is answered, not only while it arrives: bodies received and waiting to be read
      // (the parse workers' queue) are held in memory too, and are counted against the same cap
      let release = () => {};
      if (method === "POST" || method === "PUT") {
        const gate = await openGate(req, route.uploadRole, services, slots, limits);
        if (!gate.open) return refuseEarly(res, gate.answer);
        release = gate.release;
        const b = await readBody(req, limit, limits.bodyTimeoutMs, slots);
        if (b.kind === "aborted") {
          release();
          abort(`在发送文件途中（已收到 ${Math.round(b.received / 1024)} KB）`);
          return;
        }
        if (b.kind === "too-large") return (release(), refuseEarly(res, tooLarge(limit)));
        if (b.kind === "timeout") return (release(), refuseEarly(res, tooSlow(limits.bodyTimeoutMs)));
        body = b.bytes;
      }
      try {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
        const request = new HttpRequest({
          method: asked,
          url: url.toString(),
          headers,
          query: Object.fromEntries(url.searchParams),
          params,
          ...(body ? { body: { bytes: body } } : {}),
        });
        const context = new InvocationContext({ functionName: route.name, invocationId: crypto.randomUUID(), logHandler: (level, ...args) => {
          // tagged with the address asked for (a function's name is English)
          if (level === "error" || level === "warning") console.error(`[${method} ${url.pathname}]`, ...args);
          else if (level === "information" && !options.quiet) console.log(`[${method} ${url.pathname}]`, ...args);
        } });
        const answer = await route.run(request, context);
        if (res.destroyed) return; // the client left while the handler worked: said by the 'close' listener
        await send(res, answer);
      } finally {
        release();
      }
    })().catch((e: unknown) => {
      if (res.destroyed || req.destroyed) return; // the client left: said once by the 'close' listener
      console.error("[本机服务]", e);
      if (!res.headersSent) void send(res, json(500, { error: "internal", message: "服务器内部错误，请联系管理员。" }));
      else res.destroy(e instanceof Error ? e : undefined);
    });
  };
  const server: Server = options.tls ? (createHttpsServer(options.tls, listener) as unknown as Server) : createServer(listener);
  // Node's own bounds on a request, past the front door's: headers, and the whole request (body deadline plus headers)
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.bodyTimeoutMs + limits.headersTimeoutMs + limits.slotWaitMs;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  return {
    server,
    url: `${options.tls ? "https" : "http"}://${address}:${port}`,
    bodies: () => ({ inFlight: slots.inFlight, bufferedBytes: slots.bufferedBytes }),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A percent-encoded path part, or `undefined` when it is malformed (`%ZZ`): a bad address, never a fault. */
export function decodePart(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}
