import { describe, expect, it } from "vitest";
import { addressChunks, inferMerges, validateWorkbook } from "../../core/index.js";
import { readWorkbook } from "../../workbook/index.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";

describe("inferMerges (hosts that cannot read merged areas)", () => {
  it.each([0, 7])("gives the same findings as the real merges (header repeated every %i rows)", async (every) => {
    const filled = { ...allDone(FINANCE_TASKS), 统计信息: {}, 基础信息公开: { progress: "推进中" } };
    const snapshot = await readWorkbook((await buildCopy({ rows: CLEAN_ROWS, filled, ...(every ? { repeatHeaderEvery: every } : {}) })).bytes);
    const real = validateWorkbook(snapshot, { today: "2022-03-10" });
    const blind = { sheets: snapshot.sheets.map((s) => ({ ...s, merges: [] })) };
    const guessed = { sheets: blind.sheets.map((s) => ({ ...s, merges: inferMerges(s) })) };
    const key = (r: typeof real) => r.findings.map((f) => `${f.code} ${f.cell}`);
    expect(key(validateWorkbook(guessed, { today: "2022-03-10" }))).toEqual(key(real));
    // without either, every continued cell would be reported blank
    expect(validateWorkbook(blind, { today: "2022-03-10" }).findings.filter((f) => f.code === "cell.required").length).toBeGreaterThan(20);
  });
});

describe("addressChunks", () => {
  it("packs addresses into as few strings as fit the limit", () => {
    const cells = Array.from({ length: 3000 }, (_, i) => `H${i + 5}`);
    const chunks = addressChunks(cells);
    expect(chunks.every((c) => c.length <= 8192)).toBe(true);
    expect(chunks.join(", ").split(", ")).toEqual(cells);
    expect(chunks.length).toBeLessThanOrEqual(Math.ceil(cells.join(", ").length / 8192) + 1);
    expect(addressChunks(["A1", "B2"], 5)).toEqual(["A1", "B2"]);
    expect(addressChunks([])).toEqual([]);
  });
});
