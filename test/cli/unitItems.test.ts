/** `gongkai` with a unit's own items (细化分解) on a coordinator's own table: validate, annotate and consolidate through the core. */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { runner } from "./run.js";
import { CITY, buildTable } from "../fixtures/otherTables.js";
import { CLEAN_ITEMS, DEFECTIVE_ITEMS, ITEMS_ROUND, ITEMS_TODAY, ITEMS_UNIT, itemsCopy } from "../fixtures/unitItems.js";

const run = runner(ITEMS_TODAY);

let dir: string;
const file = (name: string) => join(dir, name);
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "gongkai-items-"));
  await writeFile(file("官方表.xlsx"), (await buildTable(CITY)).bytes);
  await writeFile(file("名册.json"), JSON.stringify(CITY.roster));
  await writeFile(file("县政府.xlsx"), await itemsCopy(CLEAN_ITEMS));
  await writeFile(file("县政府-有错.xlsx"), await itemsCopy(DEFECTIVE_ITEMS));
});

const own = ["--tasks", "", "--roster", ""];
const args = () => own.map((a, i) => (i === 1 ? file("官方表.xlsx") : i === 3 ? file("名册.json") : a));

describe("gongkai validate", () => {
  it("a clean copy: exit 0, the late item a warning on its 细化分解 cell", async () => {
    const r = await run("validate", file("县政府.xlsx"), ...args(), "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.unit).toBe(ITEMS_UNIT);
    expect(json.summary).toMatchObject({ errors: 0, responsibleRows: 4, completed: 2 });
    expect(json.findings.filter((f: { sheet: string }) => f.sheet === "细化分解").map((f: { code: string; cell: string }) => `${f.code} ${f.cell}`)).toEqual(["item.overdue H4"]);
  });

  it("a defective copy: exit 1, each item finding with its sheet and cell, in words", async () => {
    const r = await run("validate", file("县政府-有错.xlsx"), ...args(), "--json");
    expect(r.code).toBe(1);
    const items = JSON.parse(r.stdout).findings.filter((f: { sheet: string }) => f.sheet === "细化分解");
    expect(items.map((f: { code: string; cell: string }) => `${f.code} ${f.cell}`)).toEqual([
      "item.deadline-after-task E3",
      "item.no-person D4",
      "item.no-deadline E5",
      "item.unknown-task A6",
      "item.no-text C7",
      "item.deadline-invalid E8",
      "item.status-unknown I8",
    ]);
    // the plain report names the sheet and cell of each
    const plain = await run("validate", file("县政府-有错.xlsx"), ...args());
    expect(plain.stdout).toContain("细化分解!E3");
    expect(plain.stdout).toContain("晚于所属任务“更新完善基层政务公开事项标准目录”的完成时限2023年6月30日");
  });

  it("annotate colours and notes the items' cells in the copy", async () => {
    const r = await run("annotate", file("县政府-有错.xlsx"), ...args(), "-o", file("县政府-标注.xlsx"));
    expect(r.code).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(file("县政府-标注.xlsx"))) as unknown as ExcelJS.Buffer);
    const cell = wb.getWorksheet("细化分解")!.getCell("E3");
    expect(JSON.stringify(cell.note)).toContain("晚于所属任务");
    expect(JSON.stringify(cell.fill)).toContain("FFC7CE");
  });
});

describe("gongkai consolidate --json", () => {
  it("each task's state comes from its items; the ledger workbook has a 细化事项 sheet", async () => {
    const r = await run("consolidate", file("县政府.xlsx"), ...args(), "--round", ITEMS_ROUND, "--json", "-o", file("汇总台账.xlsx"));
    expect(r.code).toBe(0);
    const ledger = JSON.parse(r.stdout);
    const cell = (id: string) => ledger.tasks.find((t: { id: string }) => t.id === id).units[ITEMS_UNIT];
    expect(cell("T05")).toMatchObject({ status: "推进中", state: "逾期", overdue: true });
    expect(cell("T05").items.map((i: { text: string; state: string; person: string }) => [i.text, i.state, i.person])).toEqual([
      ["梳理本县26个领域事项清单", "已完成", "政务公开办 王芳"],
      ["在县政府网站发布标准目录", "逾期", "信息中心 李强"],
    ]);
    expect(cell("T06")).toMatchObject({ status: "推进中", overdue: false });
    expect(cell("T06").items.map((i: { state: string }) => i.state)).toEqual(["推进中", "未启动"]);
    expect(cell("T08")).toMatchObject({ status: "已完成", state: "已完成" });
    expect(cell("T02").items).toBeUndefined();
    expect(ledger.units.find((u: { unit: string }) => u.unit === ITEMS_UNIT)).toMatchObject({ responsible: 4, overdue: 1 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(file("汇总台账.xlsx"))) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toContain("细化事项");
    const sheet = wb.getWorksheet("细化事项")!;
    expect(sheet.getRow(2).values).toEqual([undefined, "单位", "编号", "任务", "具体事项", "具体责任人", "推进时限", "状态", "进展情况", "验收"]);
    expect(sheet.getRow(4).getCell(4).value).toBe("在县政府网站发布标准目录");
    expect(sheet.getRow(4).getCell(7).value).toBe("逾期");
  });
});
