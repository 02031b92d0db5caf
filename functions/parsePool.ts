/**
 * Received files are read off the request loop: a pool of worker threads (no more than the cores), each
 * job bounded in time and each worker in memory. A file that takes longer or needs more is refused in
 * words (`too-large`), its worker replaced; health checks and other submissions are answered meanwhile.
 */
import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import { LIMITS } from "../core/index.js";
import { WorkbookError } from "../workbook/index.js";
import { HttpError } from "./errors.js";
import type { JudgeInput, Judged } from "./judgeFile.js";
import { runTask, type PoolResult, type PoolTask } from "./poolTasks.js";

export interface PoolLimits {
  /** One file's time to be read and validated (`LIMITS.parseSeconds` by default). */
  timeoutMs: number;
  /** A worker's JavaScript heap (V8's old generation). */
  memoryMb: number;
  size: number;
}

export const DEFAULT_POOL_LIMITS: PoolLimits = { timeoutMs: LIMITS.parseSeconds * 1000, memoryMb: 256, size: Math.max(1, Math.min(2, availableParallelism())) };

interface Job {
  id: number;
  task: PoolTask;
  /** This job's time (configuration may take longer than a submission). */
  timeoutMs: number;
  resolve(value: unknown): void;
  reject(e: Error): void;
}

/** What a worker says of a file on its own channel: it began it (its own clock), or it is done. */
interface Report {
  id: number;
  began?: number;
  value?: unknown;
  /** The file is not what it should be (`WorkbookError`): the caller's answer, not the pool's fault. */
  refused?: { kind: WorkbookError["kind"]; message: string };
  error?: string;
}

interface Slot {
  worker: Worker;
  /**
   * The worker's reports, on a channel of their own so that a timer that fires late (the request loop was held up)
   * can read what arrived meanwhile before it gives up on the file.
   */
  reports: MessagePort;
  /** When the worker began the current file, by the worker's report (`Date.now()`); undefined until it says so. */
  began: number | undefined;
  ready: Promise<void>;
  /** The worker has loaded and said so: a death after that is the file's doing, before it the pool's. */
  started: boolean;
  job: Job | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
}

const refusal = (reason: string): Judged => ({
  outcome: "unreadable",
  reason,
  extract: { report: null, findings: [], findingsTotal: 0, summary: null, year: null },
  unreadable: "too-large",
});

/** The worker's module: compiled JavaScript as it is; TypeScript (development, tests) through tsx. */
function spawn(memoryMb: number): Worker {
  const self = new URL(import.meta.url);
  const limits = { resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 32 } };
  if (self.pathname.endsWith(".js")) return new Worker(new URL("./parseWorker.js", self), limits);
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;
  const target = new URL("./parseWorker.ts", self).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); });`, { eval: true, ...limits });
}

export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(readonly limits: PoolLimits = DEFAULT_POOL_LIMITS) {}

  /** Judges a file in a worker; never rejects for a hostile file (only for a fault of the pool itself). */
  run(input: JudgeInput): Promise<Judged> {
    return this.runTask({ kind: "judge", input });
  }

  /**
   * Runs a task in a worker. A file judged is always answered (a refusal in words past the limits); configuration
   * that cannot be read, or is over the limits, rejects with a `WorkbookError` saying why.
   */
  runTask<T extends PoolTask>(task: T, timeoutMs = this.limits.timeoutMs): Promise<PoolResult<T>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, timeoutMs, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  /** Starts every worker now (a worker takes a moment to load), so that no submission waits for one. */
  warm(): this {
    while (this.slots.length < this.limits.size) this.add();
    return this;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.splice(0).map((s) => (s.reports.close(), s.worker.terminate())));
  }

  private pump(): void {
    if (this.closed) return;
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.limits.size) slot = this.add();
      if (!slot) return;
      const job = this.queue.shift()!;
      this.start(slot, job);
    }
  }

  private add(): Slot {
    const worker = spawn(this.limits.memoryMb);
    const channel = new MessageChannel();
    worker.postMessage({ reports: channel.port2 }, [channel.port2]);
    let ready!: () => void;
    const slot: Slot = { worker, reports: channel.port1, began: undefined, ready: new Promise<void>((r) => (ready = r)), started: false, job: undefined, timer: undefined };
    worker.on("message", (m: { ready?: true }) => {
      if (m.ready) {
        slot.started = true;
        ready();
      }
    });
    slot.reports.on("message", (m: Report) => this.report(slot, m));
    worker.on("error", (e) => this.lose(slot, (e as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY" ? "memory" : e));
    worker.on("exit", () => this.lose(slot, "exit"));
    // An idle worker keeps no process alive; one judging a file does (`start`, `finish`). After the listeners:
    // adding a "message" listener refs the worker's port again (a bench that had used the pool never ended).
    worker.unref();
    slot.reports.unref();
    this.slots.push(slot);
    return slot;
  }

  private report(slot: Slot, m: Report): void {
    const job = slot.job;
    if (!job || m.id !== job.id) return;
    if (m.began !== undefined) {
      slot.began = m.began;
      return;
    }
    this.finish(slot);
    if (m.refused) job.reject(new WorkbookError(m.refused.kind, m.refused.message));
    else if (m.error !== undefined) job.reject(new TaskError(m.error));
    else job.resolve(m.value);
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.began = undefined;
    slot.worker.ref(); // a file being judged keeps the process alive until its answer
    void slot.ready.then(() => {
      if (slot.job !== job) return;
      slot.timer = setTimeout(() => this.deadline(slot, job, false), job.timeoutMs);
      slot.worker.postMessage({ id: job.id, task: job.task });
    });
  }

  /**
   * The time is up by this process's clock — which runs on even while the request loop is held up (a synchronous
   * call, a long GC). What the worker reported meanwhile is read first: a file it finished is answered, and a file's
   * time counts from when the worker began it, by the worker's own report, never from when it was queued or sent.
   */
  private deadline(slot: Slot, job: Job, again: boolean): void {
    slot.timer = undefined;
    for (let m = receiveMessageOnPort(slot.reports); m && slot.job === job; m = receiveMessageOnPort(slot.reports)) this.report(slot, m.message as Report);
    if (slot.job !== job) return;
    const left = slot.began === undefined ? (again ? 0 : job.timeoutMs) : slot.began + job.timeoutMs - Date.now();
    if (left > 0) slot.timer = setTimeout(() => this.deadline(slot, job, true), left);
    else this.lose(slot, "time");
  }

  private finish(slot: Slot): void {
    slot.worker.unref();
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
    this.pump();
  }

  /** A worker that ran out of time or memory, or died: its file is refused in words, the worker replaced. */
  private lose(slot: Slot, why: "time" | "memory" | "exit" | Error): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    if (slot.timer) clearTimeout(slot.timer);
    slot.reports.close();
    void slot.worker.terminate();
    const job = slot.job;
    slot.job = undefined;
    if (job && !slot.started) {
      // The worker never came up: a fault of this server (its install), not of the file.
      job.reject(why instanceof Error ? why : new Error("the parse worker could not start"));
      this.pump();
      return;
    }
    if (job) {
      const memory = why === "memory" || (why instanceof Error && /memory|heap/i.test(why.message));
      const seconds = job.timeoutMs / 1000;
      const fault = why instanceof Error ? why.message.split("\n")[0]! : "读取中断";
      if (job.task.kind !== "judge") {
        job.reject(taskFailure(job.task.kind, { over: why === "time" ? "time" : memory ? "memory" : undefined, fault, seconds, memoryMb: this.limits.memoryMb }));
      } else if (why === "time") job.resolve(refusal(`文件过于复杂，${seconds} 秒内未能读完（一般的任务分解表不到 1 秒）：请只保留任务分解表和联络人表，删去多余的行、列和格式后重新另存为 .xlsx。`));
      else if (memory) job.resolve(refusal(`读取这个文件需要的内存超过上限 ${this.limits.memoryMb} MB（一般的任务分解表不到 50 MB）：请只保留任务分解表和联络人表后重新另存为 .xlsx。`));
      // Anything else that ended the worker mid-file (a stack overflow in a hostile file, say) is the file's.
      else job.resolve({ ...refusal(`读取这个文件时出错（${fault}）：请在 Excel 或 WPS 中打开后重新另存为 .xlsx 再提交。`), unreadable: "corrupt" });
    }
    // A replacement starts loading at once, not when the next file arrives (one that never started is not
    // replaced in a loop: the next file brings one up).
    if (slot.started && !this.closed && this.slots.length < this.limits.size) this.add();
    this.pump();
  }
}

/**
 * What a task other than judging a file is told when its worker could not finish it (over its time or memory, or
 * ended by a fault): the words say whose it is. A roster or task list uploaded is the coordinator's file (re-save it,
 * nothing stored); a document the service makes is no one's file (503: try again later); a mail read is held for a
 * person, a coloured copy left out of a mail's answer, each with these words (mail/intake.ts).
 */
function taskFailure(kind: Exclude<PoolTask["kind"], "judge">, f: { over: "time" | "memory" | undefined; fault: string; seconds: number; memoryMb: number }): Error {
  const failed = f.over === "time" ? `用时超过 ${f.seconds} 秒` : f.over === "memory" ? `需要的内存超过上限 ${f.memoryMb} MB` : `时出错（${f.fault}）`;
  const fileKind = f.over ? "too-large" : "corrupt";
  switch (kind) {
    case "template":
    case "ledger":
    case "notice": {
      const made = { template: "本轮模板", ledger: "汇总台账工作簿", notice: "通报" }[kind];
      return new HttpError(503, "not-made", `生成${made}${failed}，未能完成：请稍后重试；单位或任务很多时生成较慢，若反复出现请联系管理员。`);
    }
    case "mail":
      return new WorkbookError(fileKind, `读取邮件${failed}`);
    case "annotate":
      return new TaskError(`生成标注副本${failed}`);
    case "roster":
    case "tasks": {
      const what = kind === "roster" ? "单位名册" : "任务分解表";
      const message = f.over === undefined
        ? `读取这个${what}时出错（${f.fault}），未保存：请在 Excel 或 WPS 中打开后重新另存为 .xlsx 再上传。`
        : f.over === "time"
          ? `${what}过于复杂，${f.seconds} 秒内未能读完，未保存：请删去多余的行、列、工作表和格式后重新另存再上传。`
          : `读取这个${what}需要的内存超过上限 ${f.memoryMb} MB，未保存：请只保留${what}后重新另存再上传。`;
      return new WorkbookError(fileKind, message);
    }
  }
}

/** The task itself failed on its input (what it was given is at fault), as opposed to the pool failing to run it. */
export class TaskError extends Error {
  override readonly name = "TaskError";
}

let shared: ParsePool | undefined;
/**
 * In this process: when asked (`GONGKAI_PARSE_WORKERS=0`, debugging), and in the command line's bundle
 * (dist/cli/gongkai.cjs), which has no worker module beside it — a command has no request loop to keep free.
 */
const inProcess = () => process.env.GONGKAI_PARSE_WORKERS === "0" || typeof import.meta.url !== "string";

/** Starts this process's workers: a service calls it when it starts, so that no submission waits for one. */
export function warmParsePool(): void {
  if (!inProcess()) shared ??= new ParsePool().warm();
}

/** Judges a file in this process's pool; `GONGKAI_PARSE_WORKERS=0` judges in-process (debugging). */
export function judgeOffLoop(input: JudgeInput): Promise<Judged> {
  return offLoop({ kind: "judge", input });
}

/**
 * A task run in this process's pool. Configuration (`PUT /api/roster`, `/api/tasks`, `/api/mapping`, a stored list
 * read again) is read there as files are judged: a large roster or list holds a worker, never the request loop. It
 * may take `LIMITS.configParseSeconds`, longer than a submission (the coordinator uploads it once), and is refused in
 * words past that (`WorkbookError`, nothing stored).
 */
export function offLoop<T extends PoolTask>(task: T): Promise<PoolResult<T>> {
  if (inProcess()) {
    return (runTask(task) as Promise<PoolResult<T>>).catch((e: unknown) => {
      throw e instanceof WorkbookError ? e : new TaskError(e instanceof Error ? e.message : String(e));
    });
  }
  shared ??= new ParsePool().warm();
  return shared.runTask(task, task.kind === "judge" ? undefined : LIMITS.configParseSeconds * 1000);
}
