import { readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { DEFAULT_ROSTER_INDEX, RosterIndex, builtInTaskList, consolidate, isRound, judgementOf, planYear, roundDay, roundOf, rosterIndexOfTaskList, type Ledger, type TaskList, type UnitReport } from "../../core/index.js";
import { WorkbookError, reportFromXlsx } from "../../workbook/index.js";
import { writeLedger } from "../../workbook/writeLedger.js";
import { UsageError, parseRosterOption, parseTasksOption, parseToday, parseYear, readInput, type CliIO } from "../io.js";
import type { ParsedArgs } from "../main.js";
import { writeOutput } from "../writeOutput.js";

/** Files named on the command line; a folder stands for the .xlsx files in it. */
async function expand(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const s = await stat(p).catch(() => undefined);
    if (!s) throw new UsageError(`找不到文件或文件夹：${p}`);
    if (s.isDirectory()) {
      const names = (await readdir(p)).filter((n) => extname(n).toLowerCase() === ".xlsx" && !n.startsWith("~$")).sort();
      out.push(...names.map((n) => join(p, n)));
    } else out.push(p);
  }
  return out;
}

/** What `consolidateFiles` made of the files: the ledger, the task list it is of, and how many files could not be used. */
export interface Consolidated {
  ledger: Ledger;
  /** The coordinator's task list (`--tasks`), `undefined` for the built-in sample. */
  tasks: TaskList | undefined;
  /** Units with an accepted table among the files. */
  reported: number;
  /** Files that were refused or could not be read (each said on stderr). */
  problems: number;
}

/**
 * The ledger of unit files and folders as the service would make it for the round (`--round`, `--today`, `--tasks`,
 * `--roster`, `--mapping`): a file the service would refuse counts as 被退回, an unreadable one is left out (both said
 * on stderr), the latest file of a unit wins. Used by `consolidate` and `notice`.
 */
export async function consolidateFiles({ values, positionals }: ParsedArgs, io: CliIO): Promise<Consolidated> {
  const today = parseToday(values.today, io);
  const round = values.round ?? roundOf(today);
  if (!isRound(round)) throw new UsageError(`--round 应为年月 YYYY-MM，例如 2022-03（收到“${round}”）`);
  const given = await parseRosterOption(values.roster);
  const tasks = await parseTasksOption(values.tasks, io, "--tasks", values.mapping);
  const files = await expand(positionals);
  if (files.length === 0) throw new UsageError("文件夹中没有 .xlsx 文件");
  const reports = new Map<string, { report: UnitReport; file: string; mtime: number }>();
  // files the service would refuse (judged as it judges a submission for the round): 被退回, with their reasons
  const rejected = new Map<string, { unit: string; reason: string; reasons: string[]; receivedAt: string; errors: number; warnings: number; mtime: number }>();
  let problems = 0;
  for (const file of files) {
    try {
      const options = { today: roundDay(round, today), year: parseYear(values.year), roster: given, tasks, submitting: true };
      const { result, report } = await reportFromXlsx(await readInput(file), options);
      if (!result.table) throw new UsageError("没有找到任务分解表");
      // Without --tasks only copies of the built-in sample can be consolidated: any other table needs its own list.
      if (!tasks && result.tasks?.source !== "built-in") throw new UsageError("不是内置示例表的副本：请用 --tasks 指定本地下发的官方任务分解表");
      if (!report) throw new UsageError("未填写填报单位，无法归入任何单位");
      const mtime = (await stat(file)).mtimeMs;
      const judged = judgementOf(result);
      if (judged.verdict !== "accepted") {
        const before = rejected.get(report.unit);
        if (!before || mtime >= before.mtime) {
          rejected.set(report.unit, { unit: report.unit, reason: `校验发现 ${result.summary.errors} 处错误`, reasons: judged.reasons, receivedAt: new Date(mtime).toISOString(), errors: result.summary.errors, warnings: result.summary.warnings, mtime });
        }
        problems++;
        io.err(`${file}：${report.unit} 的表有 ${result.summary.errors} 处错误，报送时会被退回（${judged.reasons.join("；")}）：计为被退回`);
        continue;
      }
      const prev = reports.get(report.unit);
      const later = !prev || mtime >= prev.mtime;
      if (prev) io.err(`${report.unit} 有多份：${prev.file} 与 ${file}，采用修改时间较晚的 ${later ? file : prev.file}`);
      if (later) reports.set(report.unit, { report: { ...report, receivedAt: new Date(mtime).toISOString() }, file, mtime });
    } catch (e) {
      if (!(e instanceof WorkbookError || e instanceof UsageError)) throw e;
      problems++;
      io.err(`${file}：${e.message}（未计入汇总）`);
    }
  }
  if (reports.size === 0 && rejected.size === 0) throw new UsageError("没有一份可以汇总的文件");
  const list = tasks ?? builtInTaskList();
  const units = [...reports.keys(), ...rejected.keys()];
  const roster = given ? new RosterIndex(given, tasks?.unitPhrases) : tasks ? rosterIndexOfTaskList(tasks, units) : DEFAULT_ROSTER_INDEX;
  const ledger = consolidate({
    round,
    today,
    year: planYear(list.year, parseYear(values.year), today),
    tasks: list.tasks,
    roster,
    reports: [...reports.values()].map((r) => r.report),
    rejected: [...rejected.values()].map(({ mtime: _, ...r }) => r),
  });
  ledger.tasksSource = tasks ? "file" : "built-in";
  return { ledger, tasks, reported: reports.size, problems };
}

export async function consolidateCommand(args: ParsedArgs, io: CliIO): Promise<number> {
  const { values } = args;
  if (args.positionals.length === 0) throw new UsageError("请指定要汇总的 .xlsx 文件或文件夹，例如：gongkai consolidate 收到的表/ -o 汇总台账.xlsx --tasks 官方表.xlsx");
  if (!values.output && !values.json) throw new UsageError("请用 -o 指定汇总台账的文件名，或用 --json 输出");
  const { ledger, tasks, reported, problems } = await consolidateFiles(args, io);
  if (values.output) await writeOutput(values.output, await writeLedger(ledger));
  if (values.json) io.out(JSON.stringify(ledger, null, 2));
  else {
    const refused = ledger.rejectedUnits;
    const notSent = ledger.missingUnits.filter((u) => !refused.includes(u));
    io.out(`已汇总 ${reported} 个单位（应报 ${ledger.units.length} 个）${refused.length ? `；被退回 ${refused.length} 个：${refused.join("、")}` : ""}；未报送 ${notSent.length} 个：${notSent.join("、") || "无"}`);
    const overdue = ledger.units.reduce((s, u) => s + u.overdue, 0);
    io.out(`任务 ${ledger.tasks.length} 项（${tasks ? values.tasks : "内置示例表"}）；逾期事项 ${overdue} 项；未匹配行 ${ledger.unmatched.length} 行${ledger.unmatched.length ? "（见“未匹配行”工作表）" : ""}`);
    if (values.output) io.out(`汇总台账：${values.output}`);
  }
  return problems > 0 ? 1 : 0;
}
