/**
 * The ribbon's 校验 button, as a small bundle that runs on every host Excel shows add-ins in — Internet
 * Explorer 11 (Office 2019 volume editions) and EdgeHTML too — and never fails in silence: it is built for
 * ES5 (no async, no `u` regexes, no modules; scripts/buildAddin.ts checks the output parses as ES5).
 *
 * Where the browser can run the validation (ES2017 with Unicode regexes) and Excel has ExcelApi 1.8 (the
 * manifest asks for 1.1 only, so that an older Excel loads the add-in and is told why it cannot validate), it
 * loads `ribbon-run.js` and runs it; otherwise, or when anything fails, it says so in a dialog (`notice.html`).
 * Where the dialog cannot open, the words are kept for the task pane, which says them when it is next opened
 * (taskpane.html). `event.completed()` is always called, once, when the dialog is closed or could not be shown.
 */

interface RibbonRun {
  validate(): Promise<string>;
}

interface RibbonEvent {
  completed(): void;
}

interface Dialog {
  addEventHandler(t: string, h: () => void): void;
  close(): void;
}

declare var Office: {
  onReady(cb: () => void): void;
  actions?: { associate(name: string, fn: (e: RibbonEvent) => void): void };
  context: {
    requirements?: { isSetSupported(set: string, version: string): boolean };
    ui: { displayDialogAsync(url: string, o: object, cb: (r: { status: string; value: Dialog; error?: { code: number; message: string } }) => void): void };
  };
  EventType: { DialogMessageReceived: string; DialogEventReceived: string };
};

/** Where the pages are served from (this function file's folder), and the query the pages pass on (?office=local). */
function here(page: string): string {
  return location.href.replace(/[?#].*$/, "").replace(/[^/]*$/, "") + page;
}

/** What to use instead, with the browser page's address (it needs no Excel). */
function instead(): string {
  return "请改用 Office 2021 或更新版本、Microsoft 365 或 Excel 网页版；也可以在浏览器（如 Microsoft Edge、Chrome）中打开 " + here("taskpane.html") + "，选择任务分解表文件校验并提交，不需要 Excel。";
}

/**
 * The webview that cannot run the validation, named as what it is — by its user agent, as
 * https://learn.microsoft.com/office/dev/add-ins/develop/support-ie-11 shows: "Trident" is Internet Explorer 11,
 * "Edge/" Microsoft Edge Legacy (EdgeHTML, Office 2019 retail and Microsoft 365 before WebView2).
 */
function oldWebview(userAgent: string): string {
  var engine = userAgent.indexOf("Trident") !== -1 ? "Internet Explorer 11" : userAgent.indexOf("Edge/") !== -1 ? "旧版 Microsoft Edge（EdgeHTML）" : "较旧的浏览器";
  return "此版本的 Office 用" + engine + "的内核显示加载项，无法在这里校验。" + instead();
}

var OLD_EXCEL = "此版本的 Excel 不支持本加载项所需的功能（ExcelApi 1.8），无法在这里校验。";

/** Where the pane will find what the dialog could not show (taskpane.html says it once). */
var LEFT_FOR_PANE = "gongkai.ribbonNotice";

/** True where the validation code can run: async functions and Unicode property regexes. */
function canRunValidation(): boolean {
  try {
    new Function("async function f() {} return new RegExp('\\\\p{L}', 'u').test('a');")();
    return true;
  } catch (_e) {
    return false;
  }
}

/** The dialog this function file has open: a host window may have one only (error 12007), so a new one replaces it. */
var shown: Dialog | undefined;

/**
 * Shows `message` in a dialog; `done` runs once, when it is closed or could not be shown. Where it cannot be
 * shown — displayDialogAsync fails (12009: the user ignored it in Office on the web; 12011: the browser blocks
 * pop-ups; https://learn.microsoft.com/office/dev/add-ins/develop/dialog-handle-errors-events) or throws —
 * the words are left for the task pane, with why the dialog did not open.
 */
function tell(message: string, done: () => void): void {
  var finished = false;
  var finish = function () {
    if (finished) return;
    finished = true;
    done();
  };
  var failed = function (why: string) {
    try {
      localStorage.setItem(LEFT_FOR_PANE, "功能区“校验”无法弹出提示窗口（" + why + "），它要说的是：" + message);
    } catch (_e) {
      /* no storage either: nothing more this command can do */
    }
    finish();
  };
  var office = /[?&](office=local)\b/.exec(location.search);
  var url = here("notice.html") + "?m=" + encodeURIComponent(message) + (office ? "&" + office[1] : "");
  if (shown) {
    try {
      shown.close();
    } catch (_e) {
      /* closed by the user already */
    }
    shown = undefined;
  }
  try {
    Office.context.ui.displayDialogAsync(url, { height: 30, width: 35, displayInIframe: true }, function (r) {
      if (r.status !== "succeeded") return failed(r.error ? "错误 " + r.error.code + "：" + r.error.message : "原因不明");
      var dialog = (shown = r.value);
      var close = function () {
        try {
          dialog.close();
        } catch (_e) {
          /* already closed */
        }
        if (shown === dialog) shown = undefined;
        finish();
      };
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, close);
      dialog.addEventHandler(Office.EventType.DialogEventReceived, close);
    });
  } catch (e) {
    failed(errorText(e));
  }
}

function errorText(e: unknown): string {
  return e && typeof e === "object" && "message" in e ? String((e as { message: unknown }).message) : String(e);
}

function validateFromRibbon(event: RibbonEvent): void {
  var completed = function () {
    event.completed();
  };
  if (!canRunValidation()) return tell(oldWebview(navigator.userAgent), completed);
  var requirements = Office.context.requirements;
  if (requirements && !requirements.isSetSupported("ExcelApi", "1.8")) return tell(OLD_EXCEL + instead(), completed);
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
