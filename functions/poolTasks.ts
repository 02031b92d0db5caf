/**
 * What the parse workers do (`parsePool.ts`): judge a received file, or read the coordinator's configuration (a
 * roster, a task list with its reading report) — each off the request loop, bounded in time and memory alike.
 */
import { LIMITS, RosterIndex, type Ledger, type ReadingReport, type ResolvedLetterhead, type Roster, type TableMapping, type TaskList, type UnitPhrase } from "../core/index.js";
import { WorkbookError, parseRosterFile, readTaskListWithReport, writeTemplate, type PreflightLimits, type TaskListReading, type TemplateOptions } from "../workbook/index.js";
import { noticeDocx } from "../workbook/noticeDocx.js";
import { writeLedger } from "../workbook/writeLedger.js";
import { annotatedCopy, judgeFile, type JudgeInput, type Judged } from "./judgeFile.js";
import { readMail, type ReadMail } from "./mail/message.js";

/** A roster index as it crosses to a worker: plain data (a class does not survive the copy). */
interface PlainRosterIndex {
  roster: Roster;
  phrases?: Readonly<Record<string, UnitPhrase>> | undefined;
}

export type PoolTask =
  | { kind: "judge"; input: JudgeInput }
  | { kind: "roster"; name: string; bytes: Uint8Array }
  | { kind: "tasks"; bytes: Uint8Array; limits?: PreflightLimits | undefined; mapping?: TableMapping | undefined; roster?: Roster | PlainRosterIndex | undefined; year?: number | undefined }
  // workbooks the service writes: a 5,000-task template or a big ledger takes a second of CPU, not the request loop's
  | { kind: "template"; options: TemplateOptions }
  | { kind: "ledger"; ledger: Ledger }
  // the 通报 as a .docx: a table row for every unit
  | { kind: "notice"; ledger: Ledger; letterhead: ResolvedLetterhead }
  // the coloured copy of a received file an answer by e-mail carries (the same checks as `judge`)
  | { kind: "annotate"; input: JudgeInput }
  // a mail of the office mailbox, read (MIME decoding of up to 21 MB: a worker's, not the request loop's)
  | { kind: "mail"; raw: Uint8Array };

export interface PoolResults {
  judge: Judged;
  roster: Roster;
  tasks: { list: TaskList; report: ReadingReport };
  template: Uint8Array;
  ledger: Uint8Array;
  notice: Uint8Array;
  annotate: Uint8Array;
  mail: ReadMail;
}

export type PoolResult<T extends PoolTask> = PoolResults[T["kind"]];

/** The task list's reading options as plain data. */
export function tasksTask(bytes: Uint8Array, limits: PreflightLimits | undefined, mapping: TableMapping | undefined, options: TaskListReading = {}): Extract<PoolTask, { kind: "tasks" }> {
  const r = options.roster;
  const roster = r instanceof RosterIndex ? { roster: r.roster, phrases: r.phrases } : r;
  return { kind: "tasks", bytes, limits, mapping, roster, year: options.year };
}

/** Refuses a roster over `LIMITS.rosterUnits` before it is read and checked name by name (that would hold a worker for seconds). */
function countUnits(name: string, bytes: Uint8Array): void {
  if (name.endsWith(".xlsx")) return; // a workbook's rows are held to the row limit as it is read; counted after
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return; // parseRosterFile says what is wrong with it
  }
  const units = (json as { units?: unknown } | null)?.units;
  if (Array.isArray(units)) tooMany(units.length);
}

function tooMany(units: number): void {
  if (units > LIMITS.rosterUnits) {
    throw new WorkbookError("too-large", `单位名册有 ${units} 个单位，超过 ${LIMITS.rosterUnits} 个的上限，未保存：名册只列本地区报送台账的单位（一个县通常几十个），请检查是否粘贴了其他表格。`);
  }
}

/** Runs a task where it is called (a worker; or this process when the pool is off). */
export async function runTask(task: PoolTask): Promise<unknown> {
  switch (task.kind) {
    case "judge":
      return judgeFile(task.input);
    case "roster": {
      countUnits(task.name, task.bytes);
      const roster = await parseRosterFile(task.name, task.bytes);
      tooMany(roster.units.length);
      return roster;
    }
    case "tasks": {
      const r = task.roster;
      const roster = r && "roster" in r ? new RosterIndex(r.roster, r.phrases) : r;
      return readTaskListWithReport(task.bytes, task.limits, task.mapping, { roster, year: task.year });
    }
    case "template":
      return writeTemplate(task.options);
    case "ledger":
      return writeLedger(task.ledger);
    case "notice":
      return noticeDocx(task.ledger, task.letterhead);
    case "annotate":
      return annotatedCopy(task.input);
    case "mail":
      return readMail(Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength));
  }
}
