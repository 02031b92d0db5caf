/**
 * `gongkai notice`: the round's 通报 as a Word document, of unit files consolidated as `gongkai consolidate` does or
 * of a ledger JSON, in the letterhead given by `--letterhead` and the flags; exit codes as the other commands.
 */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ROSTER_INDEX } from "../../core/index.js";
import { all, docxParts, textOf } from "../fixtures/docxParts.js";
import { CITY, buildTable } from "../fixtures/otherTables.js";
import { runner } from "./run.js";

const run = runner("2023-07-10");

let dir: string;
const file = (name: string) => join(dir, name);
const inbox = () => file("收到的表");
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "gongkai-notice-"));
  await writeFile(file("官方表.xlsx"), (await buildTable(CITY)).bytes);
  await writeFile(file("名册.json"), JSON.stringify(CITY.roster));
  const { mkdir } = await import("node:fs/promises");
  await mkdir(inbox());
  await writeFile(join(inbox(), "县政府.xlsx"), (await buildTable(CITY, { unitLine: "填报单位：某某县人民政府", progress: { 1: "已公开", 4: "正在更新", 5: "正在筹备", 7: "已发布" } })).bytes);
  // 市财政局 left its rows blank: the service would refuse it (被退回)
  await writeFile(join(inbox(), "财政局.xlsx"), (await buildTable(CITY, { unitLine: "填报单位：市财政局", progress: {} })).bytes);
  await writeFile(file("设置.json"), JSON.stringify({ 发文机关: "某某市人民政府办公室", 发文字号: "某政办〔2023〕12号", 主送机关: "各县（市、区）人民政府，市直各部门", 抄送机关: "市委办公室" }));
});

const docOf = async (name: string) => docxParts(await readFile(file(name)));

describe("gongkai notice of unit files", () => {
  it("consolidates them as consolidate does and writes the 通报: a refused file is 被退回 and exit 1", async () => {
    const r = await run("notice", inbox(), "-o", file("通报.docx"), "--tasks", file("官方表.xlsx"), "--roster", file("名册.json"), "--round", "2023-07", "--letterhead", file("设置.json"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("市财政局 的表有 3 处错误，报送时会被退回");
    expect(r.stdout).toBe(`通报：${file("通报.docx")}（2023-07，应报 8 个单位，已报送 1 个，未报送 6 个，逾期事项 1 项）`);
    const doc = await docOf("通报.docx");
    expect(doc.paragraphs.slice(0, 4)).toEqual(["某某市人民政府办公室", "某政办〔2023〕12号", "关于2023年7月政务公开工作台账报送情况的通报", "各县（市、区）人民政府，市直各部门："]);
    expect(doc.paragraphs.some((p) => p.startsWith("（二）报送被退回的单位：市财政局"))).toBe(true);
    expect(doc.paragraphs).toContain("二〇二三年七月十日");
    expect(doc.tables[0]).toContainEqual(["某某县人民政府", "4", "4", "1", "75%"]);
    const text = doc.paragraphs.join("\n");
    for (const unit of DEFAULT_ROSTER_INDEX.roster.units) expect(text).not.toContain(unit.name);
  });

  it("the flags win over the settings file; unset fields are said on stderr and shown as 〔〕 in the document", async () => {
    const r = await run("notice", join(inbox(), "县政府.xlsx"), "-o", file("通报2.docx"), "--tasks", file("官方表.xlsx"), "--roster", file("名册.json"), "--cc", "市委办公室，市政协办公室", "--date-style", "arabic");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("发文字号、主送机关未设置，文中以〔发文字号〕〔主送机关〕标出：请用 --number、--to 或 --letterhead 设置.json 给出，或在 Word 中改写。");
    const doc = await docOf("通报2.docx");
    expect(doc.paragraphs.slice(0, 4)).toEqual(["某某市人民政府办公室", "〔发文字号〕", "关于2023年7月政务公开工作台账报送情况的通报", "〔主送机关〕："]);
    expect(doc.paragraphs).toContain("2023年7月10日");
    const imprint = all(all(doc.document, "tbl")[1]!, "tr").map((tr) => all(tr, "tc").map(textOf));
    expect(imprint[0]).toEqual(["抄送：市委办公室，市政协办公室。"]);
  });
});

describe("gongkai notice of a ledger JSON", () => {
  it("from consolidate --json: the same 通报, dated the ledger's day or --today", async () => {
    const ledger = await run("consolidate", inbox(), "--json", "--tasks", file("官方表.xlsx"), "--roster", file("名册.json"));
    await writeFile(file("台账.json"), ledger.stdout);
    const r = await run("notice", file("台账.json"), "-o", file("通报3.docx"), "--letterhead", file("设置.json"), "--today", "2023-07-12");
    expect(r).toMatchObject({ code: 0, stderr: "" });
    const doc = await docOf("通报3.docx");
    expect(doc.paragraphs[1]).toBe("某政办〔2023〕12号");
    expect(doc.paragraphs).toContain("二〇二三年七月十二日");
    // counts as of the ledger's day
    expect(doc.paragraphs.some((p) => p.startsWith("截至2023年7月10日，2023年7月政务公开工作台账应报送单位8个"))).toBe(true);
  });

  it.each([
    [["notice", "台账.json"], "请用 -o 指定通报的文件名"],
    [["notice", "台账.json", "-o", "通报.pdf"], "-o 的文件名应以 .docx 结尾"],
    [["notice", "名册.json", "-o", "x.docx"], "名册.json 不是汇总台账 JSON（缺少 round、today、units、tasks 或 reviews）：应由 gongkai consolidate --json 或服务的 /api/ledger?format=json 得到"],
    [["notice", "台账.json", "-o", "x.docx", "--round", "2023-06"], "--round 2023-06 与台账的月份 2023-07 不同"],
    [["notice", "台账.json", "-o", "x.docx", "--number", "某政办2023年12号"], "通报版头设置中的发文字号“某政办2023年12号”写法不对"],
    [["notice", "台账.json", "-o", "x.docx", "--date-style", "lunar"], "成文日期写法“lunar”只能是 chinese"],
    [["notice", "台账.json", "-o", "x.docx", "--letterhead", "官方表.xlsx"], "不是 JSON 文件"],
    [["notice"], "请指定汇总台账 JSON，或各单位报送的 .xlsx 文件或文件夹"],
  ])("%j is exit 2, one line saying what and how", async (argv, said) => {
    const r = await run(...argv.map((a) => (/\.(json|xlsx|docx|pdf)$/.test(a) ? file(a) : a)));
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(said);
    await expect(readFile(file("x.docx"))).rejects.toThrow();
  });
});
