/**
 * `npm start`: the whole service on this machine, no Azure account and no Core Tools needed.
 * The embedded store (a data folder, `GONGKAI_DATA_DIR`, default `data/`; or Azure Storage when
 * `GONGKAI_STORAGE` names it, Azurite started for `UseDevelopmentStorage=true`) → the functions
 * (`func start` when Core Tools are installed, else the local host serving the same handlers) → tokens
 * for the coordinator and each unit of the roster in use (`rosterInUse`: the coordinator's, never the sample's once a
 * roster or task list is uploaded), kept from one start to the next.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { connect } from "node:net";
import { join, resolve } from "node:path";
import { completeCopy, demoCopy, writeTemplate } from "../../workbook/index.js";
import { DEFAULT_DATA_DIR, loadSettings } from "../config.js";
import type { ServerOptions as TlsOptions } from "node:https";
import { buildAddin } from "../../scripts/buildAddin.js";
import { turnOffOfficeUsageData } from "../../scripts/officeTools.js";
import { startLocalHost } from "../localHost.js";
import { MailIntake } from "../mail/intake.js";
import { mailSettings } from "../mail/settings.js";
import { staticFiles } from "./staticFiles.js";
import { createServices, type Services } from "../services.js";
import type { EmbeddedStore } from "../storage/embedded.js";
import { azuriteConnectionString } from "../storage/connection.js";
import { ROSTER_NAMES, rosterInUse } from "../roundConfig.js";
import { COORDINATOR_LINE, issueToken, parseTokensFile, verifyToken, writeTokensFile } from "../tokens.js";
import { startAzurite, type Azurite } from "./azurite.js";

const root = resolve(import.meta.dirname, "../..");
const env = process.env;
const PORT = Number(env.GONGKAI_PORT ?? 7071);
const BLOB_PORT = Number(env.GONGKAI_AZURITE_BLOB_PORT ?? 10000);
const TABLE_PORT = Number(env.GONGKAI_AZURITE_TABLE_PORT ?? 10002);
const DATA = resolve(env.GONGKAI_DATA_DIR ?? join(root, DEFAULT_DATA_DIR));
const DEMO = resolve(env.GONGKAI_DEMO_DIR ?? join(root, "demo-output"));
const ADDIN_PORT = Number(env.GONGKAI_ADDIN_PORT ?? 3000);

/** https for Excel (it loads add-ins only from https), with office-addin-dev-certs when it is installed. */
async function devCertificates(): Promise<TlsOptions | undefined> {
  if (env.GONGKAI_NO_HTTPS) return undefined;
  turnOffOfficeUsageData();
  const dir = join(homedir(), ".office-addin-dev-certs");
  let certs: { getHttpsServerOptions(days?: number): Promise<TlsOptions> };
  try {
    certs = (await import("office-addin-dev-certs")) as typeof certs;
  } catch {
    console.warn("未安装 office-addin-dev-certs（可选依赖），任务面板改用 http 提供；Excel 侧载需要 https。");
    return undefined;
  }
  try {
    return await withoutLibraryLog(() => certs.getHttpsServerOptions());
  } catch {
    // The certificate was made but its CA could not be trusted system-wide (no sudo, say): serve https
    // with it all the same; the browser will ask once. (The library's reason is in English: not shown.)
    if (existsSync(join(dir, "localhost.crt")) && existsSync(join(dir, "localhost.key"))) {
      console.warn(`本机开发证书（${dir}）未能加入系统信任（这需要管理员权限：可自行运行 npx office-addin-dev-certs install）；仍用它提供 https，浏览器会提示一次。`);
      return { cert: await readFile(join(dir, "localhost.crt")), key: await readFile(join(dir, "localhost.key")), ca: await readFile(join(dir, "ca.crt")).catch(() => undefined) };
    }
    console.warn(`未能在 ${dir} 生成本机 https 证书，任务面板改用 http 提供；Excel 侧载需要 https。`);
    return undefined;
  }
}

/** office-addin-dev-certs reports each step on console.log, in English; its outcome is told above, in Chinese. */
async function withoutLibraryLog<T>(f: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = () => undefined;
  try {
    return await f();
  } finally {
    console.log = log;
  }
}

const inUse = (port: number) =>
  new Promise<boolean>((done) => {
    const s = connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), done(true)));
    s.once("error", () => done(false));
  });

const hasFunc = () => !env.GONGKAI_NO_FUNC && spawnSync("func", ["--version"], { stdio: "ignore" }).status === 0;

async function main(): Promise<void> {
  let azurite: Azurite | undefined;
  let storageEnv: Record<string, string> = { GONGKAI_DATA_DIR: DATA };
  if (env.GONGKAI_STORAGE && /UseDevelopmentStorage\s*=\s*true/i.test(env.GONGKAI_STORAGE)) {
    // Azurite on request (an emulator: for trying the Azure path, not for keeping a county's data).
    storageEnv = { GONGKAI_STORAGE: azuriteConnectionString("127.0.0.1", BLOB_PORT, TABLE_PORT) };
    if ((await inUse(BLOB_PORT)) && (await inUse(TABLE_PORT))) {
      console.log(`端口 ${BLOB_PORT}/${TABLE_PORT} 上已有 Azurite 在运行，直接使用。`);
    } else {
      azurite = await startAzurite({ location: join(DATA, "azurite"), blobPort: BLOB_PORT, tablePort: TABLE_PORT });
      console.log(`Azurite 已启动（数据保存在 ${join(DATA, "azurite")}，已关闭遥测）。`);
    }
  } else if (env.GONGKAI_STORAGE) storageEnv = { GONGKAI_STORAGE: env.GONGKAI_STORAGE };
  const settings = await loadSettings({ ...env, ...storageEnv });
  const services = createServices(settings);
  // the office mailbox, when one is configured (off by default): read while the service runs
  const mail = mailSettings(env);
  if (mail) services.mailbox = new MailIntake(services, mail, { log: (line) => console.log(line) });
  // A store that cannot be used (a corrupted gongkai.db, a read-only folder) does not stop the service: it starts to
  // say so — health and every request answer 503 with the file and what to do — rather than leave nothing answering.
  const storeFault = await services.store.ensureReady().then(
    () => undefined,
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
  if (storeFault) {
    console.error(`存储无法使用：${storeFault}\n服务仍然启动，以便说明故障：健康检查（/api/health）和每一个请求都答复 503 并说明原因。按上面的提示处理后重新启动。`);
  } else if (settings.storage.kind === "embedded") {
    console.log(`数据保存在 ${settings.storage.dir}（收到的文件在 files/，索引在 gongkai.db）。`);
    const store = services.store as EmbeddedStore;
    if (store.temporaryFilesRemoved > 0) console.log(`已清理上次中断写入时留下的 ${store.temporaryFilesRemoved} 个临时文件（files/ 下的 .tmp，不是收到的文件）。`);
    // each told once: noted in the index as announced, not repeated at every start
    for (const o of await store.newOrphans(services.now())) {
      console.warn(`注意：${o.round} 的文件 ${o.id}.xlsx 已保存但没有登记（上次停止时正在处理；报送方未收到确认，会重新报送）。文件保留在 files/${o.round}/，此提示只出现这一次。`);
    }
  }

  let stopHost: () => Promise<void>;
  let base: string;
  if (hasFunc()) {
    console.log("检测到 Azure Functions Core Tools，用 func start 运行……");
    spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
    const func = spawn("func", ["start", "--port", String(PORT)], { cwd: root, stdio: "inherit", env: { ...env, ...storageEnv, FUNCTIONS_WORKER_RUNTIME: "node" } });
    stopHost = async () => void func.kill("SIGINT");
    base = `http://localhost:${PORT}`;
  } else {
    const host = await startLocalHost(services, { port: PORT, host: env.GONGKAI_HOST ?? "127.0.0.1" });
    stopHost = host.close;
    base = host.url.replace("127.0.0.1", "localhost");
  }

  // The task pane, and the same API beside it (one origin: no CORS, no mixed content).
  const addinDir = await buildAddin({ url: `https://localhost:${ADDIN_PORT}` });
  const tls = await devCertificates();
  const pane = await startLocalHost(services, { port: ADDIN_PORT, host: env.GONGKAI_HOST ?? "127.0.0.1", extra: [staticFiles("/", addinDir)], ...(tls ? { tls } : {}) });
  const paneUrl = pane.url.replace("127.0.0.1", "localhost");
  const stopApi = stopHost;
  stopHost = async () => {
    await pane.close();
    await stopApi();
  };

  const shutdown = async () => {
    await services.mailbox?.stop();
    await stopHost();
    // the write-ahead log checkpointed into gongkai.db: a copy of that file alone (a backup) holds every record
    if (settings.storage.kind === "embedded") (services.store as EmbeddedStore).close();
    await azurite?.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
  // `npm start` runs this under a shell that passes no signal on: when npm is stopped the shell goes and this process
  // is handed to another parent — then it stops too, cleanly, rather than serve on unseen
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void shutdown();
  }, 1000).unref();
  if (storeFault) {
    console.log(`\n政务公开台账服务已启动，但存储无法使用：${base}/api/health 说明原因。按 Ctrl+C 停止。`);
    return;
  }

  if (services.mailbox) {
    services.mailbox.start();
    const m = services.mailbox.settings;
    console.log(`单位邮箱：每 ${m.pollSeconds} 秒查看 ${m.imap.shown} 的“${m.folder}”，${m.smtp ? `经 ${m.smtp.shown} 以 ${m.from} 回复` : "不回复（未设置 GONGKAI_SMTP_URL）"}；状态见看板“单位邮箱”。`);
  }

  const tokensFile = join(DATA, "tokens.txt");
  const { roster, rosterSource } = await rosterInUse(services);
  const tokens = await startTokens(services, tokensFile, roster.unitNames);
  // A secret is shown once, when it is issued; later starts say where the file is (it stays readable by its owner only).
  const shown = (who: string) => (tokens.fresh.has(who) ? tokens.map.get(who)! : `<${who === COORDINATOR_LINE ? "汇总人" : who}的令牌，见 tokens.txt>`);
  const coordinator = shown(COORDINATOR_LINE);
  const round = services.today().slice(0, 7);
  // the sample's demo files, and a try-out with them, only while the sample's roster is the one in use
  const sampleInUse = rosterSource === "built-in";
  const example = (sampleInUse && tokens.map.has("旗财政局") ? "旗财政局" : roster.unitNames[0]) ?? "";
  const exampleToken = example ? shown(example) : "";
  let tryOut: string;
  if (sampleInUse) {
    await mkdir(DEMO, { recursive: true });
    const sample = join(DEMO, "旗财政局-台账.xlsx");
    const faulty = join(DEMO, "旗财政局-台账-有错误.xlsx");
    await writeFile(join(DEMO, "任务分解表-模板.xlsx"), await writeTemplate());
    await writeFile(sample, await completeCopy("旗财政局"));
    await writeFile(faulty, await demoCopy());
    tryOut = `试一试（示例台账在 ${DEMO}）：
  curl -X POST --data-binary @"${sample}" -H "Authorization: Bearer ${exampleToken}" "${base}/api/submissions?round=${round}"
  （有错误的表会被退回并列出问题：把文件换成 ${faulty} 试试）`;
  } else {
    tryOut = `试一试（${example}）：下载本单位的本月模板，填好后报送
  curl -H "Authorization: Bearer ${exampleToken}" -o 模板.xlsx "${base}/api/template?round=${round}"
  curl -X POST --data-binary @模板.xlsx -H "Authorization: Bearer ${exampleToken}" "${base}/api/submissions?round=${round}"`;
  }
  const dropped = tokens.dropped.length > 0
    ? `\n  不在当前名册中的 ${tokens.dropped.length} 个单位（如 ${tokens.dropped.slice(0, 2).join("、")}）的令牌不再列出，也不能再报送（会被告知向汇总人索取新令牌）：可用 npx gongkai token --list 查看、--revoke 作废。`
    : "";

  console.log(`
政务公开台账服务已启动：${base}/api/health
  报送   POST ${base}/api/submissions?round=${round}
  进度   GET  ${base}/api/status?round=${round}
  台账   GET  ${base}/api/ledger?round=${round}&format=xlsx
  原件   GET  ${base}/api/submissions/{id}/file

${tokens.fresh.has(COORDINATOR_LINE) ? `汇总人令牌：${coordinator}\n  （令牌只在签发时显示这一次，已写入 ${tokensFile}）` : `汇总人令牌：见 ${tokensFile}（签发时已显示过，此后不再显示）`}
各单位令牌（按${ROSTER_NAMES[rosterSource]}，共 ${roster.unitNames.length} 个单位${tokens.issued > 0 ? `，本次新签发 ${tokens.issued} 个` : ""}）已写入 ${tokensFile}${example && tokens.fresh.has(example) ? `，例如 ${example}：${exampleToken}` : "（只有新签发的令牌在签发时显示；请从该文件中取用，勿外传）"}${dropped}
  上传新的单位名册或任务分解表后，在看板上为名册中的单位签发令牌（POST /api/tokens），或运行 npx gongkai token --all，即为新单位签发；下次启动时也会补发。

${tryOut}
  curl -H "Authorization: Bearer ${coordinator}" "${base}/api/status?round=${round}"
  curl -H "Authorization: Bearer ${coordinator}" -o 汇总台账.xlsx "${base}/api/ledger?round=${round}&format=xlsx"

Excel 加载项（任务面板）：${paneUrl}/taskpane.html
  侧载：Excel 网页版 → 插入 → 加载项 → 上传我的加载项 → 选择 ${join(addinDir, "manifest.xml")}
        桌面版可运行 npm run sideload（需安装 office-addin-debugging）；详见 README。
  在任务面板“设置”中：服务器地址留空即用 ${paneUrl}，令牌填上面的单位令牌。
不用 Excel（WPS、LibreOffice）：在浏览器打开 ${paneUrl}/taskpane.html，选择文件即可校验、下载标注副本、报送。
汇总看板（汇总人）：${paneUrl}/dashboard.html

按 Ctrl+C 停止。`);

}

/**
 * The tokens of `tokens.txt` (`单位<TAB>令牌`, `汇总人` for the coordinator) for the coordinator and each unit of the
 * roster in use: those the store still knows are used again, only the missing ones are issued. Units no longer in the
 * roster are left out of the file (their tokens stay valid until revoked). The file is readable by its owner only.
 */
async function startTokens(
  services: Services,
  file: string,
  units: readonly string[],
): Promise<{ map: Map<string, string>; /** units newly issued for */ issued: number; /** who got a token just now (the coordinator included) */ fresh: Set<string>; dropped: string[] }> {
  const old = new Map<string, string>();
  for (const [who, token] of parseTokensFile(await readFile(file, "utf8").catch(() => ""))) {
    const p = await verifyToken(services.store, token, services.now());
    if (p && (who === COORDINATOR_LINE ? p.role === "coordinator" : p.role === "unit" && p.unit === who)) old.set(who, token);
  }
  const map = new Map<string, string>();
  const fresh = new Set<string>();
  let issued = 0;
  for (const who of [COORDINATOR_LINE, ...units]) {
    const kept = old.get(who);
    if (kept) map.set(who, kept);
    else {
      map.set(who, await issueToken(services.store, who === COORDINATOR_LINE ? { role: "coordinator", unit: "" } : { role: "unit", unit: who }, services.now()));
      fresh.add(who);
      if (who !== COORDINATOR_LINE) issued++;
    }
  }
  const dropped = [...old.keys()].filter((who) => !map.has(who));
  await writeTokensFile(file, `本机签发的令牌（${issued === 0 ? "沿用上次的" : `本次为 ${issued} 个单位新签发`}）`, map);
  return { map, issued, fresh, dropped };
}

main().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  if (/EADDRINUSE/.test(message)) console.error(`启动失败：端口 ${PORT} 已被占用。请关闭占用它的程序，或设置 GONGKAI_PORT 换一个端口。`);
  else console.error(`启动失败：${message}`);
  process.exit(1);
});
