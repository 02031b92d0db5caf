/**
 * Issue 24 item 6: the first read of a workbook of one sheet per unit, and the conditional formats' rules
 * loaded with it, stay under Excel on the web's 5 MB: no sync is refused and read again in halves.
 */
import { describe, expect, it } from "vitest";
import { ALL_CAPABILITIES } from "../../addin/capabilities.js";
import { readWorkbook } from "../../addin/excelRead.js";
import { markRule } from "../../addin/markPlan.js";
import { LIMITS, WorkbookModel, fakeContext, type FakeContext } from "./fakeExcel.js";

const MEASURE = "按照政务公开工作要点要求，及时在门户网站专栏发布本单位预算决算信息并更新"; // 37 characters

/** One sheet per unit, `rows` rows of ten long cells each. */
function perUnit(sheets: number, rows: number): WorkbookModel {
  const model = new WorkbookModel();
  for (let s = 0; s < sheets; s++) {
    const ws = model.sheet(`单位${s + 1}`);
    for (let r = 1; r <= rows; r++) for (const col of "ABCDEFGHIJ") ws.set(`${col}${r}`, MEASURE);
  }
  return model;
}

/** Counts the syncs Excel refused (what the reader then reads again in halves). */
function counting(ctx: FakeContext): { refused: number } {
  const seen = { refused: 0 };
  const sync = ctx.sync.bind(ctx);
  ctx.sync = (async () => {
    try {
      await sync();
    } catch (e) {
      seen.refused++;
      throw e;
    }
  }) as typeof ctx.sync;
  return seen;
}

describe("the first read's size", () => {
  it("40 sheets of 500 long rows: the first sync shares the 5 MB among them, none is refused", async () => {
    const model = perUnit(40, 500);
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    const seen = counting(ctx);
    const read = await readWorkbook(ctx, ALL_CAPABILITIES);
    expect(read.snapshot.sheets.every((s) => s.rows.length === 500)).toBe(true);
    expect(seen.refused).toBe(0);
    expect(Math.max(...ctx.responses)).toBeLessThan(LIMITS.payloadBytes);
  });

  it("the add-in's conditional formats' rules count in the first read's budget", async () => {
    const model = perUnit(1, 500);
    const ws = model.sheets[0]!;
    // 520 formats of 900 scattered cells each, as many earlier runs' marks on a big sheet: ≈ 4.2 MB of addresses
    for (let f = 0; f < 520; f++) {
      const areas = Array.from({ length: 900 }, (_, i) => ({ top: 1000 + f * 2 + (i % 2), left: 12 + Math.floor(i / 2), bottom: 1000 + f * 2 + (i % 2), right: 12 + Math.floor(i / 2) }));
      ws.formats.push({ type: "Custom", formula: markRule("error"), areas, fill: "#FFC7CE", font: "#9C0006" });
    }
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    const seen = counting(ctx);
    const read = await readWorkbook(ctx, ALL_CAPABILITIES);
    expect(read.found.formats).toHaveLength(520);
    expect(seen.refused).toBe(0);
  });
});
