/** `gongkai`: the same jobs as the add-in and the service, offline. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { WorkbookError, ensureError } from "../workbook/index.js";
import { annotateCommand } from "./commands/annotate.js";
import { consolidateCommand } from "./commands/consolidate.js";
import { demoCommand } from "./commands/demo.js";
import { noticeCommand } from "./commands/notice.js";
import { tasksCommand } from "./commands/tasks.js";
import { templateCommand } from "./commands/template.js";
import { validateCommand } from "./commands/validate.js";
import { UsageError, type CliIO } from "./io.js";

export const USAGE = `用法：
  gongkai template -o 输出.xlsx [--from 官方表.xlsx] [--unit 单位] [--year 2022]   由官方任务分解表生成各单位的模板（含联络人表、单位名册）
  gongkai validate 文件.xlsx [--tasks 官方表.xlsx] [--unit 单位] [--today YYYY-MM-DD] [--json]   校验一份台账
  gongkai annotate 文件.xlsx -o 标注.xlsx [--tasks 官方表.xlsx] [--unit 单位] [--today YYYY-MM-DD]  生成标注了颜色和批注的副本（原文件不变）
  gongkai consolidate 文件或文件夹... -o 汇总台账.xlsx [--tasks 官方表.xlsx] [--today YYYY-MM-DD] [--round YYYY-MM] [--json]   汇总各单位报送的台账
  gongkai notice 汇总台账.json | 文件或文件夹... -o 通报.docx [--round YYYY-MM] [--tasks 官方表.xlsx] [--roster 名册] [--letterhead 设置.json] [--issuer 发文机关 --number 发文字号 --to 主送机关 --cc 抄送机关 --printer 印发机关 --date-style chinese|arabic] [--today YYYY-MM-DD]   生成通报（Word，按党政机关公文格式排版），附各单位报送和完成情况统计表
  gongkai tasks 官方表.xlsx [--mapping 更正.json] [--roster 名册] [--json]   官方表是怎样读的：每列的角色、标题行、每项任务的单位和时限，以及读不出单位或时限的任务（有则退出码 1）
  gongkai token --unit 单位 | --all | --coordinator [--days N] | --list | --revoke 编号   签发（--all：为单位名册中每个还没有令牌的单位签发）、列出、作废接口令牌（写入 npm start 所用的存储：数据文件夹 GONGKAI_DATA_DIR，默认 data/；或 GONGKAI_STORAGE 指定的 Azure 存储）
  gongkai mail --imap imaps://用户名@服务器:993 [--smtp smtps://用户名@服务器:465] [--roster 名册] [--folder INBOX] [--once] [--json]   从单位邮箱收取各单位发来的任务分解表，按网页报送的同样检查存入台账并回复结果（密码用环境变量 GONGKAI_IMAP_PASSWORD）
  gongkai demo [--dir 文件夹]                                     演示：生成模板、填写示例、校验并标注
选项 --tasks / --from 官方表.xlsx：本地下发的任务分解表（原样的 .xlsx）；不指定时使用内置示例表（正镶白旗2022年）。
选项 --roster 名册.xlsx|名册.json：汇总人的单位名册（template、validate、annotate、consolidate、tasks、mail）。
选项 --letterhead 设置.json：通报版头设置 {"issuer": 发文机关, "number": 发文字号, "to": 主送机关, "cc": 抄送机关, "printer": 印发机关, "dateStyle": "chinese"（二〇二六年十二月六日，默认）或 "arabic"（2026年12月6日）}；未设置的在文中以〔发文机关〕等标出。
选项 --mapping 更正.json|更正.xlsx：汇总人对官方表读法的更正（列的角色、标题行、单位短语），与 --tasks / --from 一起用；先用 gongkai tasks 查看读法。
退出码：0 无错误；1 发现错误；2 输入或参数无法使用。`;

const OPTIONS = {
  output: { type: "string", short: "o" },
  unit: { type: "string" },
  today: { type: "string" },
  year: { type: "string" },
  round: { type: "string" },
  json: { type: "boolean" },
  dir: { type: "string" },
  roster: { type: "string" },
  tasks: { type: "string" },
  mapping: { type: "string" },
  from: { type: "string" },
  letterhead: { type: "string" },
  issuer: { type: "string" },
  number: { type: "string" },
  to: { type: "string" },
  cc: { type: "string" },
  printer: { type: "string" },
  "date-style": { type: "string" },
  help: { type: "boolean", short: "h" },
} satisfies ParseArgsConfig["options"];

export type ParsedArgs = ReturnType<typeof parse>;

function parse(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`参数有误：${ensureError(e).message}`);
  }
}

const COMMANDS: Record<string, (a: ParsedArgs, io: CliIO) => Promise<number>> = {
  template: templateCommand,
  validate: validateCommand,
  annotate: annotateCommand,
  consolidate: consolidateCommand,
  notice: noticeCommand,
  tasks: tasksCommand,
  demo: demoCommand,
};

/** Runs one command; returns the exit code. Never throws for bad input. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.out(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`未知命令“${name}”。\n${USAGE}`);
    return 2;
  }
  try {
    const parsed = parse(rest);
    if (parsed.values.help) {
      io.out(USAGE);
      return 0;
    }
    return await command(parsed, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof WorkbookError) {
      io.err(`gongkai ${name}：${e.message}`);
      return 2;
    }
    const err = ensureError(e);
    io.err(`gongkai ${name}：内部错误：${err.message}（设置环境变量 GONGKAI_DEBUG=1 可看到详细信息）`);
    if (process.env.GONGKAI_DEBUG) io.err(err.stack ?? "");
    return 3;
  }
}
