import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

/**
 * V8 throws optimised code away when an object shape or a closure it was made for dies at a full garbage collection
 * ("weak objects" in `--trace-deopt`). Validation makes its objects per call: were their shapes or the functions called
 * per row made per call too, every validation after a full collection (the bench forces one before each; a server
 * parsing workbooks has them all the time) would run its row loops unoptimised again (core/shapes.ts).
 */
describe("validation's optimised code", () => {
  it("survives full garbage collections between validations", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gongkai-deopt-"));
    try {
      const script = join(dir, "validate.mts");
      const from = (p: string) => JSON.stringify(join(import.meta.dirname, p));
      await writeFile(
        script,
        `import { forgetRemembered, validateWorkbook } from ${from("../../core/index.js")};
import { bigTable } from ${from("../../bench/bigTable.js")};
const table = bigTable(3_000);
for (let i = 1; i <= 15; i++) {
  forgetRemembered();
  globalThis.gc();
  validateWorkbook(table, { today: "2022-03-10" });
  console.log("=====run " + i);
}
`,
      );
      const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", "--trace-deopt", "--trace-opt", "--import", "tsx", script], {
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      // run by run: the code thrown away, and the functions compiled again
      const byRun: { dropped: string[]; compiled: Set<string> }[] = [{ dropped: [], compiled: new Set() }];
      for (const line of stdout.split("\n")) {
        if (line.startsWith("=====run")) byRun.push({ dropped: [], compiled: new Set() });
        const dropped = /SharedFunctionInfo ([^>]*)>.*reason: weak objects/.exec(line);
        if (dropped) byRun.at(-1)!.dropped.push(dropped[1]!);
        const compiled = /^\[completed optimizing .*?<JSFunction ([^>]*)>/.exec(line); // "name (sfi = …)": one per function in the source
        if (compiled) byRun.at(-1)!.compiled.add(compiled[1]!);
      }
      expect(byRun.length).toBe(16);
      // The first validations settle the shapes; of the last ten, a function's code may be dropped or compiled once or
      // twice as timing falls (a collection's moment, a compile that finished late on a busy machine), but not in
      // most of them — what code made per validation would do.
      const late = byRun.slice(6, 16);
      const inMost = (of: (r: (typeof late)[number]) => Iterable<string>): string[] => {
        const count = new Map<string, number>();
        for (const r of late) for (const f of new Set(of(r))) count.set(f, (count.get(f) ?? 0) + 1);
        return [...count].filter(([, n]) => n > 2).map(([f]) => f);
      };
      expect(inMost((r) => r.dropped)).toEqual([]); // no code thrown away again and again,
      expect(inMost((r) => r.compiled)).toEqual([]); // and no function compiled anew again and again (a closure made per call is)
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
