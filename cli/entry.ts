/** The `gongkai` command: `token` and `mail` belong to the service (they write to its store), every other command to the offline CLI. */
import { nodeIO } from "./io.js";
import { main } from "./main.js";

export async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "token") {
    const { tokenCommand } = await import("../functions/tokenCommand.js");
    return tokenCommand(rest, { out: (l) => console.log(l), err: (l) => console.error(l) });
  }
  if (command === "mail") {
    const { mailCommand } = await import("../functions/mailCommand.js");
    return mailCommand(rest, { out: (l) => console.log(l), err: (l) => console.error(l) });
  }
  return main(argv, nodeIO);
}
