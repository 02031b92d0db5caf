/** Issue 24 item 3: capabilities judged from the Office.js library actually loaded, not only the host's sets. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_CAPABILITIES, detectCapabilities } from "../../addin/capabilities.js";
import { validateInPlace } from "../../addin/excelAdapter.js";
import { NOTE_HEADER } from "../../core/index.js";
import { readWorkbook } from "../../workbook/index.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";
import { OFFICE_JS_1_1_110, WorkbookModel, fakeContext, fakeLibrary, modelFromSnapshot } from "./fakeExcel.js";

const host118 = (v: string) => Number(v.split(".")[1]) <= 18; // the host reports ExcelApi 1.18

describe("detectCapabilities", () => {
  it("the bundled @microsoft/office-js really has no Notes API, and the fake's surface says so", () => {
    const pkg = createRequire(import.meta.url).resolve("@microsoft/office-js/package.json");
    const js = readFileSync(join(dirname(pkg), "dist", "excel-web-16.00.js"), "utf8");
    expect(js.includes("NoteCollection")).toBe(OFFICE_JS_1_1_110.notes);
    expect(js.includes("CommentCollection")).toBe(OFFICE_JS_1_1_110.comments);
    expect(js.includes("getMergedAreasOrNullObject")).toBe(OFFICE_JS_1_1_110.mergedAreas);
    expect(js.includes("RangeAreas")).toBe(OFFICE_JS_1_1_110.rangeAreas);
    expect(js.includes('"WorksheetCollection.onRowSorted"') && js.includes('"WorksheetCollection.onColumnSorted"')).toBe(OFFICE_JS_1_1_110.sortEvents);
  });

  it.each([
    ["the CDN's current library", ALL_CAPABILITIES, { notes: true, comments: true, mergedAreas: true }],
    ["the intranet's copy (npm 1.1.110)", OFFICE_JS_1_1_110, { notes: false, comments: true, mergedAreas: true }],
  ])("a host reporting 1.18 with %s", (_name, library, expected) => {
    const caps = detectCapabilities(host118, fakeLibrary(library));
    expect(caps).toMatchObject(expected);
    expect(caps.keepsUndo).toBe(false);
  });

  it("the intranet's copy on a host that keeps notes: notes out of reach, said so the pane can warn that earlier notes stay", () => {
    expect(detectCapabilities(host118, fakeLibrary(OFFICE_JS_1_1_110)).notesOutOfReach).toBe(true);
    expect(detectCapabilities(host118, fakeLibrary(ALL_CAPABILITIES)).notesOutOfReach).toBeUndefined();
    expect(detectCapabilities((v) => Number(v.split(".")[1]) <= 17, fakeLibrary(OFFICE_JS_1_1_110)).notesOutOfReach).toBeUndefined();
  });

  it("undo support is ExcelApi 1.20 (the 1.20 requirement set adds it), not 1.19", () => {
    const upTo = (n: number) => (v: string) => Number(v.split(".")[1]) <= n;
    expect(detectCapabilities(upTo(19), fakeLibrary(ALL_CAPABILITIES)).keepsUndo).toBe(false);
    expect(detectCapabilities(upTo(20), fakeLibrary(ALL_CAPABILITIES)).keepsUndo).toBe(true);
  });

  it("sort events: ExcelApi 1.10 and the events on the library's WorksheetCollection", () => {
    const upTo = (n: number) => (v: string) => Number(v.split(".")[1]) <= n;
    expect(detectCapabilities(upTo(10), fakeLibrary(ALL_CAPABILITIES)).sortEvents).toBe(true);
    expect(detectCapabilities(upTo(9), fakeLibrary(ALL_CAPABILITIES)).sortEvents).toBe(false);
    expect(detectCapabilities(upTo(18), fakeLibrary({ ...ALL_CAPABILITIES, sortEvents: false })).sortEvents).toBe(false);
  });

  it("a stand-in namespace without Office.js' classes: the sets alone decide", () => {
    expect(detectCapabilities(host118, { run: () => undefined }).notes).toBe(true);
  });
});

describe("a host at 1.18 running the intranet's old Office.js", () => {
  it("校验 does not end in a TypeError: messages stay in the pane, colours are written", async () => {
    const built = await buildCopy({ rows: CLEAN_ROWS, filled: { ...allDone(FINANCE_TASKS), 统计信息: {} } });
    const model = modelFromSnapshot(await readWorkbook(built.bytes));
    const ws = model.sheets[0]!;
    const caps = detectCapabilities(host118, fakeLibrary(OFFICE_JS_1_1_110));
    const ctx = fakeContext(model, { ...ALL_CAPABILITIES, keepsUndo: false }, { delayForCellEdit: true }, OFFICE_JS_1_1_110);
    const { result } = await validateInPlace(ctx, caps, { today: "2022-03-10" });
    expect(result.findings.filter((f) => f.severity === "error").length).toBeGreaterThan(0);
    expect(ws.lookAt(`H${built.rowOf["统计信息"]}`)).toEqual({ fill: "#FFC7CE", font: "#9C0006" });
    expect([...ws.notes.values()].some((n) => n.includes(NOTE_HEADER))).toBe(false);
  });

  it("the fake: the old library has no workbook.notes at all, whatever the host reports", () => {
    const ctx = fakeContext(new WorkbookModel(), ALL_CAPABILITIES, {}, OFFICE_JS_1_1_110);
    expect(ctx.workbook.notes).toBeUndefined();
  });
});
