/**
 * 5. The ribbon's 校验: an ES5 bundle (what Internet Explorer 11 and EdgeHTML parse) that tells the user in a
 * dialog when it cannot validate or fails, on every path, and always completes the command.
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
}

/** Runs the bundle in a fresh global, as the function file's page would, and clicks 校验. */
async function click(o: { oldBrowser?: boolean; loadFails?: boolean; validate?: () => Promise<string>; noDialog?: boolean }): Promise<Outcome> {
  const outcome: Outcome = { dialogs: [], completed: 0 };
  const sandbox: Record<string, unknown> = {
    location: { href: "https://gongkai.example/addin/commands.html?_host_Info=Excel" },
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
        ui: {
          displayDialogAsync(url: string, _o: unknown, cb: (r: unknown) => void) {
            if (o.noDialog) throw new Error("DialogApi 1.1 missing");
            expect(url.startsWith("https://gongkai.example/addin/notice.html?m=")).toBe(true);
            outcome.dialogs.push(decodeURIComponent(url.split("?m=")[1]!));
            let closed: (() => void) | undefined;
            cb({ status: "succeeded", value: { addEventHandler: (_t: string, h: () => void) => (closed ??= h), close() {} } });
            setTimeout(() => closed?.(), 5); // the user clicks 知道了
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
  (sandbox.validateFromRibbon as (e: { completed(): void }) => void)({ completed: () => outcome.completed++ });
  await new Promise((r) => setTimeout(r, 50));
  return outcome;
}

describe("the ribbon's 校验", () => {
  it("is ES5", () => {
    expect(() => assertEs5(code, "ribbon.js")).not.toThrow();
    expect(() => assertEs5("const f = async () => /\\p{P}/u;", "modern.js")).toThrow(/not ES5/);
  });

  it("in Internet Explorer: says why it cannot validate here, and what to use instead", async () => {
    const { dialogs, completed } = await click({ oldBrowser: true });
    expect(dialogs).toEqual([expect.stringContaining("旧版浏览器内核（Internet Explorer），无法在这里校验")]);
    expect(completed).toBe(1);
  });

  it("reports the outcome of a validation, and a failure with its reason", async () => {
    const ok = await click({ validate: async () => "校验完成：2 处错误、1 条提醒，已在表中标出" });
    expect(ok).toEqual({ dialogs: ["校验完成：2 处错误、1 条提醒，已在表中标出"], completed: 1 });
    const failed = await click({ validate: async () => Promise.reject(new Error("工作表受保护，无法修改")) });
    expect(failed.dialogs).toEqual([expect.stringMatching(/^校验没有完成：工作表受保护，无法修改。请打开“政务公开台账”任务窗格再试/)]);
    expect(failed.completed).toBe(1);
  });

  it("when the validation cannot be loaded (server down): says so", async () => {
    const { dialogs, completed } = await click({ loadFails: true });
    expect(dialogs).toEqual([expect.stringContaining("无法加载校验程序")]);
    expect(completed).toBe(1);
  });

  it("completes the command even where no dialog can be shown", async () => {
    expect((await click({ oldBrowser: true, noDialog: true })).completed).toBe(1);
  });
});
