/**
 * The service as `npm start` runs it, in a process of its own (so that its memory and its event loop are its own,
 * and the bench's client is not): the embedded store in a data folder, the local host, the parse pool warmed, and
 * optionally the built add-in served beside the API. Started by `startService` below with `fork`; it answers over IPC.
 */
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
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
  /**
   * How busy the request loop was since `watch` (0–1: event-loop utilisation), the CPU seconds the whole process and
   * its request loop's thread used meanwhile, and the profile written, if any.
   */
  watched(): Promise<Watched>;
  stop(): Promise<void>;
}

export interface Watched {
  busy: number;
  cpu: { process: number; loop: number };
  profile?: string;
}

type Message =
  | { type: "ready"; url: string; coordinator: string; tokens: Record<string, string> }
  | { type: "rss"; mb: number }
  | ({ type: "watched" } & Watched);

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
  let cpuFrom = cpuSeconds();
  let session: Session | undefined;
  const post = (method: string) => new Promise<unknown>((resolve, reject) => session!.post(method, (e, r) => (e ? reject(e) : resolve(r))));
  process.on("message", async (m) => {
    if (m === "rss") process.send!({ type: "rss", mb: process.resourceUsage().maxRSS / 1024 } satisfies Message);
    if (m === "watch") {
      from = performance.eventLoopUtilization();
      cpuFrom = cpuSeconds();
      if (process.env.BENCH_CPU_PROF) {
        session = new Session();
        session.connect();
        await post("Profiler.enable");
        await post("Profiler.start");
      }
    }
    if (m === "watched") {
      const busy = performance.eventLoopUtilization(from).utilization;
      const now = cpuSeconds();
      const cpu = { process: now.process - cpuFrom.process, loop: now.loop - cpuFrom.loop };
      let profile: string | undefined;
      if (session) {
        const { profile: p } = (await post("Profiler.stop")) as { profile: unknown };
        profile = join(process.env.BENCH_CPU_PROF!, `service-loop-${Date.now()}.cpuprofile`);
        await writeFile(profile, JSON.stringify(p));
        session.disconnect();
        session = undefined;
      }
      process.send!({ type: "watched", busy, cpu, ...(profile ? { profile } : {}) } satisfies Message);
    }
    if (m === "stop") {
      await host.close();
      (services.store as EmbeddedStore).close();
      process.exit(0);
    }
  });
  process.send!({ type: "ready", url: host.url, coordinator, tokens } satisfies Message);
}

/**
 * CPU seconds (user + system) used so far by the whole process (every thread) and by its main thread, the request
 * loop's, read from Linux's /proc (the main thread's task id is the process id); 0 for the thread where /proc is not.
 */
function cpuSeconds(): { process: number; loop: number } {
  const usage = process.cpuUsage();
  let loop = 0;
  try {
    // fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks (100 a second)
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    loop = (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    loop = 0;
  }
  return { process: (usage.user + usage.system) / 1e6, loop };
}

if (process.argv[1] === import.meta.filename && process.send) await serve(JSON.parse(process.argv[2]!) as ServiceOptions);
