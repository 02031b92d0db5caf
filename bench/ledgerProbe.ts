/** In its own process, so its peak memory is its own: the ledger of a round of N units, JSON and workbook. */
import { settingsWith, type StorageSetting } from "../functions/config.js";
import { createServices } from "../functions/services.js";
import { roundLedger } from "../functions/roundLedger.js";
import { writeLedger } from "../workbook/writeLedger.js";
import { bigRoster } from "./serviceFixtures.js";

const [where, round, units] = process.argv.slice(2) as [string, string, string];
const storage: StorageSetting = where.startsWith("embedded:") ? { kind: "embedded", dir: where.slice("embedded:".length) } : { kind: "azure", connectionString: where };
const services = createServices(settingsWith(storage, { roster: bigRoster(Number(units)), planYear: 2022 }), () => new Date("2022-03-10T02:00:00Z"));
await services.store.ensureReady();
const t0 = performance.now();
const ledger = await roundLedger(services, round);
const t1 = performance.now();
const xlsx = await writeLedger(ledger);
const t2 = performance.now();
process.stdout.write(JSON.stringify({ submitted: ledger.units.filter((u) => u.submitted).length, jsonMs: t1 - t0, xlsxMs: t2 - t1, xlsxBytes: xlsx.length, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
