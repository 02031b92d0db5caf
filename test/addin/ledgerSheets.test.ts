/**
 * Issue 24 item 8: 拉取汇总台账 on the fake Excel — the `旧台账-*` sheets a pull that failed halfway left behind go
 * at the next pull, and a workbook whose structure is protected is said to be so, not "工作表受保护".
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ALL_CAPABILITIES } from "../../addin/capabilities.js";
import { OfficeError as PaneError } from "../../addin/officeError.js";
import { LEDGER_SHEETS, OLD_LEDGER_PREFIX, STRUCTURE_PROTECTED, writeLedgerSheets } from "../../addin/ledgerSheets.js";
import { DEFAULT_ROSTER_INDEX, builtInTaskList, consolidate, unitReport, validateWorkbook, type Ledger } from "../../core/index.js";
import { readWorkbook } from "../../workbook/index.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";
import { OfficeError, WorkbookModel, fakeContext } from "./fakeExcel.js";

let ledger: Ledger;

beforeAll(async () => {
  const built = await buildCopy({ rows: CLEAN_ROWS, filled: allDone(FINANCE_TASKS) });
  const result = validateWorkbook(await readWorkbook(built.bytes), { today: "2022-04-01" });
  ledger = consolidate({ round: "2022-04", today: "2022-04-01", year: 2022, tasks: builtInTaskList().tasks, roster: DEFAULT_ROSTER_INDEX, reports: [unitReport(result, "旗财政局")] });
});

type Ctx = ReturnType<typeof fakeContext>;

/** Excel refusing, in the batch, to add the sheet `name` (what a failure halfway through a pull looks like). */
function refuseAdding(ctx: Ctx, name: string, code: string): void {
  const sheets = ctx.workbook.worksheets as unknown as { add(n: string): unknown };
  const add = sheets.add.bind(sheets);
  sheets.add = (n: string) => {
    if (n === name) ctx.queue(() => { throw new OfficeError(code, `worksheets.add(${n})`); });
    return add(n);
  };
}

describe("拉取汇总台账 (addin/ledgerSheets.ts)", () => {
  it("a pull that failed halfway leaves 旧台账-* sheets; the next pull removes them with the earlier copies", async () => {
    const model = new WorkbookModel();
    model.sheet("Sheet1");
    await writeLedgerSheets(fakeContext(model, ALL_CAPABILITIES), ALL_CAPABILITIES, ledger);

    const failing = fakeContext(model, ALL_CAPABILITIES);
    refuseAdding(failing, LEDGER_SHEETS.matrix, "GeneralException");
    await expect(writeLedgerSheets(failing, ALL_CAPABILITIES, ledger)).rejects.toThrow(/GeneralException/);
    const left = model.sheets.map((s) => s.name).filter((n) => n.startsWith(OLD_LEDGER_PREFIX));
    expect(left).toHaveLength(2); // the earlier summary and matrix, renamed and never deleted

    const ctx = fakeContext(model, ALL_CAPABILITIES);
    await writeLedgerSheets(ctx, ALL_CAPABILITIES, ledger);
    expect(model.sheets.map((s) => s.name)).toEqual(["Sheet1", LEDGER_SHEETS.summary, LEDGER_SHEETS.matrix]);
    expect(ctx.syncs).toBe(2);
  });

  it.each([
    ["the workbook's structure protected (审阅 → 保护工作簿)", true, STRUCTURE_PROTECTED],
    ["a refusal with the structure unprotected", false, undefined],
  ])("%s: said as what it is", async (_case, structure, said) => {
    const model = new WorkbookModel();
    model.sheet("Sheet1");
    const ctx = fakeContext(model, ALL_CAPABILITIES);
    // WorkbookProtection (ExcelApi 1.7), which the fake does not model: adding a sheet is what Excel refuses
    (ctx.workbook as unknown as { protection: unknown }).protection = { protected: structure, load() {} };
    refuseAdding(ctx, LEDGER_SHEETS.summary, "AccessDenied");
    const error = await writeLedgerSheets(ctx, ALL_CAPABILITIES, ledger).then(() => undefined, (e: unknown) => e as Error & { code?: string });
    if (said) {
      // the pane shows an OfficeError's words as they are; host.ts maps only errors with Office's code
      expect(error).toBeInstanceOf(PaneError);
      expect(error!.message).toBe(said);
      expect(error!.message).not.toContain("工作表受保护");
      expect(error!.code).toBeUndefined();
    } else {
      expect(error!.code).toBe("AccessDenied"); // host.ts says how to unprotect the sheet
    }
  });
});
