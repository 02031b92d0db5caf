import { describe, expect, it } from "vitest";
import { ALL_CAPABILITIES, EXCEL_API_1_8, type Capabilities } from "../../addin/capabilities.js";
import { applyFixes, clearMarks, validateInPlace } from "../../addin/excelAdapter.js";
import { recordToXml } from "../../addin/markRecord.js";
import { MAX_ADDRESS_LENGTH, NOTE_HEADER, RATE_LABEL, type Finding, type WorkbookSnapshot } from "../../core/index.js";
import { readWorkbook } from "../../workbook/index.js";
import { bigTable } from "../../bench/bigTable.js";
import { allDone, buildCopy, type CopyOptions } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";
import { LIMITS, WorkbookModel, fakeContext, modelFromSnapshot, modelState } from "./fakeExcel.js";

const TODAY = { today: "2022-03-10" };
const ERROR = { fill: "#FFC7CE", font: "#9C0006" };
const WARNING = { fill: "#FFEB9C", font: "#9C5700" };
const DONE = { fill: "#C6EFCE", font: "#006100" };
const PLAIN = { fill: null, font: "#000000" };
/** ExcelApi 1.10–1.17: threaded comments, no notes. */
const COMMENTS_ONLY: Capabilities = { ...ALL_CAPABILITIES, notes: false, keepsUndo: false };

const modelOf = (snapshot: WorkbookSnapshot): WorkbookModel => modelFromSnapshot(snapshot);

async function copyModel(o: CopyOptions = {}) {
  const built = await buildCopy({ rows: CLEAN_ROWS, ...o });
  return { model: modelOf(await readWorkbook(built.bytes)), built };
}

const state = modelState;
const validate = (model: WorkbookModel, caps: Capabilities = ALL_CAPABILITIES) => validateInPlace(fakeContext(model, caps), caps, TODAY);
const clear = (model: WorkbookModel, caps: Capabilities = ALL_CAPABILITIES) => clearMarks(fakeContext(model, caps), caps);

const faulty = { ...allDone(FINANCE_TASKS), 统计信息: {}, 基础信息公开: { progress: "正在整理" } };

describe("validateInPlace", () => {
  it("colours and notes the cells, keeping a user's note above the message; the cells' own formats are not touched", async () => {
    const { model, built } = await copyModel({ filled: faulty });
    const sheet = model.sheets[0]!;
    const stats = `H${built.rowOf["统计信息"]}`;
    sheet.notes.set(stats, "待统计局回复");
    const ownLooks = JSON.stringify([...sheet.looks]);
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    const { result, mergesKnown, notices } = await validateInPlace(ctx, ALL_CAPABILITIES, TODAY);
    expect(ctx.syncs).toBe(4); // list, locate, one read (the conditional formats' rules ride on it), write
    expect(mergesKnown).toBe(true);
    expect(notices).toEqual([]);
    expect(result.summary.errors).toBeGreaterThan(0);
    expect(sheet.lookAt(stats)).toEqual(ERROR);
    expect(sheet.lookAt(`H${built.rowOf["基础信息公开"]}`)).toEqual(WARNING);
    expect(sheet.lookAt(`H${built.rowOf["财政资金"]}`)).toEqual(DONE);
    expect(sheet.notes.get(stats)).toMatch(new RegExp(`^待统计局回复\\n\\n${NOTE_HEADER}\\n错误：`));
    expect(JSON.stringify([...sheet.looks])).toBe(ownLooks);
    expect(sheet.formats.length).toBe(3); // one conditional format per look
    expect(model.parts).toEqual([]); // nothing to record: every mark says it is the add-in's
  });

  it("validating again replaces the marks instead of stacking them, and unmarks what was fixed", async () => {
    const { model, built } = await copyModel({ filled: faulty });
    const sheet = model.sheets[0]!;
    const stats = `H${built.rowOf["统计信息"]}`;
    sheet.notes.set(stats, "待统计局回复");
    const pristine = state(model);
    await validate(model);
    await validate(model);
    expect(sheet.notes.get(stats)!.split(NOTE_HEADER)).toHaveLength(2);
    expect(sheet.formats.length).toBe(3);
    // the user fills the cell in; the next validation takes its mark away
    sheet.set(stats, "已发布2月统计数据，已完成");
    await validate(model);
    expect(sheet.lookAt(stats)).toEqual(DONE);
    expect(sheet.notes.get(stats)).toBe("待统计局回复");
    await clear(model);
    sheet.cells.delete(`${built.rowOf["统计信息"]},8`); // undo the user's own edit to compare with the start
    expect(state(model)).toBe(pristine);
  });

  it("清除标记 restores exactly: patterns, theme tints, Automatic font, the user's own colours, formats and notes", async () => {
    const { model, built } = await copyModel({ filled: faulty });
    const sheet = model.sheets[0]!;
    const basic = built.rowOf["基础信息公开"]!;
    // looks the Office.js colour properties cannot carry: a pattern, a theme colour with tint, Automatic
    sheet.looks.set(`${basic},8`, { fill: "pattern:Gray25 theme:accent1 tint:0.6", font: "Automatic" });
    sheet.looks.set(`${built.rowOf["统计信息"]},8`, { fill: "#FFFFFF", font: "#1F4E79" }); // explicit white
    sheet.formats.push({ type: "CellValue", formula: "=0", areas: [{ top: 5, left: 8, bottom: 40, right: 8 }], fill: "#FF0000" }); // the user's own rule
    sheet.notes.set(`H${built.rowOf["统计信息"]}`, "用户批注");
    const pristine = state(model);
    await validate(model);
    expect(state(model)).not.toBe(pristine);
    expect(sheet.lookAt(`H${basic}`)).toEqual(WARNING);
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    const { cells } = await clearMarks(ctx, ALL_CAPABILITIES);
    expect(cells).toBeGreaterThan(20);
    expect(ctx.syncs).toBe(4);
    expect(state(model)).toBe(pristine);
  });

  it("restores after the file was saved, closed and reopened", async () => {
    const { model } = await copyModel({ filled: faulty });
    const pristine = state(model);
    await validate(model);
    const reopened = model.clone();
    await clear(reopened);
    expect(state(reopened)).toBe(pristine);
  });
});

describe("1. a sheet renamed or deleted, rows inserted above marked cells", () => {
  it("a renamed sheet: marks follow it, 清除标记 and 校验 go on working", async () => {
    const { model, built } = await copyModel({ filled: faulty });
    const pristine = state(model).replaceAll('"Sheet1"', '"分解表（财政局）"');
    await validate(model);
    model.rename("Sheet1", "分解表（财政局）");
    const stats = `H${built.rowOf["统计信息"]}`;
    expect(model.sheet("分解表（财政局）").lookAt(stats)).toEqual(ERROR);
    await validate(model); // re-marks on the new name
    await clear(model);
    expect(state(model)).toBe(pristine);
  });

  it("a deleted sheet: its marks went with it; the others are restored", async () => {
    const { model } = await copyModel({ filled: faulty });
    model.sheet("说明").set("A1", "本表由财政局填写");
    const pristine = state(model);
    await validate(model);
    model.deleteSheet("说明");
    await expect(clear(model)).resolves.toMatchObject({ notices: [] });
    expect(state(model)).toBe(pristine.replace(/\{"name":"说明".*?\]\}(,)?/, "").replace(/,\]/, "]"));
  });

  it("rows inserted above marked cells: marks move with their cells and are all taken away", async () => {
    const { model, built } = await copyModel({ filled: faulty });
    const stats = built.rowOf["统计信息"]!;
    model.sheets[0]!.notes.set(`H${stats}`, "待统计局回复");
    const reference = model.clone();
    reference.insertRows("Sheet1", 6, 3);
    await validate(model);
    model.insertRows("Sheet1", 6, 3);
    const sheet = model.sheets[0]!;
    expect(sheet.lookAt(`H${stats + 3}`)).toEqual(ERROR);
    expect(sheet.notes.get(`H${stats + 3}`)).toMatch(/^待统计局回复\n\n/);
    await clear(model);
    expect(state(model)).toBe(state(reference));
    expect(sheet.lookAt(`H${stats}`)).toEqual(PLAIN);
  });

  it("a record from the earlier version: restored where its sheet is, dropped (and said) where it is gone", async () => {
    const { model } = await copyModel({ filled: faulty });
    const sheet = model.sheets[0]!;
    sheet.looks.set("8,8", { fill: "#FFC7CE", font: "#9C0006" }); // coloured directly by the old add-in
    model.addPart(recordToXml({ version: 1, cells: [
      { sheet: "Sheet1", range: "H8", cell: "H8", fill: "#00B0F0", font: "#000000" },
      { sheet: "已删除的表", range: "H9", cell: "H9", fill: null, font: "#000000" },
    ] }));
    const { notices } = await clear(model);
    expect(sheet.look(8, 8)).toEqual({ fill: "#00B0F0", font: "#000000" });
    expect(notices.join()).toContain("“已删除的表”已不在工作簿中");
    expect(model.parts).toEqual([]);
  });

  it("a record from the earlier version: the cells of a protected sheet stay recorded, the rest restored (issue 24 item 8)", async () => {
    const { model } = await copyModel({ filled: faulty });
    const sheet = model.sheets[0]!;
    const locked = model.sheet("受保护的表");
    locked.protected = true;
    sheet.looks.set("8,8", { fill: "#FFC7CE", font: "#9C0006" });
    locked.looks.set("9,8", { fill: "#FFC7CE", font: "#9C0006" });
    const kept = { sheet: "受保护的表", range: "H9", cell: "H9", fill: "#00B0F0", font: "#000000" };
    model.addPart(recordToXml({ version: 1, cells: [{ sheet: "Sheet1", range: "H8", cell: "H8", fill: "#00B0F0", font: "#000000" }, kept] }));
    const { notices } = await clear(model);
    expect(sheet.look(8, 8)).toEqual({ fill: "#00B0F0", font: "#000000" });
    expect(locked.look(9, 8)).toEqual({ fill: "#FFC7CE", font: "#9C0006" });
    expect(notices.join()).toContain("“受保护的表”设有保护，旧版本");
    expect(model.parts.map((p) => p.xml)).toEqual([recordToXml({ version: 1, cells: [kept] })]);
    // unprotected, the next 清除标记 puts it back and the record goes
    locked.protected = false;
    await clear(model);
    expect(locked.look(9, 8)).toEqual({ fill: "#00B0F0", font: "#000000" });
    expect(sheet.look(8, 8)).toEqual({ fill: "#00B0F0", font: "#000000" });
    expect(model.parts).toEqual([]);
  });

  it("sorted after 校验 (colours stay, notes move): 校验 again and 清除标记 put every mark with its cell (issue 24 item 8)", async () => {
    const { model, built } = await copyModel({ filled: faulty });
    const sheet = model.sheets[0]!;
    const stats = built.rowOf["统计信息"]!;
    const done = built.rowOf["财政资金"]!;
    const pristine = state(model);
    await validate(model);
    model.swapRows("Sheet1", stats, done);
    expect(sheet.lookAt(`H${stats}`)).toEqual(ERROR); // the colour stayed, the cell left
    expect(sheet.notes.get(`H${done}`)).toContain(NOTE_HEADER); // the note went with it
    const sorted = model.clone();
    await validate(model);
    expect(sheet.lookAt(`H${done}`)).toEqual(ERROR);
    expect(sheet.lookAt(`H${stats}`)).toEqual(DONE);
    expect(sheet.notes.has(`H${stats}`)).toBe(false);
    // the same marks as a first 校验 of the sorted sheet
    const fresh = sorted.clone();
    await clear(fresh);
    await validate(fresh);
    expect(state(model)).toBe(state(fresh));
    // and 清除标记 leaves the sorted sheet as it was before any mark
    await clear(sorted);
    sorted.swapRows("Sheet1", stats, done);
    expect(state(sorted)).toBe(pristine);
  });
});

describe("2. a batch that fails halfway, comments on occupied cells, protected sheets", () => {
  it("a write batch that fails halfway leaves nothing 清除标记 cannot find", async () => {
    const { model } = await copyModel({ filled: faulty });
    model.sheets[0]!.notes.set("H12", "用户批注");
    const pristine = state(model);
    const ops = await (async () => {
      const probe = model.clone();
      const ctx = fakeContext(probe, ALL_CAPABILITIES);
      const sync = ctx.sync.bind(ctx);
      let longest = 0;
      ctx.sync = (async () => {
        longest = Math.max(longest, ctx.ops.length);
        return sync();
      }) as typeof ctx.sync;
      await validateInPlace(ctx, ALL_CAPABILITIES, TODAY);
      return longest;
    })();
    for (const at of [1, Math.floor(ops / 3), Math.floor(ops / 2), ops - 2]) {
      model.failBatchAt = at;
      // the write batch is the longest: fail it at several points
      await validate(model).catch(() => undefined);
      model.failBatchAt = undefined;
      await clear(model);
      expect(state(model)).toBe(pristine);
    }
  });

  it("ExcelApi 1.10–1.17: a cell holding someone's comment gets the message as a reply; clearing keeps the comment", async () => {
    const { model, built } = await copyModel({ filled: faulty });
    const stats = `H${built.rowOf["统计信息"]}`;
    model.comments.push({ sheet: "Sheet1", cell: stats, content: "请统计局尽快回复", replies: ["已催办"] });
    model.comments.push({ sheet: "Sheet1", cell: "D5", content: "用户的讨论", replies: [] });
    const pristine = state(model);
    await validate(model, COMMENTS_ONLY);
    const thread = model.comments.find((c) => c.cell === stats)!;
    expect(thread.content).toBe("请统计局尽快回复");
    expect(thread.replies).toEqual(["已催办", expect.stringMatching(new RegExp(`^${NOTE_HEADER}\\n错误：`))]);
    expect(model.comments.filter((c) => c.content.startsWith(NOTE_HEADER))).toEqual([]); // elsewhere: the pane only
    await validate(model, COMMENTS_ONLY);
    expect(model.comments.find((c) => c.cell === stats)!.replies).toHaveLength(2); // not stacked
    const ours = model.comments.filter((c) => c.content.startsWith(NOTE_HEADER));
    expect(new Set(ours.map((c) => c.cell)).size).toBe(ours.length);
    await clear(model, COMMENTS_ONLY);
    expect(state(model)).toBe(pristine);
  });

  it("a protected sheet: nothing is written to it, the user is told how to unprotect; other sheets are marked", async () => {
    const { model, built } = await copyModel({ filled: faulty });
    model.sheets[0]!.protected = true;
    const pristine = state(model);
    const { result, notices } = await validate(model);
    expect(result.summary.errors).toBeGreaterThan(0);
    expect(notices.join()).toMatch(/工作表“Sheet1”设有保护，\d+ 处问题未能标在表中.*撤消工作表保护/);
    expect(state(model)).toBe(pristine);
    model.sheets[0]!.protected = false;
    await validate(model);
    expect(model.sheets[0]!.lookAt(`H${built.rowOf["统计信息"]}`)).toEqual(ERROR);
    model.sheets[0]!.protected = true;
    await expect(clear(model)).resolves.toMatchObject({ cells: 0 });
  });
});

describe("4. reads sized to Excel's limits", () => {
  it("5,000 long rows: every request and answer under 5 MB, merged areas read in pieces, syncs = 2 + R + W", async () => {
    const table = bigTable(5000);
    const sheet = table.sheets[0]!;
    for (const row of sheet.rows.slice(3)) if (row[3]) row[3] = { text: row[3].text.repeat(4) }; // long measures: ~1.2 KB a row
    const model = modelOf(table);
    expect(sheet.merges.length).toBeGreaterThan(LIMITS.mergedAreasPerCall);
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    const { result, marks } = await validateInPlace(ctx, ALL_CAPABILITIES, TODAY);
    expect(result.findings.length).toBeGreaterThanOrEqual(2000);
    const read = ctx.responses.reduce((n, b) => n + b, 0);
    expect(read).toBeGreaterThan(LIMITS.payloadBytes); // more than one request could carry
    expect(Math.max(...ctx.responses)).toBeLessThan(LIMITS.payloadBytes);
    // 校验 = 2 + R + W (docs/ARCHITECTURE.md), each counted: R syncs that load cells (and rules, probes, merges), W that only write
    const reads = ctx.readSyncs - 2;
    const writes = ctx.syncs - ctx.readSyncs;
    expect(ctx.syncs).toBe(2 + reads + writes);
    expect(writes).toBeGreaterThanOrEqual(1);
    // R = 1 + ⌈(rows − 500) × 1.5 × bytes per row ÷ 3.5 MB⌉ (docs/ARCHITECTURE.md): here 8.8 MB in 5 reads
    expect(reads).toBeLessThanOrEqual(1 + Math.ceil((read * 1.5) / 3_500_000));
    expect(reads).toBe(5);
    expect(ctx.addresses.every((a) => a.length <= MAX_ADDRESS_LENGTH)).toBe(true);
    expect(ctx.calls.get("getRanges")).toBeLessThan(30);
    const painted = ctx.addresses.join(", ").split(", ").length;
    expect(painted).toBe(marks.filter((m) => m.style !== "info").length);
    // merges read in pieces are whole again: no merged cell reported blank
    expect(result.findings.filter((f) => f.code === "cell.required")).toEqual([]);
    const clearing = fakeContext(model, ALL_CAPABILITIES);
    await clearMarks(clearing, ALL_CAPABILITIES);
    expect(clearing.syncs).toBe(4);
    expect(model.sheets[0]!.formats).toEqual([]);
  });

  /** The 5,000-row table of the seed's layout with long measures (~1.2 KB a row), its merges kept, left blank or undone. */
  function longTable(merges: "kept" | "blank" | "undone"): WorkbookSnapshot {
    const table = bigTable(5000);
    const sheet = table.sheets[0]!;
    for (const row of sheet.rows.slice(3)) if (row[3]) row[3] = { text: row[3].text.repeat(4) };
    if (merges === "undone") {
      // each row holds its own value, as a table typed without merging does
      for (const m of sheet.merges) for (let r = m.top + 1; r <= m.bottom; r++) (sheet.rows[r - 1] ??= [])[m.left - 1] = { text: sheet.rows[m.top - 1]![m.left - 1]!.text };
    }
    if (merges !== "kept") sheet.merges = [];
    return table;
  }

  it.each([
    ["merged cells: the last piece has merges", "kept", 5, 5],
    // no merged cells: Excel's null answer for the last piece (over 512 cells) is asked again in a sync of its own
    ["no merged cells, the merged cells left blank", "blank", 5, 6],
    ["no merged cells, every row holding its own values (11 MB)", "undone", 6, 7],
  ] as const)("syncs = 2 + R + W on 5,000 long rows, %s: R is the formula's, plus one without merged cells (docs/ARCHITECTURE.md)", async (_what, merges, formula, r) => {
    const ctx = fakeContext(modelOf(longTable(merges)), ALL_CAPABILITIES);
    await validateInPlace(ctx, ALL_CAPABILITIES, TODAY);
    const read = ctx.responses.reduce((n, b) => n + b, 0);
    expect(1 + Math.ceil((read * 1.5) / 3_500_000)).toBe(formula);
    expect(ctx.readSyncs - 2).toBe(r);
    expect(ctx.syncs).toBe(2 + r + 1);
  });

  it.each([
    ["every sheet empty, no conditional formats", 0],
    ["a table of 40 rows", 1],
  ])("syncs = 2 + R + W, counted: %s (R = %i)", async (_what, r) => {
    const model = r === 0 ? new WorkbookModel() : (await copyModel({ filled: faulty })).model;
    if (r === 0) model.sheet("Sheet1");
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    await validateInPlace(ctx, ALL_CAPABILITIES, TODAY);
    expect(ctx.readSyncs - 2).toBe(r);
    expect(ctx.syncs - ctx.readSyncs).toBe(1); // W: one write sync
  });

  it("one stray value far below the table costs a probe, not a read of a million rows", async () => {
    const { model } = await copyModel({ filled: faulty });
    model.sheets[0]!.set("C1000000", "x");
    model.sheets[0]!.set("XFD3", "y");
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    const { result, notices } = await validateInPlace(ctx, ALL_CAPABILITIES, TODAY);
    expect(result.summary.errors).toBeGreaterThan(0);
    expect(ctx.syncs).toBeLessThanOrEqual(8);
    expect(Math.max(...ctx.responses)).toBeLessThan(LIMITS.payloadBytes);
    expect(notices.join()).toContain("只读取了前 256 列");
  });

  it("a piece Excel refuses is read again in halves", async () => {
    const { model } = await copyModel({ filled: faulty });
    const reference = await validate(model.clone());
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    let failed = false;
    const sync = ctx.sync.bind(ctx);
    ctx.sync = (async () => {
      if (ctx.syncs === 2 && !failed) {
        failed = true;
        ctx.ops.splice(0);
        ctx.syncs++;
        throw Object.assign(new Error("ResponsePayloadSizeLimitExceeded"), { code: "ResponsePayloadSizeLimitExceeded" });
      }
      return sync();
    }) as typeof ctx.sync;
    const { result } = await validateInPlace(ctx, ALL_CAPABILITIES, TODAY);
    expect(failed).toBe(true);
    expect(result.findings).toEqual(reference.result.findings);
  });
});

describe("on older Excel", () => {
  it("ExcelApi 1.8: no merged areas, no notes, no getRanges — still validates, colours and restores exactly (white stays white)", async () => {
    const { model, built } = await copyModel({ filled: { ...allDone(FINANCE_TASKS), 统计信息: {} } });
    model.sheets[0]!.looks.set(`${built.rowOf["统计信息"]},8`, { fill: "#FFFFFF", font: "#000000" });
    const pristine = state(model);
    const ctx = fakeContext(model, EXCEL_API_1_8);
    const { result, mergesKnown } = await validateInPlace(ctx, EXCEL_API_1_8, TODAY);
    expect(mergesKnown).toBe(false);
    // merges inferred: the cells a merged value covers are not reported blank
    expect(result.findings.filter((f) => f.code === "cell.required")).toEqual([]);
    expect(result.summary).toMatchObject({ errors: 1, completed: 20 }); // all of 旗财政局's tasks but 统计信息
    expect(ctx.calls.get("getRanges")).toBeUndefined();
    expect(model.sheets[0]!.lookAt(`H${built.rowOf["统计信息"]}`)).toEqual(ERROR);
    // consecutive done cells of one column share one conditional format
    expect(model.sheets[0]!.formats.length).toBeLessThan(21);
    await clear(model, EXCEL_API_1_8);
    expect(state(model)).toBe(pristine);
  });

  it("ExcelApi 1.10–1.17 (notes unseen): messages stay in the pane; comments of an earlier version are removed", async () => {
    const { model, built } = await copyModel({ filled: faulty });
    const pristine = state(model);
    model.comments.push({ sheet: "Sheet1", cell: `H${built.rowOf["统计信息"]}`, content: `${NOTE_HEADER}\n旧版本的批注`, replies: [] });
    const { result } = await validate(model, COMMENTS_ONLY);
    expect(result.summary.errors).toBeGreaterThan(0);
    expect(model.comments).toEqual([]);
    await clear(model, COMMENTS_ONLY);
    expect(state(model)).toBe(pristine);
  });
});

describe("issue 24 item 1: a note or a threaded comment per cell, never both", () => {
  it("ExcelApi 1.10–1.17: a legacy 批注 (note) the add-in cannot see does not make 校验 fail; it stays as it was", async () => {
    const { model, built } = await copyModel({ filled: faulty });
    const stats = `H${built.rowOf["统计信息"]}`;
    model.sheets[0]!.notes.set(stats, "WPS 写的批注");
    const pristine = state(model);
    const { result } = await validate(model, COMMENTS_ONLY);
    expect(result.findings.some((f) => f.cell === stats && f.severity === "error")).toBe(true);
    expect(model.sheets[0]!.notes.get(stats)).toBe("WPS 写的批注");
    expect(model.sheets[0]!.lookAt(stats)).toEqual(ERROR);
    await validate(model, COMMENTS_ONLY);
    await clear(model, COMMENTS_ONLY);
    expect(state(model)).toBe(pristine);
  });

  it("ExcelApi 1.18+: a cell holding someone's threaded comment gets the message as a reply, not a note", async () => {
    const { model, built } = await copyModel({ filled: faulty });
    const stats = `H${built.rowOf["统计信息"]}`;
    model.comments.push({ sheet: "Sheet1", cell: stats, content: "请统计局尽快回复", replies: [] });
    model.comments.push({ sheet: "Sheet1", cell: `H${built.rowOf["基础信息公开"]}`, content: `${NOTE_HEADER}\n旧版本的批注`, replies: [] });
    const pristine = state(model).replace(/,\{"sheet":"Sheet1","cell":"H\d+","content":"【[^"]*旧版本的批注","replies":\[\]\}/, "");
    await validate(model);
    expect(model.sheets[0]!.notes.has(stats)).toBe(false);
    expect(model.comments.find((c) => c.cell === stats)!.replies).toEqual([expect.stringMatching(new RegExp(`^${NOTE_HEADER}\\n错误：`))]);
    // the earlier version's comment went first, so a note could take its cell
    expect(model.sheets[0]!.notes.get(`H${built.rowOf["基础信息公开"]}`)).toMatch(new RegExp(`^${NOTE_HEADER}`));
    await validate(model);
    expect(model.comments.find((c) => c.cell === stats)!.replies).toHaveLength(1);
    await clear(model);
    expect(state(model)).toBe(pristine);
  });

  it("the fake refuses a comment on a noted cell and a note on a commented cell, as Excel does", async () => {
    const model = new WorkbookModel();
    model.sheet("表").notes.set("A1", "批注");
    model.comments.push({ sheet: "表", cell: "B1", content: "讨论", replies: [] });
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    ctx.workbook.comments.add("表!A1", "x");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    ctx.workbook.worksheets.getItem("表").notes.add("B1", "x");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
  });
});

describe("6. applyFixes", () => {
  it("writes each certain fix into its cell in one sync", async () => {
    const rows = CLEAN_ROWS.map((r) => (r.level3 === "社会救助" ? { ...r, responsible: "民政局" } : r));
    const { model, built } = await copyModel({ rows, filled: allDone(FINANCE_TASKS) });
    const { result } = await validate(model);
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    expect(await applyFixes(ctx, result.findings)).toBe(1);
    expect(ctx.syncs).toBe(1);
    expect(model.sheets[0]!.cells.get(`${built.rowOf["社会救助"]},6`)).toEqual({ text: "旗民政局" }); // plain text: its format left alone
  });

  it("writes a fix as text: a date-like or formula-like value is never parsed by Excel", async () => {
    const model = new WorkbookModel();
    const ws = model.sheet("任务分解表");
    ws.set("G5", "3 月 15 日");
    ws.set("G6", " 2022-03-15");
    ws.set("D7", "＝1+1");
    const fix = (cell: string, value: string): Finding => ({ code: "task.altered", severity: "warning", sheet: "任务分解表", cell, row: Number(cell.slice(1)), message: "", fix: { value, label: "" } });
    await applyFixes(fakeContext(model, ALL_CAPABILITIES), [fix("G5", "3月15日"), fix("G6", "2022-03-15"), fix("D7", "=1+1")]);
    expect(ws.cells.get("5,7")).toEqual({ text: "3月15日", numberFormat: "@" });
    expect(ws.cells.get("6,7")).toEqual({ text: "2022-03-15", numberFormat: "@" });
    expect(ws.cells.get("7,4")).toEqual({ text: "=1+1", numberFormat: "@" });
  });
});

describe("8. writeLedgerSheets (拉取汇总台账)", () => {
  it("writes the summary and the task matrix into the workbook, coloured, in two syncs, replacing earlier copies", async () => {
    const { DEFAULT_ROSTER_INDEX, builtInTaskList, consolidate, unitReport, validateWorkbook } = await import("../../core/index.js");
    const { writeLedgerSheets, LEDGER_SHEETS } = await import("../../addin/excelAdapter.js");
    const built = await buildCopy({ rows: CLEAN_ROWS, filled: { ...allDone(FINANCE_TASKS), 统计信息: { progress: "正在整理", status: "推进中" } } });
    const result = validateWorkbook(await readWorkbook(built.bytes), { today: "2022-04-01" });
    const ledger = consolidate({ round: "2022-04", today: "2022-04-01", year: 2022, tasks: builtInTaskList().tasks, roster: DEFAULT_ROSTER_INDEX, reports: [unitReport(result, "旗财政局")] });
    const model = new WorkbookModel();
    model.sheet("Sheet1");
    for (let i = 0; i < 2; i++) {
      const ctx = fakeContext(model, ALL_CAPABILITIES);
      await writeLedgerSheets(ctx, ALL_CAPABILITIES, ledger);
      expect(ctx.syncs).toBe(2);
    }
    expect(model.sheets.map((s) => s.name)).toEqual(["Sheet1", LEDGER_SHEETS.summary, LEDGER_SHEETS.matrix]);
    const summary = model.sheet(LEDGER_SHEETS.summary);
    const financeRow = [...summary.cells].find(([, c]) => c.text === "旗财政局")![0].split(",")[0];
    const stateCol = [...summary.cells].find(([k, c]) => k.startsWith("2,") && c.text === "报送情况")![0].split(",")[1];
    expect(summary.cells.get(`${financeRow},${stateCol}`)).toMatchObject({ text: "已报送" });
    expect(summary.cells.get("3,2")).toMatchObject({ text: "旗政府办公室" });
    expect(summary.lookAt(`${String.fromCharCode(64 + Number(stateCol))}3`)).toEqual(ERROR); // not submitted
    const rateCol = [...summary.cells].find(([k, c]) => k.startsWith("2,") && c.text === RATE_LABEL)![0].split(",")[1];
    expect(summary.cells.get(`${financeRow},${rateCol}`)).toMatchObject({ numberFormat: "0.0%" }); // a number, shown as a percentage
    const matrix = model.sheet(LEDGER_SHEETS.matrix);
    const col = [...matrix.cells].find(([k, c]) => k.startsWith("2,") && c.text === "旗财政局")![0].split(",")[1];
    const statsRow = [...matrix.cells].find(([, c]) => c.text === "统计信息")![0].split(",")[0];
    // 统计信息 is 持续更新: under way and updated this month, it is on track (按期推进), coloured as done
    expect(matrix.cells.get(`${statsRow},${col}`)).toMatchObject({ text: "按期推进" });
    expect(matrix.look(Number(statsRow), Number(col))).toEqual(DONE);
  });

  it("replaces them without ever deleting the last sheet", async () => {
    const { DEFAULT_ROSTER_INDEX, builtInTaskList, consolidate } = await import("../../core/index.js");
    const { writeLedgerSheets, LEDGER_SHEETS } = await import("../../addin/excelAdapter.js");
    const ledger = consolidate({ round: "2022-04", today: "2022-04-01", year: 2022, tasks: builtInTaskList().tasks, roster: DEFAULT_ROSTER_INDEX, reports: [] });
    const model = new WorkbookModel();
    model.sheet(LEDGER_SHEETS.summary);
    model.sheet(LEDGER_SHEETS.matrix);
    await writeLedgerSheets(fakeContext(model, ALL_CAPABILITIES), ALL_CAPABILITIES, ledger);
    expect(model.sheets.map((s) => s.name)).toEqual([LEDGER_SHEETS.summary, LEDGER_SHEETS.matrix]);
    expect([...model.sheet(LEDGER_SHEETS.summary).cells.values()].some((c) => c.text.includes("2022-04 政务公开工作台账汇总"))).toBe(true);
  });
});

describe("reading what Excel shows", () => {
  it("takes a date shown as ######## (column too narrow) from its value", async () => {
    const { readWorkbook: readExcel, serialToIso, shownText } = await import("../../addin/excelAdapter.js");
    expect(serialToIso(44635)).toBe("2022-03-15");
    expect(shownText("15-Mar", 44635)).toBe("2022-03-15");
    expect(shownText("3/15", 44635)).toBe("2022-03-15");
    expect(shownText("2022/3/15", 44635)).toBe("2022/3/15");
    expect(shownText("44635", 44635)).toBe("44635");
    expect(shownText("¥44,635.00", 44635)).toBe("¥44,635.00");
    expect(shownText("###", 3.5)).toBe("3.5");
    const { model, built } = await copyModel({ filled: allDone(FINANCE_TASKS) });
    const row = built.rowOf["专栏设置"]!;
    model.sheets[0]!.cells.set(`${row},7`, { text: "########", value: 44635 });
    const read = await readExcel(fakeContext(model, ALL_CAPABILITIES), ALL_CAPABILITIES);
    expect(read.snapshot.sheets[0]!.rows[row - 1]![6]).toEqual({ text: "2022-03-15" });
  });
});

describe("a cell whose finding drops to an info", () => {
  it("loses its colour, and its message stays in the note", async () => {
    const { model, built } = await copyModel({ filled: allDone(FINANCE_TASKS) });
    const sheet = model.sheets[0]!;
    const cell = `H${built.rowOf["稳岗就业"]}`; // not 旗财政局's row
    sheet.set(cell, "已协助", 'CONCATENATE("已","协助")'); // a formula: a warning, coloured
    await validate(model);
    expect(sheet.lookAt(cell)).toEqual(WARNING);
    sheet.set(cell, "已协助人社局公开"); // plain text now: only an info (not this unit's row)
    await validate(model);
    expect(sheet.lookAt(cell)).toEqual(PLAIN);
    expect(sheet.notes.get(cell)).toMatch(/提示：本单位（旗财政局）不是此项/);
  });
});
