/**
 * The 通报 from the service: `GET|PUT /api/letterhead` keeps the coordinator's letterhead with the round's configuration
 * (later months use it until it is set again), `GET /api/notice` answers the round's 通报 as a .docx in it — on both
 * stores. Without a letterhead the document still comes, its issuer read from the coordinator's own table's title.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ROSTER_INDEX } from "../../core/index.js";
import { all, docxParts, textOf } from "../fixtures/docxParts.js";
import { CITY, buildTable } from "../fixtures/otherTables.js";
import { runner } from "../cli/run.js";
import { startHarness, type Harness } from "./harness.js";

const LETTERHEAD = { issuer: "某某市人民政府办公室", number: "某政办[2022]7号", to: "各县（市、区）人民政府，市直各部门：", cc: "市委办公室", dateStyle: "arabic" };

describe.each([
  ["Azurite", false],
  ["embedded", true],
])("on the %s store", (_name, embedded) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ embedded });
  }, 60_000);
  afterAll(() => h?.close());

  const put = (path: string, body: Uint8Array | string, token = h.coordinator) =>
    fetch(`${h.host.url}${path}`, { method: "PUT", body: typeof body === "string" ? body : new Uint8Array(body), headers: { authorization: `Bearer ${token}` } });
  const notice = async (round: string) => {
    const r = await h.get(`/api/notice?round=${round}`, h.coordinator);
    expect(r.status).toBe(200);
    return { response: r, doc: docxParts(new Uint8Array(await r.arrayBuffer())) };
  };

  it("is the coordinator's: a unit's token is refused", async () => {
    const unit = await h.token("旗财政局");
    expect((await h.get("/api/letterhead?round=2022-03", unit)).status).toBe(403);
    expect((await put("/api/letterhead?round=2022-03", JSON.stringify(LETTERHEAD), unit)).status).toBe(403);
    expect((await h.get("/api/notice?round=2022-03", unit)).status).toBe(403);
  });

  it("refuses a letterhead it cannot use, in words, and keeps nothing", async () => {
    const refused = async (body: string, said: string) => {
      const r = await put("/api/letterhead?round=2022-03", body);
      expect(r.status).toBe(400);
      expect((await r.json()).message).toContain(said);
    };
    await refused("发文机关=某某市人民政府办公室", "通报版头设置须为 JSON");
    await refused(JSON.stringify({ ...LETTERHEAD, number: "某政办第7号" }), "发文字号“某政办第7号”写法不对：应写作 机关代字〔年份〕序号号");
    await refused(JSON.stringify({ ...LETTERHEAD, seal: "有" }), "有不认识的项“seal”");
    expect(await h.services.store.configVersions("letterhead")).toEqual([]);
  });

  it("with none set, the document still comes: a coordinator's own table names its issuer, the rest shown as 〔〕 to fill", async () => {
    expect((await put("/api/tasks?round=2022-03", (await buildTable(CITY)).bytes)).status).toBe(201);
    expect((await put("/api/roster", JSON.stringify(CITY.roster))).status).toBe(201);
    const copy = (await buildTable(CITY, { unitLine: "填报单位：某某县人民政府", progress: { 1: "已公开", 4: "已完成", 5: "不涉及", 7: "已发布" } })).bytes;
    expect((await h.submit(await h.token("某某县人民政府"), copy, "2022-03")).status).toBe(201);
    const before = await (await h.get("/api/letterhead?round=2022-03", h.coordinator)).json();
    expect(before).toMatchObject({ round: "2022-03", from: null, letterhead: { issuer: "", number: "" }, resolved: { issuer: "某某市人民政府办公室", number: "〔发文字号〕", to: "〔主送机关〕" } });

    const { response, doc } = await notice("2022-03");
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(response.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("通报-2022-03.docx")}`);
    expect(doc.paragraphs.slice(0, 4)).toEqual(["某某市人民政府办公室", "〔发文字号〕", "关于2022年3月政务公开工作台账报送情况的通报", "〔主送机关〕："]);
    expect(doc.tables[0]).toContainEqual(["某某县人民政府", "4", "4", "0", "100%"]);
    const text = doc.paragraphs.join("\n");
    for (const unit of DEFAULT_ROSTER_INDEX.roster.units) expect(text).not.toContain(unit.name);
  });

  it("PUT /api/letterhead keeps it for the month and the later ones, and GET /api/notice lays the 通报 out in it", async () => {
    const r = await put("/api/letterhead?round=2022-03", JSON.stringify(LETTERHEAD));
    expect(r.status).toBe(201);
    expect(await r.json()).toMatchObject({ round: "2022-03", letterhead: { number: "某政办〔2022〕7号", to: "各县（市、区）人民政府，市直各部门", dateStyle: "arabic" } });
    // the next month inherits it (a month with no task list of its own: the list inherited, likewise)
    expect(await (await h.get("/api/letterhead?round=2022-04", h.coordinator)).json()).toMatchObject({ from: "2022-03", letterhead: { issuer: "某某市人民政府办公室" } });

    const { doc } = await notice("2022-03");
    expect(doc.paragraphs.slice(0, 4)).toEqual(["某某市人民政府办公室", "某政办〔2022〕7号", "关于2022年3月政务公开工作台账报送情况的通报", "各县（市、区）人民政府，市直各部门："]);
    // dated the service's day (10 March 2022), in Arabic numerals as set
    expect(doc.paragraphs).toContain("2022年3月10日");
    const imprint = all(all(doc.document, "tbl")[1]!, "tr").map((tr) => all(tr, "tc").map(textOf));
    expect(imprint).toEqual([["抄送：市委办公室。"], ["某某市人民政府办公室", "2022年3月10日印发"]]);

    // the ledger JSON carries the letterhead and the table's title: `gongkai notice 台账.json` makes the same 通报
    const ledger = (await (await h.get("/api/ledger?round=2022-03", h.coordinator)).json()) as { letterhead?: unknown; title?: string; round: string };
    expect(ledger).toMatchObject({ round: "2022-03", letterhead: { issuer: "某某市人民政府办公室", number: "某政办〔2022〕7号" }, title: "2023年某某市政务公开工作任务分工表" });
    const dir = await mkdtemp(join(tmpdir(), "gongkai-ledger-json-"));
    try {
      await writeFile(join(dir, "台账.json"), JSON.stringify(ledger));
      const r = await runner("2022-03-10")("notice", join(dir, "台账.json"), "-o", join(dir, "通报.docx"));
      expect(r).toMatchObject({ code: 0, stderr: "" });
      const cli = docxParts(await readFile(join(dir, "通报.docx")));
      expect(cli.paragraphs.slice(0, 4)).toEqual(doc.paragraphs.slice(0, 4));
      expect(cli.paragraphs).toContain("2022年3月10日");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("set again for a later month: that month on uses the new one, the earlier keeps its own; every version kept", async () => {
    expect((await put("/api/letterhead?round=2022-05", JSON.stringify({ ...LETTERHEAD, number: "某政办〔2022〕9号", dateStyle: "chinese" }))).status).toBe(201);
    expect(await (await h.get("/api/letterhead?round=2022-04", h.coordinator)).json()).toMatchObject({ from: "2022-03", letterhead: { number: "某政办〔2022〕7号" } });
    expect(await (await h.get("/api/letterhead?round=2022-06", h.coordinator)).json()).toMatchObject({ from: "2022-05", letterhead: { number: "某政办〔2022〕9号" } });
    const { doc } = await notice("2022-06");
    expect(doc.paragraphs[1]).toBe("某政办〔2022〕9号");
    expect(doc.paragraphs).toContain("二〇二二年三月十日");
    expect(await h.services.store.configVersions("letterhead")).toHaveLength(2);
  });
});
