/** The optional office-addin-* tools: used where they installed, with their usage data turned off. */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");

/** The path of an installed tool in node_modules/.bin, if it is there. */
export function officeTool(name: string): string | undefined {
  const bin = join(root, "node_modules", ".bin", name);
  return existsSync(bin) ? bin : undefined;
}

/** No usage data leaves this machine (the tools would otherwise ask, then send). */
export function turnOffOfficeUsageData(): void {
  const bin = officeTool("office-addin-usage-data");
  if (bin) spawnSync(bin, ["off"], { stdio: "ignore", timeout: 10_000 });
}
