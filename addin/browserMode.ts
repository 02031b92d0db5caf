/** The pane as a plain web page: pick a file, validate it in the browser, preview, download, submit. */
import { createBrowserHost, type PreviewState } from "./browserHost.js";
import { mountPane, type PaneEnv } from "./pane.js";
import { renderPreview } from "./preview.js";

export function startBrowserMode(env: PaneEnv): void {
  const doc = env.document;
  const $ = <T extends HTMLElement = HTMLElement>(id: string) => doc.getElementById(id) as T;
  let state: PreviewState | undefined;
  let shown = "";

  const draw = () => {
    const area = $("preview");
    if (!state) {
      area.replaceChildren();
      area.hidden = true;
      $("to-preview").hidden = true;
      return;
    }
    const tabs = doc.createElement("div");
    tabs.className = "tabs";
    for (const s of state.snapshot.sheets) {
      const b = Object.assign(doc.createElement("button"), { textContent: s.name, className: s.name === shown ? "on" : "" });
      b.setAttribute("aria-pressed", String(s.name === shown));
      b.addEventListener("click", () => {
        shown = s.name;
        draw();
      });
      tabs.append(b);
    }
    const sheet = state.snapshot.sheets.find((s) => s.name === shown) ?? state.snapshot.sheets[0]!;
    area.replaceChildren(Object.assign(doc.createElement("h2"), { textContent: "预览（✖ 红色为错误，⚠ 黄色为提醒，✔ 绿色为已完成；鼠标停在单元格上、或用读屏软件读单元格，可知说明）" }), tabs, renderPreview(doc, sheet, state.marks));
    area.hidden = false;
    $("to-preview").hidden = false;
  };

  const host = createBrowserHost({
    render(next) {
      state = next;
      shown = next?.sheet ?? "";
      draw();
      ($("download") as HTMLButtonElement).disabled = !next;
    },
    scrollTo(sheet, cell) {
      if (shown !== sheet) {
        shown = sheet;
        draw();
      }
      for (const td of doc.querySelectorAll("td.focus")) td.classList.remove("focus");
      const td = doc.querySelector<HTMLElement>(`#preview td[data-cell="${cell}"]`);
      td?.classList.add("focus");
      td?.scrollIntoView({ block: "center", inline: "center" });
      // the keyboard follows: the chosen finding's cell has the focus (Shift+Tab leads back to the list)
      td?.focus({ preventScroll: true });
    },
  });

  $("browser-mode").hidden = false;
  (doc.querySelector(".live") as HTMLElement).hidden = true;
  const pane = mountPane(host, env);
  $("file").addEventListener("change", async () => {
    const f = ($("file") as HTMLInputElement).files?.[0];
    if (!f) return;
    host.open(f.name, new Uint8Array(await f.arrayBuffer()));
    // each file its own findings, verdict and receipt: nothing of the last one stays
    pane.newFile();
    $("file-name").textContent = f.name;
    $("validate").click();
  });
  $("download").addEventListener("click", async () => {
    const bytes = await host.annotated();
    const a = Object.assign(doc.createElement("a"), {
      href: URL.createObjectURL(new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" })),
      download: (host.fileName() ?? "任务分解表.xlsx").replace(/\.xlsx$/i, "") + "-标注.xlsx",
    });
    doc.body.append(a);
    a.click();
    a.remove();
  });
}
