/**
 * `GET /api/health` reads what a store says of itself through `LedgerStore.state()` (optional, typed): a store that
 * says more is heard in full, one that does not is asked only whether it answers.
 */
import { HttpRequest, InvocationContext } from "@azure/functions";
import { describe, expect, expectTypeOf, it } from "vitest";
import { settingsWith } from "../../functions/config.js";
import { healthHandler } from "../../functions/handlers/health.js";
import { handler } from "../../functions/http.js";
import { createServices } from "../../functions/services.js";
import type { LedgerStore, StoreState } from "../../functions/storage/store.js";
import { EmbeddedStore } from "../../functions/storage/embedded.js";

/** Only what health asks of a store; the rest is never called. */
type HealthOf = Pick<LedgerStore, "health" | "state">;

async function healthWith(store: HealthOf) {
  const services = { ...createServices(settingsWith({ kind: "embedded", dir: "/nonexistent" })), store: store as unknown as LedgerStore };
  const request = new HttpRequest({ method: "GET", url: "http://localhost/api/health" });
  return (await handler(healthHandler, async () => services)(request, new InvocationContext({ logHandler: () => undefined }))) as { status: number; jsonBody: Record<string, unknown> };
}

describe("health and the store's own state", () => {
  it("state() is part of the store's interface, optional; the embedded store gives it", () => {
    expectTypeOf<LedgerStore["state"]>().toEqualTypeOf<(() => Promise<StoreState>) | undefined>();
    expectTypeOf<EmbeddedStore["state"]>().toMatchTypeOf<NonNullable<LedgerStore["state"]>>();
  });

  it.each<[string, HealthOf, number, Record<string, unknown>]>([
    ["a store that only answers", { health: async () => ({ ok: true }) }, 200, { status: "ok", storage: "reachable" }],
    ["a store that does not answer", { health: async () => ({ ok: false, error: "存储服务（Azure）暂时无法访问" }) }, 503, { storage: "unreachable", message: "存储服务（Azure）暂时无法访问" }],
    [
      "a store whose disk is nearly full",
      {
        health: async () => ({ ok: false }),
        state: async () => ({ ok: false, error: "/srv/gongkai 所在磁盘空间不足", fault: { kind: "full", path: "/srv/gongkai" }, writable: true, freeBytes: 3 * 1024 * 1024, integrity: "ok", database: "/srv/gongkai/gongkai.db" }),
      },
      503,
      { storage: "full", path: "/srv/gongkai", message: "/srv/gongkai 所在磁盘空间不足", store: { kind: "embedded", database: "/srv/gongkai/gongkai.db", writable: true, freeMb: 3, integrity: "ok" } },
    ],
    [
      "a store that can accept, another program holding it a moment",
      { health: async () => ({ ok: true }), state: async () => ({ ok: true, busy: true, writable: true, freeBytes: 5e9, integrity: "ok", database: "/srv/gongkai/gongkai.db" }) },
      200,
      { status: "ok", store: { busy: true, writable: true } },
    ],
  ])("%s", async (_what, store, status, body) => {
    const r = await healthWith(store);
    expect(r.status).toBe(status);
    expect(r.jsonBody).toMatchObject(body);
  });
});
