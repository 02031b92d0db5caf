/** The task pane in Excel: the Office host wired to the pane. */
import { localDay } from "../core/index.js";
import { createOfficeHost } from "./host.js";
import { mountPane } from "./pane.js";

const today = () => localDay(new Date());

/** taskpane.html beside this page, without its query (`?host=excel`): the page as a plain browser opens it. */
const page = () => new URL("taskpane.html", location.href).href;

const env = () => ({ document, storage: localStorage, today, origin: location.origin, page: page() });

/** Outside Excel (a plain browser, WPS users): the same pane on a picked file. Loaded only then. */
async function browserMode(): Promise<void> {
  const { startBrowserMode } = await import("./browserMode.js");
  startBrowserMode(env());
}

// The manifest opens the pane as taskpane.html?host=excel; anything else is a plain browser (where
// Office.js, without a host, would wait for ever).
const office = (globalThis as { Office?: typeof Office }).Office;
if (!office || new URLSearchParams(location.search).get("host") !== "excel") void browserMode();
else office.onReady((info) => {
  if (info.host !== Office.HostType.Excel) return void browserMode();
  const host = createOfficeHost();
  // OpenBrowserWindowApi 1.1: where Office offers it, 下载本轮模板 opens the browser page (a blob link may do nothing)
  const canOpen = Office.context.requirements.isSetSupported("OpenBrowserWindowApi", "1.1") && typeof Office.context.ui?.openBrowserWindow === "function";
  mountPane(host, { ...env(), ...(canOpen ? { openInBrowser: (url: string) => Office.context.ui.openBrowserWindow(url) } : {}) });
});
