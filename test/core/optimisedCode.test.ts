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
for (let i = 1; i <= 10; i++) {
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
      expect(byRun.length).toBe(11);
      const late = byRun.slice(5, 10); // the first validations settle the shapes; from the sixth on:
      // nothing is thrown away,
      expect(late.flatMap((r) => r.dropped)).toEqual([]);
      // and no function is compiled anew in every validation (a closure made per call would be)
      expect([...late[0]!.compiled].filter((f) => late.every((r) => r.compiled.has(f)))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
