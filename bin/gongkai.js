#!/usr/bin/env node
// The TypeScript sources run directly through tsx, so the command works right after `npm install`.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/main.ts");
const { nodeIO } = await import("../cli/io.ts");
process.exitCode = await main(process.argv.slice(2), nodeIO);
