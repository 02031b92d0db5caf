/**
 * Loaded into the real task pane page before its own script: stands in for Office.js, with the
 * recording fake of Excel underneath, so that the built pane runs in a real browser without Excel.
 */
import type { Capabilities } from "../../../addin/capabilities.js";
import type { WorkbookSnapshot } from "../../../core/index.js";
import { fakeContext, modelFromSnapshot, modelState, type FakeContext } from "../fakeExcel.js";

interface TestConfig {
  snapshot: WorkbookSnapshot;
  /** The workbook file, base64, for getFileAsync. */
  xlsx: string;
  caps: Capabilities;
}

const w = window as unknown as Record<string, unknown> & { __GONGKAI_TEST__: TestConfig };
const cfg = w.__GONGKAI_TEST__;
const model = modelFromSnapshot(cfg.snapshot);
const contexts: FakeContext[] = [];
const bytes = Uint8Array.from(atob(cfg.xlsx), (c) => c.charCodeAt(0));
const VERSIONS: Record<string, keyof Capabilities> = { "1.9": "rangeAreas", "1.10": "comments", "1.13": "mergedAreas", "1.14": "triggerSource", "1.18": "notes", "1.20": "keepsUndo" };

w.Excel = {
  run: async (a: unknown, b?: unknown) => {
    const batch = (b ?? a) as (ctx: unknown) => Promise<unknown>;
    const ctx = fakeContext(model, cfg.caps);
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
    requirements: { isSetSupported: (_set: string, v: string) => (v === "1.8" ? true : VERSIONS[v] ? cfg.caps[VERSIONS[v]!] : false) },
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
  look: (sheet: string, address: string) => model.sheet(sheet).lookAt(address),
  note: (sheet: string, address: string) => model.sheet(sheet).notes.get(address) ?? null,
  cellText: (sheet: string, address: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(address)!;
    const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return model.sheet(sheet).cells.get(`${m[2]},${col}`)?.text ?? "";
  },
  sheetNames: () => model.sheets.map((s) => s.name),
};
