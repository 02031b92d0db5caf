/**
 * Builds the `gongkai` command into dist/cli/gongkai.cjs: one file bundled by esbuild with its
 * dependencies (exceljs included: one file loads much faster than exceljs' hundreds of modules), so the
 * command starts without compiling TypeScript. Run by `npm install` (the `prepare` script) and `npm run build`;
 * bin/gongkai.js falls back to the TypeScript sources through tsx when the build is missing or older than them.
 * The store's native and cloud modules (better-sqlite3, @azure/*) stay outside; only `gongkai token` requires them.
 */
import { mkdir, readFile, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Plugin } from "esbuild";

const root = join(import.meta.dirname, "..");

export const CLI_BUNDLE = join(root, "dist", "cli", "gongkai.cjs");

/**
 * exceljs' streaming writer (the ledger) zips through archiver 5, whose archiver-utils 2 calls the deprecated
 * `new Buffer(…)`. Node warns of that (DEP0005, in English, on every `consolidate`) only for code outside
 * node_modules — which all of a bundle is. archiver-utils 3 made exactly these calls `Buffer.alloc`/`Buffer.from`;
 * so does the bundle. Each replacement has the same result (a zero-filled buffer of that size; the string's bytes).
 */
const BUFFER_CALLS: readonly [string, string][] = [
  ["new Buffer(0)", "Buffer.alloc(0)"],
  ["new Buffer(source)", "Buffer.from(source)"],
  ["new Buffer(size)", "Buffer.alloc(size)"],
];
const noDeprecatedBuffer: Plugin = {
  name: "archiver-utils-buffer",
  setup(b) {
    b.onLoad({ filter: /[\\/]archiver-utils[\\/]index\.js$/ }, async (args) => {
      let contents = await readFile(args.path, "utf8");
      for (const [from, to] of BUFFER_CALLS) contents = contents.replaceAll(from, to);
      return { contents, loader: "js", resolveDir: dirname(args.path) };
    });
  },
};

/** Builds the command into `outfile` (dist/cli/gongkai.cjs; a test builds elsewhere, not to disturb that one). */
export async function buildCli(outfile = CLI_BUNDLE): Promise<string> {
  const { build } = await import("esbuild");
  // the old build, its source map and V8's code cache of it (bin/gongkai.js)
  await Promise.all([outfile, `${outfile}.map`, `${outfile}.v8cache`].map((f) => rm(f, { force: true })));
  await mkdir(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [join(root, "cli", "entry.ts")],
    outfile,
    bundle: true,
    platform: "node",
    // CommonJS, so that bin/gongkai.js can keep V8's compiled code between runs (vm.Script cachedData)
    format: "cjs",
    target: "node20",
    sourcemap: true,
    logLevel: "warning",
    // parsePool.ts finds its worker module by `import.meta.url`, empty in this CommonJS bundle: there the command reads
    // mail in its own process instead (`inProcess` in parsePool.ts), so esbuild's warning about it says nothing to act on
    logOverride: { "empty-import-meta": "silent" },
    external: ["better-sqlite3", "@azure/*", "azurite", "imapflow", "nodemailer", "mailparser"],
    plugins: [noDeprecatedBuffer],
  });
  return outfile;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Never fails an install (e.g. `npm ci --omit=dev`, without esbuild): the command then runs its sources.
  await buildCli().then(
    (file) => console.log(`命令行已构建：${file}`),
    (e: unknown) => console.warn(`未能构建命令行（${e instanceof Error ? e.message : String(e)}），gongkai 将直接运行 TypeScript 源码（较慢）。`),
  );
}
