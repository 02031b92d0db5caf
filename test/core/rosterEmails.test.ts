/** The roster's sender addresses (SPEC §9): a 邮箱 column in 单位名册, a 联络人表 beside it, `emails` in JSON. */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_ROSTER,
  normalizeEmail,
  readEmailCell,
  readRoster,
  readRosterReport,
  rosterWithoutEmails,
  unitsForAddress,
  type Roster,
  type SheetSnapshot,
  type WorkbookSnapshot,
} from "../../core/index.js";
import { parseRosterFile, parseRosterFileWithWarnings, readWorkbook, writeTemplate } from "../../workbook/index.js";

/** A sheet as the adapters give it: every cell's text, merged areas' text in their top-left cell. */
function sheet(name: string, rows: string[][], merges: SheetSnapshot["merges"] = []): SheetSnapshot {
  return { name, rows: rows.map((r) => r.map((text) => ({ text }))), merges };
}
const workbook = (...sheets: SheetSnapshot[]): WorkbookSnapshot => ({ sheets });

/** A county's roster: the columns as coordinators keep them, 邮箱 among them. */
const ROSTER_ROWS = [
  ["单位名称", "所属分组", "别名", "邮箱"],
  ["县财政局", "县直部门", "财政局", "张三 <CZJ@xx.gov.cn>；czj_bgs@163.com\nCZJ@xx.gov.cn"],
  ["县教育局", "县直部门", "教育局", "mailto:jyj@xx.gov.cn、 \"Li, Si\" <lisi@qq.com>"],
  ["城关镇人民政府", "乡镇", "城关镇", "无"],
  ["县审计局", "县直部门", "审计局", ""],
];

describe("normalizeEmail: an address as the roster and the mailbox compare it", () => {
  it.each([
    ["zs@xx.gov.cn", "zs@xx.gov.cn"],
    ["  ZS@XX.Gov.CN ", "zs@xx.gov.cn"],
    ["张三 <ZS@xx.gov.cn>", "zs@xx.gov.cn"],
    ['"Zhang, San" <zs@xx.gov.cn>', "zs@xx.gov.cn"],
    ["<zs@xx.gov.cn>", "zs@xx.gov.cn"],
    ["mailto:zs@xx.gov.cn", "zs@xx.gov.cn"],
    ["MAILTO:zs@xx.gov.cn?subject=报送", "zs@xx.gov.cn"],
    ["zhang.san+gongkai@mail.xx.gov.cn", "zhang.san+gongkai@mail.xx.gov.cn"],
    ["zwgk@政府.中国", "zwgk@政府.中国"],
  ])("%j → %s", (written, email) => expect(normalizeEmail(written)).toBe(email));

  it.each([
    ["", "empty"],
    ["zs", "no @"],
    ["zs@xx", "no dot in the domain"],
    ["zs@@xx.gov.cn", "two @"],
    ["zs@xx@gov.cn", "two @ apart"],
    ["zhang san@xx.gov.cn", "a space"],
    ["zs@xx..gov.cn", "an empty label"],
    [".zs@xx.gov.cn", "a dot first"],
    ["zs@xx.gov.cn?subject=x", "a query without mailto:"],
    ["zs＠xx.gov.cn", "a full-width @ (folded only in a roster's cells)"],
    ["zs@xx.gov.c", "a one-letter top-level domain"],
    ["zs@xx.gov.cn\u202e", "an invisible character"],
    [`${"z".repeat(250)}@xx.gov.cn`, "longer than 254"],
  ])("%j is none (%s)", (written) => expect(normalizeEmail(written)).toBeUndefined());
});

describe("readEmailCell: the addresses a roster's cell lists", () => {
  it.each([
    ["czj@xx.gov.cn", ["czj@xx.gov.cn"]],
    ["czj@xx.gov.cn、jyj@xx.gov.cn", ["czj@xx.gov.cn", "jyj@xx.gov.cn"]],
    ["czj@xx.gov.cn，jyj@xx.gov.cn；sjj@xx.gov.cn;a@b.cn,c@d.cn", ["czj@xx.gov.cn", "jyj@xx.gov.cn", "sjj@xx.gov.cn", "a@b.cn", "c@d.cn"]],
    ["czj@xx.gov.cn\njyj@xx.gov.cn  sjj@xx.gov.cn", ["czj@xx.gov.cn", "jyj@xx.gov.cn", "sjj@xx.gov.cn"]],
    ["张三 <zs@xx.gov.cn>、李四 <ls@xx.gov.cn>", ["zs@xx.gov.cn", "ls@xx.gov.cn"]],
    ["张三 zs@xx.gov.cn", ["zs@xx.gov.cn"]],
    ["zs@xx.gov.cn（张三）", ["zs@xx.gov.cn"]],
    ['"Zhang, San" <zs@xx.gov.cn>, ls@xx.gov.cn', ["zs@xx.gov.cn", "ls@xx.gov.cn"]],
    ["邮箱：ZS@xx.gov.cn。", ["zs@xx.gov.cn"]],
    ["ｚｓ＠ｘｘ．ｇｏｖ．ｃｎ", ["zs@xx.gov.cn"]],
    ["mailto:zs@xx.gov.cn?subject=报送 mailto:ls@xx.gov.cn", ["zs@xx.gov.cn", "ls@xx.gov.cn"]],
    ["ZS@xx.gov.cn、zs@XX.gov.cn", ["zs@xx.gov.cn"]],
  ])("%j → %j", (text, emails) => expect(readEmailCell(text)).toEqual({ emails, malformed: [] }));

  it.each(["", "  ", "无", "暂无", "（无）", "—", "-", "/", "待定"])("%j lists none, and is no mistake", (text) => {
    expect(readEmailCell(text)).toEqual({ emails: [], malformed: [] });
  });

  it.each([
    ["zs@xx", [], ["zs@xx"]],
    ["zs@@xx.gov.cn、ls@xx.gov.cn", ["ls@xx.gov.cn"], ["zs@@xx.gov.cn"]],
    ["见通讯录", [], ["见通讯录"]],
    ["张三", [], ["张三"]],
  ])("%j: %j, and %j is no address", (text, emails, malformed) => expect(readEmailCell(text)).toEqual({ emails, malformed }));
});

describe("a 单位名册 sheet's 邮箱 column", () => {
  it("gives each unit its addresses: several to a cell, display names and mailto: dropped, lower case, each once", () => {
    const roster = readRoster(workbook(sheet("单位名册", ROSTER_ROWS)))!;
    expect(roster.units.map((u) => [u.name, u.emails])).toEqual([
      ["县财政局", ["czj@xx.gov.cn", "czj_bgs@163.com"]],
      ["县教育局", ["jyj@xx.gov.cn", "lisi@qq.com"]],
      // none listed: no `emails` at all, as a roster without the column
      ["城关镇人民政府", undefined],
      ["县审计局", undefined],
    ]);
    expect(roster.units[2]).not.toHaveProperty("emails");
  });

  it.each(["邮箱", "电子邮箱", "邮件地址", "E-mail", "Email", "EMAIL", "e-mail", "联系邮箱", "电子 邮箱"])("is found under the header %j", (header) => {
    const roster = readRoster(workbook(sheet("单位名册", [["单位名称", "别名", header], ["县财政局", "财政局", "czj@xx.gov.cn"]])))!;
    expect(roster.units[0]!.emails).toEqual(["czj@xx.gov.cn"]);
  });

  it("keeps what is no address out, says where it was, and reads the rest of the roster all the same", () => {
    const { roster, problems } = readRosterReport(
      workbook(sheet("单位名册", [["单位名称", "邮箱"], ["县财政局", "czj@xx、czj@xx.gov.cn"], ["县教育局", "见通讯录"], ["县审计局", "—"]])),
    );
    expect(roster!.units.map((u) => [u.name, u.emails])).toEqual([["县财政局", ["czj@xx.gov.cn"]], ["县教育局", undefined], ["县审计局", undefined]]);
    expect(problems).toEqual([
      expect.objectContaining({ code: "roster.email-malformed", sheet: "单位名册", row: 2, unit: "县财政局", value: "czj@xx" }),
      expect.objectContaining({ code: "roster.email-malformed", sheet: "单位名册", row: 3, unit: "县教育局", value: "见通讯录" }),
    ]);
    expect(problems[0]!.message).toMatch(/单位名册第 2 行（县财政局）的邮箱“czj@xx”不像邮箱地址/);
  });

  it("the built-in sample roster lists no address, and a roster without the column none", () => {
    expect(DEFAULT_ROSTER.units.some((u) => "emails" in u)).toBe(false);
    expect(unitsForAddress(DEFAULT_ROSTER, "zxbqzfwfwj@163.com")).toEqual([]);
    const roster = readRoster(workbook(sheet("单位名册", [["单位名称", "所属分组", "别名"], ["县财政局", "县直部门", "财政局"]])))!;
    expect(roster.units).toEqual([{ name: "县财政局", groups: ["县直部门"], aliases: ["财政局"] }]);
  });
});

describe("a 联络人表 beside the roster", () => {
  const contacts = (name: string, rows: string[][], merges: SheetSnapshot["merges"] = []) => workbook(sheet("单位名册", ROSTER_ROWS), sheet(name, rows, merges));

  it.each(["联络人表", "联络人", "联系人表"])("%s: its people's addresses join their units', named by name, alias or full name", (name) => {
    const { roster, problems } = readRosterReport(
      contacts(name, [
        ["全县政务公开工作联络人表"],
        ["序号", "所在单位", "姓名", "职务", "电子邮箱"],
        ["1", "财政局", "王五", "科员", "ww@xx.gov.cn"],
        ["2", "县财政局", "张三", "主任", "czj@xx.gov.cn"],
        ["3", "某某省某某市县审计局", "赵六", "科员", "赵六 <ZL@xx.gov.cn>"],
        ["4", "城关镇", "孙七", "党政办", ""],
      ]),
    );
    expect(problems).toEqual([]);
    expect(roster!.units.map((u) => [u.name, u.emails])).toEqual([
      // the 邮箱 column's first, then the 联络人表's, each once
      ["县财政局", ["czj@xx.gov.cn", "czj_bgs@163.com", "ww@xx.gov.cn"]],
      ["县教育局", ["jyj@xx.gov.cn", "lisi@qq.com"]],
      ["城关镇人民政府", undefined],
      ["县审计局", ["zl@xx.gov.cn"]],
    ]);
  });

  it("a unit cell merged over its people counts for each of them", () => {
    const roster = readRoster(
      contacts("联络人表", [["单位", "姓名", "邮箱"], ["城关镇", "孙七", "sq@xx.gov.cn"], ["", "周八", "zb@xx.gov.cn"]], [{ top: 2, left: 1, bottom: 3, right: 1 }]),
    )!;
    expect(roster.units.find((u) => u.name === "城关镇人民政府")!.emails).toEqual(["sq@xx.gov.cn", "zb@xx.gov.cn"]);
  });

  it("a row of a unit the roster lacks, of a group, or of no unit is left out and said, without stopping the rest", () => {
    const { roster, problems } = readRosterReport(
      contacts("联络人表", [
        ["单位", "姓名", "邮箱"],
        ["县外事办", "吴九", "wj@xx.gov.cn"],
        ["县直部门", "郑十", "zs@xx.gov.cn"],
        ["", "无名", "wm@xx.gov.cn"],
        ["县教育局", "钱一", "qy@xx"],
        ["县审计局", "冯二", "fe@xx.gov.cn"],
      ]),
    );
    expect(roster!.units.find((u) => u.name === "县审计局")!.emails).toEqual(["fe@xx.gov.cn"]);
    expect(unitsForAddress(roster!, "wj@xx.gov.cn")).toEqual([]);
    expect(unitsForAddress(roster!, "zs@xx.gov.cn")).toEqual([]);
    expect(problems.map((p) => [p.code, p.row])).toEqual([
      ["roster.contact-unit-unknown", 2],
      ["roster.contact-unit-unknown", 3],
      ["roster.contact-unit-unknown", 4],
      ["roster.email-malformed", 5],
    ]);
    expect(problems[0]!.message).toMatch(/联络人表第 2 行的单位“县外事办”不在单位名册中，其邮箱 wj@xx.gov.cn 未采用/);
    expect(problems[1]!.message).toMatch(/“县直部门”是分组/);
    expect(problems[2]!.message).toMatch(/第 4 行没有写单位/);
  });

  it("a unit's contact sheet (序号 | 姓名 | 职务 | 联系电话 | 备注) adds nothing and says nothing; addresses without a unit column are said", () => {
    const plain = readRosterReport(contacts("联络人", [["序号", "姓名", "职务", "联系电话", "备注"], ["1", "张三", "主任", "13900000000", "分管领导"]]));
    expect(plain.problems).toEqual([]);
    expect(plain.roster).toEqual(readRoster(workbook(sheet("单位名册", ROSTER_ROWS))));
    const noUnit = readRosterReport(contacts("联络人表", [["姓名", "邮箱"], ["张三", "zs@xx.gov.cn"]]));
    expect(noUnit.problems).toEqual([expect.objectContaining({ code: "roster.contact-no-unit-column", row: 1 })]);
    expect(unitsForAddress(noUnit.roster!, "zs@xx.gov.cn")).toEqual([]);
  });

  it("without a 单位名册 there is no roster, whatever the 联络人表 lists", () => {
    expect(readRoster(workbook(sheet("联络人表", [["单位", "邮箱"], ["县财政局", "czj@xx.gov.cn"]])))).toBeUndefined();
  });
});

describe("unitsForAddress: the units that list an address", () => {
  const roster: Roster = {
    units: [
      { name: "县财政局", groups: [], aliases: [], emails: ["czj@xx.gov.cn", "bgs@xx.gov.cn"] },
      { name: "县教育局", groups: [], aliases: [], emails: ["jyj@xx.gov.cn"] },
      { name: "县审计局", groups: [], aliases: [], emails: ["bgs@xx.gov.cn"] },
      { name: "城关镇人民政府", groups: [], aliases: [] },
    ],
    groups: [],
  };

  it.each([
    ["czj@xx.gov.cn", ["县财政局"]],
    ["CZJ@XX.GOV.CN", ["县财政局"]],
    ["张三 <Czj@xx.gov.cn>", ["县财政局"]],
    ['"教育局 办公室" <jyj@xx.gov.cn>', ["县教育局"]],
    // an office mailbox two units share: both, in roster order
    ["bgs@xx.gov.cn", ["县财政局", "县审计局"]],
    ["someone@xx.gov.cn", []],
    ["not an address", []],
    ["", []],
  ])("%j → %j", (address, units) => expect(unitsForAddress(roster, address)).toEqual(units));

  it("a roster without the units' addresses, for what units see, is otherwise the same", () => {
    const stripped = rosterWithoutEmails(roster);
    expect(stripped.units).toEqual(roster.units.map(({ name, groups, aliases }) => ({ name, groups, aliases })));
    expect(JSON.stringify(stripped)).not.toContain("@");
    expect(roster.units[0]!.emails).toHaveLength(2);
    expect(rosterWithoutEmails(DEFAULT_ROSTER)).toBe(DEFAULT_ROSTER);
  });
});

describe("the JSON roster's emails", () => {
  const asJson = (json: unknown) => new TextEncoder().encode(JSON.stringify(json));
  const refusal = async (json: unknown) => ((await parseRosterFile("名册.json", asJson(json)).catch((e: unknown) => e)) as Error).message;

  it("are normalised as a sheet's cells, each once; a unit without them has none", async () => {
    const roster = await parseRosterFile(
      "名册.json",
      asJson({ units: [{ name: "县财政局", emails: ["张三 <CZJ@xx.gov.cn>", "czj@xx.gov.cn", "mailto:bgs@xx.gov.cn"] }, { name: "县教育局", emails: [] }, { name: "县审计局" }] }),
    );
    expect(roster.units).toEqual([
      { name: "县财政局", groups: [], aliases: [], emails: ["czj@xx.gov.cn", "bgs@xx.gov.cn"] },
      { name: "县教育局", groups: [], aliases: [] },
      { name: "县审计局", groups: [], aliases: [] },
    ]);
    expect(unitsForAddress(roster, "BGS@xx.gov.cn")).toEqual(["县财政局"]);
  });

  it.each([
    [{ units: [{ name: "县财政局", emails: ["czj@xx.gov.cn", 3] }] }, /第 1 个单位“县财政局”的邮箱（emails）第 2 项 3 应为用引号括起的文字/],
    [{ units: [{ name: "县财政局" }, { name: "县教育局", emails: "jyj@xx.gov.cn" }] }, /第 2 个单位“县教育局”的邮箱（emails） "jyj@xx.gov.cn" 应为列表/],
    [{ units: [{ name: "县财政局", emails: ["czj@xx"] }] }, /第 1 个单位“县财政局”的邮箱（emails）第 1 项 "czj@xx" 不是邮箱地址/],
    [{ units: [{ name: "县财政局", emails: ["无"] }] }, /第 1 个单位“县财政局”的邮箱（emails）第 1 项 "无" 不是邮箱地址/],
    [{ units: [{ name: "县财政局", emails: [""] }] }, /第 1 个单位“县财政局”的邮箱（emails）第 1 项 "" 不是邮箱地址/],
    [{ units: [{ name: "县财政局", emails: ["a@xx.gov.cn、b@xx.gov.cn"] }] }, /第 1 项 "a@xx.gov.cn、b@xx.gov.cn" 写了不止一个地址/],
  ])("a value that is no address refuses the roster, naming its unit and the value, in Chinese: %j", async (json, message) => {
    const said = await refusal(json);
    expect(said).toMatch(message);
    expect(said).not.toMatch(/Invalid|expected|received/);
  });
});

/** A coordinator's roster workbook as exceljs writes it: 单位名册 with 邮箱, and a 联络人表 with a merged unit cell. */
async function rosterWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("单位名册");
  for (const r of ROSTER_ROWS) ws.addRow(r);
  const contacts = wb.addWorksheet("联络人表");
  contacts.addRow(["单位名称", "姓名", "邮箱"]);
  contacts.addRow(["城关镇", "孙七", { text: "sq@xx.gov.cn", hyperlink: "mailto:sq@xx.gov.cn" }]);
  contacts.addRow(["", "周八", "ZB@xx.gov.cn"]);
  contacts.mergeCells("A2:A3");
  contacts.addRow(["县外事办", "吴九", "wj@xx.gov.cn"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("a roster workbook, written and read back", () => {
  it("gives the addresses of both sheets, and what it left out as warnings, not a refusal", async () => {
    const { roster, warnings } = await parseRosterFileWithWarnings("名册.xlsx", await rosterWorkbook());
    expect(roster.units.map((u) => [u.name, u.emails])).toEqual([
      ["县财政局", ["czj@xx.gov.cn", "czj_bgs@163.com"]],
      ["县教育局", ["jyj@xx.gov.cn", "lisi@qq.com"]],
      ["城关镇人民政府", ["sq@xx.gov.cn", "zb@xx.gov.cn"]],
      ["县审计局", undefined],
    ]);
    expect(warnings).toEqual([expect.stringMatching(/联络人表第 4 行的单位“县外事办”不在单位名册中/)]);
    expect(unitsForAddress(roster, "周八 <zb@XX.gov.cn>")).toEqual(["城关镇人民政府"]);
  });

  it("a unit's template made from it carries the roster's names but none of its addresses", async () => {
    const roster = await parseRosterFile("名册.xlsx", await rosterWorkbook());
    const template = await readWorkbook(await writeTemplate({ roster, unit: "县财政局" }));
    const texts = template.sheets.flatMap((s) => s.rows.flatMap((r) => r.map((c) => c.text)));
    expect(texts).toContain("县教育局");
    const addresses = roster.units.flatMap((u) => u.emails ?? []);
    expect(addresses).toHaveLength(6);
    expect(texts.filter((t) => addresses.some((a) => t.toLowerCase().includes(a)))).toEqual([]);
    // and read back as a roster, it lists none
    expect(readRoster(template)!.units.every((u) => u.emails === undefined)).toBe(true);
  });
});
