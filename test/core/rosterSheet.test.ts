import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { RosterIndex, readRoster, validateWorkbook } from "../../core/index.js";
import { readWorkbook } from "../../workbook/index.js";
import { buildCopy, type CopyOptions } from "../fixtures/buildCopy.js";

async function withRosterSheet(rows: string[][], copy: CopyOptions = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildCopy({ unit: "旗外事办", ...copy })).bytes as unknown as ExcelJS.Buffer);
  const ws = wb.addWorksheet("单位名册");
  ws.addRow(["单位名称", "所属分组", "别名"]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("a 单位名册 sheet replaces the default roster", () => {
  it("reads names, groups (by name or by kind) and aliases", async () => {
    const snapshot = await readWorkbook(await withRosterSheet([
      ["旗外事办", "旗直单位", "外事办、旗外办"],
      ["旗财政局", "旗直各单位", "财政局"],
      ["白音镇人民政府", "苏木镇", ""],
    ]));
    expect(readRoster(snapshot)).toEqual({
      units: [
        { name: "旗外事办", groups: ["旗直各单位"], aliases: ["外事办", "旗外办"] },
        { name: "旗财政局", groups: ["旗直各单位"], aliases: ["财政局"] },
        // A group the roster names keeps its name, and answers to the seed's words for it.
        { name: "白音镇人民政府", groups: ["苏木镇"], aliases: [] },
      ],
      groups: [
        { name: "旗直各单位", aliases: expect.arrayContaining(["旗直各部门"]) },
        { name: "苏木镇", aliases: expect.arrayContaining(["各苏木镇人民政府", "各苏木镇"]) },
      ],
    });
  });

  it("is indexed once for every copy carrying the same sheet, and apart for another", async () => {
    const rows = [["旗外事办", "旗直单位", ""], ["旗财政局", "旗直单位", ""]];
    const a = validateWorkbook(await readWorkbook(await withRosterSheet(rows)), { today: "2022-03-01" });
    const b = validateWorkbook(await readWorkbook(await withRosterSheet(rows, { unit: "旗财政局" })), { today: "2022-03-01" });
    const c = validateWorkbook(await readWorkbook(await withRosterSheet([...rows, ["旗审计局", "旗直单位", ""]])), { today: "2022-03-01" });
    expect(b.roster).toBe(a.roster);
    expect(c.roster).not.toBe(a.roster);
    expect(c.roster.canonicalUnit("旗审计局")).toBe("旗审计局");
    expect(a.roster.canonicalUnit("旗审计局")).toBeUndefined();
  });

  it("so a unit the default roster lacks is known, and units only the default knows are not", async () => {
    // The unit wrote a name of its own into one 责任单位 cell (F5: the first task row).
    const snapshot = await readWorkbook(await withRosterSheet([["旗外事办", "旗直单位", ""], ["旗财政局", "旗直单位", ""]], { set: { F5: "旗外事办、旗政务服务局" } }));
    const result = validateWorkbook(snapshot, { today: "2022-03-01" });
    expect(result.unit).toBe("旗外事办");
    expect(result.summary.responsibleRows).toBeGreaterThan(0);
    expect(result.roster.canonicalUnit("旗外事办")).toBe("旗外事办");
    expect(result.roster.canonicalUnit("旗政府办公室")).toBeUndefined();
    // A name the copy writes itself and the roster lacks is unknown; names the task list prints are the
    // coordinator's to mend in the roster, not the unit's.
    const unknown = result.findings.filter((f) => f.code === "unit.unknown").map((f) => f.params?.name);
    expect(unknown).toContain("旗政务服务局");
    // Examples in messages come from the roster in use, never the seed's units.
    expect(result.findings.find((f) => f.code === "unit.unknown")!.message).toContain("旗外事办");
  });

  it("words that name no one in particular (各有关单位, 相关部门) are no unknown unit; a group or unit the roster lacks still is", async () => {
    const rows = [["旗外事办", "旗直单位", ""], ["旗财政局", "旗直单位", ""]];
    const unknownIn = async (cell: string) => {
      const snapshot = await readWorkbook(await withRosterSheet(rows, { set: { F5: cell } }));
      return validateWorkbook(snapshot, { today: "2022-03-01" }).findings.filter((f) => f.code === "unit.unknown" && f.cell === "F5").map((f) => f.params?.name);
    };
    expect(await unknownIn("旗外事办牵头，各有关单位配合")).toEqual([]);
    expect(await unknownIn("旗外事办、相关部门")).toEqual([]);
    expect(await unknownIn("旗外事办、其他有关单位")).toEqual([]);
    expect(await unknownIn("旗外事办、各乡镇")).toEqual(["各乡镇"]);
    expect(await unknownIn("旗外事办、有关科室")).toEqual(["有关科室"]);
  });
});

describe("a roster workbook of another county", () => {
  it("reads group aliases from a 分组名称 | 别名 table, and a group named 乡镇 keeps its name", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("单位名册");
    ws.addRow(["单位名称", "所属分组", "别名"]);
    ws.addRow(["县财政局", "县直部门", "财政局"]);
    ws.addRow(["城关镇人民政府", "乡镇", "城关镇"]);
    ws.addRow([]);
    ws.addRow(["分组名称", "别名"]);
    ws.addRow(["县直部门", "县直各单位、县直有关单位"]);
    const roster = readRoster(await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer())))!;
    expect(roster.units.map((u) => [u.name, u.groups])).toEqual([["县财政局", ["县直部门"]], ["城关镇人民政府", ["乡镇"]]]);
    expect(roster.groups).toEqual([
      { name: "县直部门", aliases: ["县直各单位", "县直有关单位", "各县直部门"] },
      { name: "乡镇", aliases: ["各乡镇"] },
    ]);
    const index = new RosterIndex(roster);
    expect([...index.unitsNamedIn("县直有关单位、各乡镇")]).toEqual(["县财政局", "城关镇人民政府"]);
  });
});
