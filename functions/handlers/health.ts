import { json, type Handler } from "../http.js";

/** `GET /api/health`: is storage reachable? */
export const healthHandler: Handler = async (_request, _context, services) => {
  const h = await services.store.health();
  return h.ok
    ? json(200, { status: "ok", storage: "reachable" })
    : json(503, { status: "unavailable", storage: "unreachable", message: "存储服务无法访问。" });
};
