/**
 * The 通报 of a round, made once as its parts — the title, the counts, each kind of lag with its own request, grouped
 * under headings, and the per-unit table of its 附件 — from which both the text to paste (`noticeText`) and the Word
 * document (`workbook/noticeDocx.ts`) are made: no sentence is written twice.
 */
import { BUILT_IN_NOTE, RATE_LABEL, cellOf, isPastLedger, ledgerTotals, type Ledger, type LedgerUnit } from "./consolidate.js";
import { lateText, monthLabel, percentText, rejectedText, reportStateText, roundDayText } from "./ledgerLayout.js";

export * from "./letterhead.js";

/**
 * One point of the 通报: its words are `lead + rest`. The document sets `lead` as the point's 楷体 heading after its
 * （一） and `rest` in the body's type; the text joins them.
 */
export interface NoticePoint {
  lead: string;
  rest: string;
}

/** A part of the body under a 黑体 heading (`一、报送情况`), its points numbered （一）（二）…; a part with no point is left out. */
export interface NoticeSection {
  heading: string;
  points: NoticePoint[];
}

/** The 附件: a table of every unit of the ledger, its header row first, and a note below it. */
export interface NoticeAttachment {
  /** 附件说明's name of it, and its title on its own page. */
  title: string;
  headers: string[];
  rows: string[][];
  note: string;
}

export interface NoticeParts {
  /** 关于2022年3月政务公开工作台账报送情况的通报 */
  title: string;
  /** The counts, as of the round's day: the body's first paragraph. */
  summary: string;
  sections: NoticeSection[];
  /** Paragraphs after the sections: that nobody lags, the note that the counts are the built-in sample's. */
  closing: string[];
  attachment: NoticeAttachment;
}

const point = (lead: string, rest: string): NoticePoint => ({ lead, rest });

/** The 附件's columns: 单位 | 应报事项 | 已报 | 逾期 | 完成率. 已报 counts the items reported and says how a unit that sent no table this month stands. */
const ATTACHMENT_HEADERS = ["单位", "应报事项", "已报", "逾期", "完成率"];

function attachmentRow(u: LedgerUnit): string[] {
  const reported = u.responsible - u.missing;
  const state = u.reportState === "已报送" ? "" : `（${reportStateText(u)}）`;
  return [u.unit, String(u.responsible), `${reported}${state}`, String(u.overdue), percentText(u.completionRate)];
}

/**
 * The parts of the round's 通报. Its counts are `ledgerTotals` (the 汇总 sheet's and the JSON's), stated as of the
 * round's day; its requests fit the month: a past month's 通报 asks for that month's 台账, not "本月".
 */
export function noticeParts(ledger: Ledger): NoticeParts {
  const [y, m] = ledger.round.split("-").map(Number);
  const t = ledgerTotals(ledger);
  const past = isPastLedger(ledger);
  const month = past ? `${y}年${monthLabel(ledger.round)}` : "本月";
  const notReported = ledger.units.filter((u) => u.reportState === "未报送");
  const rejected = ledger.units.filter((u) => u.reportState === "被退回");
  const carried = ledger.units.filter((u) => u.reportState === "沿用");
  const head = [`应报送单位${t.expected}个`, `已报送${t.submitted}个`];
  if (t.carried > 0) head.push(`沿用以前月份台账${t.carried}个`);
  if (t.rejected > 0) head.push(`报送被退回${t.rejected}个`);
  head.push(`未报送${t.notReported}个`);
  const summary = `${roundDayText(ledger)}，${y}年${m}月政务公开工作台账${head.join("，")}。`;

  const reporting: NoticePoint[] = [];
  if (notReported.length > 0) reporting.push(point("未报送单位", `：${notReported.map((u) => u.unit).join("、")}。请于三个工作日内${past ? "补报" : "报送"}${month}台账。`));
  if (rejected.length > 0) {
    reporting.push(point("报送被退回的单位", `：${rejected.map((u) => `${u.unit}（${rejectedText(u) || "校验未通过"}）`).join("、")}。请按提示修改后重新报送${month}台账。`));
  }
  if (carried.length > 0) {
    reporting.push(point(`${past ? `${month}` : "本月"}未更新、沿用以前月份台账的单位`, `：${carried.map((u) => `${u.unit}（${monthLabel(u.from)}）`).join("、")}。请更新${month}进展后报送。`));
  }

  const items: NoticePoint[] = [];
  const returned = ledger.reviews.filter((r) => r.decision === "returned" && cellOf(ledger.tasks.find((task) => task.id === r.task), r.unit)?.state === "退回");
  // 退回事项 counts the items of a refused file too (as the ledger's 汇总 and the dashboard count them): said apart
  const inRefusedFiles = t.returnedItems - returned.length;
  if (t.returnedItems > 0) {
    const parts = [
      ...(returned.length > 0 ? [`验收未通过、被退回的${returned.length}项：${returned.map((r) => `${r.unit}“${r.label}”${r.comment ? `（${r.comment.trim().replace(/[。.]+$/, "")}）` : ""}`).join("；")}，请按意见整改后重新报送`] : []),
      ...(inRefusedFiles > 0 ? [`被退回的报送文件中的${inRefusedFiles}项（单位见上）`] : []),
    ];
    items.push(point("退回事项", `${t.returnedItems}项，其中${parts.join("；")}。`));
  }
  const late = ledger.units.filter((u) => u.overdue > 0).sort((a, b) => b.overdue - a.overdue || a.unit.localeCompare(b.unit, "zh"));
  if (late.length > 0) {
    items.push(point("存在逾期未完成事项的单位", `：${late.map((u) => `${u.unit}（${u.overdue}项）`).join("、")}。请抓紧办理；尚未说明的，请写明逾期原因和计划完成时间。`));
    const explained = ledger.tasks.flatMap((task) =>
      Object.entries(task.units).flatMap(([unit, c]) => (c.overdue && (c.lateReason !== undefined || c.planDate !== undefined) ? [`${unit}“${task.label}”（${lateText(c)}）`] : [])),
    );
    if (explained.length > 0) items.push(point("已说明逾期原因的事项", `：${explained.join("；")}。`));
  }

  const progress: NoticePoint[] = [];
  const low = ledger.units.filter((u) => u.submitted && u.responsible > u.notApplicable && u.completionRate < 0.6).sort((a, b) => a.completionRate - b.completionRate);
  if (low.length > 0) progress.push(point(`${RATE_LABEL}低于60%的单位`, `：${low.map((u) => `${u.unit}（${percentText(u.completionRate)}）`).join("、")}。请加快推进。`));

  const sections = [
    { heading: "报送情况", points: reporting },
    { heading: "退回和逾期事项", points: items },
    { heading: "推进进度", points: progress },
  ].filter((s) => s.points.length > 0);
  const closing: string[] = [];
  if (sections.length === 0) closing.push("各单位均已按时报送，无逾期事项。");
  if (ledger.tasksSource === "built-in") closing.push(`（注：${BUILT_IN_NOTE}。）`);

  return {
    title: `关于${y}年${m}月政务公开工作台账报送情况的通报`,
    summary,
    sections,
    closing,
    attachment: {
      title: "各单位报送和完成情况统计表",
      headers: ATTACHMENT_HEADERS,
      rows: ledger.units.map(attachmentRow),
      note: `注：应报事项为各单位负责的任务数；已报为其中已填报进展的项数，括号内为未按月报送单位的报送情况；逾期按${roundDayText(ledger).replace(/^截至/, "")}计；完成率即${RATE_LABEL}，为（已完成＋按期推进）÷（应报事项－不涉及）。`,
    },
  };
}

/** The 通报 as text ready to paste into a notice: the counts, then each kind of lag with its own request, a line each. */
export function noticeText(ledger: Ledger): string {
  const p = noticeParts(ledger);
  return [p.summary, ...p.sections.flatMap((s) => s.points.map((x) => x.lead + x.rest)), ...p.closing].join("\n");
}
