/**
 * 5. The ribbon's 校验: an ES5 bundle (what Internet Explorer 11 and EdgeHTML parse) that tells the user in a
 * dialog when it cannot validate or fails, on every path (the webview named right, an Excel below ExcelApi 1.8
 * told what to use instead — issue 24 item 4), leaves its words for the task pane when no dialog opens, and
 * always completes the command.
 */
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { assertEs5 } from "../../scripts/buildAddin.js";

let code: string;

beforeAll(async () => {
  const out = await build({ entryPoints: [join(import.meta.dirname, "../../addin/ribbon.ts")], bundle: true, write: false, format: "iife", target: "es5", logLevel: "silent" });
  code = out.outputFiles[0]!.text;
});

interface Outcome {
  dialogs: string[];
  completed: number;
  /** What was left for the task pane where no dialog could be shown. */
  stored: Record<string, string>;
  /** Dialogs closed by the command itself (a host window may have one open only). */
  closed: number;
}

const EDGE_HTML = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; WebView/3.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045";
const TRIDENT = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko";

/** Runs the bundle in a fresh global, as the function file's page would, and clicks 校验 (`clicks` times). */
async function click(o: {
  oldBrowser?: boolean;
  userAgent?: string;
  /** The ExcelApi versions the host has (all, if not said). */
  excelApi?: string[];
  loadFails?: boolean;
  validate?: () => Promise<string>;
  noDialog?: boolean;
  /** displayDialogAsync answers this error instead of a dialog. */
  dialogError?: { code: number; message: string };
  /** The user leaves each dialog open. */
  leaveOpen?: boolean;
  clicks?: number;
  search?: string;
}): Promise<Outcome> {
  const outcome: Outcome = { dialogs: [], completed: 0, stored: {}, closed: 0 };
  const sandbox: Record<string, unknown> = {
    location: { href: `https://gongkai.example/addin/commands.html${o.search ?? "?_host_Info=Excel"}`, search: o.search ?? "?_host_Info=Excel" },
    navigator: { userAgent: o.userAgent ?? TRIDENT },
    localStorage: { setItem: (k: string, v: string) => void (outcome.stored[k] = v) },
    setTimeout,
    document: {
      createElement: () => ({}),
      getElementsByTagName: () => [
        {
          appendChild(script: { src: string; onload(): void; onerror(): void }) {
            expect(script.src).toBe("ribbon-run.js");
            setTimeout(() => {
              if (o.loadFails) return script.onerror();
              if (o.validate) sandbox.gongkaiRibbon = { validate: o.validate };
              script.onload();
            });
          },
        },
      ],
    },
    Office: {
      onReady: (cb: () => void) => cb(),
      EventType: { DialogMessageReceived: "message", DialogEventReceived: "event" },
      context: {
        requirements: { isSetSupported: (set: string, v: string) => set === "ExcelApi" && (o.excelApi ?? ["1.1", "1.7", "1.8", "1.9"]).includes(v) },
        ui: {
          displayDialogAsync(url: string, _o: unknown, cb: (r: unknown) => void) {
            if (o.noDialog) throw new Error("DialogApi 1.1 missing");
            if (o.dialogError) return cb({ status: "failed", error: o.dialogError });
            expect(url.startsWith("https://gongkai.example/addin/notice.html?m=")).toBe(true);
            outcome.dialogs.push(decodeURIComponent(url.split("?m=")[1]!));
            let closed: (() => void) | undefined;
            cb({ status: "succeeded", value: { addEventHandler: (_t: string, h: () => void) => (closed ??= h), close: () => outcome.closed++ } });
            if (!o.leaveOpen) setTimeout(() => closed?.(), 5); // the user clicks 知道了
          },
        },
      },
    },
  };
  sandbox.window = sandbox;
  // Internet Explorer cannot compile async functions or Unicode regexes
  if (o.oldBrowser) sandbox.Function = function () {
    throw new SyntaxError("Syntax error");
  };
  runInNewContext(code, sandbox);
  for (let i = 0; i < (o.clicks ?? 1); i++) {
    (sandbox.validateFromRibbon as (e: { completed(): void }) => void)({ completed: () => outcome.completed++ });
    await new Promise((r) => setTimeout(r, 50));
  }
  return outcome;
}

describe("the ribbon's 校验", () => {
  it("is ES5", () => {
    expect(() => assertEs5(code, "ribbon.js")).not.toThrow();
    expect(() => assertEs5("const f = async () => /\\p{P}/u;", "modern.js")).toThrow(/not ES5/);
  });

  it.each([
    ["Internet Explorer 11", TRIDENT, "此版本的 Office 用Internet Explorer 11的内核显示加载项，无法在这里校验。", "EdgeHTML"],
    ["EdgeHTML", EDGE_HTML, "此版本的 Office 用旧版 Microsoft Edge（EdgeHTML）的内核显示加载项，无法在这里校验。", "Internet Explorer"],
  ])("in %s: says why it cannot validate here, naming the webview right, and what to use instead", async (_name, userAgent, said, notSaid) => {
    const { dialogs, completed } = await click({ oldBrowser: true, userAgent });
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0]).toContain(said);
    expect(dialogs[0]).not.toContain(notSaid);
    expect(dialogs[0]).toContain("在浏览器（如 Microsoft Edge、Chrome）中打开 https://gongkai.example/addin/taskpane.html，");
    expect(completed).toBe(1);
  });

  it("on an Excel without ExcelApi 1.8 (the manifest lets it load the add-in): says so, and does not load the validation", async () => {
    const { dialogs, completed } = await click({ userAgent: "Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 Safari/605.1.15", excelApi: ["1.1", "1.7"], validate: async () => "不该运行" });
    expect(dialogs).toEqual([expect.stringMatching(/^此版本的 Excel 不支持本加载项所需的功能（ExcelApi 1\.8），无法在这里校验。请改用 .*https:\/\/gongkai\.example\/addin\/taskpane\.html/)]);
    expect(completed).toBe(1);
  });

  it("reports the outcome of a validation, and a failure with its reason", async () => {
    const ok = await click({ validate: async () => "校验完成：2 处错误、1 条提醒，已在表中标出" });
    expect(ok).toMatchObject({ dialogs: ["校验完成：2 处错误、1 条提醒，已在表中标出"], completed: 1, stored: {} });
    const failed = await click({ validate: async () => Promise.reject(new Error("工作表受保护，无法修改")) });
    expect(failed.dialogs).toEqual([expect.stringMatching(/^校验没有完成：工作表受保护，无法修改。请打开“政务公开台账”任务窗格再试/)]);
    expect(failed.completed).toBe(1);
  });

  it("when the validation cannot be loaded (server down): says so", async () => {
    const { dialogs, completed } = await click({ loadFails: true });
    expect(dialogs).toEqual([expect.stringContaining("无法加载校验程序")]);
    expect(completed).toBe(1);
  });

  it("completes the command even where no dialog can be shown, and leaves what it had to say for the task pane", async () => {
    const thrown = await click({ oldBrowser: true, noDialog: true });
    expect(thrown.completed).toBe(1);
    expect(thrown.stored["gongkai.ribbonNotice"]).toMatch(/^功能区“校验”无法弹出提示窗口（DialogApi 1\.1 missing），它要说的是：此版本的 Office 用Internet Explorer 11/);
    // Office on the web: the user chose to ignore the dialog (12009)
    const ignored = await click({ validate: async () => "校验完成：2 处错误、1 条提醒，已在表中标出", dialogError: { code: 12009, message: "The user chose to ignore the dialog box." } });
    expect(ignored).toMatchObject({ dialogs: [], completed: 1 });
    expect(ignored.stored["gongkai.ribbonNotice"]).toBe("功能区“校验”无法弹出提示窗口（错误 12009：The user chose to ignore the dialog box.），它要说的是：校验完成：2 处错误、1 条提醒，已在表中标出");
  });

  it("a dialog left open is replaced by the next one (a host window may show one only: error 12007)", async () => {
    const o = await click({ validate: async () => "校验完成，没有发现问题。", leaveOpen: true, clicks: 2 });
    expect(o.dialogs).toEqual(["校验完成，没有发现问题。", "校验完成，没有发现问题。"]);
    expect(o.closed).toBe(1);
  });

  it("passes ?office=local on to its dialog, so that it too loads the shipped Office.js first", async () => {
    const o = await click({ validate: async () => "好", search: "?office=local&_host_Info=Excel" });
    expect(o.dialogs).toEqual(["好&office=local"]);
  });
});
