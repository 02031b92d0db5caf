/** 3. Live re-validation answers the user's edits only; Office's errors reach the user in words. */
import { describe, expect, it } from "vitest";
import { ALL_CAPABILITIES, EXCEL_API_1_8, type Capabilities } from "../../addin/capabilities.js";
import { createHost } from "../../addin/host.js";
import { OfficeError } from "../../addin/officeError.js";
import { Jobs, QUIET_MS } from "../../addin/ownChanges.js";
import type { Finding } from "../../core/index.js";
import { WorkbookModel, fakeContext, type ChangeArgs, type SortedArgs } from "./fakeExcel.js";

const settle = () => new Promise((r) => setTimeout(r, 20));

function hostOn(model: WorkbookModel, caps: Capabilities, now?: () => number) {
  return createHost({
    capabilities: caps,
    run: (options, batch) => batch(fakeContext(model, caps, options)),
    file: async () => new Uint8Array(),
    listen: async (handler) => {
      const ctx = fakeContext(model, caps);
      const r = ctx.workbook.worksheets.onChanged.add(async (e: ChangeArgs) => handler(e));
      await ctx.sync();
      return async () => {
        r.remove();
        await ctx.sync();
      };
    },
    listenSorts: async (handler) => {
      const ctx = fakeContext(model, caps, { delayForCellEdit: true });
      const added = [ctx.workbook.worksheets.onRowSorted.add(handler), ctx.workbook.worksheets.onColumnSorted.add(handler)];
      await ctx.sync();
      return async () => {
        for (const r of added) r.remove();
        await ctx.sync();
      };
    },
    ...(now ? { now } : {}),
  });
}

const fix: Finding = { code: "task.altered", severity: "warning", sheet: "表", cell: "F5", row: 5, message: "", fix: { value: "旗民政局", label: "" } };

describe("live re-validation", () => {
  it("ExcelApi 1.14+: the add-in's own writes and co-authors' edits do not trigger it; the user's do", async () => {
    const model = new WorkbookModel();
    model.sheet("表").set("F5", "民政局");
    const host = hostOn(model, ALL_CAPABILITIES);
    let runs = 0;
    const stop = await host.watch(() => runs++);
    await host.fix([fix]);
    await settle();
    expect(model.sheet("表").cells.get("5,6")?.text).toBe("旗民政局");
    expect(runs).toBe(0);
    model.remoteEdit("表", "H5", "同事改的");
    await settle();
    expect(runs).toBe(0);
    model.edit("表", "H6", "我改的");
    await settle();
    expect(runs).toBe(1);
    await stop();
    model.edit("表", "H7", "停止之后");
    await settle();
    expect(runs).toBe(1);
  });

  it("ExcelApi 1.9–1.13 (no triggerSource): the add-in's writes fall in its quiet window", async () => {
    const caps = { ...ALL_CAPABILITIES, triggerSource: false, notes: false, keepsUndo: false };
    const model = new WorkbookModel();
    model.sheet("表").set("F5", "民政局");
    let now = 0;
    const host = hostOn(model, caps, () => now);
    let runs = 0;
    await host.watch(() => runs++);
    await host.fix([fix]);
    await settle();
    expect(runs).toBe(0);
    now += QUIET_MS + 1;
    model.edit("表", "H6", "我改的");
    await settle();
    expect(runs).toBe(1);
  });

  it("ExcelApi 1.9–1.13: an edit made while 校验 or 清除标记 runs, or just after, is the user's (marks raise no change event)", async () => {
    const caps = { ...ALL_CAPABILITIES, triggerSource: false, notes: false, keepsUndo: false };
    const model = new WorkbookModel();
    model.sheet("表").set("A1", "x");
    const now = 0; // no time passes: within what would be the quiet window of a batch that wrote values
    const host = hostOn(model, caps, () => now);
    let runs = 0;
    await host.watch(() => runs++);
    const validating = host.validate({ today: "2022-03-10" });
    model.edit("表", "H6", "校验时我改的");
    await validating;
    model.edit("表", "H7", "校验后我改的");
    await host.clear();
    model.edit("表", "H8", "清除后我改的");
    await settle();
    expect(runs).toBe(3);
  });
});

describe("Office's errors", () => {
  it("a protected sheet: the user reads what to do, not an error code", async () => {
    const model = new WorkbookModel();
    model.sheet("表").protected = true;
    const host = hostOn(model, ALL_CAPABILITIES);
    const e = await host.fix([fix]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OfficeError);
    expect((e as Error).message).toContain("撤消工作表保护");
  });
});

describe("issue 24 item 2: cell-edit mode", () => {
  it("a batch that reaches Excel while the user types in a cell waits for the edit to end (delayForCellEdit), not fails", async () => {
    const model = new WorkbookModel();
    model.sheet("表").set("F5", "民政局");
    const host = hostOn(model, ALL_CAPABILITIES);
    model.startEdit();
    let done = false;
    const fixing = host.fix([fix]).then(() => (done = true));
    await settle();
    expect(done).toBe(false);
    model.endEdit();
    await fixing;
    expect(model.sheet("表").cells.get("5,6")?.text).toBe("旗民政局");
  });

  it("the fake refuses a batch in cell-edit mode when the run did not ask to wait, as Excel does", async () => {
    const model = new WorkbookModel();
    model.sheet("表");
    model.startEdit();
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    ctx.workbook.worksheets.load("items/name");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
  });

  it("edits made while a validation runs are not dropped: one more validation follows", async () => {
    const model = new WorkbookModel();
    model.sheet("表").set("A1", "x");
    const host = hostOn(model, ALL_CAPABILITIES);
    const jobs = new Jobs();
    let runs = 0;
    const revalidate = () => jobs.runOrQueue(async () => {
      runs++;
      await host.validate({ today: "2022-03-10" });
    });
    model.startEdit(); // the first validation waits in cell-edit mode…
    const first = revalidate();
    await settle();
    void revalidate(); // …while two more edits arrive
    void revalidate();
    model.endEdit();
    await first;
    expect(runs).toBe(2);
    expect(await jobs.run(async () => {})).toBe(true); // free again
  });
});

describe("issue 24 item 8: sorting a marked sheet", () => {
  it("ExcelApi 1.10+: a row sort, a column sort and a co-author's sort each name the sheet; a deleted sheet's and a stopped watch's nothing", async () => {
    const model = new WorkbookModel();
    for (const r of [1, 2, 3]) model.sheet("任务分解表").set(`A${r}`, `第${r}行`);
    model.sheet("联络人").set("A1", "联络人");
    const host = hostOn(model, ALL_CAPABILITIES);
    const sorted: string[] = [];
    const stop = await host.watchSorts!((sheet) => sorted.push(sheet));
    model.swapRows("任务分解表", 2, 3);
    await settle();
    expect(sorted).toEqual(["任务分解表"]);
    expect(model.sheet("任务分解表").cells.get("3,1")?.text).toBe("第2行");
    model.swapColumns("联络人", 1, 2);
    model.swapRows("任务分解表", 1, 2, "Remote");
    await settle();
    expect(sorted).toEqual(["任务分解表", "联络人", "任务分解表"]);
    model.swapRows("联络人", 1, 2);
    model.deleteSheet("联络人"); // before the event reaches the add-in
    await settle();
    expect(sorted).toHaveLength(3);
    await stop();
    model.swapRows("任务分解表", 2, 3);
    await settle();
    expect(sorted).toHaveLength(3);
  });

  it("the fake raises the sort event later than the sort, with the moved rows' address, and no change event", async () => {
    const model = new WorkbookModel();
    for (const r of [1, 2, 3, 4]) for (const c of "BCD") model.sheet("表").set(`${c}${r}`, `${c}${r}`);
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    const events: SortedArgs[] = [];
    ctx.workbook.worksheets.onRowSorted.add((e: SortedArgs) => events.push(e));
    let changes = 0;
    ctx.workbook.worksheets.onChanged.add(() => changes++);
    await ctx.sync();
    model.swapRows("表", 4, 2);
    expect(events).toEqual([]);
    await settle();
    expect(events).toEqual([{ type: "WorksheetRowSorted", worksheetId: model.sheet("表").id, address: "表!B2:D2,表!B4:D4", source: "Local" }]);
    expect(changes).toBe(0);
  });

  it("ExcelApi 1.8–1.9 (no sort events): there is nothing to watch", () => {
    const host = hostOn(new WorkbookModel(), { ...EXCEL_API_1_8, rangeAreas: true });
    expect(host.watchSorts).toBeUndefined();
    // the library has the event; the host's Excel does not: ApiNotFound, as on an older Excel
    const ctx = fakeContext(new WorkbookModel(), EXCEL_API_1_8, {}, ALL_CAPABILITIES);
    expect(() => ctx.workbook.worksheets.onRowSorted).toThrow(/ExcelApi 1\.10/);
  });
});
