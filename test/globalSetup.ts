/**
 * Before any test: a Chromium for the browser tests. Found at CHROMIUM_PATH, /usr/bin/chromium, or as
 * chromium / chromium-browser / google-chrome on the PATH; when there is none and the tests run as root on a
 * machine with apt, Debian's `chromium` is installed (one line says so); otherwise one line says what to
 * install, and the run stops. The path found is handed to the tests in CHROMIUM_PATH.
 *
 * And LibreOffice Writer with poppler's pdfinfo and pdftoppm, for the test that prints the 通报 (.docx → PDF): found
 * on the PATH, or installed the same way (`libreoffice-writer-nogui poppler-utils`, no recommended packages: about
 * a minute); handed to the tests in SOFFICE_PATH. Without them that one test says it cannot run; the others run.
 *
 * And Dovecot, the IMAP server the mail tests start on 127.0.0.1 (test/fixtures/mailServers.ts): `dovecot` on the
 * PATH or /usr/sbin/dovecot, or installed the same way (`dovecot-imapd`, no recommended packages: about half a
 * minute; its postinst may fail to start a system service in a container, which does not matter: the tests run their
 * own); handed to the tests in DOVECOT_PATH. Without it the tests that need an IMAP server say they cannot run.
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

/** LibreOffice's `soffice`, where pdfinfo and pdftoppm are there too. */
export function findSoffice(): string | undefined {
  const onPath = (name: string) => {
    const r = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
    return r.status === 0 && r.stdout.trim() !== "" ? r.stdout.trim() : undefined;
  };
  const soffice = onPath("soffice") ?? onPath("libreoffice");
  return soffice && onPath("pdfinfo") && onPath("pdftoppm") ? soffice : undefined;
}

/** Dovecot's master binary: on the PATH, or in /usr/sbin (Debian's place, not on every user's PATH). */
export function findDovecot(): string | undefined {
  const r = spawnSync("sh", ["-c", "command -v dovecot"], { encoding: "utf8" });
  if (r.status === 0 && r.stdout.trim() !== "") return r.stdout.trim();
  return existsSync("/usr/sbin/dovecot") ? "/usr/sbin/dovecot" : undefined;
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

  let soffice = findSoffice();
  if (!soffice && canApt()) {
    console.log("通报的排版测试需要 LibreOffice Writer 和 poppler-utils，本机没有：正在用 apt-get 安装（只需一次，约一分钟）……");
    const install = spawnSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui poppler-utils >/dev/null"], { stdio: "inherit" });
    if (install.status !== 0) console.log("安装 LibreOffice 未成功：通报的排版测试不能运行，其余测试照常。");
    soffice = findSoffice();
  }
  if (soffice) process.env.SOFFICE_PATH = soffice;

  let dovecot = findDovecot();
  if (!dovecot && canApt()) {
    console.log("邮件测试需要 IMAP 服务器 Dovecot，本机没有：正在用 apt-get 安装 dovecot-imapd（只需一次，约半分钟）……");
    // the exit status is not trusted either way: in a container the postinst cannot start the system service
    spawnSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dovecot-imapd >/dev/null"], { stdio: "inherit" });
    dovecot = findDovecot();
    if (!dovecot) console.log("安装 Dovecot 未成功：需要 IMAP 服务器的邮件测试不能运行，其余测试照常。");
  }
  if (dovecot) process.env.DOVECOT_PATH = dovecot;
}
