/**
 * The local host's front door for uploads: who is sending is checked from the headers alone, then a body is read
 * only inside a bounded number of slots (in all and per token), within a deadline. Nothing is buffered for a
 * caller without a valid token, nor beyond the slots, nor for a sender that never finishes.
 */
import type { IncomingMessage } from "node:http";
import type { HttpResponseInit } from "@azure/functions";
import azureFunctions from "@azure/functions";
import { HttpError } from "./errors.js";
import { authorize, errorAnswer, json } from "./http.js";
import type { Services } from "./services.js";
import type { Principal } from "./tokens.js";

const { HttpRequest } = azureFunctions;

export interface FrontDoorLimits {
  /** Bodies being received or read (until answered) at once, from everyone (default 8). */
  maxBodies: number;
  /** Bodies being received or read at once with one token (default 2). */
  maxBodiesPerToken: number;
  /**
   * How long a request may wait for a free slot, its body unread, before 429 (default 30 s). A waiting request holds
   * a connection, not its body (the sender's upload waits), so a deadline day's burst of valid uploads queues through
   * the slots — 200 at once, at the parse workers' pace — rather than being told to come back.
   */
  slotWaitMs: number;
  /** A body not received in full within this time → 408 and the connection closed (default 60 s). */
  bodyTimeoutMs: number;
  /** The request's headers must arrive within this time (default 20 s). */
  headersTimeoutMs: number;
}

export const DEFAULT_FRONT_DOOR: FrontDoorLimits = { maxBodies: 8, maxBodiesPerToken: 2, slotWaitMs: 30_000, bodyTimeoutMs: 60_000, headersTimeoutMs: 20_000 };

/** Slots for bodies in flight, in all and per token; a free slot wakes the requests waiting for one. */
export class BodySlots {
  private total = 0;
  private readonly perToken = new Map<string, number>();
  private readonly waiting = new Set<() => void>();
  /** Bytes of bodies received and held, not yet handed to a handler. */
  bufferedBytes = 0;

  constructor(private readonly limits: Pick<FrontDoorLimits, "maxBodies" | "maxBodiesPerToken">) {}

  get inFlight(): number {
    return this.total;
  }

  /** A slot for `key`, or `undefined` when either cap is reached. */
  private tryTake(key: string): (() => void) | undefined {
    const mine = this.perToken.get(key) ?? 0;
    if (this.total >= this.limits.maxBodies || mine >= this.limits.maxBodiesPerToken) return undefined;
    this.total++;
    this.perToken.set(key, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.perToken.get(key) ?? 1) - 1;
      if (left === 0) this.perToken.delete(key);
      else this.perToken.set(key, left);
      for (const wake of [...this.waiting]) wake();
    };
  }

  /** A slot, waiting up to `waitMs` for one; `undefined` when none came free in time or `gone` (the client left). */
  async take(key: string, waitMs: number, gone: () => boolean): Promise<(() => void) | undefined> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const release = this.tryTake(key);
      if (release || gone()) return gone() ? (release?.(), undefined) : release;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiting.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(left, 500)); // also polls `gone`
        this.waiting.add(wake);
      });
    }
  }
}

/** Why an upload is refused before its body is read: the answer to send, with the connection closed. */
export type Gate = { open: true; release: () => void } | { open: false; answer: HttpResponseInit };

/**
 * Checks an upload from its headers alone: the token and its role, the declared length, a free slot.
 * `role`: who the route the address matched takes a body from (routes.ts `uploadRole`; any valid token where it names none).
 */
export async function openGate(
  req: IncomingMessage,
  role: Principal["role"] | undefined,
  services: Services,
  slots: BodySlots,
  limits: FrontDoorLimits,
): Promise<Gate> {
  const method = req.method ?? "POST";
  const headers: Record<string, string> = {};
  if (typeof req.headers.authorization === "string") headers.authorization = req.headers.authorization;
  // the address as asked: a storage fault met verifying the token says what was not done for this route
  const request = new HttpRequest({ method, url: new URL(req.url ?? "/", "http://localhost").href, headers });
  let who: Principal;
  try {
    who = await authorize(request, services, role ?? "any");
  } catch (e) {
    if (e instanceof HttpError) return { open: false, answer: errorAnswer(e, request) };
    throw e;
  }
  const limit = services.settings.maxUploadBytes;
  if (Number(req.headers["content-length"] ?? 0) > limit) return { open: false, answer: tooLarge(limit) };
  const release = await slots.take(who.tokenId ?? `${who.role}:${who.unit}`, limits.slotWaitMs, () => req.destroyed);
  if (!release) {
    const seconds = Math.max(1, Math.ceil(limits.slotWaitMs / 1000));
    return {
      open: false,
      answer: json(429, { error: "busy", message: `服务器正在接收的文件已达上限（本令牌同时最多 ${limits.maxBodiesPerToken} 个，全部最多 ${limits.maxBodies} 个），本次文件未接收：请等候 ${seconds} 秒后再提交。` }, { "retry-after": String(seconds) }),
    };
  }
  return { open: true, release };
}

export function tooLarge(limit: number): HttpResponseInit {
  return json(413, { error: "too-large", message: `文件超过 ${Math.round(limit / 1024 / 1024)} MB 的上限：请删除无关工作表和图片后再提交。` });
}

export function tooSlow(timeoutMs: number): HttpResponseInit {
  return json(408, { error: "timeout", message: `文件在 ${Math.round(timeoutMs / 1000)} 秒内没有传完，本次未接收：请检查网络后重新提交。` });
}

/** How a body ended: its bytes, or why there are none. */
export type Body = { kind: "done"; bytes: Buffer } | { kind: "too-large" } | { kind: "timeout" } | { kind: "aborted"; received: number };

/** The body, up to `limit` bytes and within `timeoutMs`; its bytes counted in `slots.bufferedBytes` while held. */
export function readBody(req: IncomingMessage, limit: number, timeoutMs: number, slots: BodySlots): Promise<Body> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (b: Body) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      slots.bufferedBytes -= size;
      req.off("data", onData);
      if (b.kind !== "done") {
        chunks.length = 0;
        req.pause();
      }
      resolve(b);
    };
    const onData = (c: Buffer) => {
      if (settled) return;
      if (size + c.length > limit) return finish({ kind: "too-large" });
      size += c.length;
      slots.bufferedBytes += c.length;
      chunks.push(c);
    };
    const timer = setTimeout(() => finish({ kind: "timeout" }), timeoutMs);
    req.on("data", onData);
    req.on("end", () => finish({ kind: "done", bytes: Buffer.concat(chunks) }));
    // a client that leaves mid-body: 'error' (ECONNRESET "aborted") then 'close'; neither is the server's fault
    req.on("error", () => finish({ kind: "aborted", received: size }));
    req.on("close", () => finish({ kind: "aborted", received: size }));
  });
}
