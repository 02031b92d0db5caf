/**
 * `gongkai notice <ledger.json | unit files or folders…> -o 通报.docx`: the round's 通报 as a Word document laid out
 * as GB/T 9704-2012 — from a ledger JSON (`gongkai consolidate --json`, `/api/ledger?format=json`) or from the units'
 * files, consolidated as `gongkai consolidate` does; the letterhead from `--letterhead 设置.json` and the flags.
 */
import { extname } from "node:path";
import { LETTERHEAD_LABELS, isDay, isRound, ledgerTotals, parseLetterhead, resolveLetterhead, type Ledger, type Letterhead } from "../../core/index.js";
import { noticeDocx } from "../../workbook/noticeDocx.js";
import { UsageError, parseTasksOption, parseToday, readInput, type CliIO } from "../io.js";
import type { ParsedArgs } from "../main.js";
import { writeOutput } from "../writeOutput.js";
import { consolidateFiles } from "./consolidate.js";

const LEDGER_SOURCES = "应由 gongkai consolidate --json 或服务的 /api/ledger?format=json 得到";

/** A ledger JSON as the tools write it, checked for what the 通报 reads; anything else is refused in one sentence. */
function ledgerOf(path: string, bytes: Uint8Array): { ledger: Ledger; letterhead?: Letterhead; title?: string } {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new UsageError(`${path} 不是 JSON 文件：汇总台账 JSON ${LEDGER_SOURCES}`);
  }
  const l = json as Partial<Ledger> | null;
  const ok =
    !!l && typeof l === "object" && typeof l.round === "string" && isRound(l.round) && typeof l.today === "string" && isDay(l.today) && typeof l.roundDay === "string" &&
    Array.isArray(l.units) && Array.isArray(l.tasks) && Array.isArray(l.reviews) && l.units.every((u) => typeof u?.unit === "string" && typeof u.reportState === "string");
  if (!ok) throw new UsageError(`${path} 不是汇总台账 JSON（缺少 round、today、units、tasks 或 reviews）：${LEDGER_SOURCES}`);
  const { letterhead, title, ...ledger } = l as Ledger & { letterhead?: unknown; title?: unknown };
  const saved = letterhead === undefined ? undefined : parseLetterhead(letterhead);
  if (saved && !saved.success) throw new UsageError(`${path} 中的通报版头设置（letterhead）有误：${saved.message}`);
  return { ledger, ...(saved ? { letterhead: saved.data } : {}), ...(typeof title === "string" && title !== "" ? { title } : {}) };
}

/** The letterhead: `--letterhead 设置.json`, each flag given over it, checked as the service checks it. */
async function letterheadOption(values: ParsedArgs["values"], saved: Letterhead | undefined): Promise<Letterhead | undefined> {
  const flags: Partial<Record<keyof Letterhead, string | undefined>> = {
    issuer: values.issuer,
    number: values.number,
    to: values.to,
    cc: values.cc,
    printer: values.printer,
    dateStyle: values["date-style"],
  };
  const given = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
  if (values.letterhead === undefined && Object.keys(given).length === 0) return saved;
  let file: unknown = {};
  if (values.letterhead !== undefined) {
    try {
      file = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(await readInput(values.letterhead)));
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`--letterhead ${values.letterhead} 不是 JSON 文件：应写作 {"issuer": "某某县人民政府办公室", "number": "某政办〔2026〕3号", "to": "各乡镇人民政府，县直各部门", "cc": "县委办公室"}`);
    }
    if (!file || typeof file !== "object" || Array.isArray(file)) file = null;
  }
  const merged = file === null ? null : { ...saved, ...(file as object), ...given };
  const parsed = parseLetterhead(merged);
  if (!parsed.success) throw new UsageError(parsed.message);
  return parsed.data;
}

export async function noticeCommand(args: ParsedArgs, io: CliIO): Promise<number> {
  const { values, positionals } = args;
  if (positionals.length === 0) {
    throw new UsageError("请指定汇总台账 JSON，或各单位报送的 .xlsx 文件或文件夹，例如：gongkai notice 收到的表/ -o 通报.docx --tasks 官方表.xlsx");
  }
  if (!values.output) throw new UsageError("请用 -o 指定通报的文件名，例如 -o 通报.docx");
  if (extname(values.output).toLowerCase() !== ".docx") throw new UsageError(`通报是 Word 文件：-o 的文件名应以 .docx 结尾（收到“${values.output}”）`);

  let ledger: Ledger;
  let title: string | undefined;
  // the service's ledger JSON carries the letterhead the coordinator set and the task list's title: the flags go over them
  let saved: Letterhead | undefined;
  let problems = 0;
  const json = positionals.length === 1 && extname(positionals[0]!).toLowerCase() === ".json";
  if (json) {
    const read = ledgerOf(positionals[0]!, await readInput(positionals[0]!));
    ledger = read.ledger;
    saved = read.letterhead;
    if (values.round !== undefined && values.round !== ledger.round) throw new UsageError(`--round ${values.round} 与台账的月份 ${ledger.round} 不同：台账 JSON 只能出它那个月的通报`);
    // the notice is dated, and asks as of, the day given; its counts stay as of the ledger's day
    if (values.today !== undefined) ledger = { ...ledger, today: parseToday(values.today, io) };
    title = (await parseTasksOption(values.tasks, io, "--tasks", values.mapping))?.title ?? read.title;
  } else {
    const made = await consolidateFiles(args, io);
    ledger = made.ledger;
    title = made.tasks?.title;
    problems = made.problems;
  }

  const resolved = resolveLetterhead(await letterheadOption(values, saved), title);
  await writeOutput(values.output, await noticeDocx(ledger, resolved));
  const t = ledgerTotals(ledger);
  io.out(`通报：${values.output}（${ledger.round}，应报 ${t.expected} 个单位，已报送 ${t.submitted} 个，未报送 ${t.notReported} 个，逾期事项 ${t.overdueItems} 项）`);
  const placeholders = (["issuer", "number", "to"] as const).filter((k) => resolved.unset.includes(k) && resolved[k].startsWith("〔"));
  if (placeholders.length > 0) {
    const names = placeholders.map((k) => LETTERHEAD_LABELS[k]).join("、");
    const flags = placeholders.map((k) => `--${k}`).join("、");
    io.err(`${names}未设置，文中以${placeholders.map((k) => resolved[k]).join("")}标出：请用 ${flags} 或 --letterhead 设置.json 给出，或在 Word 中改写。`);
  }
  return problems > 0 ? 1 : 0;
}
