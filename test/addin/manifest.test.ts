import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { manifestFor } from "../../scripts/buildAddin.js";

const root = join(import.meta.dirname, "../..");
const xml = await readFile(join(root, "manifest.xml"), "utf8");
const errors: string[] = [];
const doc = new DOMParser({ onError: (level, msg) => void (level !== "warning" && errors.push(msg)) }).parseFromString(xml, "text/xml");
const app = doc.documentElement!;
const children = (e: Element) => Array.from(e.childNodes).filter((n): n is Element => n.nodeType === 1);
const all = (name: string) => Array.from(doc.getElementsByTagName(name));

describe("manifest.xml (checked offline)", () => {
  it("is well-formed XML", () => {
    expect(errors).toEqual([]);
    expect(app.localName).toBe("OfficeApp");
    expect(app.getAttribute("xsi:type")).toBe("TaskPaneApp");
  });

  it("has its elements in the order the schema requires", () => {
    const order = [
      "Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
      "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions", "VersionOverrides",
    ];
    const names = children(app).map((e) => e.localName);
    const positions = names.map((n) => order.indexOf(n!));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const control = all("Control")[0]!;
    expect(children(control).map((e) => e.localName)).toEqual(["Label", "Supertip", "Icon", "Action"]);
  });

  it("is for Excel workbooks, Chinese first, loaded by every Excel (ExcelApi 1.1), declaring the DialogApi the ribbon uses", () => {
    expect(all("DefaultLocale")[0]!.textContent).toBe("zh-CN");
    expect(all("Host")[0]!.getAttribute("Name")).toBe("Workbook");
    const sets = all("Set").map((s) => `${s.getAttribute("Name")} ${s.getAttribute("MinVersion")}`);
    expect(sets).toEqual(["ExcelApi 1.1", "DialogApi 1.1"]);
    expect(all("Permissions")[0]!.textContent).toBe("ReadWriteDocument");
  });

  it("checks ExcelApi 1.8 at run time where the manifest no longer does: in the pane and in the ribbon's 校验", async () => {
    // each says what to use instead (test/addin/officeLoading.browser.test.ts, test/addin/ribbon.test.ts)
    const pane = await readFile(join(root, "addin", "pages", "taskpane.html"), "utf8");
    expect(pane).toContain('isSetSupported("ExcelApi", "1.8")');
    expect(await readFile(join(root, "addin", "ribbon.ts"), "utf8")).toContain('isSetSupported("ExcelApi", "1.8")');
  });

  it("defines every resid it uses, and each string has an English override", () => {
    const defined = new Set(["bt:Image", "bt:Url", "bt:String"].flatMap((t) => all(t).map((e) => e.getAttribute("id")).filter(Boolean)));
    const used = Array.from(doc.getElementsByTagName("*")).map((e) => e.getAttribute("resid")).filter((r): r is string => !!r);
    expect(used.length).toBeGreaterThan(10);
    for (const r of used) expect(defined, r).toContain(r);
    for (const s of all("bt:String")) {
      expect(children(s).some((o) => o.localName === "Override" && o.getAttribute("Locale") === "en-US"), s.getAttribute("id")!).toBe(true);
    }
    for (const tag of ["DisplayName", "Description"]) {
      expect(children(all(tag)[0]!).some((o) => o.getAttribute("Locale") === "en-US")).toBe(true);
    }
  });

  it("points only at https URLs, and at files the build provides", async () => {
    const urls = [...xml.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u).toMatch(/^https:\/\//);
    const paths = new Set(urls.map((u) => new URL(u).pathname));
    for (const p of paths) {
      const file = p.startsWith("/assets/") ? join(root, p) : join(root, "addin", "pages", p);
      await expect(readFile(file), p).resolves.toBeDefined();
    }
  });

  it("wires the ribbon 校验 button to a function the commands page registers", async () => {
    expect(all("FunctionName")[0]!.textContent).toBe("validateFromRibbon");
    const ribbon = await readFile(join(root, "addin", "ribbon.ts"), "utf8");
    expect(ribbon).toContain('Office.actions.associate("validateFromRibbon"');
    expect(ribbon).toContain(").validateFromRibbon = validateFromRibbon"); // hosts without Office.actions look on window
    // added once Office.js is in (the loader of addin/pages/*.html)
    expect(await readFile(join(root, "addin", "pages", "commands.html"), "utf8")).toMatch(/gongkaiOffice\(function \(\) \{\s+var s = document\.createElement\("script"\);\s+s\.src = "ribbon\.js";/);
  });

  it("for an intranet (GONGKAI_OFFICE_JS=local): the pane and the function file load the shipped Office.js first", () => {
    const local = manifestFor(xml, "https://gongkai.example.gov.cn", "local");
    const sources = [...local.matchAll(/DefaultValue="([^"]+\.html[^"]*)"/g)].map((m) => m[1]);
    expect(sources).toEqual([
      "https://gongkai.example.gov.cn/help.html",
      "https://gongkai.example.gov.cn/taskpane.html?host=excel&amp;office=local",
      "https://gongkai.example.gov.cn/commands.html?office=local",
      "https://gongkai.example.gov.cn/taskpane.html?host=excel&amp;office=local",
      "https://gongkai.example.gov.cn/help.html",
    ]);
    expect(new DOMParser().parseFromString(local, "text/xml").getElementsByTagName("SourceLocation")[0]!.getAttribute("DefaultValue")).toBe("https://gongkai.example.gov.cn/taskpane.html?host=excel&office=local");
    expect(manifestFor(xml, "https://gongkai.example.gov.cn", "cdn")).not.toContain("office=local");
  });
});
