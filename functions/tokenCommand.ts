/** `gongkai token --unit U | --coordinator`: issues an API token in the configured store. */
import { parseArgs } from "node:util";
import { roundOf } from "../core/index.js";
import { loadSettings } from "./config.js";
import { StorageUnavailableError } from "./errors.js";
import { roundConfig } from "./roundConfig.js";
import { createServices } from "./services.js";
import { issueToken } from "./tokens.js";

export interface TokenIO {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = "用法：gongkai token --unit 单位全称   或   gongkai token --coordinator（存储与 npm start 相同：数据文件夹 GONGKAI_DATA_DIR，默认 data/；或 GONGKAI_STORAGE 指定的 Azure 存储）";

export async function tokenCommand(argv: string[], io: TokenIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values: { unit?: string | undefined; coordinator?: boolean | undefined };
  try {
    ({ values } = parseArgs({ args: argv, options: { unit: { type: "string" }, coordinator: { type: "boolean" } }, strict: true }));
  } catch {
    io.err(USAGE);
    return 2;
  }
  if ((values.unit === undefined) === (values.coordinator !== true)) {
    io.err(USAGE);
    return 2;
  }
  const services = createServices(await loadSettings(env));
  const store = services.store;
  let unit = "";
  try {
    if (values.unit !== undefined) {
      // The roster in use this month: the coordinator's uploaded one, else the configured one, else the task list's.
      const config = await roundConfig(services, roundOf(services.today()));
      const canonical = config.roster.canonicalUnit(values.unit);
      if (!canonical && config.rosterSource !== "task-list") {
        io.err(`gongkai token：“${values.unit}”不在单位名册中，请使用名册中的单位全称。`);
        return 2;
      }
      // Without a roster (only the task list's names), the name is taken as written.
      unit = canonical ?? values.unit.trim();
    }
    const token = await issueToken(store, unit ? { role: "unit", unit } : { role: "coordinator", unit: "" });
    io.out(token);
    io.err(unit ? `已为“${unit}”签发令牌（只显示这一次，请妥善转交）。` : "已签发汇总人令牌（只显示这一次，请妥善保管）。");
    return 0;
  } catch (e) {
    if (!(e instanceof StorageUnavailableError)) throw e;
    io.err("gongkai token：无法连接存储：请检查数据文件夹（GONGKAI_DATA_DIR）是否可写，或环境变量 GONGKAI_STORAGE 中的 Azure 存储连接字符串是否正确。");
    return 2;
  }
}
