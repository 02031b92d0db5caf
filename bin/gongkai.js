#!/usr/bin/env node
// Runs the command built by `npm install` (dist/cli/gongkai.mjs, see scripts/buildCli.ts); in development,
// when that build is missing or older than the sources, the TypeScript sources through tsx.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundle = join(root, "dist", "cli", "gongkai.mjs");

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

// `gongkai validate … | head` closes the pipe early: stop quietly, as command-line tools do.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

let run;
if (existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource()) {
  ({ run } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ run } = await import(pathToFileURL(join(root, "cli", "entry.ts")).href));
}
process.exitCode = await run(process.argv.slice(2));
