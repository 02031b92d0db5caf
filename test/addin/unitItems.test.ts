/** In Excel (the fake of Office.js): 校验 marks the findings of a unit's own items on the 细化分解 sheet, as any other; 清除标记 takes them away. */
import { describe, expect, it } from "vitest";
import { ALL_CAPABILITIES } from "../../addin/capabilities.js";
import { clearMarks, validateInPlace } from "../../addin/excelAdapter.js";
import { NOTE_HEADER } from "../../core/index.js";
import { readTaskListXlsx, readWorkbook } from "../../workbook/index.js";
import { CITY, buildTable } from "../fixtures/otherTables.js";
import { DEFECTIVE_ITEMS, ITEMS_TODAY, itemsCopy } from "../fixtures/unitItems.js";
import { fakeContext, modelFromSnapshot, modelState } from "./fakeExcel.js";

describe("校验 of a copy with its own items", () => {
  it("colours and notes the 细化分解 cells; 清除标记 leaves the workbook as it was", async () => {
    const tasks = await readTaskListXlsx((await buildTable(CITY)).bytes);
    const model = modelFromSnapshot(await readWorkbook(await itemsCopy(DEFECTIVE_ITEMS)));
    const pristine = modelState(model);
    const { result } = await validateInPlace(fakeContext(model, ALL_CAPABILITIES), ALL_CAPABILITIES, { today: ITEMS_TODAY, tasks, roster: CITY.roster });
    expect(result.findings.filter((f) => f.sheet === "细化分解")).toHaveLength(7);
    const items = model.sheet("细化分解");
    expect(items.lookAt("E3")).toEqual({ fill: "#FFC7CE", font: "#9C0006" });
    expect(items.lookAt("I8")).toEqual({ fill: "#FFEB9C", font: "#9C5700" });
    expect(items.notes.get("E3")).toMatch(new RegExp(`^${NOTE_HEADER}\\n错误：事项“在县政府网站发布标准目录”的推进时限2023年7月20日晚于`));
    await clearMarks(fakeContext(model, ALL_CAPABILITIES), ALL_CAPABILITIES);
    expect(modelState(model)).toBe(pristine);
  });
});
