/** The mark planner and the read planner, without Excel and without any fake. */
import { describe, expect, it } from "vitest";
import { ALL_CAPABILITIES, EXCEL_API_1_8 } from "../../addin/capabilities.js";
import { NOTHING_FOUND, joinRuns, markRule, planMarks, styleOfRule, userParts, withMessage, type FoundMarks } from "../../addin/markPlan.js";
import { OwnChanges, QUIET_MS } from "../../addin/ownChanges.js";
import { afterPiece, afterProbe, FIRST_ROWS, joinMerges, MAX_ROWS, MERGES_PER_CALL, nextPieces, READ_BYTES, startProgress } from "../../addin/readPlan.js";
import { NOTE_HEADER, type CellMark } from "../../core/index.js";

const mark = (cell: string, style: CellMark["style"], note = style === "done" ? "" : `${NOTE_HEADER}\n错误：${cell}`, sheet = "表"): CellMark => ({
  sheet,
  cell,
  range: cell,
  row: Number(cell.slice(1)),
  col: cell.charCodeAt(0) - 64,
  style,
  note,
  findings: [],
});
const found = (f: Partial<FoundMarks>): FoundMarks => ({ ...NOTHING_FOUND, sheets: [{ name: "表", protected: false }], ...f });
const COMMENTS = { ...ALL_CAPABILITIES, notes: false };

describe("planMarks", () => {
  it("a fresh sheet: one conditional format per look, a note per message, none for a done cell", () => {
    const plan = planMarks(found({}), [mark("H5", "error"), mark("H6", "error"), mark("H7", "warning"), mark("H8", "done"), mark("H9", "info")], ALL_CAPABILITIES);
    expect(plan.ops.filter((o) => o.op === "addFormat")).toEqual([
      { op: "addFormat", sheet: "表", style: "error", areas: "H5, H6" },
      { op: "addFormat", sheet: "表", style: "warning", areas: "H7" },
      { op: "addFormat", sheet: "表", style: "done", areas: "H8" },
    ]);
    expect(plan.ops.filter((o) => o.op === "addNote").map((o) => "cell" in o && o.cell)).toEqual(["H5", "H6", "H7", "H9"]);
    expect(plan.coloured).toBe(4);
  });

  it("the earlier marks go first; a user's note keeps its text above the message, and gets it back alone", () => {
    const plan = planMarks(
      found({
        formats: [{ sheet: "表", index: 2, areas: "H5:H6" }],
        notes: [
          { sheet: "表", cell: "H5", content: `待回复\n\n${NOTE_HEADER}\n错误：旧`, index: 0 },
          { sheet: "表", cell: "H6", content: `${NOTE_HEADER}\n错误：旧`, index: 1 },
          { sheet: "表", cell: "H7", content: `用户的话\n\n${NOTE_HEADER}\n提醒：旧`, index: 2 },
          { sheet: "表", cell: "H8", content: "用户自己的批注", index: 3 },
        ],
      }),
      [mark("H5", "error"), mark("H8", "warning")],
      ALL_CAPABILITIES,
    );
    expect(plan.ops[0]).toEqual({ op: "deleteFormat", sheet: "表", index: 2 });
    expect(plan.ops).toContainEqual({ op: "deleteNote", index: 1 });
    expect(plan.ops).toContainEqual({ op: "setNote", index: 2, content: "用户的话" });
    expect(plan.ops).toContainEqual({ op: "setNote", index: 0, content: `待回复\n\n${NOTE_HEADER}\n错误：H5` });
    expect(plan.ops).toContainEqual({ op: "setNote", index: 3, content: `用户自己的批注\n\n${NOTE_HEADER}\n错误：H8` });
    expect(plan.ops.some((o) => o.op === "addNote")).toBe(false);
  });

  it("清除标记 counts each cell once, whatever holds its mark", () => {
    const plan = planMarks(found({ formats: [{ sheet: "表", index: 0, areas: "H5:H7" }, { sheet: "表", index: 1, areas: "A1" }], notes: [{ sheet: "表", cell: "H5", content: `${NOTE_HEADER}\nx`, index: 0 }, { sheet: "表", cell: "B2", content: `${NOTE_HEADER}\nx`, index: 1 }] }), [], ALL_CAPABILITIES);
    expect(plan.removed).toBe(5);
    expect(plan.ops).toHaveLength(4);
  });

  it("a protected sheet gets no operation and a notice saying how to unprotect it", () => {
    const f = found({ sheets: [{ name: "表", protected: true }, { name: "说明", protected: false }], formats: [{ sheet: "表", index: 0, areas: "H5" }] });
    const plan = planMarks(f, [mark("H5", "error"), mark("A1", "warning", undefined, "说明")], ALL_CAPABILITIES);
    expect(plan.ops.every((o) => !("sheet" in o) || o.sheet === "说明")).toBe(true);
    expect(plan.notices).toEqual([expect.stringMatching(/^工作表“表”设有保护，1 处问题未能标在表中.*撤消工作表保护/)]);
  });

  it("ExcelApi 1.10–1.17 (no notes to see): a reply where someone's comment is, else the pane only; the add-in's comments and replies go", () => {
    const plan = planMarks(
      found({
        comments: [
          { sheet: "表", cell: "H5", content: "请尽快", index: 0, replies: [{ content: "好的", index: 0 }, { content: `${NOTE_HEADER}\n旧`, index: 1 }] },
          { sheet: "表", cell: "H6", content: `${NOTE_HEADER}\n旧`, index: 1, replies: [] },
        ],
      }),
      [mark("H5", "error"), mark("H6", "error")],
      COMMENTS,
    );
    expect(plan.ops.filter((o) => !o.op.endsWith("Format"))).toEqual([
      { op: "deleteReply", comment: 0, reply: 1 },
      { op: "deleteComment", index: 1 },
      { op: "reply", comment: 0, content: `${NOTE_HEADER}\n错误：H5` },
    ]);
  });

  it("ExcelApi 1.18: a cell holding someone's comment gets a reply, not a note; the add-in's old comment goes before a note takes its cell", () => {
    const plan = planMarks(
      found({
        comments: [
          { sheet: "表", cell: "H5", content: "请尽快", index: 0, replies: [] },
          { sheet: "表", cell: "H6", content: `${NOTE_HEADER}\n旧`, index: 1, replies: [] },
        ],
      }),
      [mark("H5", "error"), mark("H6", "error")],
      ALL_CAPABILITIES,
    );
    expect(plan.ops.filter((o) => !o.op.endsWith("Format"))).toEqual([
      { op: "deleteComment", index: 1 },
      { op: "reply", comment: 0, content: `${NOTE_HEADER}\n错误：H5` },
      { op: "addNote", sheet: "表", cell: "H6", content: `${NOTE_HEADER}\n错误：H6` },
    ]);
  });

  it("after an upgrade to notes (1.18), the add-in's old comments and replies still go; messages go into notes", () => {
    const plan = planMarks(
      found({ comments: [{ sheet: "表", cell: "H5", content: `${NOTE_HEADER}\n旧`, index: 0, replies: [] }, { sheet: "表", cell: "H6", content: "用户", index: 1, replies: [{ content: `${NOTE_HEADER}\n旧`, index: 0 }] }] }),
      [mark("H5", "error")],
      ALL_CAPABILITIES,
    );
    expect(plan.ops).toContainEqual({ op: "deleteComment", index: 0 });
    expect(plan.ops).toContainEqual({ op: "deleteReply", comment: 1, reply: 0 });
    expect(plan.ops.some((o) => o.op === "reply")).toBe(false);
    expect(plan.ops).toContainEqual({ op: "addNote", sheet: "表", cell: "H5", content: `${NOTE_HEADER}\n错误：H5` });
  });

  it("ExcelApi 1.8: cells of a column in a row share one area; no notes, no comments", () => {
    const plan = planMarks(found({}), ["H5", "H6", "H7", "H9", "I9"].map((c) => mark(c, "done")), EXCEL_API_1_8);
    expect(plan.ops.map((o) => "areas" in o && o.areas)).toEqual(["H5:H7", "H9", "I9"]);
    expect(joinRuns(["A1:B2", "C3", "C4"])).toEqual(["A1:B2", "C3:C4"]);
  });

  it("an earlier version's record: looks put back on sheets that are there, a word about the ones gone", () => {
    const plan = planMarks(
      found({ legacy: [{ sheet: "表", range: "H5", cell: "H5", fill: null, font: "#000000" }, { sheet: "旧表", range: "H6", cell: "H6", fill: null, font: "#000000" }] }),
      [],
      ALL_CAPABILITIES,
    );
    expect(plan.ops).toEqual([{ op: "restoreLook", sheet: "表", ranges: ["H5"], fill: null, font: "#000000" }]);
    expect(plan.notices).toEqual([expect.stringContaining("“旧表”已不在工作簿中，它上面的 1 处旧标记")]);
  });

  it("a mark's rule names the tool and its look; user rules and notes are told apart", () => {
    expect(styleOfRule(markRule("warning"))).toBe("warning");
    expect(styleOfRule("=$H5>0")).toBeUndefined();
    expect(styleOfRule(null)).toBeUndefined();
    expect(userParts(`我的\n\n${NOTE_HEADER}\n错误：缺少进展`)).toEqual({ before: "我的", after: "" });
    expect(userParts("只是我的")).toEqual({ before: "只是我的", after: "" });
  });

  it("text someone typed below the add-in's message is the user's: kept when the message is replaced or taken out", () => {
    const note = `我的\n\n${NOTE_HEADER}\n错误：缺少进展\n提醒：牵头单位写法不同\n\n已核实，下周补（张三）`;
    expect(userParts(note)).toEqual({ before: "我的", after: "已核实，下周补（张三）" });
    expect(withMessage(note, "")).toBe("我的\n\n已核实，下周补（张三）");
    expect(withMessage(note, `${NOTE_HEADER}\n提示：已完成`)).toBe(`我的\n\n${NOTE_HEADER}\n提示：已完成\n\n已核实，下周补（张三）`);
    expect(withMessage(`${NOTE_HEADER}\n错误：缺少进展\n回复：已改`, "")).toBe("回复：已改");
  });
});

describe("read planning", () => {
  const extent = (rows: number, columns = 10) => ({ row: 0, column: 0, rows, columns });

  it("the first sync takes the first rows of every sheet; later syncs fill the byte budget", () => {
    const sheets = [startProgress(extent(5000)), startProgress(extent(40)), startProgress(undefined)];
    const first = nextPieces(sheets, true);
    expect(first).toEqual([{ sheet: 0, row: 0, rows: FIRST_ROWS }, { sheet: 1, row: 0, rows: 40 }]);
    afterPiece(sheets[0]!, first[0]!, FIRST_ROWS * 1000, FIRST_ROWS * 0.6, false); // 1 KB and 0.6 merges a row
    afterPiece(sheets[1]!, first[1]!, 4000, 0, false);
    const next = nextPieces(sheets, false);
    expect(next.every((p) => p.sheet === 0)).toBe(true);
    expect(next.every((p) => p.rows * 0.6 * 1.5 <= MERGES_PER_CALL)).toBe(true);
    expect(next.reduce((n, p) => n + p.rows, 0) * 1500).toBeLessThanOrEqual(READ_BYTES);
  });

  it("an empty piece is followed by a probe, and reading goes on where content resumes", () => {
    const p = startProgress(extent(1_000_000));
    afterPiece(p, { sheet: 0, row: 0, rows: 500 }, 100, 0, false);
    afterPiece(p, { sheet: 0, row: 500, rows: 2000 }, 100, 0, true);
    expect(p.probe).toBe(true);
    expect(nextPieces([p], false)).toEqual([]);
    afterProbe(p, 999_999);
    expect(nextPieces([p], false)).toEqual([{ sheet: 0, row: 999_999, rows: 1 }]);
  });

  it("stops at MAX_ROWS rows read", () => {
    const p = startProgress(extent(50_000, 2));
    p.read = MAX_ROWS - 10;
    expect(nextPieces([p], false).reduce((n, x) => n + x.rows, 0)).toBe(10);
  });

  it("merged areas reported by two pieces are one area; areas that only touch stay two", () => {
    expect(joinMerges([{ top: 1, left: 1, bottom: 600, right: 1 }, { top: 1, left: 1, bottom: 600, right: 1 }, { top: 601, left: 1, bottom: 602, right: 1 }])).toEqual([
      { top: 1, left: 1, bottom: 600, right: 1 },
      { top: 601, left: 1, bottom: 602, right: 1 },
    ]);
  });
});

describe("own changes", () => {
  it("ExcelApi 1.14: the trigger says whose change it is; a co-author's never counts", () => {
    const own = new OwnChanges(true);
    expect(own.isUsers({ source: "Local", triggerSource: "Unknown" })).toBe(true);
    expect(own.isUsers({ source: "Local", triggerSource: "ThisLocalAddin" })).toBe(false);
    expect(own.isUsers({ source: "Remote", triggerSource: "Unknown" })).toBe(false);
  });

  it("before 1.14: events while the add-in writes, and shortly after, are its own", async () => {
    let now = 1000;
    const own = new OwnChanges(false, () => now);
    let during: boolean | undefined;
    await own.around(async () => {
      during = own.isUsers({ source: "Local" });
    });
    expect(during).toBe(false);
    now += QUIET_MS - 1;
    expect(own.isUsers({ source: "Local" })).toBe(false);
    now += 2;
    expect(own.isUsers({ source: "Local" })).toBe(true);
  });
});
