/**
 * The ribbon's 校验 button, as a small bundle that runs on every host Excel shows add-ins in — Internet
 * Explorer 11 (Office 2019 volume editions) and EdgeHTML too — and never fails in silence: it is built for
 * ES5 (no async, no `u` regexes, no modules; scripts/buildAddin.ts checks the output parses as ES5).
 *
 * Where the browser can run the validation (ES2017 with Unicode regexes), it loads `ribbon-run.js` and runs
 * it; otherwise, or when anything fails, it says so in a dialog (`notice.html`). `event.completed()` is
 * always called, once, when the dialog is closed or could not be shown.
 */

interface RibbonRun {
  validate(): Promise<string>;
}

interface RibbonEvent {
  completed(): void;
}

declare var Office: {
  onReady(cb: () => void): void;
  actions?: { associate(name: string, fn: (e: RibbonEvent) => void): void };
  context: { ui: { displayDialogAsync(url: string, o: object, cb: (r: { status: string; value: { addEventHandler(t: string, h: () => void): void; close(): void } }) => void): void } };
  EventType: { DialogMessageReceived: string; DialogEventReceived: string };
};

var OLD_BROWSER =
  "此版本的 Office 使用旧版浏览器内核（Internet Explorer），无法在这里校验。请改用 Office 2021、Microsoft 365 或 Excel 网页版，或在浏览器中打开校验页面。";

/** True where the validation code can run: async functions and Unicode property regexes. */
function canRunValidation(): boolean {
  try {
    new Function("async function f() {} return new RegExp('\\\\p{L}', 'u').test('a');")();
    return true;
  } catch (_e) {
    return false;
  }
}

/** Shows `message` in a dialog; `done` runs once, when it is closed or could not be shown. */
function tell(message: string, done: () => void): void {
  var finished = false;
  var finish = function () {
    if (finished) return;
    finished = true;
    done();
  };
  var url = location.href.replace(/[?#].*$/, "").replace(/[^/]*$/, "") + "notice.html?m=" + encodeURIComponent(message);
  try {
    Office.context.ui.displayDialogAsync(url, { height: 30, width: 35, displayInIframe: true }, function (r) {
      if (r.status !== "succeeded") return finish();
      var dialog = r.value;
      var close = function () {
        try {
          dialog.close();
        } catch (_e) {
          /* already closed */
        }
        finish();
      };
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, close);
      dialog.addEventHandler(Office.EventType.DialogEventReceived, close);
    });
  } catch (_e) {
    finish();
  }
}

function errorText(e: unknown): string {
  return e && typeof e === "object" && "message" in e ? String((e as { message: unknown }).message) : String(e);
}

function validateFromRibbon(event: RibbonEvent): void {
  var completed = function () {
    event.completed();
  };
  if (!canRunValidation()) return tell(OLD_BROWSER, completed);
  var w = window as unknown as { gongkaiRibbon?: RibbonRun };
  var run = function () {
    if (!w.gongkaiRibbon) return tell("校验程序没有加载成功。请打开“政务公开台账”任务窗格，在那里点“校验”。", completed);
    w.gongkaiRibbon.validate().then(
      function (summary) {
        tell(summary, completed);
      },
      function (e) {
        tell("校验没有完成：" + errorText(e) + "。请打开“政务公开台账”任务窗格再试；若一再出现，请联系管理员。", completed);
      },
    );
  };
  if (w.gongkaiRibbon) return run();
  var script = document.createElement("script");
  script.src = "ribbon-run.js";
  script.onload = run;
  script.onerror = function () {
    tell("无法加载校验程序（网络或服务器不可用）。请检查与加载项服务器的连接后再试。", completed);
  };
  document.getElementsByTagName("head")[0]!.appendChild(script);
}

// Function files look the name up on the window on every host; Office.actions exists on newer ones.
(window as unknown as Record<string, unknown>).validateFromRibbon = validateFromRibbon;
Office.onReady(function () {
  if (Office.actions) Office.actions.associate("validateFromRibbon", validateFromRibbon);
});
