/**
 * Which change events live re-validation should answer: the user's own edits only. Not the add-in's own
 * writes (一键修复, 拉取汇总台账, marks), which would re-validate and overwrite the pane's message, and not a
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
