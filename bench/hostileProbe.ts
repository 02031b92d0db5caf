/** In a process of its own, so that its peak memory is its own: a service on the embedded store refusing the hostile files named. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { settingsWith } from "../functions/config.js";
import { ingest } from "../functions/ingest.js";
import { createServices } from "../functions/services.js";

const services = createServices(settingsWith({ kind: "embedded", dir: mkdtempSync(join(tmpdir(), "gongkai-hostile-")) }), () => new Date("2022-03-10T02:00:00Z"));
const results: string[] = [];
for (const path of process.argv.slice(2)) {
  const bytes = readFileSync(path);
  const t = performance.now();
  const r = await ingest(services, "旗财政局", "2022-03", bytes);
  results.push(`${basename(path, ".xlsx")}: ${r.submission.outcome} in ${Math.round(performance.now() - t)} ms`);
}
process.stdout.write(JSON.stringify({ results, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
process.exit(0);
