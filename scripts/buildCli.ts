/**
 * Builds the `gongkai` command into dist/cli/gongkai.mjs: one ES module bundled by esbuild with its
 * dependencies (exceljs included: one file loads much faster than exceljs' hundreds of modules), so the
 * command starts without compiling TypeScript. Run by `npm install` (the `prepare` script) and `npm run build`;
 * bin/gongkai.js falls back to the TypeScript sources through tsx when the build is missing or older than them.
 * The store's native and cloud modules (better-sqlite3, @azure/*) stay outside, in a chunk only `gongkai token` loads.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");

export const CLI_BUNDLE = join(root, "dist", "cli", "gongkai.mjs");

export async function buildCli(): Promise<string> {
  const { build } = await import("esbuild");
  await mkdir(join(root, "dist", "cli"), { recursive: true });
  await build({
    entryPoints: { gongkai: join(root, "cli", "entry.ts") },
    outdir: join(root, "dist", "cli"),
    outExtension: { ".js": ".mjs" },
    // `gongkai token` (the store, better-sqlite3, the Azure SDKs) in a chunk of its own, loaded only for it
    splitting: true,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    logLevel: "warning",
    external: ["better-sqlite3", "@azure/*", "azurite"],
    // CommonJS dependencies bundled into an ES module need require, __filename and __dirname
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __fu } from 'node:url'; import { dirname as __dn } from 'node:path'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);",
    },
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
