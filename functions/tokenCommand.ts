/**
 * `gongkai token`: issue (`--unit U | --coordinator | --all [--days N]`), list (`--list`) and revoke (`--revoke ID`)
 * API tokens, in the store `npm start` uses. Units are those of the roster in use (`rosterInUse`).
 */
import { parseArgs } from "node:util";
import { localTime } from "../core/index.js";
import { loadSettings } from "./config.js";
import { StorageUnavailableError } from "./errors.js";
import { ROSTER_NAMES, rosterInUse, rosterWith, type RoundConfig } from "./roundConfig.js";
import { createServices, type Services } from "./services.js";
import { addToTokensFile, issueForUnits, issueToken, nearestUnits, tokensFileOf } from "./tokens.js";

export interface TokenIO {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = [
  "用法：gongkai token --unit 单位 [--days 天数]         为单位签发令牌（名册中的名称、简称或全称；可设有效天数）",
  "      gongkai token --all [--days 天数]               为单位名册中每个还没有有效令牌的单位签发（输出“单位<TAB>令牌”，同 tokens.txt）",
  "      gongkai token --coordinator [--days 天数]       为汇总人签发令牌",
  "      gongkai token --list                            列出已签发的令牌（不显示令牌本身）",
  "      gongkai token --revoke 令牌编号                 作废一个令牌",
  "存储与 npm start 相同：数据文件夹 GONGKAI_DATA_DIR，默认 data/；或 GONGKAI_STORAGE 指定的 Azure 存储。",
].join("\n");

const OPTIONS = {
  unit: { type: "string" },
  coordinator: { type: "boolean" },
  all: { type: "boolean" },
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
  const jobs = [values.unit !== undefined, values.coordinator === true, values.all === true, values.list === true, values.revoke !== undefined].filter(Boolean).length;
  const days = values.days === undefined ? undefined : Number(values.days);
  if (jobs !== 1 || (days !== undefined && !(Number.isInteger(days) && days > 0 && days <= 3650)) || (days !== undefined && (values.list || values.revoke))) {
    io.err(USAGE);
    return 2;
  }
  const services = createServices(await loadSettings(env));
  try {
    if (values.list) return await list(services, io);
    if (values.revoke !== undefined) return await revoke(services, values.revoke, io);
    if (values.all) return await issueAll(services, days, io);
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
    // The roster in use: the coordinator's uploaded one, else the configured one, else the latest task list's.
    const config = await rosterInUse(services);
    const canonical = config.roster.canonicalUnit(asked) ?? memberOfNamedGroup(config, asked);
    if (!canonical) {
      const near = nearestUnits(config.roster, asked);
      io.err(
        near.length > 0
          ? `gongkai token：单位名册中没有“${asked}”，是否指：${near.join("、")}？`
          : `gongkai token：单位名册中没有“${asked}”：请写${ROSTER_NAMES[config.rosterSource]}里的名称（--all 为其中每个单位签发）。`,
      );
      return 2;
    }
    unit = canonical;
  }
  const token = await issueToken(services.store, unit ? { role: "unit", unit } : { role: "coordinator", unit: "" }, services.now(), days);
  io.out(token);
  const until = days === undefined ? "长期有效，可用 --revoke 作废" : `${days} 天内有效`;
  io.err(unit ? `已为“${unit}”签发令牌（${until}；只显示这一次，请妥善转交）。` : `已签发汇总人令牌（${until}；只显示这一次，请妥善保管）。`);
  return 0;
}

/**
 * Without a roster (only the names the task list's cells hold), a unit the list names only through a group it fits
 * (`城关镇人民政府` under `各乡镇（街道）`): taken as written.
 */
function memberOfNamedGroup(config: RoundConfig, asked: string): string | undefined {
  if (config.rosterSource !== "task-list") return undefined;
  const name = asked.trim();
  return rosterWith(config, [name]).roster.units.some((u) => u.name === name && u.groups.length > 0) ? name : undefined;
}

/** `--all`: a token for every unit of the roster in use that has no active one, as `单位<TAB>令牌` lines. */
async function issueAll(services: Services, days: number | undefined, io: TokenIO): Promise<number> {
  const { roster, rosterSource } = await rosterInUse(services);
  const { issued, existing } = await issueForUnits(services.store, roster.unitNames, services.now(), days);
  for (const { unit, token } of issued) io.out(`${unit}\t${token}`);
  const file = tokensFileOf(services.settings);
  if (file) await addToTokensFile(file, issued, "本机签发的令牌（含 gongkai token --all 签发的）", roster.unitNames);
  const already = existing.length > 0 ? `；${existing.length} 个单位已有有效令牌，未再签发（令牌无法再次显示；遗失的可用 --revoke 作废后用 --unit 重发）` : "";
  io.err(`按${ROSTER_NAMES[rosterSource]}（${roster.unitNames.length} 个单位）：新签发 ${issued.length} 个令牌${issued.length > 0 ? "，只显示这一次，请妥善转交" : ""}${file && issued.length > 0 ? `，并已写入 ${file}` : ""}${already}。`);
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
