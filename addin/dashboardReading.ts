/**
 * The dashboard's reading panel: how the round's official table was read (each column's role, the heading rows,
 * each task with its units and deadline as understood — those with no unit or an unreadable deadline first), as a
 * form the coordinator corrects; the corrections are read back from it as a `TableMapping` (CONTRACT §1).
 */
import { ROLE_LABELS, nobodyText, splitUnitNames, type ColumnRole, type ReadingColumn, type ReadingReport, type ReadingTask, type TableMapping } from "../core/index.js";

/** What `GET|PUT /api/mapping` answer with (and `PUT /api/tasks`, its report). */
export interface ReadingAnswer {
  round: string;
  from: string;
  mapping: TableMapping;
  report: ReadingReport;
}

/** As core's `describeColumn` says them. */
const HOW: Record<ReadingColumn["how"], string> = {
  vocabulary: "按常用表头",
  words: "按表头用词推断",
  "merged-header": "按合并表头下的内容推断",
  mapping: "按汇总人的更正",
  unread: "未使用",
};

/** The unit cells' texts of a task (the report joins lead, responsible and co-responsible cells with ` | `). */
/** The `unitPhrases` keys of a task: its unit cells' texts, or its id where they are blank. */
const cellsOf = (t: ReadingTask): string[] => (t.unitCells.length > 0 ? t.unitCells : [t.id]);

/** A task the coordinator must look at: nobody could be read for it, or its deadline could not be understood. */
export const needsLook = (t: ReadingTask): boolean => t.noUnit || !t.deadlineOk;

/** Problems first (in table order), then the rest in table order. */
export const tasksForReview = (tasks: readonly ReadingTask[]): ReadingTask[] => [...tasks.filter(needsLook), ...tasks.filter((t) => !needsLook(t))];

/** What is wrong with a task, in words (colour is never the only sign). */
function problems(t: ReadingTask): string[] {
  return [
    ...(t.noUnit ? ["未读出牵头或责任单位"] : []),
    ...(t.nobodyReports ? [nobodyText(t)] : []),
    ...(t.deadlineOk ? [] : ["完成时限无法识别"]),
  ];
}

function el(doc: Document, tag: string, props: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const e = Object.assign(doc.createElement(tag), props);
  e.append(...children);
  return e;
}

const names = (list: readonly string[]) => (list.length ? list.join("、") : "（无）");
const roleText = (role: ColumnRole | undefined) => (role ? ROLE_LABELS[role] : "不读");

function columnRow(doc: Document, c: ReadingColumn, mapping: TableMapping): HTMLElement {
  const select = el(doc, "select", { className: "role" }) as HTMLSelectElement;
  select.dataset.letter = c.letter;
  select.setAttribute("aria-label", `更正为：${c.letter}列“${c.header || "无表头"}”`);
  const corrected = mapping.columns[c.letter];
  select.append(el(doc, "option", { value: "", textContent: corrected ? "（撤销更正，按表头读）" : `不更正（${roleText(c.role)}）` }));
  for (const [role, label] of Object.entries(ROLE_LABELS)) select.append(el(doc, "option", { value: role, textContent: label }));
  select.value = corrected ?? "";
  const tr = el(doc, "tr", {}, el(doc, "th", { scope: "row", textContent: c.letter }), el(doc, "td", { textContent: c.header || "（无表头）" }), el(doc, "td", { textContent: roleText(c.role) }), el(doc, "td", { textContent: HOW[c.how] }), el(doc, "td", {}, select));
  tr.dataset.letter = c.letter;
  return tr;
}

function headingItem(doc: Document, h: { row: number; text: string }): HTMLElement {
  const box = el(doc, "input", { type: "checkbox", className: "heading-row" }) as HTMLInputElement;
  box.checked = true;
  box.dataset.row = String(h.row);
  return el(doc, "li", {}, el(doc, "label", { className: "toggle" }, box, ` 第${h.row}行：${h.text || "（空）"}`));
}

/** An input for who a task's unit cells name; `data-phrases` holds the cells' texts (JSON), each one a `unitPhrases` key. */
function unitInput(doc: Document, which: "lead" | "responsible", t: ReadingTask, value: readonly string[]): HTMLElement {
  const word = which === "lead" ? "牵头单位" : "责任单位";
  const input = el(doc, "input", { type: "text", className: `phrase-${which}`, value: value.join("、"), placeholder: "多个单位用“、”分隔" }) as HTMLInputElement;
  input.dataset.phrases = JSON.stringify(cellsOf(t));
  input.setAttribute("aria-label", `${word}：第${t.row}行${t.unitCell ? `单位格“${t.unitCell}”` : "（单位格为空）"}`);
  return el(doc, "label", { className: "phrase" }, word, input);
}

function taskItem(doc: Document, t: ReadingTask, mapping: TableMapping): HTMLElement {
  const wrong = problems(t);
  const phrase = cellsOf(t)
    .map((c) => mapping.unitPhrases[c])
    .find((p) => p !== undefined);
  const mark = el(doc, "input", { type: "checkbox", className: "mark-heading" }) as HTMLInputElement;
  mark.dataset.row = String(t.row);
  mark.setAttribute("aria-label", `第${t.row}行是标题行（不是任务）`);
  const actions = el(doc, "div", { className: "item-actions" });
  // who a unit cell names is asked where nobody was read, and kept editable where the coordinator has said it
  if (t.noUnit || t.nobodyReports || phrase) {
    actions.append(unitInput(doc, "lead", t, phrase?.lead ?? t.lead), unitInput(doc, "responsible", t, phrase?.responsible ?? t.responsible));
  }
  actions.append(el(doc, "label", { className: "toggle" }, mark, " 这一行是标题行（不是任务）"));
  const li = el(
    doc,
    "li",
    { className: `item reading-task${wrong.length ? " problem" : ""}` },
    el(doc, "div", { className: "item-head" }, el(doc, "b", { textContent: `第${t.row}行 ${t.label}` }), ...(wrong.length ? [" ", el(doc, "span", { className: "flag", textContent: `⚠ ${wrong.join("；")}` })] : [])),
    ...(t.measure && t.measure !== t.label ? [el(doc, "div", { textContent: t.measure })] : []),
    el(doc, "div", { textContent: `牵头单位：${names(t.lead)}；责任单位：${names(t.responsible)}（单位格原文：${t.unitCell ? `“${t.unitCell}”` : "空"}）` }),
    ...(t.unread.length ? [el(doc, "div", { textContent: `未能识别为单位：${t.unread.join("、")}` })] : []),
    el(doc, "div", { textContent: `完成时限：${t.deadline || "（空）"} → ${t.deadlineOk ? t.deadlineUnderstood : "无法识别"}` }),
    actions,
  );
  li.dataset.row = String(t.row);
  return li;
}

/** Fills the panel (`#reading-…`) with a reading and the corrections it was made with. */
export function renderReading(doc: Document, answer: Pick<ReadingAnswer, "mapping" | "report" | "from">): void {
  const { report, mapping } = answer;
  const $ = (id: string) => doc.getElementById(id)!;
  const noUnit = report.tasks.filter((t) => t.noUnit).length;
  const badDeadline = report.tasks.filter((t) => !t.deadlineOk).length;
  const corrected = Object.keys(mapping.columns).length + mapping.headingRows.length + Object.keys(mapping.unitPhrases).length;
  $("reading-summary").textContent =
    `“${report.title || "（无标题）"}”（${answer.from}起使用）：工作表“${report.sheet}”，表头在第${report.headerRows.join("、")}行，读出任务${report.tasks.length}项、标题行${report.headingRows.length}行。` +
    (noUnit || badDeadline ? `其中${noUnit}项读不出单位、${badDeadline}项时限无法识别，已排在最前，请逐项确认。` : "每项任务都读出了单位和时限。") +
    (corrected ? `已保存的更正${corrected}处。` : "");
  $("reading-findings").replaceChildren(...report.findings.map((f) => el(doc, "li", { textContent: f.message })));
  $("reading-findings-box").hidden = report.findings.length === 0;
  $("reading-columns").querySelector("tbody")!.replaceChildren(...report.columns.map((c) => columnRow(doc, c, mapping)));
  $("reading-headings").replaceChildren(...(report.headingRows.length ? report.headingRows.map((h) => headingItem(doc, h)) : [el(doc, "li", { className: "muted", textContent: "没有标题行。" })]));
  $("reading-tasks").replaceChildren(...tasksForReview(report.tasks).map((t) => taskItem(doc, t, mapping)));
}

/** The corrections as the panel now says them, on top of those kept (`base`): what `保存更正` sends. */
export function correctionsOf(doc: Document, base: TableMapping): TableMapping {
  const columns: Record<string, ColumnRole> = {};
  for (const s of doc.querySelectorAll<HTMLSelectElement>("#reading-columns select.role")) if (s.value) columns[s.dataset.letter!] = s.value as ColumnRole;
  const rows = new Set<number>();
  for (const b of doc.querySelectorAll<HTMLInputElement>("#reading input.heading-row, #reading input.mark-heading")) if (b.checked) rows.add(Number(b.dataset.row));
  const unitPhrases = { ...base.unitPhrases };
  const split = (text: string) => splitUnitNames(text).map((n) => n.trim()).filter((n) => n !== "");
  for (const lead of doc.querySelectorAll<HTMLInputElement>("#reading-tasks input.phrase-lead")) {
    const responsible = lead.closest(".item-actions")!.querySelector<HTMLInputElement>("input.phrase-responsible")!;
    const said = { lead: split(lead.value), responsible: split(responsible.value) };
    // a task with several unit cells that name nobody: what is said holds for each of them
    for (const cell of JSON.parse(lead.dataset.phrases!) as string[]) {
      if (said.lead.length + said.responsible.length === 0) delete unitPhrases[cell];
      else unitPhrases[cell] = said;
    }
  }
  return { columns, headingRows: [...rows].sort((a, b) => a - b), unitPhrases };
}

/** One unit cell's text may stand in several rows: what is typed for it in one row is shown in the others. */
export function keepPhrasesInStep(doc: Document): void {
  doc.getElementById("reading-tasks")!.addEventListener("input", (e) => {
    const input = e.target as HTMLInputElement;
    if (!input.matches("input.phrase-lead, input.phrase-responsible")) return;
    const cls = input.classList.contains("phrase-lead") ? "phrase-lead" : "phrase-responsible";
    for (const other of doc.querySelectorAll<HTMLInputElement>(`#reading-tasks input.${cls}`)) if (other !== input && other.dataset.phrases === input.dataset.phrases) other.value = input.value;
  });
}
