/**
 * The task pane: renders findings and drives the host. No Excel call happens here; everything goes
 * through `PaneHost`, so the same pane runs in Excel and, in tests, against a recording fake.
 */
import { DEFAULT_ROSTER, RULE_LABELS, SEVERITY_LABEL as SEVERITY_TITLE, fixesByCell, localTime, roundDay, roundOf, type Finding, type SubmissionJudgement, type ValidateOptions, type ValidationResult } from "../core/index.js";
import { ApiError, UnreadableFileError, fetchLedger, fetchReviews, fetchRoundConfig, fetchTemplate, submitWorkbook, type RoundConfig } from "./api.js";
import type { PaneHost } from "./host.js";
import { OfficeError } from "./officeError.js";
import { Jobs } from "./ownChanges.js";
import { announce, arrowKeys, escapeCloses } from "./a11y.js";
import { applyLargeText, loadSettings, saveSettings, type Settings } from "./settings.js";

/** Items listed per severity at most: the cells carry every message; the list stays quick. */
const LIST_LIMIT = 300;

export interface PaneEnv {
  document: Document;
  storage: Storage;
  /** `YYYY-MM-DD`. */
  today(): string;
  /** Where the pane was served from: the server when none is set (npm start serves both together). */
  origin: string;
  /**
   * The browser page's address: taskpane.html beside this page, under whatever path the add-in is served from
   * (`/addin/`, or the path of GONGKAI_ADDIN_URL), as the ribbon and taskpane.html derive it.
   */
  page: string;
  /**
   * Opens a page in the user's browser (`Office.context.ui.openBrowserWindow`, OpenBrowserWindowApi 1.1), where
   * the host offers it: a pane's blob link may download nothing (Excel on Mac).
   */
  openInBrowser?: (url: string) => void;
}

export interface MountedPane {
  refresh(): Promise<void>;
  /** Another file was picked: what was said about the last one (findings, verdict, receipt) is gone. */
  newFile(): void;
}

export function mountPane(host: PaneHost, env: PaneEnv): MountedPane {
  const doc = env.document;
  const $ = <T extends HTMLElement = HTMLElement>(id: string) => doc.getElementById(id) as T;
  let settings: Settings = loadSettings(env.storage);
  let last: ValidationResult | undefined;
  /** Why 提交 is held, if it is: the file is no task table, or (picked in a browser) no workbook at all. */
  let held: string | undefined;
  let stopWatching: (() => Promise<void>) | undefined;
  /** Sheets the last 校验 coloured (Excel): a sort there leaves the colours behind, as conditional formats stay put. */
  let coloured = new Set<string>();
  let watchingSorts = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const jobs = new Jobs();

  const fields = {
    server: $<HTMLInputElement>("server"),
    token: $<HTMLInputElement>("token"),
    unit: $<HTMLInputElement>("unit"),
    round: $<HTMLInputElement>("round"),
    live: $<HTMLInputElement>("live"),
    largeText: $<HTMLInputElement>("large-text"),
  };
  fields.server.value = settings.server;
  fields.server.placeholder = `留空即使用 ${env.origin}`;
  fields.token.value = settings.token;
  fields.unit.value = settings.unit;
  fields.round.value = settings.round;
  // Re-validating after each edit is off unless chosen: before ExcelApi 1.20 every write of the add-in empties
  // Excel's undo list, and even where writes join it, Ctrl+Z would first take back the add-in's re-marking,
  // not the user's edit. The docs' advice is not to rely on undo (README, "Re-validate on edit").
  const liveByDefault = false;
  fields.live.checked = settings.live ?? liveByDefault;
  fields.largeText.checked = settings.largeText === true;
  applyLargeText(doc, fields.largeText.checked);
  if (host.kind === "excel") {
    show("live-why", host.capabilities.keepsUndo
      ? "打开后，每次修改都会重新校验并重新标注；此时按“撤销”（Ctrl+Z）先撤回的是标注，而不是您的修改，所以默认关闭。"
      : "此版本的 Excel 中，加载项每次标注都会清空“撤销”（Ctrl+Z）记录，所以默认关闭；打开后，每次修改都会重新校验。");
  }
  // re-validating on edits needs ExcelApi 1.9 (worksheet change events)
  if (host.kind === "excel" && !host.capabilities.rangeAreas) fields.live.closest("div.live")!.setAttribute("hidden", "");
  if (host.kind === "browser") {
    show("notice", "浏览器模式：请选择本单位的任务分解表文件（Excel、WPS 或 LibreOffice 保存的 .xlsx），校验结果显示在下方预览中，可下载标注副本后在自己的软件里修改。");
  } else if (!host.capabilities.mergedAreas) {
    show("notice", "此版本的 Excel 无法读取合并单元格，已按表格结构推断合并范围，对空白单元格的检查会宽松一些。升级到 Microsoft 365 可获得完整检查。");
  } else if (host.capabilities.notesOutOfReach) {
    // Excel keeps notes, but the intranet's copy of Office.js has no Notes API: it can neither see nor remove them
    show("notice", "本机加载的是内网中的 Office.js 副本，无法读写单元格批注，问题说明只显示在本面板中。以前在能连接互联网时校验留下的批注（以“【政务公开台账校验】”开头）此时无法清除：请在能连接互联网时点“清除标记”，或右键单元格手动删除这些批注。");
  } else if (!host.capabilities.notes) {
    // before ExcelApi 1.18 notes cannot be seen, and a cell holding one refuses a comment: messages stay here
    // (a reply in someone's comment where there is one, ExcelApi 1.10)
    show("notice", "此版本的 Excel 无法读写单元格批注，问题说明只显示在本面板中。");
  }

  function show(id: string, text: string, kind?: "error" | "ok"): void {
    const el = $(id);
    el.textContent = text;
    el.className = id === "message" ? `message${kind ? ` ${kind}` : ""}` : el.className;
    el.hidden = text === "";
  }
  /** The message line, also read out by screen readers. */
  const say = (text: string, kind?: "error" | "ok") => {
    show("message", text, kind);
    if (text !== "") announce(doc, text);
  };

  function readSettings(): Settings {
    settings = {
      server: fields.server.value.trim(),
      token: fields.token.value.trim(),
      unit: fields.unit.value.trim(),
      round: fields.round.value.trim(),
      live: fields.live.checked === liveByDefault && settings.live === undefined ? undefined : fields.live.checked,
      ...(fields.largeText.checked ? { largeText: true } : {}),
    };
    return settings;
  }
  const round = () => settings.round || roundOf(env.today());
  const server = () => settings.server || env.origin;

  /** The round's task list and roster from the server, fetched once per server, token and round. */
  let config: { key: string; value: Promise<RoundConfig | undefined> } | undefined;
  function roundConfig(): Promise<RoundConfig | undefined> {
    if (settings.token === "") return Promise.resolve(undefined);
    const key = `${server()}|${settings.token}|${round()}`;
    if (config?.key !== key) {
      const value = fetchRoundConfig(server(), settings.token, round()).catch(() => {
        config = undefined; // try again next time
        show("notice", "暂时无法从服务器取得本轮任务清单，本次按表格本身校验；连上服务器后再校验，即可对照汇总人下发的任务清单。");
        return undefined;
      });
      config = { key, value };
    }
    return config.value;
  }
  /** The 填报单位 suggestions: the roster the server checks against (the sample's only while the server uses it), none offline. */
  function suggestUnits(c: RoundConfig | undefined): void {
    const units = c ? ((c.roster ?? (c.tasks ? undefined : DEFAULT_ROSTER))?.units ?? []) : [];
    $("units").replaceChildren(...units.map((u) => Object.assign(doc.createElement("option"), { value: u.name })));
  }
  // the suggestions are the server's from the start, not only after the first 校验
  if (settings.token !== "") void roundConfig().then(suggestUnits);
  /** The last 校验 had no task list from the server (no token, or the server out of reach): it cannot promise the server's decision. */
  let offline = false;
  async function options(): Promise<ValidateOptions> {
    const c = await roundConfig();
    offline = c === undefined;
    suggestUnits(c);
    // the round's day, as the server judges a submission to this round (a past month: its last day)
    // the unit the server will file it under: the token's, else the one written in 设置
    const unit = c?.unit ?? settings.unit;
    return { today: roundDay(round(), env.today()), ...(unit ? { unit } : {}), submitting: false, ...(c ? { tasks: c.tasks, roster: c.roster } : {}) };
  }

  /** Runs one job with the progress bar shown and the buttons held; errors end up in the message line. */
  function job(label: string, work: () => Promise<void>, queue = false): Promise<void> {
    const run = async () => {
      $("busy-text").textContent = label;
      $("busy").hidden = false;
      for (const b of doc.querySelectorAll<HTMLButtonElement>(".actions button, .settings button")) b.disabled = true;
      try {
        await work();
      } catch (e) {
        say(e instanceof ApiError || e instanceof OfficeError ? e.message : `出错了：${e instanceof Error ? e.message : String(e)}（请重试；若一再出现，请联系管理员）`, "error");
      } finally {
        $("busy").hidden = true;
        for (const b of doc.querySelectorAll<HTMLButtonElement>(".actions button, .settings button")) b.disabled = false;
        $<HTMLButtonElement>("fix").disabled = fixable().length === 0;
        $<HTMLButtonElement>("submit").disabled = held !== undefined;
      }
    };
    // an edit's re-validation waits for the running job instead of being dropped
    return queue ? jobs.runOrQueue(run) : jobs.run(run).then(() => undefined);
  }

  const fixable = () => (last?.findings ?? []).filter((f) => f.fix);

  function render(result: ValidationResult): void {
    last = result;
    const s = result.summary;
    $("n-errors").textContent = String(s.errors);
    $("n-warnings").textContent = String(s.warnings);
    $("n-completed").textContent = `${s.completed}/${s.responsibleRows}`;
    $("summary").hidden = false;
    const list = $("findings");
    // a keyboard user inside the list keeps their place when it is drawn anew (a re-validation after an edit)
    const was = doc.activeElement instanceof HTMLElement && doc.activeElement.matches("button.finding") ? doc.activeElement : undefined;
    const place = was ? `${was.dataset.sheet}!${was.dataset.cell}` : undefined;
    list.replaceChildren();
    if (result.findings.length === 0) {
      list.append(Object.assign(doc.createElement("p"), { textContent: "没有发现问题。" }));
      keepPlace(place);
      return;
    }
    for (const severity of ["error", "warning", "info"] as const) {
      const group = result.findings.filter((f) => f.severity === severity);
      if (group.length === 0) continue;
      list.append(Object.assign(doc.createElement("h2"), { textContent: `${SEVERITY_TITLE[severity]}（${group.length}）` }));
      const byRule = new Map<string, Finding[]>();
      for (const f of group.slice(0, LIST_LIMIT)) {
        const list = byRule.get(f.code);
        if (list) list.push(f);
        else byRule.set(f.code, [f]);
      }
      for (const [code, items] of byRule) {
        list.append(Object.assign(doc.createElement("h3"), { textContent: `${RULE_LABELS[code as Finding["code"]]}（${items.length}）` }));
        const ul = doc.createElement("ul");
        for (const f of items) {
          const button = doc.createElement("button");
          button.className = `finding ${f.severity}`;
          button.dataset.sheet = f.sheet;
          button.dataset.cell = f.cell;
          button.title = "点击（或按回车）跳到这个单元格";
          // the severity in words as well as in colour
          const sev = Object.assign(doc.createElement("span"), { className: "sev", textContent: SEVERITY_TITLE[f.severity] });
          const where = Object.assign(doc.createElement("span"), { className: "where", textContent: `${f.sheet}!${f.cell}` });
          const task = f.task ? [Object.assign(doc.createElement("span"), { className: "task", textContent: f.task.label })] : [];
          const msg = Object.assign(doc.createElement("span"), { className: "msg", textContent: f.message });
          button.append(sev, where, ...task, msg);
          button.addEventListener("click", () => void job("正在定位……", () => host.select(f.sheet, f.cell)));
          const li = doc.createElement("li");
          li.append(button);
          ul.append(li);
        }
        list.append(ul);
      }
      if (group.length > LIST_LIMIT) {
        list.append(Object.assign(doc.createElement("p"), { className: "muted", textContent: `还有 ${group.length - LIST_LIMIT} 条${SEVERITY_TITLE[severity]}未列出：它们都已标在表中，改正上面的问题后再校验即可。` }));
      }
    }
    keepPlace(place);
  }

  /** After the list is drawn anew: the focus back on the same cell's finding, else the first one. */
  function keepPlace(place: string | undefined): void {
    if (place === undefined) return;
    const cards = [...doc.querySelectorAll<HTMLElement>("#findings button.finding")];
    (cards.find((c) => `${c.dataset.sheet}!${c.dataset.cell}` === place) ?? cards[0] ?? $("validate")).focus();
  }

  /** What the coordinator sent back (退回) or closed (已销号) on this unit's items, from the server. */
  async function showReviews(): Promise<void> {
    if (settings.token === "") return;
    const reviews = await fetchReviews(server(), settings.token, round()).catch(() => undefined);
    const returned = (reviews ?? []).filter((r) => r.decision === "returned");
    const closed = (reviews ?? []).filter((r) => r.decision === "accepted");
    const box = $("reviews");
    box.hidden = returned.length === 0 && closed.length === 0;
    box.replaceChildren(
      ...(returned.length > 0
        ? [
            Object.assign(doc.createElement("h2"), { textContent: `汇总人退回的事项（${returned.length}）：请按意见修改后重新提交` }),
            Object.assign(doc.createElement("ul"), {}),
          ]
        : []),
      ...(closed.length > 0 ? [Object.assign(doc.createElement("p"), { className: "muted", textContent: `已验收销号：${closed.map((r) => r.label).join("、")}` })] : []),
    );
    const ul = box.querySelector("ul");
    for (const r of returned) ul?.append(Object.assign(doc.createElement("li"), { textContent: `${r.label}：${r.comment}（${localTime(r.at)}）` }));
  }

  /**
   * The server's decision, said before 提交 (core `judgeSubmission`, the submit-time rules): 可以提交 only for a
   * file it will take; else why it would be refused; 提交 is held for a file that is no task table.
   */
  function showVerdict(j: SubmissionJudgement | undefined): void {
    held = j?.verdict === "not-a-table" ? "这不是任务分解表" : undefined;
    const box = $("verdict");
    $<HTMLButtonElement>("submit").disabled = held !== undefined;
    if (!j) {
      box.replaceChildren();
      box.hidden = true;
      return;
    }
    box.className = `verdict ${j.verdict === "accepted" ? "ok" : "error"}`;
    const head = Object.assign(doc.createElement("b"), {
      textContent:
        j.verdict === "accepted"
          ? offline
            ? "按表格本身没有发现会被退回的问题；未连接服务器，服务器还会对照汇总人下发的任务清单核对，以提交后的结果为准。"
            : "可以提交：服务器会收下这份表。"
          : j.verdict === "not-a-table"
            ? "不能提交：这不是任务分解表。"
            : "现在提交会被服务器退回，原因：",
    });
    const why = j.verdict === "not-a-table" ? [j.result.findings.find((f) => f.code === "table.not-found")?.message ?? "没有找到任务分解表的表头。", "请选择（或打开）本单位填写的任务分解表，改好后再校验。"] : j.verdict === "rejected" ? j.reasons : [];
    const list = doc.createElement("ul");
    list.append(...why.map((r) => Object.assign(doc.createElement("li"), { textContent: r })));
    box.replaceChildren(head, ...(why.length ? [list] : []));
    box.hidden = false;
  }

  /** What 校验 says in one line: the counts, and whether the server would take the file now. */
  function verdictLine(s: ValidationResult["summary"], j: SubmissionJudgement): [string, "ok" | "error" | undefined] {
    if (j.verdict === "not-a-table") return ["这不是任务分解表，不能提交：请选择本单位填写的任务分解表。", "error"];
    if (j.verdict === "accepted" && offline) return [`按表格本身校验${s.warnings === 0 ? "通过" : `没有错误，有 ${s.warnings} 条提醒`}（未连接服务器：提交后以服务器的结果为准）。`, "ok"];
    if (j.verdict === "accepted") return [s.errors === 0 && s.warnings === 0 ? "校验通过，可以提交。" : `没有错误，有 ${s.warnings} 条提醒。可以提交。`, "ok"];
    if (s.errors > 0) return [`发现 ${s.errors} 处错误、${s.warnings} 条提醒，已在表中标出。改正后才能提交。`, undefined];
    // errors only on submitting (no 填报单位, no contact sheet where one is asked for): said before 提交, not after
    return [`没有错误，有 ${s.warnings} 条提醒；但提交时会被退回：${j.reasons.join("；")}`, "error"];
  }

  /** A picked file that cannot be read as a workbook: nothing to send, and said so where 提交 is. */
  function holdUnreadable(message: string): void {
    showVerdict(undefined);
    held = message;
    $<HTMLButtonElement>("submit").disabled = true;
    const box = $("verdict");
    box.className = "verdict error";
    box.replaceChildren(Object.assign(doc.createElement("b"), { textContent: "不能提交：这个文件无法作为 Excel 工作簿读取。" }), Object.assign(doc.createElement("p"), { textContent: message }));
    box.hidden = false;
  }

  async function validate(serverFindings?: Finding[]): Promise<void> {
    const checked = await host.validate(await options(), serverFindings).catch((e: unknown) => {
      if (e instanceof UnreadableFileError) holdUnreadable(e.message);
      throw e;
    });
    const { result, notices, judgement, marks } = checked;
    if (host.kind === "excel") coloured = new Set(marks.filter((m) => m.style !== "info").map((m) => m.sheet));
    await showReviews();
    render(result);
    if (notices.length > 0) show("notice", notices.join("\n"));
    if (!serverFindings) {
      showVerdict(judgement);
      say(...verdictLine(result.summary, judgement));
    }
    await setWatching(fields.live.checked);
    if (coloured.size > 0) await watchSorts();
  }

  /**
   * A sort moves the rows' values, notes and comments but not the conditional formats that colour them: after one
   * on a sheet 校验 coloured, the colours mark other rows than their findings. Said, not re-marked by itself, even
   * with re-validation on: re-marking would empty Excel's undo list before ExcelApi 1.20 (a wrong sort could no
   * longer be undone), and after it Ctrl+Z would take back the re-marking first (README, "Sorting after 校验").
   */
  async function watchSorts(): Promise<void> {
    if (watchingSorts || !host.watchSorts) return;
    watchingSorts = true;
    await host.watchSorts((sheet) => {
      if (coloured.has(sheet)) say(`工作表“${sheet}”刚刚排过序：校验标出的颜色留在原来的位置，不随行移动（批注会随行移动），现在颜色已和各行对不上。请再点一次“校验”，重新标注。`, "error");
    });
  }

  /** 清除标记 in the workbook: nothing coloured is left to go astray in a sort. */
  async function clearWorkbook(): Promise<{ cells: number; notices: string[] }> {
    const cleared = await host.clear();
    coloured = new Set();
    return cleared;
  }

  /** Another file: nothing said about the last one stays on screen. */
  function newFile(): void {
    last = undefined;
    showVerdict(undefined);
    $("findings").replaceChildren();
    $("summary").hidden = true;
    $("fix-confirm").hidden = true;
    $<HTMLButtonElement>("fix").disabled = true;
    $("receipt").replaceChildren();
    $("receipt").hidden = true;
    say("");
  }

  async function setWatching(on: boolean): Promise<void> {
    if (on && !stopWatching) {
      stopWatching = await host.watch(() => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => void job("正在重新校验……", () => validate(), true), 1000);
      });
    } else if (!on && stopWatching) {
      await stopWatching();
      stopWatching = undefined;
    }
  }

  $("validate").addEventListener("click", () => void job("正在校验……", () => validate()));

  $("clear").addEventListener("click", () =>
    void job("正在清除标记……", async () => {
      await setWatching(false);
      const { cells, notices } = await clearWorkbook();
      $("findings").replaceChildren();
      $("summary").hidden = true;
      last = undefined;
      if (notices.length > 0) show("notice", notices.join("\n"));
      say(cells > 0 ? `已清除标记，${cells} 个单元格已恢复原样。` : "表中没有校验标记。", "ok");
    }),
  );

  $("fix").addEventListener("click", () => {
    // One line per cell, as one value is written per cell (the last fix proposed for it).
    const fixes = fixesByCell(last?.findings ?? []);
    $("fix-list").replaceChildren(
      ...fixes.map((f) => Object.assign(doc.createElement("li"), { textContent: `${f.task ? `${f.task.label}（${f.cell}）` : `${f.sheet}!${f.cell}`}：${f.fix.label}` })),
    );
    $("fix-title").textContent = `一键修复将修改以下 ${fixes.length} 个单元格：`;
    $("fix-confirm").hidden = fixes.length === 0;
    // the keyboard goes where the question is; Esc (or 取消) brings it back
    if (fixes.length > 0) $("fix-apply").focus();
  });
  const closeFix = () => {
    $("fix-confirm").hidden = true;
    $("fix").focus();
  };
  $("fix-cancel").addEventListener("click", closeFix);
  escapeCloses($("fix-confirm"), closeFix);
  arrowKeys($("findings"), "button.finding");
  fields.largeText.addEventListener("change", () => {
    applyLargeText(doc, fields.largeText.checked);
    saveSettings(env.storage, readSettings());
  });
  $("fix-apply").addEventListener("click", () =>
    void job("正在修复……", async () => {
      const n = await host.fix(fixable());
      $("fix-confirm").hidden = true;
      await validate();
      say(`已修复 ${n} 个单元格。`, "ok");
    }).then(() => ($<HTMLButtonElement>("fix").disabled ? $("validate") : $("fix")).focus()),
  );

  $("submit").addEventListener("click", () =>
    void job("正在提交……", async () => {
      if (held !== undefined) return;
      readSettings();
      // The coordinator gets the table as the unit keeps it, not painted with this pane's marks.
      if (host.kind === "excel") await clearWorkbook();
      const bytes = await host.file();
      const outcome = await submitWorkbook(server(), settings.token, round(), bytes);
      const receipt = $("receipt");
      if (outcome.kind === "refused") {
        receipt.replaceChildren();
        receipt.hidden = true;
        say(outcome.message, "error");
        return;
      }
      const r = outcome.receipt.submission;
      const dl = doc.createElement("dl");
      for (const [k, v] of [["编号", r.id], ["单位", r.unit], ["月份", r.round], ["收到时间", localTime(r.receivedAt)], ["校验码", r.sha256.slice(0, 16)]] as const) {
        dl.append(Object.assign(doc.createElement("dt"), { textContent: k }), Object.assign(doc.createElement("dd"), { textContent: v }));
      }
      receipt.replaceChildren(Object.assign(doc.createElement("b"), { textContent: outcome.kind === "accepted" ? (outcome.receipt.duplicate ? "这份表此前已提交过，服务器已有记录。" : "提交成功，服务器已收到。") : "服务器已收到，但校验未通过，请修改后重新提交。" }), dl);
      receipt.hidden = false;
      if (outcome.kind === "rejected") {
        await validate(outcome.findings);
        say(outcome.message, "error");
      } else say("提交成功。", "ok");
    }),
  );

  $("get-template").addEventListener("click", () =>
    void job("正在下载本轮模板……", async () => {
      readSettings();
      const page = env.page;
      if (env.openInBrowser) {
        // the template needs the token: the browser page (the same pane, in browser mode) fetches and saves it
        env.openInBrowser(page);
        say(`已在浏览器中打开 ${page}：请在那里填好设置，点“下载本轮模板”保存文件。`, "ok");
        return;
      }
      const bytes = await fetchTemplate(server(), settings.token, round());
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
      const a = Object.assign(doc.createElement("a"), { href: url, download: `任务分解表-${round()}.xlsx` });
      doc.body.append(a);
      a.click();
      a.remove();
      // a blob link may do nothing inside Office (Excel on Mac): nothing here can tell, so say what to do then
      say(host.kind === "browser"
        ? "本轮模板已交给浏览器下载（见浏览器的下载列表）：打开后填写进展情况，再校验、提交。"
        : `已开始下载本轮模板。如果没有出现下载，请在浏览器中打开 ${page}，在那里点“下载本轮模板”。打开文件后填写进展情况，再校验、提交。`, "ok");
    }),
  );

  $("save-settings").addEventListener("click", () => {
    config = undefined;
    saveSettings(env.storage, readSettings());
    say("设置已保存。", "ok");
  });
  fields.live.addEventListener("change", () => {
    saveSettings(env.storage, readSettings());
    void setWatching(fields.live.checked && last !== undefined);
  });

  $("pull-ledger").addEventListener("click", () =>
    void job("正在拉取汇总台账……", async () => {
      readSettings();
      const ledger = await fetchLedger(server(), settings.token, round());
      await host.writeLedger(ledger);
      say(`已写入“汇总台账”和“任务台账”两张工作表：应报 ${ledger.units.length} 个单位，未报 ${ledger.missingUnits.length} 个。`, "ok");
    }),
  );

  return { refresh: () => job("正在校验……", () => validate()), newFile };
}
