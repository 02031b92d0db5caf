/**
 * A stored task list is read again (after each upload, the cache being new) in the bounded parse workers, as the upload
 * itself is: never on the request loop, where a big list's reading would hold every other request behind it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CITY, buildTable } from "../fixtures/otherTables.js";
import { startHarness, type Harness } from "./harness.js";

const onLoop = vi.hoisted(() => ({ reads: 0 }));
vi.mock("../../workbook/index.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../workbook/index.js")>();
  return {
    ...actual,
    readTaskListWithReport: (...args: Parameters<typeof actual.readTaskListWithReport>) => {
      onLoop.reads++;
      return actual.readTaskListWithReport(...args);
    },
  };
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ embedded: true });
});
afterAll(() => h?.close());

describe("the stored task list read again", () => {
  it("after an upload, the round's list is read in a worker (once: the reading is kept), the request loop never reads it", async () => {
    const rows = Array.from({ length: 300 }, (_, i) => [String(i + 1), i % 10 === 0 ? `${i / 10 + 1}、加强政策解读` : null, `第${i + 1}项：及时发布政策解读材料`, "市政府办公室", "市直各部门", "2023年底前", "", ""]);
    const { bytes } = await buildTable({ ...CITY, rows });
    const put = await fetch(`${h.host.url}/api/tasks?round=2022-03`, { method: "PUT", body: new Uint8Array(bytes), headers: { authorization: `Bearer ${h.coordinator}` } });
    expect(put.status).toBe(201);
    onLoop.reads = 0;
    for (let i = 0; i < 3; i++) {
      const r = await h.get("/api/tasks?round=2022-03", h.coordinator);
      expect(r.status).toBe(200);
      expect(((await r.json()) as { tasks: unknown[] }).tasks).toHaveLength(300);
    }
    expect(onLoop.reads).toBe(0);
  }, 60_000);
});
