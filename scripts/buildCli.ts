/**
 * Builds the `gongkai` command into dist/cli/gongkai.cjs: one file bundled by esbuild with its
 * dependencies (exceljs included: one file loads much faster than exceljs' hundreds of modules), so the
 * command starts without compiling TypeScript. Run by `npm install` (the `prepare` script) and `npm run build`;
 * bin/gongkai.js falls back to the TypeScript sources through tsx when the build is missing or older than them.
 * The store's native and cloud modules (better-sqlite3, @azure/*) stay outside; only `gongkai token` requires them.
 */
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");

export const CLI_BUNDLE = join(root, "dist", "cli", "gongkai.cjs");

export async function buildCli(): Promise<string> {
  const { build } = await import("esbuild");
  await rm(join(root, "dist", "cli"), { recursive: true, force: true });
  await mkdir(join(root, "dist", "cli"), { recursive: true });
  await build({
    entryPoints: [join(root, "cli", "entry.ts")],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: "node",
    // CommonJS, so that bin/gongkai.js can keep V8's compiled code between runs (vm.Script cachedData)
    format: "cjs",
    target: "node20",
    sourcemap: true,
    logLevel: "warning",
    external: ["better-sqlite3", "@azure/*", "azurite"],
  });
  return CLI_BUNDLE;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Never fails an install (e.g. `npm ci --omit=dev`, without esbuild): the command then runs its sources.
  await buildCli().then(
    (file) => console.log(`命令行已构建：${file}`),
    (e: unknown) => console.warn(`未能构建命令行（${e instanceof Error ? e.message : String(e)}），gongkai 将直接运行 TypeScript 源码（较慢）。`),
  );
}
