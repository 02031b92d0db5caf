/**
 * Whether a copy is the built-in sample is decided early where it cannot be (`mayBeBuiltInSample`: its title, and how
 * many of the sample's tasks its rows' labels could be matched with at most), before every row is matched; the
 * decision `taskListFor` gives must be the one the full rule (`matchRows`, then `isBuiltInSample`) gives, on every
 * table: the seed's copies, retyped ones, neighbours that copied part of the sample, other governments' tables and
 * the bench's tables of distinct texts.
 */
import { describe, expect, it } from "vitest";
import {
  OFFICIAL_ROWS,
  builtInTaskList,
  isBuiltInSample,
  matchRows,
  mayBeBuiltInSample,
  readTable,
  sentenceKey,
  taskListFor,
  type DecompositionTable,
  type OfficialRow,
  type WorkbookSnapshot,
} from "../../core/index.js";
import { readWorkbook } from "../../workbook/index.js";
import { bigTable } from "../../bench/bigTable.js";
import { distinctRows, distinctSnapshot, officialSnapshot, random } from "../../bench/distinctTable.js";
import { buildCopy } from "../fixtures/buildCopy.js";
import { OTHER_TABLES, buildTable } from "../fixtures/otherTables.js";
import { PUBLISHED_TABLES, buildPublished } from "../fixtures/publishedTables.js";

const SAMPLE_TITLE = "2022年全旗政务公开工作提升任务分解表";
const KEYS = ["level1", "level2", "level3", "measure", "lead", "responsible", "deadline"] as const;

/** A unit's copy as the core reads it: title, 填报单位 line, header, the rows with `null` cells merged into the one above. */
const sheetOf = (rows: readonly OfficialRow[], title: string | undefined = SAMPLE_TITLE, unit = "旗财政局"): WorkbookSnapshot =>
  officialSnapshot(rows, { title, unit, filled: () => ["已按要求公开"] });

/** The sample's rows with every cell written out (a merged cell's text on each row it covers). */
const SAMPLE_ROWS: OfficialRow[] = (() => {
  const carry: Partial<OfficialRow> = {};
  return OFFICIAL_ROWS.map((r) => {
    const full = { ...r };
    for (const k of KEYS) {
      if (r[k] === null) (full as Record<string, string | null>)[k] = (carry[k] as string | undefined) ?? null;
      else (carry as Record<string, string>)[k] = r[k]!;
    }
    return full;
  });
})();

/** Rows a unit retyped: ASCII punctuation, spaces, full-width digits; a few moved. */
function retyped(rows: readonly OfficialRow[], seed: number): OfficialRow[] {
  const next = random(seed);
  const retype = (s: string | null) =>
    s === null || next() < 0.4
      ? s
      : s
          .replace(/，/g, next() < 0.5 ? "," : "， ")
          .replace(/。$/, ".")
          .replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
          .replace(/、/g, " ");
  const out = rows.map((r) => ({ ...r, measure: retype(r.measure), level3: retype(r.level3) ?? "" }));
  for (let k = 0; k < 4; k++) {
    const a = Math.floor(next() * out.length);
    const b = Math.floor(next() * out.length);
    [out[a], out[b]] = [out[b]!, out[a]!];
  }
  return out;
}

/** Rows whose label (and measure) a unit reworded: the matcher's likeness step decides. */
const reworded = (rows: readonly OfficialRow[]): OfficialRow[] =>
  rows.map((r) => ({ ...r, level3: r.level3 === "-" ? "-" : `${r.level3}工作`, measure: r.measure === null ? null : `${r.measure}（本单位）` }));

/**
 * Rows whose label is lengthened by characters none of the sample's labels has, to `times` as many character pairs as
 * before (plus `extra` characters): at 3 times, label and task are exactly as alike as the matcher's bar allows
 * (Dice 0.5; with the same measure the score is 0.75, the threshold).
 */
function lengthened(rows: readonly OfficialRow[], times: number, extra = 0): OfficialRow[] {
  const filler = (n: number) => Array.from({ length: n }, (_, i) => "甲乙丙丁戊己庚辛壬癸"[i % 10]).join("");
  const longer = (label: string) => {
    const pairs = sentenceKey(label).length - 1;
    return label + filler(pairs * (times - 1) + extra);
  };
  return rows.map((r) => (r.level3 === "-" ? { ...r, level2: longer(r.level2!) } : { ...r, level3: longer(r.level3) }));
}

/** A county's rows: its own units (`旗` → `县`). */
const county = (rows: readonly OfficialRow[]): OfficialRow[] =>
  rows.map((r) => ({ ...r, lead: r.lead?.replace(/旗/g, "县") ?? null, responsible: r.responsible?.replace(/旗/g, "县") ?? null }));

/** `n` of the sample's tasks, spread over the table (every row written out, so no merge is cut). */
const someOf = (n: number, seed: number): OfficialRow[] => {
  const next = random(seed);
  const order = SAMPLE_ROWS.map((r) => ({ r, k: next() })).sort((a, b) => a.k - b.k);
  return order.slice(0, n).map((x) => x.r);
};

/** Distinct rows of the bench's tables in the sample's layout. */
const distinct = (count: number, seed = 1): OfficialRow[] =>
  distinctRows(count, "旗财政局", seed).map((r) => ({ level1: r.level1, level2: r.level2, level3: r.level3, measure: r.measure, lead: r.lead, responsible: r.responsible, deadline: r.deadline }));

/** Distinct rows with `tasks` of the sample's among them (every cell written out: a row put in cuts no merge). */
const mixed = (count: number, tasks: readonly OfficialRow[]): OfficialRow[] => {
  const rows: OfficialRow[] = distinct(count).map((r) => ({ ...r, level1: r.level1 ?? "公开", level2: r.level2 ?? "公开" }));
  tasks.forEach((t, i) => rows.splice(Math.floor(((i + 1) * rows.length) / (tasks.length + 1)), 0, t));
  return rows;
};

/** One table: its name, how to read it, whether it is the sample, and whether the early decision tells it is not. */
interface Case {
  name: string;
  table: () => Promise<DecompositionTable | undefined> | DecompositionTable | undefined;
  sample: boolean;
  toldEarly: boolean;
}

const fromSnapshot = (w: WorkbookSnapshot) => () => readTable(w);
const fromBytes = (bytes: () => Promise<Uint8Array>) => async () => readTable(await readWorkbook(await bytes()));

const CASES: Case[] = [
  // the seed's copies: whole, rows deleted (three in four of 37 is 28), no title, another title, the units changed
  { name: "the seed's copy", table: fromSnapshot(sheetOf(OFFICIAL_ROWS)), sample: true, toldEarly: false },
  { name: "the seed's copy written by exceljs", table: fromBytes(async () => (await buildCopy()).bytes), sample: true, toldEarly: false },
  ...[1, 5, 9].map((n) => ({ name: `the seed's copy, ${n} tasks deleted`, table: fromSnapshot(sheetOf(someOf(37 - n, n))), sample: true, toldEarly: false })),
  // (27 left: their labels are alike to a deleted task's, e.g. 政府信息公开指南 and 政府信息公开制度: the full rule decides)
  { name: "the seed's copy, 10 tasks deleted", table: fromSnapshot(sheetOf(someOf(27, 10))), sample: false, toldEarly: false },
  ...[14, 20].map((n) => ({ name: `the seed's copy, ${n} tasks deleted`, table: fromSnapshot(sheetOf(someOf(37 - n, n))), sample: false, toldEarly: true })),
  { name: "the seed's copy without a title", table: fromSnapshot(sheetOf(OFFICIAL_ROWS, undefined)), sample: true, toldEarly: false },
  { name: "the seed's copy under another title", table: fromSnapshot(sheetOf(OFFICIAL_ROWS, "2022年全县政务公开工作提升任务分解表")), sample: false, toldEarly: true },
  { name: "the seed's tasks with a county's units", table: fromSnapshot(sheetOf(county(OFFICIAL_ROWS))), sample: false, toldEarly: false },
  // retyped copies: punctuation, width, spaces, rows moved; labels and measures reworded
  ...[1, 2, 3].map((seed) => ({ name: `a retyped copy (${seed})`, table: fromSnapshot(sheetOf(retyped(SAMPLE_ROWS, seed))), sample: true, toldEarly: false })),
  { name: "a retyped copy, 9 tasks deleted", table: fromSnapshot(sheetOf(retyped(someOf(28, 4), 4))), sample: true, toldEarly: false },
  { name: "a copy with its labels and measures reworded", table: fromSnapshot(sheetOf(reworded(SAMPLE_ROWS))), sample: true, toldEarly: false },
  { name: "a copy whose labels are just alike enough", table: fromSnapshot(sheetOf(lengthened(SAMPLE_ROWS, 3))), sample: true, toldEarly: false },
  { name: "a copy whose labels are a little less alike", table: fromSnapshot(sheetOf(lengthened(SAMPLE_ROWS, 3, 1))), sample: false, toldEarly: true },
  { name: "the sample's labels over other measures", table: fromSnapshot(sheetOf(SAMPLE_ROWS.map((r, i) => ({ ...r, measure: distinct(37)[i]!.measure })))), sample: false, toldEarly: false },
  // neighbours that copied part of the sample: with their own title and units, or the sample's (then the tasks decide)
  { name: "a county that copied half the sample", table: fromSnapshot(sheetOf(county(OFFICIAL_ROWS.slice(0, 19)), "2022年全县政务公开工作提升任务分解表", "县财政局")), sample: false, toldEarly: true },
  { name: "half the sample under the sample's title", table: fromSnapshot(sheetOf(SAMPLE_ROWS.slice(0, 19))), sample: false, toldEarly: true },
  { name: "27 of the sample's tasks among 400 distinct rows", table: fromSnapshot(sheetOf(mixed(400, someOf(27, 7)))), sample: false, toldEarly: false },
  { name: "28 of the sample's tasks among 400 distinct rows", table: fromSnapshot(sheetOf(mixed(400, someOf(28, 7)))), sample: true, toldEarly: false },
  { name: "the whole sample among 400 distinct rows", table: fromSnapshot(sheetOf(mixed(400, SAMPLE_ROWS))), sample: true, toldEarly: false },
  // the bench's tables: distinct texts in the sample's words, title and units; the sample repeated
  ...[37, 400, 10_000].map((n) => ({ name: `the bench's ${n} distinct rows`, table: fromSnapshot(distinctSnapshot(n)), sample: false, toldEarly: true })),
  { name: "the bench's 400 distinct rows, another seed", table: fromSnapshot(distinctSnapshot(400, "旗教育局", 2)), sample: false, toldEarly: true },
  { name: "the bench's sample repeated over 370 rows", table: fromSnapshot(bigTable(370)), sample: true, toldEarly: false },
  // labels of one character or none
  { name: "rows labelled by one character", table: fromSnapshot(sheetOf(SAMPLE_ROWS.map((r, i) => ({ ...r, level2: "", level3: "甲乙丙丁"[i % 4]!, measure: `第${i}项` })))), sample: false, toldEarly: true },
  // other governments' tables, as published and as their units fill them in
  ...Object.entries(OTHER_TABLES).flatMap(([name, spec]) => [
    { name: `${name}: the official table`, table: fromBytes(async () => (await buildTable(spec)).bytes), sample: false, toldEarly: true },
    { name: `${name}: a unit's copy`, table: fromBytes(async () => (await buildTable(spec, { unitLine: "填报单位：某某单位", progress: { 0: "已完成" } })).bytes), sample: false, toldEarly: true },
  ]),
  ...PUBLISHED_TABLES.map((t) => ({ name: `${t.name}, as published`, table: fromBytes(() => buildPublished(t)), sample: false, toldEarly: true })),
];

describe("the early 'not the sample' decision gives what the full rule gives", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_, c) => {
    const table = await c.table();
    if (!table) throw new Error("no table read");
    const builtIn = builtInTaskList();
    const match = matchRows(table, builtIn);
    const full = isBuiltInSample(table, builtIn.tasks.length - match.missing.length);
    expect(full).toBe(c.sample);
    // told early only where the full rule says no
    expect(!mayBeBuiltInSample(table)).toBe(c.toldEarly);
    if (c.toldEarly) expect(full).toBe(false);
    expect(taskListFor(table, undefined)).toEqual(full ? { tasks: builtIn, match } : undefined);
  });
});
