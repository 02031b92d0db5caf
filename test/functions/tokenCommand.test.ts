import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAzurite, type Azurite } from "../../functions/dev/azurite.js";
import { AzureStore } from "../../functions/storage/store.js";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EmbeddedStore } from "../../functions/storage/embedded.js";
import { parseTokensFile } from "../../functions/tokens.js";
import { CITY, COUNTY, buildTable } from "../fixtures/otherTables.js";
import { tokenCommand } from "../../functions/tokenCommand.js";
import { nearestUnits, verifyToken } from "../../functions/tokens.js";
import { RosterIndex } from "../../core/index.js";

let az: Azurite;
beforeAll(async () => (az = await startAzurite()));
afterAll(() => az?.stop());

/** `gk_<16 hex id>_<secret>`: the secret may itself hold "_". */
const secretOf = (token: string) => token.slice("gk_".length + 16 + 1);

async function run(argv: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await tokenCommand(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
  return { code, out, err: err.join("\n") };
}

describe("gongkai token", () => {
  it("issues unit and coordinator tokens into the configured store, stored only as hashes", async () => {
    const env = { GONGKAI_STORAGE: az.connectionString };
    const unit = await run(["--unit", "财政局"], env);
    expect(unit.code).toBe(0);
    const store = new AzureStore(az.connectionString);
    expect(await verifyToken(store, unit.out[0]!)).toMatchObject({ role: "unit", unit: "旗财政局" });
    const coord = await run(["--coordinator"], env);
    expect(await verifyToken(store, coord.out[0]!)).toMatchObject({ role: "coordinator", unit: "" });
    const record = await store.getToken(unit.out[0]!.split("_")[1]!);
    expect(JSON.stringify(record)).not.toContain(secretOf(unit.out[0]!));
    // one character changed: refused
    const t = unit.out[0]!;
    expect(await verifyToken(store, t.slice(0, -1) + (t.endsWith("A") ? "B" : "A"))).toBeUndefined();
  });

  it.each([
    [["--unit", "旗外星局"], /单位名册中没有“旗外星局”/],
    [["--unit", "财政"], /单位名册中没有“财政”，是否指：旗财政局？/],
    [["--all", "--coordinator"], /用法/],
    [[], /用法/],
    [["--unit", "旗财政局", "--coordinator"], /用法/],
  ])("refuses %j with exit 2", async (argv, message) => {
    const r = await run(argv, { GONGKAI_STORAGE: az.connectionString });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it("says so when storage cannot be reached", async () => {
    const r = await run(["--coordinator"], { GONGKAI_STORAGE: "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;" });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/无法连接存储/);
  });
});

describe("gongkai token with the coordinator's own roster", () => {
  it("knows the units of the roster uploaded to the service, short names included", async () => {
    const store = new AzureStore(az.connectionString);
    const roster = { units: [{ name: "市发展改革委", groups: [], aliases: ["市发改委"] }], groups: [] };
    await store.putConfig("roster", "all", new TextEncoder().encode(JSON.stringify(roster)), "json", new Date());
    const r = await run(["--unit", "市发改委"], { GONGKAI_STORAGE: az.connectionString });
    expect(r.code).toBe(0);
    expect(await verifyToken(store, r.out[0]!)).toMatchObject({ role: "unit", unit: "市发展改革委" });
    expect((await run(["--unit", "旗财政局"], { GONGKAI_STORAGE: az.connectionString })).code).toBe(2);
  });
});

describe("gongkai token --all and --unit against the roster in use", () => {
  it("--all issues for every unit of the uploaded roster without an active token, as tokens.txt lines; never the sample's", async () => {
    const env = { GONGKAI_STORAGE: az.connectionString };
    const store = new AzureStore(az.connectionString);
    await store.putConfig("roster", "all", new TextEncoder().encode(JSON.stringify(CITY.roster)), "json", new Date());
    const all = await run(["--all"], env);
    expect(all.code).toBe(0);
    const lines = all.out.map((l) => l.split("\t"));
    // 市发展改革委 was given one above (and it is still active): only the others
    expect(lines.map(([unit]) => unit)).toEqual(CITY.roster!.units.map((u) => u.name).filter((u) => u !== "市发展改革委"));
    for (const [unit, token] of lines) expect(await verifyToken(store, token!)).toMatchObject({ role: "unit", unit });
    expect(all.err).toMatch(/按汇总人上传的单位名册（8 个单位）：新签发 7 个令牌/);
    expect(all.err).toContain("1 个单位已有有效令牌");
    const again = await run(["--all"], env);
    expect(again.out).toEqual([]);
    expect(again.err).toContain("新签发 0 个令牌");
  });

  it.each([
    ["市财政局", "市财政局"],
    ["某某市财政局", "市财政局"], // its 全称
    ["市政务服务局", "市政务服务管理局"], // an alias
  ])("--unit %s issues for the roster's %s", async (asked, unit) => {
    const r = await run(["--unit", asked], { GONGKAI_STORAGE: az.connectionString });
    expect(r.code).toBe(0);
    expect(await verifyToken(new AzureStore(az.connectionString), r.out[0]!)).toMatchObject({ role: "unit", unit });
  });

  it.each([
    ["财政", "市财政局"],
    ["发改委", "市发展改革委"],
    ["某某县政府", "某某县人民政府"],
  ])("--unit %s is refused, suggesting %s", async (asked, near) => {
    const r = await run(["--unit", asked], { GONGKAI_STORAGE: az.connectionString });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`单位名册中没有“${asked}”，是否指：${near}`));
  });

  it("a short form people make of a name the roster lists without aliases is suggested (住建局 → 市住房城乡建设局)", () => {
    const roster = new RosterIndex({ units: ["市住房城乡建设局", "市生态环境局", "市数据局", "市卫生健康委"].map((name) => ({ name, groups: [], aliases: [] })), groups: [] });
    expect(nearestUnits(roster, "住建局")).toEqual(["市住房城乡建设局"]);
    expect(nearestUnits(roster, "卫健委")).toEqual(["市卫生健康委"]);
    expect(nearestUnits(roster, "生态局")[0]).toBe("市生态环境局");
    expect(nearestUnits(roster, "建局")).toEqual([]); // two characters: too short to be anyone's
    expect(nearestUnits(roster, "住建委")).toEqual([]); // not how it ends
  });
});

describe("gongkai token on one machine, with only a task list uploaded (no roster)", () => {
  it("the list's units: --all issues for them into tokens.txt; --unit takes them, or a member of a group the list names, and suggests the rest", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gongkai-token-"));
    try {
      const store = new EmbeddedStore(dir);
      await store.putConfig("tasks", "2024-03", (await buildTable(COUNTY)).bytes, "xlsx", new Date());
      store.close();
      const env = { GONGKAI_DATA_DIR: dir };
      const all = await run(["--all"], env);
      expect(all.code).toBe(0);
      const lines = all.out.map((l) => l.split("\t") as [string, string]);
      expect(lines.map(([u]) => u)).toEqual(["县政府办", "县财政局", "县发改局", "县自然资源局", "县行政审批局", "县应急管理局"]);
      expect(all.err).toContain("按最近上传的任务分解表所列的单位（6 个单位）");
      expect(parseTokensFile(await readFile(join(dir, "tokens.txt"), "utf8"))).toEqual(lines);

      expect(await run(["--unit", "财政局"], env)).toMatchObject({ code: 2, err: expect.stringContaining("是否指：县财政局") });
      expect(await run(["--unit", "旗财政局"], env)).toMatchObject({ code: 2 });
      const township = await run(["--unit", "城关镇人民政府"], env); // one of 各乡镇（街道）, which the list names
      expect(township.code).toBe(0);
      expect(township.err).toContain("已为“城关镇人民政府”签发令牌");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("a token's lifecycle", () => {
  it("--days sets an expiry, --list shows every token without its secret, --revoke ends one at once", async () => {
    const env = { GONGKAI_STORAGE: az.connectionString };
    const store = new AzureStore(az.connectionString);
    const short = await run(["--coordinator", "--days", "7"], env);
    expect(short.code).toBe(0);
    expect(short.err).toContain("7 天内有效");
    const token = short.out[0]!;
    expect(await verifyToken(store, token)).toMatchObject({ role: "coordinator", unit: "" });
    expect(await verifyToken(store, token, new Date(Date.now() + 8 * 86_400_000))).toBeUndefined(); // expired after 7 days

    const listed = await run(["--list"], env);
    expect(listed.code).toBe(0);
    const id = token.split("_")[1]!;
    const line = listed.out.find((l) => l.startsWith(id))!;
    expect(line.split("\t").slice(1, 3)).toEqual(["汇总人", "—"]);
    expect(line).toContain("有效");
    expect(listed.out.join("\n")).not.toContain(secretOf(token));

    const revoked = await run(["--revoke", id], env);
    expect(revoked.code).toBe(0);
    expect(await verifyToken(store, token)).toBeUndefined();
    expect((await run(["--list"], env)).out.find((l) => l.startsWith(id))).toContain("已作废");
    expect((await run(["--revoke", "0123456789abcdef"], env)).code).toBe(2);
  });

  it.each([[["--coordinator", "--days", "0"]], [["--list", "--days", "3"]], [["--list", "--coordinator"]], [["--unit", "旗财政局", "--days", "x"]]])("refuses %j with exit 2", async (argv) => {
    expect((await run(argv, { GONGKAI_STORAGE: az.connectionString })).code).toBe(2);
  });
});
