// Whether a build made from the TypeScript sources (the command, the parse worker; scripts/buildCli.ts) is newer
// than every one of them: bin/gongkai.js and the service's parse pool run the build then, and the sources (through
// tsx) otherwise — in development, after an edit.
const { existsSync, readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");

const SOURCES = ["cli", "core", "workbook", "functions"];

/** The newest modification time of the sources under `root`. */
function newestSource(root) {
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts")) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of SOURCES) if (existsSync(join(root, d))) walk(join(root, d));
  return newest;
}

/** `file` exists and is no older than any source under `root`. */
exports.isFresh = (file, root) => existsSync(file) && statSync(file).mtimeMs >= newestSource(root);
