/**
 * `npm run sideload`: opens Excel with the add-in, through office-addin-debugging where it installed
 * (it needs libsecret on Linux, so it is optional); otherwise says how to sideload by hand.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { officeTool, turnOffOfficeUsageData } from "./officeTools.js";

const root = join(import.meta.dirname, "..");
const manifest = join(root, "dist", "addin", "manifest.xml");

if (!existsSync(manifest)) spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts", "buildAddin.ts")], { stdio: "inherit" });
turnOffOfficeUsageData();

const debugging = officeTool("office-addin-debugging");
if (debugging) {
  const platform = process.argv[2] ?? "desktop";
  const r = spawnSync(debugging, ["start", manifest, platform, "--no-debug", "--no-live-reload"], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}
console.log(`office-addin-debugging 未安装（它在 Linux 上需要 libsecret，是可选依赖）。请手动侧载：
  Excel 网页版：插入 → 加载项 → 上传我的加载项 → 选择 ${manifest}
  Windows 桌面版：把 ${join(root, "dist", "addin")} 设为共享文件夹，在 文件 → 选项 → 信任中心 → 受信任的加载项目录 中添加它，
                  重启 Excel 后在 插入 → 我的加载项 → 共享文件夹 中选择“政务公开台账”。
  先运行 npm start，让 https://localhost:3000 提供任务面板。`);
