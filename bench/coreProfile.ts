/**
 * Validation time of the core on tables of the sizes users have, and on the bench's 10,000 rows: for comparing a
 * change to core with the core before it, in turns (this machine's speed changes from one minute to the next).
 *
 *   node --expose-gc --import tsx bench/coreProfile.ts this [ROUNDS]          this core: warm figures, then cold ones
 *   node --expose-gc --import tsx bench/coreProfile.ts compare DIR… [ROUNDS]  DIR/core (saved copies) against this core
 *   node --import tsx bench/coreProfile.ts codes                              what each table's validation finds
 *   node --cpu-prof --import tsx bench/coreProfile.ts loop NAME SECONDS [DIR] one table (its name's start), again and again
 *
 * Tables: the seed plan's 37 rows (a copy of the built-in sample); 400 rows of distinct texts read on their own
 * terms; a unit's retyped copy of those 400 rows checked against them as the task list; 10,000 rows of distinct
 * texts; the bench's 10,000 rows (bench/bigTable.ts) and its 10,000 rows of distinct texts (bench/distinctTable.ts).
 * Warm: each table in a process of its own, after three runs, each timed run after a full collection as the bench
 * makes (GC=minor: of the young generation only; GC=0: none); TABLES="seed|bench table" picks tables by the start of
 * their names. Cold (COLD=0: none): the first validation in a fresh process of the bench's 10,000 distinct rows.
 */
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import type * as CoreModule from "../core/index.js";
import type { OfficialRow, TaskList, WorkbookSnapshot } from "../core/index.js";
import { bigTable } from "./bigTable.js";
import { distinctSnapshot, officialSnapshot, random } from "./distinctTable.js";

type Core = typeof CoreModule;



/** A unit's copy of `rows` under `title`, progress and status as `filled` gives them. */
const sheetOf = (title: string, rows: readonly OfficialRow[], filled: (i: number) => [string, string] | undefined): WorkbookSnapshot =>
  officialSnapshot(rows, { title, unit: "旗财政局", filled });

const progress = (i: number): [string, string] | undefined =>
  i % 10 === 0 ? undefined : i % 3 === 0 ? ["正在推进，已公开部分信息", "推进中"] : ["已按要求公开", "已完成"];

/** The seed plan's table as published, filled in by a unit. */
function seedTable(core: Core): WorkbookSnapshot {
  return sheetOf(`2022年${core.OFFICIAL_TITLE}`, core.OFFICIAL_ROWS, progress);
}

/**
 * `rows` rows of distinct texts in the seed plan's words: measures made of pieces of its measures, short 三级指标,
 * 一级/二级指标 merged over groups of rows, units of its roster, deadlines as plans write them.
 */
function distinctRows(core: Core, rows: number, seed = 1): OfficialRow[] {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const corpus = core.OFFICIAL_ROWS.map((r) => r.measure ?? "").join("").replace(/[，。；、（）《》“”()\s]/g, "");
  const piece = (min: number, max: number) => {
    const n = min + Math.floor(next() * (max - min + 1));
    const at = Math.floor(next() * (corpus.length - n));
    return corpus.slice(at, at + n);
  };
  const units = core.DEFAULT_ROSTER.units.map((u) => u.name);
  const deadlines = ["持续更新", "每月更新", "按季度公开", "2022年6月底前", "2022年12月31日前", "3月15日", "及时动态调整"];
  const out: OfficialRow[] = [];
  for (let i = 0; i < rows; i++) {
    const measure = Array.from({ length: 2 + Math.floor(next() * 3) }, () => piece(8, 30)).join("，") + "。";
    const lead = pick(units);
    out.push({
      level1: i % 60 === 0 ? `${piece(4, 8)}公开` : null,
      level2: i % 8 === 0 ? piece(4, 10) : null,
      level3: piece(3, 9),
      measure,
      lead,
      responsible: next() < 0.4 ? "各苏木镇人民政府、旗直各单位" : next() < 0.5 ? lead : `${lead}、${pick(units)}`,
      deadline: pick(deadlines),
    });
  }
  return out;
}

/**
 * A unit's copy of a table retyped as units do: ASCII commas and full stops, spaces, full-width digits, a few rows
 * moved, a few deleted, a few of its own added.
 */
function retyped(rows: readonly OfficialRow[], seed = 2): OfficialRow[] {
  const next = random(seed);
  const retype = (s: string | null) => {
    if (s === null || next() < 0.6) return s;
    return s
      .replace(/，/g, next() < 0.5 ? "," : "， ")
      .replace(/。$/, ".")
      .replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  };
  const out = rows.filter(() => next() > 0.02).map((r) => ({ ...r, measure: retype(r.measure), level3: retype(r.level3) ?? "" }));
  for (let k = 0; k < out.length / 50; k++) {
    const a = 1 + Math.floor(next() * (out.length - 1));
    const b = 1 + Math.floor(next() * (out.length - 1));
    [out[a], out[b]] = [{ ...out[b]!, level1: null, level2: null }, { ...out[a]!, level1: null, level2: null }];
  }
  for (let k = 0; k < out.length / 40; k++) {
    const at = 1 + Math.floor(next() * (out.length - 1));
    out.splice(at, 0, { level1: null, level2: null, level3: "自行增加", measure: `本单位自行增加的第${k + 1}项公开工作。`, lead: "旗财政局", responsible: "旗财政局", deadline: "持续更新" });
  }
  return out;
}

interface Case {
  workbook: WorkbookSnapshot;
  tasks?: TaskList;
}

const TITLE = "2022年全旗政务公开工作任务分解表";

/** The tables, each with how many timed runs it gets (each after a full collection, with the text caches emptied). */
export const CASES: readonly { name: string; runs: number; make: (core: Core) => Case }[] = [
  { name: "seed table, 37 rows", runs: 60, make: (core) => ({ workbook: seedTable(core) }) },
  { name: "400 distinct rows, own terms", runs: 40, make: (core) => ({ workbook: sheetOf(TITLE, distinctRows(core, 400), progress) }) },
  {
    name: "400-row copy vs its list",
    runs: 40,
    make: (core) => {
      const rows = distinctRows(core, 400);
      const official = core.readOfficialTable(sheetOf(TITLE, rows, () => undefined));
      if (!official) throw new Error("the 400-row table was not read");
      return { workbook: sheetOf(TITLE, retyped(rows), progress), tasks: official.list };
    },
  },
  { name: "10,000 distinct rows", runs: 9, make: (core) => ({ workbook: sheetOf(TITLE, distinctRows(core, 10_000, 3), progress) }) },
  { name: "bench table, 10,000 rows", runs: 9, make: () => ({ workbook: bigTable(10_000) }) },
  { name: "bench's distinct table, 10,000 rows", runs: 9, make: () => ({ workbook: distinctSnapshot(10_000, "旗财政局", 2) }) },
];

/**
 * What comes before each timed run: a full collection, as `npm run bench` makes; `GC=minor`: a collection of the young
 * generation only; `GC=0`: none.
 */
const gc = (() => {
  const collect = (globalThis as { gc?: (options?: { type: string }) => void }).gc;
  if (!collect || process.env.GC === "0") return () => {};
  return process.env.GC === "minor" ? () => collect({ type: "minor" }) : () => collect();
})();

/**
 * Best and median milliseconds of a table's runs, after three that warm it up; `cpu`: the best in processor time
 * (this process's, its collector threads' too: not the time it waited for a processor others had).
 */
function measure(core: Core, c: Case, runs: number): Timing {
  const options = { today: "2022-03-10", tasks: c.tasks };
  let findings = 0;
  for (let i = 0; i < 3; i++) findings = core.validateWorkbook(c.workbook, options).findings.length;
  const times: number[] = [];
  let cpu = Infinity;
  for (let i = 0; i < runs; i++) {
    core.forgetRemembered();
    gc();
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    core.validateWorkbook(c.workbook, options);
    const used = process.cpuUsage(c0);
    times.push(performance.now() - t0);
    cpu = Math.min(cpu, (used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return { best: times[0]!, median: times[Math.floor(times.length / 2)]!, cpu, findings };
}

interface Timing {
  best: number;
  median: number;
  cpu: number;
  findings: number;
}

const coreAt = async (dir: string): Promise<Core> => (await import(resolve(dir, "core/index.ts"))) as Core;

const here = resolve(import.meta.dirname, "..");
const [mode = "this", arg = here, seconds = "5"] = process.argv.slice(2);
const fmt = (n: number) => n.toFixed(1).padStart(7);

/** Runs this file in a process of its own and reads what it prints. */
const child = <T>(...args: string[]): T =>
  JSON.parse(execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", import.meta.filename, ...args], { encoding: "utf8" })) as T;

type Warm = Record<string, Timing>;

const pick = (name: string) => {
  const i = CASES.findIndex((c) => c.name.startsWith(name));
  if (i < 0) throw new Error(`no table named ${name}…`);
  return i;
};

if (process.argv[1] !== import.meta.filename) {
  // imported (for its tables): nothing to run
} else if (mode === "codes") {
  // what each table's validation finds, by code (to see that the tables read as meant)
  const core = await coreAt(here);
  for (const { name, make } of CASES) {
    const c = make(core);
    const counts = new Map<string, number>();
    for (const f of core.validateWorkbook(c.workbook, { today: "2022-03-10", tasks: c.tasks }).findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
    console.log(`${name}: ${[...counts].map(([code, n]) => `${code} ${n}`).join(", ")}`);
  }
} else if (mode === "loop") {
  // one table validated again and again for a few seconds (run with --cpu-prof to see where its time goes)
  const core = await coreAt(process.argv[5] ?? here);
  const { name, make } = CASES[pick(arg)]!;
  const c = make(core);
  const until = performance.now() + 1000 * Number(seconds);
  let n = 0;
  for (; performance.now() < until; n++) {
    core.forgetRemembered();
    core.validateWorkbook(c.workbook, { today: "2022-03-10", tasks: c.tasks });
  }
  console.log(`${name}: ${n} validations, ${((1000 * Number(seconds)) / n).toFixed(2)} ms each`);
} else if (mode === "warm") {
  // one process, one table (by its number), warm: as the bench measures its table, in a process that validates no other
  const core = await coreAt(arg);
  const { name, runs, make } = CASES[Number(seconds)]!;
  process.stdout.write(JSON.stringify({ [name]: measure(core, make(core), runs) }));
} else if (mode === "cold") {
  // one process: the first validation of the bench's 10,000 rows of distinct texts (the table made before it)
  const core = await coreAt(arg);
  const workbook = distinctSnapshot(10_000);
  const t0 = performance.now();
  const findings = core.validateWorkbook(workbook, { today: "2022-03-10" }).findings.length;
  process.stdout.write(JSON.stringify({ ms: performance.now() - t0, findings }));
} else {
  // `this [ROUNDS]` (this core alone) or `compare DIR… [ROUNDS]` (each DIR's core, then this one, in turns)
  const args = process.argv.slice(3);
  const rounds = /^\d+$/.test(args.at(-1) ?? "") ? Number(args.pop()) : 3;
  const dirs = mode === "compare" ? [...args.map((d) => resolve(d)), here] : [here];
  const tables = process.env.TABLES ? process.env.TABLES.split("|").map(pick) : CASES.map((_, i) => i);
  const coldRuns = process.env.COLD === "0" ? 0 : 2;
  const warm = dirs.map((): Warm[] => []);
  const cold = dirs.map((): { ms: number; findings: number }[] => []);
  for (let r = 0; r < rounds; r++) {
    for (const [k, d] of dirs.entries()) {
      warm[k]!.push(Object.assign({}, ...tables.map((n) => child<Warm>("warm", d, String(n)))) as Warm);
      for (let i = 0; i < coldRuns; i++) cold[k]!.push(child("cold", d));
    }
  }
  const label = (d: string) => (d === here ? "this core" : d);
  console.log(`warm, ms per validation: best / median / best in processor time of a process's runs, the least of ${rounds} processes (GC=${process.env.GC ?? "full"}); ${dirs.map(label).join(" | ")}`);
  for (const name of Object.keys(warm[0]![0]!)) {
    const least = (w: Warm[], of: (t: Timing) => number) => fmt(Math.min(...w.map((x) => of(x[name]!))));
    const cells = warm.map((w) => `${least(w, (t) => t.best)} /${least(w, (t) => t.median)} /${least(w, (t) => t.cpu)}  (${w[0]![name]!.findings})`);
    console.log(`  ${name.padEnd(30)} ${cells.join("   |")}`);
  }
  if (coldRuns > 0) {
    console.log(`cold: the first validation of the bench's 10,000 distinct rows in a fresh process, ms (${coldRuns * rounds} processes each)`);
    for (const [k, d] of dirs.entries()) {
      const ms = cold[k]!.map((c) => c.ms);
      console.log(`  ${label(d).padEnd(30)} best ${fmt(Math.min(...ms))}  (${ms.map((m) => m.toFixed(0)).join(" ")}; ${cold[k]![0]!.findings} findings)`);
    }
  }
}
