/** The 联络人 rules apply only where the task list in use asks for a contact sheet (the sample's 附件2, a coordinator's table with one, or their setting). */
import ExcelJS from "exceljs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtInTaskList, validateWorkbook, withContactSheet, type TaskList } from "../../core/index.js";
import { readTaskListXlsx, readWorkbook } from "../../workbook/index.js";
import { runner } from "../cli/run.js";
import { CITY, buildTable } from "../fixtures/otherTables.js";

const TODAY = "2023-04-10";
const contactCodes = (findings: { code: string }[]) => findings.map((f) => f.code).filter((c) => c.startsWith("contact."));

/** The city's published table with a contact sheet beside it, as a coordinator's 附件2 (header 序号 | 姓名 | 职务 | 联系电话 | 备注). */
async function withContactsAttached(bytes: Uint8Array): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const ws = wb.addWorksheet("附件2");
  ws.addRow(["附件2"]);
  ws.addRow(["政务公开工作联络人明细表"]);
  ws.addRow(["序号", "姓名", "职务", "联系电话", "备注"]);
  ws.addRow([1, "", "", "", ""]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A unit's copy of the city's table without a contact sheet (the fixture adds one to copies: dropped here). */
async function copyWithoutContacts(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildTable(CITY, { unitLine: "填报单位：市财政局", progress: { 0: "已公开" } })).bytes as unknown as ExcelJS.Buffer);
  wb.removeWorksheet(wb.getWorksheet("联络人")!.id);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function copyWithBadPhone(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildTable(CITY, { unitLine: "填报单位：市财政局", progress: { 0: "已公开" } })).bytes as unknown as ExcelJS.Buffer);
  wb.getWorksheet("联络人")!.getCell("D3").value = "1390371123";
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const validate = async (bytes: Uint8Array, tasks: TaskList | undefined, submitting = false) =>
  validateWorkbook(await readWorkbook(bytes), { today: TODAY, tasks, roster: CITY.roster, submitting });

describe("which task lists ask for a contact sheet", () => {
  it("the built-in sample does (its 附件2); a coordinator's table only when its workbook has one", async () => {
    expect(builtInTaskList().contactSheet).toBe(true);
    const plain = await readTaskListXlsx((await buildTable(CITY)).bytes);
    expect(plain.contactSheet).toBe(false);
    const attached = await readTaskListXlsx(await withContactsAttached((await buildTable(CITY)).bytes));
    expect(attached.contactSheet).toBe(true);
    expect(attached.tasks).toHaveLength(plain.tasks.length); // the contact sheet is no task table
  });

  it.each([
    [false, undefined, false],
    [false, true, true],
    [true, false, false],
    [true, undefined, true],
  ])("a table with a contact sheet: %s, the setting %s → asked: %s", async (has, setting, asked) => {
    const official = (await buildTable(CITY)).bytes;
    const list = await readTaskListXlsx(has ? await withContactsAttached(official) : official);
    expect(withContactSheet(list, setting).contactSheet).toBe(asked);
  });

  it("the setting never turns the sample's 附件2 off", () => {
    expect(withContactSheet(builtInTaskList(), false).contactSheet).toBe(true);
  });
});

describe("the contact rules, where asked and only there", () => {
  it("a coordinator's table without a contact sheet: no contact finding, filling in or submitting, with or without one in the copy", async () => {
    const list = await readTaskListXlsx((await buildTable(CITY)).bytes);
    for (const submitting of [false, true]) {
      expect(contactCodes((await validate(await copyWithoutContacts(), list, submitting)).findings)).toEqual([]);
      expect(contactCodes((await validate(await copyWithBadPhone(), list, submitting)).findings)).toEqual([]);
    }
  });

  it("a coordinator's table with a contact sheet: a copy without one is told, an error when submitting; a bad phone is an error", async () => {
    const list = await readTaskListXlsx(await withContactsAttached((await buildTable(CITY)).bytes));
    const filling = await validate(await copyWithoutContacts(), list);
    expect(filling.findings.filter((f) => f.code === "contact.missing-sheet")).toMatchObject([{ severity: "warning", message: expect.not.stringContaining("附件2") }]);
    const submitting = await validate(await copyWithoutContacts(), list, true);
    expect(submitting.findings.filter((f) => f.code === "contact.missing-sheet")).toMatchObject([{ severity: "error" }]);
    expect((await validate(await copyWithBadPhone(), list)).findings.filter((f) => f.code.startsWith("contact."))).toMatchObject([
      { code: "contact.phone-invalid", sheet: "联络人", cell: "D3" },
    ]);
  });

  it("the coordinator's setting asks for one though the table has none", async () => {
    const list = withContactSheet(await readTaskListXlsx((await buildTable(CITY)).bytes), true);
    expect(contactCodes((await validate(await copyWithoutContacts(), list)).findings)).toEqual(["contact.missing-sheet"]);
  });

  it("a table read on its own terms (no task list) is asked for none", async () => {
    const result = await validate(await copyWithoutContacts(), undefined, true);
    expect(result.findings.map((f) => f.code)).toContain("tasks.own-terms");
    expect(contactCodes(result.findings)).toEqual([]);
  });
});

describe("gongkai validate --tasks (offline) decides the same", () => {
  it("no contact finding against a table without a contact sheet; missing-sheet against one with it, or with GONGKAI_CONTACT_SHEET=1", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gongkai-contacts-"));
    const run = runner(TODAY);
    const codes = (stdout: string) => contactCodes((JSON.parse(stdout) as { findings: { code: string }[] }).findings);
    try {
      await writeFile(join(dir, "官方表.xlsx"), (await buildTable(CITY)).bytes);
      await writeFile(join(dir, "附联络人表的官方表.xlsx"), await withContactsAttached((await buildTable(CITY)).bytes));
      await writeFile(join(dir, "名册.json"), JSON.stringify(CITY.roster));
      await writeFile(join(dir, "副本.xlsx"), await copyWithoutContacts());
      const args = (tasks: string) => ["validate", join(dir, "副本.xlsx"), "--tasks", join(dir, tasks), "--roster", join(dir, "名册.json"), "--json"];
      expect(codes((await run(...args("官方表.xlsx"))).stdout)).toEqual([]);
      expect(codes((await run(...args("附联络人表的官方表.xlsx"))).stdout)).toEqual(["contact.missing-sheet"]);
      process.env.GONGKAI_CONTACT_SHEET = "1";
      try {
        expect(codes((await run(...args("官方表.xlsx"))).stdout)).toEqual(["contact.missing-sheet"]);
      } finally {
        delete process.env.GONGKAI_CONTACT_SHEET;
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
