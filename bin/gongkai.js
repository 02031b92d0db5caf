#!/usr/bin/env node
// Runs the command built by `npm install` (dist/cli/gongkai.cjs, see scripts/buildCli.ts), with V8's compiled
// code kept beside it between runs; in development, when that build is missing or older than the sources,
// the TypeScript sources through tsx.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Script } from "node:vm";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundle = join(root, "dist", "cli", "gongkai.cjs");
const codeCache = `${bundle}.v8cache`;

/** The newest modification time of the sources the bundle is built from. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts")) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of ["cli", "core", "workbook", "functions"]) if (existsSync(join(root, d))) walk(join(root, d));
  return newest;
}

/** Loads the CommonJS bundle as Node would, but from (and into) a V8 code cache: no recompiling at each start. */
function loadBundle() {
  let cachedData;
  try {
    cachedData = readFileSync(codeCache);
  } catch {
    cachedData = undefined;
  }
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, "utf8")}\n})`;
  const script = new Script(source, { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  if (cachedData === undefined || script.cachedDataRejected) {
    // after the run, so that the functions it compiled are in the cache too
    process.once("beforeExit", () => {
      try {
        writeFileSync(codeCache, script.createCachedData());
      } catch {
        // a read-only install: every run compiles, nothing else changes
      }
    });
  }
  return module.exports;
}

// `gongkai validate … | head` closes the pipe early: stop quietly, as command-line tools do.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

let run;
if (existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource()) ({ run } = loadBundle());
else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ run } = await import(pathToFileURL(join(root, "cli", "entry.ts")).href));
}
process.exitCode = await run(process.argv.slice(2));
