/** Runs `gongkai` in-process with a fixed "today", capturing what it prints. */
import type { CliIO } from "../../cli/io.js";
import { main } from "../../cli/main.js";

export function runner(today: string) {
  return async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l), today: () => today };
    const code = await main(argv, io);
    return { code, stdout: out.join("\n"), stderr: err.join("\n") };
  };
}
