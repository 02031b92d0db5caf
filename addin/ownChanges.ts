/**
 * Which change events live re-validation should answer: the user's own edits only. Not the add-in's own
 * writes of cell values (一键修复, 拉取汇总台账; marks raise no change event), which would re-validate and overwrite the pane's message, and not a
 * co-author's edits arriving from elsewhere (`source: "Remote"`, ExcelApi 1.7).
 *
 * ExcelApi 1.14 says who caused a change (`triggerSource: "ThisLocalAddin"`). Before that, events that
 * arrive while the add-in is writing, or within QUIET_MS after, are taken for its own.
 */

export interface ChangeEvent {
  source?: string;
  triggerSource?: string;
}

export const QUIET_MS = 2000;

export class OwnChanges {
  private running = 0;
  private quietUntil = 0;
  constructor(
    private readonly knowsTrigger: boolean,
    private readonly now: () => number = Date.now,
  ) {}

  /** Around every batch the add-in runs. */
  async around<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.quietUntil = this.now() + QUIET_MS;
    }
  }

  /** True for an event the user caused here. */
  isUsers(e: ChangeEvent): boolean {
    if (e.source === "Remote") return false;
    if (this.knowsTrigger && e.triggerSource !== undefined) return e.triggerSource !== "ThisLocalAddin";
    return this.running === 0 && this.now() >= this.quietUntil;
  }
}

/**
 * The pane's jobs, one at a time. A click while a job runs is ignored (the buttons are held anyway); a
 * re-validation asked for by an edit while a job runs is kept and runs once after it, so that an edit made
 * during a validation is not left unmarked (several edits meanwhile: one more validation).
 */
export class Jobs {
  private running = false;
  private queued: (() => Promise<void>) | undefined;

  /** Runs `work` now; `false` when another job is running (then nothing is done). */
  async run(work: () => Promise<void>): Promise<boolean> {
    if (this.running) return false;
    this.running = true;
    try {
      await work();
    } finally {
      this.running = false;
    }
    const next = this.queued;
    this.queued = undefined;
    if (next) await this.run(next);
    return true;
  }

  /** Runs `work` now, or once after the running job. */
  async runOrQueue(work: () => Promise<void>): Promise<void> {
    if (this.running) this.queued = work;
    else await this.run(work);
  }
}
