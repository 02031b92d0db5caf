#!/usr/bin/env node
// The TypeScript sources run directly through tsx, so the command works right after `npm install`.
// `token` belongs to the service (it writes to its store); every other command to the offline CLI.
import { register } from "tsx/esm/api";

register();
// `gongkai validate … | head` closes the pipe early: stop quietly, as command-line tools do.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});
const [command, ...rest] = process.argv.slice(2);
if (command === "token") {
  const { tokenCommand } = await import("../functions/tokenCommand.ts");
  process.exitCode = await tokenCommand(rest, { out: (l) => console.log(l), err: (l) => console.error(l) });
} else {
  const { main } = await import("../cli/main.ts");
  const { nodeIO } = await import("../cli/io.ts");
  process.exitCode = await main(process.argv.slice(2), nodeIO);
}
