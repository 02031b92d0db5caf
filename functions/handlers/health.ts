import { json, type Handler } from "../http.js";

/**
 * `GET /api/health`: can the service accept a submission now? 200 when it can; 503 naming the fault (which file, what
 * to do) when the store is unreachable, corrupted, read-only or its disk nearly full.
 */
export const healthHandler: Handler = async (_request, _context, services) => {
  // A store that can say more of itself (`state()`: the embedded store) does; the others say whether they answer.
  const { store } = services;
  if (!store.state) {
    const h = await store.health();
    return h.ok ? json(200, { status: "ok", storage: "reachable" }) : json(503, { status: "unavailable", storage: "unreachable", message: h.error ?? "存储服务无法访问。" });
  }
  const h = await store.state();
  const state = {
    kind: services.settings.storage.kind,
    ...(h.database !== undefined ? { database: h.database } : {}),
    ...(h.writable !== undefined ? { writable: h.writable } : {}),
    ...(h.freeBytes !== undefined ? { freeBytes: h.freeBytes, freeMb: Math.floor(h.freeBytes / 1024 / 1024) } : {}),
    ...(h.integrity !== undefined ? { integrity: h.integrity } : {}),
    ...(h.busy ? { busy: true } : {}),
  };
  if (h.ok) return json(200, { status: "ok", storage: "reachable", store: state });
  const fault = h.fault ?? { kind: "unreachable" as const };
  return json(503, {
    status: "unavailable",
    storage: fault.kind,
    ...(fault.path ? { path: fault.path } : {}),
    message: h.error ?? "存储服务无法访问。",
    store: state,
  });
};
