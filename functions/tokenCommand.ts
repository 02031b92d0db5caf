/** `gongkai token`: issue (`--unit U | --coordinator [--days N]`), list (`--list`) and revoke (`--revoke ID`) API tokens. */
import { parseArgs } from "node:util";
import { localTime, roundOf } from "../core/index.js";
import { loadSettings } from "./config.js";
import { StorageUnavailableError } from "./errors.js";
import { roundConfig } from "./roundConfig.js";
import { createServices, type Services } from "./services.js";
import { issueToken } from "./tokens.js";

export interface TokenIO {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = [
  "用法：gongkai token --unit 单位全称 [--days 天数]     为单位签发令牌（可设有效天数）",
  "      gongkai token --coordinator [--days 天数]       为汇总人签发令牌",
  "      gongkai token --list                            列出已签发的令牌（不显示令牌本身）",
  "      gongkai token --revoke 令牌编号                 作废一个令牌",
  "存储与 npm start 相同：数据文件夹 GONGKAI_DATA_DIR，默认 data/；或 GONGKAI_STORAGE 指定的 Azure 存储。",
].join("\n");

const OPTIONS = {
  unit: { type: "string" },
  coordinator: { type: "boolean" },
  days: { type: "string" },
  list: { type: "boolean" },
  revoke: { type: "string" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>["values"];

export async function tokenCommand(argv: string[], io: TokenIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values: Values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true }));
  } catch {
    io.err(USAGE);
    return 2;
  }
  const jobs = [values.unit !== undefined, values.coordinator === true, values.list === true, values.revoke !== undefined].filter(Boolean).length;
  const days = values.days === undefined ? undefined : Number(values.days);
  if (jobs !== 1 || (days !== undefined && !(Number.isInteger(days) && days > 0 && days <= 3650)) || (days !== undefined && (values.list || values.revoke))) {
    io.err(USAGE);
    return 2;
  }
  const services = createServices(await loadSettings(env));
  try {
    if (values.list) return await list(services, io);
    if (values.revoke !== undefined) return await revoke(services, values.revoke, io);
    return await issue(services, values.unit, days, io);
  } catch (e) {
    if (!(e instanceof StorageUnavailableError)) throw e;
    io.err("gongkai token：无法连接存储：请检查数据文件夹（GONGKAI_DATA_DIR）是否可写，或环境变量 GONGKAI_STORAGE 中的 Azure 存储连接字符串是否正确。");
    return 2;
  }
}

async function issue(services: Services, asked: string | undefined, days: number | undefined, io: TokenIO): Promise<number> {
  let unit = "";
  if (asked !== undefined) {
    // The roster in use this month: the coordinator's uploaded one, else the configured one, else the task list's.
    const config = await roundConfig(services, roundOf(services.today()));
    const canonical = config.roster.canonicalUnit(asked);
    if (!canonical && config.rosterSource !== "task-list") {
      io.err(`gongkai token：“${asked}”不在单位名册中，请使用名册中的单位全称。`);
      return 2;
    }
    // Without a roster (only the task list's names), the name is taken as written.
    unit = canonical ?? asked.trim();
  }
  const token = await issueToken(services.store, unit ? { role: "unit", unit } : { role: "coordinator", unit: "" }, services.now(), days);
  io.out(token);
  const until = days === undefined ? "长期有效，可用 --revoke 作废" : `${days} 天内有效`;
  io.err(unit ? `已为“${unit}”签发令牌（${until}；只显示这一次，请妥善转交）。` : `已签发汇总人令牌（${until}；只显示这一次，请妥善保管）。`);
  return 0;
}

async function list(services: Services, io: TokenIO): Promise<number> {
  const now = services.now().toISOString();
  const tokens = (await services.store.listTokens()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  io.out(["编号", "身份", "单位", "签发时间", "有效期至", "状态"].join("\t"));
  for (const t of tokens) {
    const state = t.revokedAt ? `已作废（${localTime(t.revokedAt)}）` : t.expiresAt && t.expiresAt <= now ? "已过期" : "有效";
    io.out([t.tokenId, t.role === "coordinator" ? "汇总人" : "单位", t.unit || "—", localTime(t.createdAt), t.expiresAt ? localTime(t.expiresAt) : "长期", state].join("\t"));
  }
  io.err(`共 ${tokens.length} 个令牌（令牌本身不保存，无法再次显示）。`);
  return 0;
}

async function revoke(services: Services, tokenId: string, io: TokenIO): Promise<number> {
  const id = tokenId.replace(/^gk_/, "").split("_")[0]!; // the id, or a whole token pasted in
  if (!(await services.store.revokeToken(id, services.now()))) {
    io.err(`gongkai token：没有编号为“${tokenId}”的令牌（用 --list 查看编号）。`);
    return 2;
  }
  io.out(`已作废令牌 ${id}：用它的请求从现在起一律被拒绝（401）。`);
  return 0;
}
