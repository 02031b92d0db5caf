/**
 * The service as `npm start` runs it, in a process of its own (so that its memory and its event loop are its own,
 * and the bench's client is not): the embedded store in a data folder, the local host, the parse pool warmed, and
 * optionally the built add-in served beside the API. Started by `startService` below with `fork`; it answers over IPC.
 */
import { fork } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { settingsWith } from "../functions/config.js";
import { staticFiles } from "../functions/dev/staticFiles.js";
import { startLocalHost } from "../functions/localHost.js";
import { createServices } from "../functions/services.js";
import type { EmbeddedStore } from "../functions/storage/embedded.js";
import { issueToken } from "../functions/tokens.js";
import { bigRoster } from "./serviceFixtures.js";

export interface ServiceOptions {
  dir: string;
  /** Units added to the seed's roster (`bigRoster`); 0: the seed's roster alone, npm start's default. */
  extraUnits: number;
  /** The service's clock (what "today" and the open months are). */
  now: string;
  /** Units to issue tokens for (the coordinator always gets one). */
  tokensFor: string[];
  /** A built add-in to serve at `/` (the dashboard), as npm start does. */
  addin?: string;
}

export interface Service {
  url: string;
  coordinator: string;
  tokens: Record<string, string>;
  /** The service process's peak resident memory so far (all its threads). */
  peakRssMb(): Promise<number>;
  /** Starts watching the service's request loop (and, with BENCH_CPU_PROF set, profiling it). */
  watch(): void;
  /** How busy the request loop was since `watch` (0–1: event-loop utilisation), and the profile written, if any. */
  watched(): Promise<{ busy: number; profile?: string }>;
  stop(): Promise<void>;
}

type Message =
  | { type: "ready"; url: string; coordinator: string; tokens: Record<string, string> }
  | { type: "rss"; mb: number }
  | { type: "watched"; busy: number; profile?: string };

/** Starts the service in a child process and waits until it answers. */
export function startService(o: ServiceOptions): Promise<Service> {
  // BENCH_CPU_PROF=<folder>: the service's threads write CPU profiles there (node --cpu-prof), to see what a wait is made of
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = fork(import.meta.filename, [JSON.stringify(o)], { execArgv: ["--import", "tsx", ...profile], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const next = <T extends Message["type"]>(type: T) =>
    new Promise<Extract<Message, { type: T }>>((resolve, reject) => {
      const onMessage = (m: Message) => {
        if (m.type !== type) return;
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve(m as Extract<Message, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`the service process stopped (${code})`));
      child.on("message", onMessage);
      child.once("exit", onExit);
    });
  return next("ready").then((ready) => ({
    url: ready.url,
    coordinator: ready.coordinator,
    tokens: ready.tokens,
    async peakRssMb() {
      const answer = next("rss");
      child.send("rss");
      return (await answer).mb;
    },
    watch: () => child.send("watch"),
    async watched() {
      const answer = next("watched");
      child.send("watched");
      return answer;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.send("stop");
      }),
  }));
}

async function serve(o: ServiceOptions): Promise<void> {
  const settings = settingsWith({ kind: "embedded", dir: o.dir }, { planYear: 2022, ...(o.extraUnits > 0 ? { roster: bigRoster(o.extraUnits) } : {}) });
  const services = createServices(settings, () => new Date(o.now));
  await services.store.ensureReady();
  const now = new Date(o.now);
  const coordinator = await issueToken(services.store, { role: "coordinator", unit: "" }, now);
  const tokens: Record<string, string> = {};
  for (const unit of o.tokensFor) tokens[unit] = await issueToken(services.store, { role: "unit", unit }, now);
  const host = await startLocalHost(services, { quiet: true, ...(o.addin ? { extra: [staticFiles("/", o.addin)] } : {}) });
  let from = performance.eventLoopUtilization();
  let session: Session | undefined;
  const post = (method: string) => new Promise<unknown>((resolve, reject) => session!.post(method, (e, r) => (e ? reject(e) : resolve(r))));
  process.on("message", async (m) => {
    if (m === "rss") process.send!({ type: "rss", mb: process.resourceUsage().maxRSS / 1024 } satisfies Message);
    if (m === "watch") {
      from = performance.eventLoopUtilization();
      if (process.env.BENCH_CPU_PROF) {
        session = new Session();
        session.connect();
        await post("Profiler.enable");
        await post("Profiler.start");
      }
    }
    if (m === "watched") {
      const busy = performance.eventLoopUtilization(from).utilization;
      let profile: string | undefined;
      if (session) {
        const { profile: p } = (await post("Profiler.stop")) as { profile: unknown };
        profile = join(process.env.BENCH_CPU_PROF!, `service-loop-${Date.now()}.cpuprofile`);
        await writeFile(profile, JSON.stringify(p));
        session.disconnect();
        session = undefined;
      }
      process.send!({ type: "watched", busy, ...(profile ? { profile } : {}) } satisfies Message);
    }
    if (m === "stop") {
      await host.close();
      (services.store as EmbeddedStore).close();
      process.exit(0);
    }
  });
  process.send!({ type: "ready", url: host.url, coordinator, tokens } satisfies Message);
}

if (process.argv[1] === import.meta.filename && process.send) await serve(JSON.parse(process.argv[2]!) as ServiceOptions);
