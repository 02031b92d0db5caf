/**
 * Before any test: a Chromium for the browser tests. Found at CHROMIUM_PATH, /usr/bin/chromium, or as
 * chromium / chromium-browser / google-chrome on the PATH; when there is none and the tests run as root on a
 * machine with apt, Debian's `chromium` is installed (one line says so); otherwise one line says what to
 * install, and the run stops. The path found is handed to the tests in CHROMIUM_PATH.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];
const ON_PATH = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  for (const c of CANDIDATES) if (existsSync(c)) return c;
  for (const name of ON_PATH) {
    const r = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
    if (r.status === 0 && r.stdout.trim() !== "") return r.stdout.trim();
  }
  return undefined;
}

const canApt = () => process.getuid?.() === 0 && spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;

export default function setup(): void {
  let found = findChromium();
  if (!found && !process.env.CHROMIUM_PATH && canApt()) {
    console.log("浏览器测试需要 Chromium，本机没有：正在用 apt-get 安装 Debian 的 chromium（只需一次）……");
    execFileSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null"], { stdio: "inherit" });
    found = findChromium();
  }
  if (!found) {
    throw new Error(
      process.env.CHROMIUM_PATH
        ? `CHROMIUM_PATH 指向的 ${process.env.CHROMIUM_PATH} 不存在：请改成本机 Chromium 的路径。`
        : "浏览器测试需要 Chromium：请安装 Debian/Ubuntu 的 chromium（sudo apt-get install chromium），或用 CHROMIUM_PATH 指定浏览器路径。",
    );
  }
  process.env.CHROMIUM_PATH = found;
}
