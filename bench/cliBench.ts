/**
 * `gongkai validate` of a real copy, the whole cold process (start, read, validate, print), against a bare Node
 * process loading the same file with exceljs (bench/bareLoad.cjs), the two run in alternation.
 *
 * The command runs as installed: bin/gongkai.js and the bundle `npm install` builds (scripts/buildCli.ts), with V8's
 * code cache it keeps beside the bundle (filled by a first run, as by a user's first run). Both are built into a
 * folder of the bench's own, so that a source edited meanwhile by someone else neither makes the launcher fall back to
 * tsx nor disturbs the repository's dist/.
 */
import { spawnSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildCli } from "../scripts/buildCli.js";
import { completeCopy } from "../workbook/index.js";
import { distinctXlsx } from "./distinctTable.js";
import { median, ms, note, row, section } from "./rows.js";

const PAIRS = 9;

function timed(args: string[], expect: (status: number | null) => boolean): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: "utf8" });
  const elapsed = performance.now() - t;
  if (!expect(r.status)) throw new Error(`${args.join(" ")} exited with ${r.status}: ${r.stderr.slice(0, 500)}`);
  return elapsed;
}

export async function cliBench(): Promise<void> {
  section(`gongkai validate of a real copy, whole cold process, vs a bare node process loading the same file with exceljs (median of ${PAIRS}, in alternation)`);
  const dir = await mkdtemp(join(tmpdir(), "gongkai-bench-cli-"));
  try {
    const root = join(dir, "install");
    await mkdir(join(root, "bin"), { recursive: true });
    await writeFile(join(root, "package.json"), JSON.stringify({ type: "module" }));
    await copyFile(join(import.meta.dirname, "..", "bin", "gongkai.js"), join(root, "bin", "gongkai.js"));
    await buildCli(join(root, "dist", "cli", "gongkai.cjs"));
    const bin = join(root, "bin", "gongkai.js");
    const bare = join(import.meta.dirname, "bareLoad.cjs");
    const inputs: [string, Uint8Array][] = [
      ["37-row copy of the seed's table", await completeCopy("旗财政局")],
      ["400-row table of distinct texts", await distinctXlsx(400)],
    ];
    for (const [name, bytes] of inputs) {
      const file = join(dir, `${name.split(" ")[0]}.xlsx`);
      await writeFile(file, bytes);
      // 0: no errors, 1: errors found — both a finished validation; 2 would be "no table found"
      const product = () => timed([bin, "validate", file, "--today", "2022-03-10"], (s) => s === 0 || s === 1);
      const floor = () => timed([bare, file], (s) => s === 0);
      product(); // fills the code cache, as the first run after an install does
      floor();
      const products: number[] = [];
      const floors: number[] = [];
      for (let i = 0; i < PAIRS; i++) {
        floors.push(floor());
        products.push(product());
      }
      const p = median(products);
      const f = median(floors);
      row({ what: `gongkai validate, ${name} (${(bytes.length / 1024).toFixed(0)} KB), cold process`, measured: ms(p), floor: `${ms(f)} (bare node + exceljs load)`, ratio: p / f, target: "≤ 1.3×", ok: p / f <= 1.3 });
      note(`fastest: gongkai ${ms(Math.min(...products))}, bare ${ms(Math.min(...floors))}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
