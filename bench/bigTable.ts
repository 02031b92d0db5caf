/** A synthetic decomposition table of any size: the official rows repeated, merges and all. */
import { OFFICIAL_ROWS, type CellRange, type CellSnapshot, type SheetSnapshot, type WorkbookSnapshot } from "../core/index.js";

const KEYS = ["level1", "level2", "level3", "measure", "lead", "responsible", "deadline"] as const;
const HEADERS = ["一级指标", "二级指标", "三级指标", "提升措施", "牵头单位", "责任单位", "完成时限", "进展情况", "完成状态"];

export function bigTable(rows: number, unit = "旗财政局"): WorkbookSnapshot {
  const out: CellSnapshot[][] = [[{ text: "2022年全旗政务公开工作提升任务分解表" }], [{ text: `填报单位：${unit}` }], HEADERS.map((text) => ({ text }))];
  const merges: CellRange[] = [];
  const runStart: number[] = KEYS.map(() => 0);
  for (let i = 0; i < rows; i++) {
    const cycle = Math.floor(i / OFFICIAL_ROWS.length);
    const src = OFFICIAL_ROWS[i % OFFICIAL_ROWS.length]!;
    const sheetRow = out.length + 1;
    const row: CellSnapshot[] = [];
    KEYS.forEach((k, c) => {
      const v = src[k];
      const continues = v === null && i % OFFICIAL_ROWS.length !== 0;
      if (!continues) {
        if (runStart[c]! > 0 && sheetRow - 1 > runStart[c]!) merges.push({ top: runStart[c]!, left: c + 1, bottom: sheetRow - 1, right: c + 1 });
        runStart[c] = sheetRow;
        // joined, not concatenated: a flat string, as the readers give (a concatenation is a pair V8 flattens when first
        // read — in the measured run, for a table made just before it, with garbage for the collector)
        const text = k === "measure" || k === "level3" ? [v ?? "", "（第", cycle + 1, "批）"].join("") : (v ?? "");
        row[c] = { text };
      }
    });
    // Most rows are filled in; every tenth is left blank so the rules have something to say.
    if (i % 10 !== 0) {
      row[7] = { text: i % 3 === 0 ? "正在推进，已公开部分信息" : "已按要求公开" };
      row[8] = { text: i % 3 === 0 ? "推进中" : "已完成" };
    }
    out.push(row);
  }
  const last = out.length;
  KEYS.forEach((_, c) => {
    if (last > runStart[c]!) merges.push({ top: runStart[c]!, left: c + 1, bottom: last, right: c + 1 });
  });
  const sheet: SheetSnapshot = { name: "任务分解表", rows: out, merges };
  return { sheets: [sheet] };
}
