import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ROSTER, type Roster } from "../../core/index.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";
import { startHarness, type Harness } from "./harness.js";

const UNITS = Array.from({ length: 30 }, (_, i) => `旗测试局${String(i + 1).padStart(2, "0")}`);
const ROSTER: Roster = {
  units: [...DEFAULT_ROSTER.units, ...UNITS.map((name) => ({ name, groups: ["旗直各单位"], aliases: [] }))],
  groups: DEFAULT_ROSTER.groups,
};
const TASKS = FINANCE_TASKS.filter((t) => t !== "文化遗产保护");

/** Version `v` of a unit's copy: its progress says which version it is. */
const version = async (unit: string, v: number) =>
  (await buildCopy({ unit, rows: CLEAN_ROWS, filled: Object.fromEntries(Object.entries(allDone(TASKS)).map(([k, x]) => [k, { ...x, progress: `第${v}版：${x.progress}` }])) })).bytes;

let h: Harness;
let tokens: string[];
let files: Buffer[][];
beforeAll(async () => {
  h = await startHarness({ roster: ROSTER });
  // months past the default window (this month and the last): the coordinator opens them, as issue 23 asks
  for (const m of ["2022-07"]) await fetch(`${h.host.url}/api/rounds/${m}`, { method: "PUT", body: '{"open":true}', headers: { authorization: `Bearer ${h.coordinator}` } });
  tokens = await Promise.all(UNITS.map((u) => h.token(u)));
  files = await Promise.all(UNITS.map(async (u) => Promise.all([1, 2, 3, 4].map((v) => version(u, v)))));
}, 120_000);
afterAll(() => h?.close());

describe("30 units at once, then three more versions each", () => {
  it("archives every file and indexes exactly the latest of each unit", async () => {
    for (let v = 0; v < 4; v++) {
      const answers = await Promise.all(UNITS.map((_, i) => h.submit(tokens[i]!, files[i]![v]!)));
      expect(answers.map((a) => a.status)).toEqual(UNITS.map(() => 201));
    }
    const all = await h.services.store.listSubmissions("2022-03");
    expect(all).toHaveLength(120);
    for (const s of all) {
      const bytes = await h.services.store.readFile("2022-03", s.id);
      expect(bytes?.length).toBe(s.size);
    }
    const ledger = await (await h.get("/api/ledger?round=2022-03", h.coordinator)).json();
    expect(ledger.missingUnits).toEqual(DEFAULT_ROSTER.units.map((u) => u.name));
    for (const unit of UNITS) {
      const progress = ledger.tasks.flatMap((t: { units: Record<string, { progress: string }> }) => (t.units[unit] ? [t.units[unit]!.progress] : []));
      expect(progress.length).toBe(20);
      expect(progress.every((p: string) => p.startsWith("第4版"))).toBe(true);
    }
  }, 120_000);

  it("two versions of one unit at the same moment: both kept, the later one indexed", async () => {
    const [a, b] = await Promise.all([h.submit(tokens[0]!, files[0]![0]!, "2022-07"), h.submit(tokens[0]!, files[0]![1]!, "2022-07")]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const later = a.json.submission.receivedAt > b.json.submission.receivedAt ? a : b;
    const latest = await h.services.store.listLatest("2022-07");
    expect(latest.map((l) => l.latest)).toEqual([expect.objectContaining({ unit: UNITS[0], submissionId: later.json.submission.id })]);
    expect(await h.services.store.listSubmissions("2022-07")).toHaveLength(2);
  });
});
