/**
 * The service's limits come from the one table (core/limits.ts): the roster's units, a received file's and a
 * configuration upload's time to be read; each refusal says the number.
 */
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../core/index.js";
import { DEFAULT_POOL_LIMITS } from "../../functions/parsePool.js";
import { runTask } from "../../functions/poolTasks.js";
import { WorkbookError } from "../../workbook/index.js";

const rosterOf = (n: number) =>
  new TextEncoder().encode(JSON.stringify({ units: Array.from({ length: n }, (_, i) => ({ name: `某某县第${i + 1}单位`, groups: ["县直各单位"] })), groups: [{ name: "县直各单位" }] }));

describe("the limits table", () => {
  it("holds the roster's units and both times to read", () => {
    expect(LIMITS).toMatchObject({ rosterUnits: 3_000, parseSeconds: 4, configParseSeconds: 15 });
    expect(DEFAULT_POOL_LIMITS.timeoutMs).toBe(LIMITS.parseSeconds * 1000);
  });

  it(`a roster of ${LIMITS.rosterUnits} units is read; one more is refused, saying the limit`, async () => {
    expect(await runTask({ kind: "roster", name: "单位名册.json", bytes: rosterOf(LIMITS.rosterUnits) })).toMatchObject({ units: { length: LIMITS.rosterUnits } });
    const err = await runTask({ kind: "roster", name: "单位名册.json", bytes: rosterOf(LIMITS.rosterUnits + 1) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkbookError);
    expect((err as WorkbookError).kind).toBe("too-large");
    expect((err as WorkbookError).message).toContain(`单位名册有 ${LIMITS.rosterUnits + 1} 个单位，超过 ${LIMITS.rosterUnits} 个的上限`);
  });
});
