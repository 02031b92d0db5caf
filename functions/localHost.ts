/**
 * Serves the same handlers at http://127.0.0.1:PORT/api/... without Azure Functions Core Tools (which
 * cannot be downloaded here): Node's http server in, `HttpRequest` to the handler, its answer out.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer, type ServerOptions as TlsOptions } from "node:https";
import type { AddressInfo } from "node:net";
import azureFunctions, { type HttpResponseInit } from "@azure/functions";
import { handler, json } from "./http.js";
import { warmParsePool } from "./parsePool.js";
import { ROUTES } from "./routes.js";
import type { Services } from "./services.js";

// The package is CommonJS, bundled: Node's ESM loader cannot see its named exports.
const { HttpRequest, InvocationContext } = azureFunctions;

export interface LocalHost {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Extra routes a host may serve beside the API (static pages). Returns false when it does not serve the path. */
export type ExtraRoute = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

interface Compiled {
  name: string;
  methods: string[];
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
    return { name: r.name, methods: r.methods, pattern: new RegExp(`^/api/${source}/?$`), params, run: handler(r.handler, async () => services) };
  });
}

/** The body, refusing to buffer more than `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        resolve("too-large");
        req.pause();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
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
  "access-control-allow-methods": "GET, POST, PUT, OPTIONS",
  "access-control-allow-headers": "authorization, content-type",
  "access-control-expose-headers": "content-disposition, x-gongkai-sha256, x-gongkai-outcome",
  "access-control-max-age": "600",
};

export async function startLocalHost(
  services: Services,
  options: { port?: number; host?: string; extra?: ExtraRoute[]; tls?: TlsOptions; quiet?: boolean } = {},
): Promise<LocalHost> {
  const routes = compile(services);
  warmParsePool();
  const limit = services.settings.maxUploadBytes;
  const listener: RequestListener = (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
      for (const extra of options.extra ?? []) if (await extra(req, res)) return;
      if (url.pathname.startsWith("/api/")) for (const [k, v] of Object.entries(CORS)) res.setHeader(k, v);
      if (req.method === "OPTIONS") {
        res.writeHead(204);
        res.end();
        return;
      }
      const method = req.method ?? "GET";
      const route = routes.find((r) => r.pattern.test(url.pathname));
      if (!route) return send(res, json(404, { error: "not-found", message: `没有这个地址：${url.pathname}` }));
      if (!route.methods.includes(method)) return send(res, json(405, { error: "method-not-allowed", message: `${url.pathname} 不接受 ${method} 请求` }));
      const m = route.pattern.exec(url.pathname)!;
      const decoded = route.params.map((_, i) => decodePart(m[i + 1]!));
      if (decoded.some((d) => d === undefined)) return send(res, json(400, { error: "bad-request", message: `地址中的编码有误：${url.pathname}` }));
      const params = Object.fromEntries(route.params.map((p, i) => [p, decoded[i]!]));
      let body: Buffer | undefined;
      if (method === "POST" || method === "PUT") {
        const b = await readBody(req, limit);
        if (b === "too-large") {
          res.setHeader("connection", "close");
          return send(res, json(413, { error: "too-large", message: `文件超过 ${Math.round(limit / 1024 / 1024)} MB 的上限：请删除无关工作表和图片后再提交。` }));
        }
        body = b;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
      const request = new HttpRequest({
        method,
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
      await send(res, await route.run(request, context));
    })().catch((e: unknown) => {
      console.error("[本机服务]", e);
      if (!res.headersSent) void send(res, json(500, { error: "internal", message: "服务器内部错误，请联系管理员。" }));
      else res.destroy(e instanceof Error ? e : undefined);
    });
  };
  const server: Server = options.tls ? (createHttpsServer(options.tls, listener) as unknown as Server) : createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  return {
    server,
    url: `${options.tls ? "https" : "http"}://${address}:${port}`,
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
