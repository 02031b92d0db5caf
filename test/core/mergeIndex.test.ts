import { describe, expect, it } from "vitest";
import { MergeIndex, type CellRange } from "../../core/index.js";

const MERGES: CellRange[] = [
  { top: 2, left: 1, bottom: 5, right: 1 }, // down a column
  { top: 1, left: 2, bottom: 1, right: 4 }, // across a row
  { top: 3, left: 3, bottom: 4, right: 4 }, // a block
  { top: 6, left: 2, bottom: 1_048_576, right: 2 }, // a whole column below the data
  { top: 0, left: 0, bottom: 0, right: 0 }, // out of the sheet: ignored
];

/** Which merge covers each cell, the slow way. */
const expected = (row: number, col: number) =>
  MERGES.find((m) => m.top >= 1 && m.left >= 1 && row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);

describe("MergeIndex", () => {
  // The grid (a number per cell) and the row-by-row index (sheets too large for the grid) answer alike.
  it.each([
    ["grid", undefined],
    ["row by row", 0],
  ] as const)("finds the merge of every cell (%s), and none beyond the data", (_, gridCells) => {
    const index = new MergeIndex(MERGES, 8, 5, gridCells);
    for (let r = 0; r <= 10; r++) {
      for (let c = 0; c <= 7; c++) {
        const want = r <= 8 && c <= 5 ? expected(r, c) : undefined;
        expect(index.at(r, c), `${r},${c}`).toBe(want);
      }
    }
    expect(index.master(4, 4)).toEqual({ row: 3, col: 3 });
    expect(index.numberAt(4, 4)).toBe(2);
    expect(index.numberAt(9, 9)).toBe(-1);
    expect(index.numbered(index.numberAt(2, 1))).toBe(MERGES[0]);
    expect(index.count).toBe(MERGES.length);
    expect(index.master(7, 1)).toEqual({ row: 7, col: 1 });
  });

  it("keeps its own list: merges added to the sheet later do not change it", () => {
    const merges = [{ top: 1, left: 1, bottom: 2, right: 1 }];
    const index = new MergeIndex(merges, 3, 3);
    merges.unshift({ top: 3, left: 3, bottom: 3, right: 3 });
    expect(index.at(2, 1)).toEqual({ top: 1, left: 1, bottom: 2, right: 1 });
  });
});
