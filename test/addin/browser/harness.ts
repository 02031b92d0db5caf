/**
 * Loaded into the real task pane page before its own script: stands in for Office.js, with the
 * recording fake of Excel underneath, so that the built pane runs in a real browser without Excel.
 *
 * What it models, as the node tests' fake does (fakeExcel.ts): `Excel.run(options, batch)` passes the options on,
 * so a batch synced while the user edits a cell (`__fake.startEdit()`) fails with InvalidOperationInCellEditMode
 * unless the run asked for `delayForCellEdit`, and then waits for `__fake.endEdit()`; the global `Excel` has the API
 * surface of the library loaded (`library`, default the host's `caps`: a proxy class per API, as Office.js
 * exports), so the pane judges its capabilities as it does on the real library. What it does not model: the
 * rest of Office.js (dialogs, `openBrowserWindow`, ribbon commands), timing of a real Excel.
 */
import type { Capabilities } from "../../../addin/capabilities.js";
import type { WorkbookSnapshot } from "../../../core/index.js";
import { FakeContext, fakeContext, fakeLibrary, modelFromSnapshot, modelState, type FakeRunOptions } from "../fakeExcel.js";

interface TestConfig {
  snapshot: WorkbookSnapshot;
  /** The workbook file, base64, for getFileAsync. */
  xlsx: string;
  caps: Capabilities;
  /** The Office.js library's API surface, when it is not the host's (the intranet's old copy). */
  library?: Capabilities;
}

const w = window as unknown as Record<string, unknown> & { __GONGKAI_TEST__: TestConfig };
const cfg = w.__GONGKAI_TEST__;
const model = modelFromSnapshot(cfg.snapshot);
const contexts: FakeContext[] = [];
const bytes = Uint8Array.from(atob(cfg.xlsx), (c) => c.charCodeAt(0));
/** The ExcelApi set of each capability: the host reports a set where one of its capabilities is on. */
const VERSIONS: [string, keyof Capabilities][] = [["1.9", "rangeAreas"], ["1.10", "comments"], ["1.10", "sortEvents"], ["1.13", "mergedAreas"], ["1.14", "triggerSource"], ["1.18", "notes"], ["1.20", "keepsUndo"]];

w.Excel = {
  ...fakeLibrary(cfg.library ?? cfg.caps),
  // Excel.run(batch), Excel.run(options, batch), or Excel.run(object, batch) to go on with an earlier batch's objects
  run: async (a: unknown, b?: unknown) => {
    const batch = (b ?? a) as (ctx: unknown) => Promise<unknown>;
    const options: FakeRunOptions = b === undefined ? {} : a instanceof FakeContext ? a.options : (a as FakeRunOptions);
    const ctx = fakeContext(model, cfg.caps, options, cfg.library);
    contexts.push(ctx);
    return batch(ctx);
  },
};
w.Office = {
  HostType: { Excel: "Excel" },
  FileType: { Compressed: "compressed" },
  AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  onReady(cb: (info: { host: string }) => void) {
    // like Office.js, later than the page's load; tests wait for __paneMounted before they click (a click on a
    // pane not yet mounted does nothing, and a test would wait for its answer for ever)
    setTimeout(() => {
      cb({ host: "Excel" });
      (window as unknown as { __paneMounted: boolean }).__paneMounted = true;
    });
    return Promise.resolve({ host: "Excel" });
  },
  actions: { associate() {} },
  context: {
    requirements: { isSetSupported: (_set: string, v: string) => v === "1.8" || VERSIONS.some(([set, cap]) => set === v && cfg.caps[cap]) },
    document: {
      getFileAsync(_type: string, o: { sliceSize: number }, cb: (r: unknown) => void) {
        const sliceCount = Math.ceil(bytes.length / o.sliceSize);
        cb({
          status: "succeeded",
          value: {
            sliceCount,
            getSliceAsync: (i: number, done: (r: unknown) => void) =>
              done({ status: "succeeded", value: { data: Array.from(bytes.subarray(i * o.sliceSize, (i + 1) * o.sliceSize)) } }),
            closeAsync: () => {},
          },
        });
      },
    },
  },
};
w.__fake = {
  model,
  state: () => modelState(model),
  syncs: () => contexts.map((c) => c.syncs),
  calls: (name: string) => contexts.reduce((n, c) => n + (c.calls.get(name) ?? 0), 0),
  edit: (sheet: string, address: string, text: string) => model.edit(sheet, address, text),
  /** The user starts typing in a cell; `endEdit`: Enter or Esc. */
  startEdit: () => model.startEdit(),
  endEdit: () => model.endEdit(),
  /** The user sorts: two rows trade places (values, notes and comments move; colours stay), and onRowSorted fires. */
  sortRows: (sheet: string, a: number, b: number) => model.swapRows(sheet, a, b),
  look: (sheet: string, address: string) => model.sheet(sheet).lookAt(address),
  note: (sheet: string, address: string) => model.sheet(sheet).notes.get(address) ?? null,
  cellText: (sheet: string, address: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(address)!;
    const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return model.sheet(sheet).cells.get(`${m[2]},${col}`)?.text ?? "";
  },
  sheetNames: () => model.sheets.map((s) => s.name),
};
