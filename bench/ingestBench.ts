/**
 * The service's ingest of one submission, parse + validate (what a parse worker does: `judgeFile`), storage apart,
 * against a bare exceljs load. Both sides get the same compressed bytes and both inflate them natively (the service
 * inflates with zlib in its file check; the floor with zlib in bench/nativeUnzip.ts), then exceljs reads stored
 * entries. Measured in alternation, in one warm process, as a parse worker is after its first files.
 */
import ExcelJS from "exceljs";
import { DEFAULT_ROSTER } from "../core/index.js";
import { judgeFile } from "../functions/judgeFile.js";
import { DEFAULT_LIMITS, completeCopy } from "../workbook/index.js";
import { distinctXlsx } from "./distinctTable.js";
import { median, ms, note, row, section } from "./rows.js";
import { unzipNatively } from "./nativeUnzip.js";

const WARM = 20;
const PAIRS = 25;

const load = async (bytes: Uint8Array) => void (await new ExcelJS.Workbook().xlsx.load(bytes as unknown as ExcelJS.Buffer));

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export async function ingestBench(): Promise<void> {
  section(`service ingest of one submission, parse + validate (judgeFile: file check, read, validate, report), storage apart, vs a bare exceljs load of the same bytes inflated natively (median of ${PAIRS}, in alternation)`);
  const inputs: [string, Uint8Array][] = [
    ["37-row copy", await completeCopy("旗财政局")],
    ["400-row distinct table", await distinctXlsx(400)],
  ];
  for (const [name, bytes] of inputs) {
    // as the service judges it with no task list given (npm start's default): a copy of the sample against the sample
    const judge = () =>
      judgeFile({ bytes, unit: "旗财政局", today: "2022-03-10", year: 2022, roster: DEFAULT_ROSTER, tasks: undefined, submissionId: "x", receivedAt: "2022-03-10T02:00:00.000Z", limits: DEFAULT_LIMITS });
    const floor = () => load(unzipNatively(bytes));
    const outcome = (await judge()).outcome;
    for (let i = 0; i < WARM; i++) {
      await floor();
      await judge();
      await load(bytes);
    }
    const judged: number[] = [];
    const floors: number[] = [];
    const jsInflate: number[] = [];
    for (let i = 0; i < PAIRS; i++) {
      floors.push(await time(floor));
      judged.push(await time(judge));
      jsInflate.push(await time(() => load(bytes)));
    }
    const j = median(judged);
    const f = median(floors);
    row({ what: `ingest parse + validate, ${name} (${outcome})`, measured: ms(j), floor: `${ms(f)} (zlib unzip + exceljs load)`, ratio: j / f, target: "≤ 1.2×", ok: j / f <= 1.2 });
    note(`for reference, not compared: exceljs loading the compressed file itself (inflating in JavaScript) ${ms(median(jsInflate))}`);
  }
}
