/**
 * The ledger as people read it, described once as data: its sheets, titles, columns, formats and colours.
 * `workbook/writeLedger.ts` (the ledger workbook, CONTRACT §6) and the add-in's 拉取汇总台账 render the same
 * descriptions; neither has a header, a title or a column index of its own.
 */
import { BUILT_IN_NOTE, CELL_STATES, RATE_LABEL, cellOf, isPastLedger, ledgerCellStyle, ledgerTotals, type CellState, type Ledger, type LedgerCell, type LedgerTask, type LedgerUnit, type UnmatchedRow } from "./consolidate.js";
import type { MarkStyle } from "./formatPlan.js";
import type { Reminder } from "./reminders.js";
import { DECISION_LABEL, type Review } from "./reviews.js";
import type { ItemState, LedgerItem } from "./itemsLedger.js";
import { localTime } from "./usersClock.js";

/**
 * A unit's cell in the task matrix: the item's state (`·未更新` when carried from an earlier month, `·已验收` when
 * accepted while still under way), "—" when not its task.
 */
export function ledgerCellText(c: LedgerCell | undefined): string {
  if (!c) return "—";
  const accepted = c.review?.decision === "accepted" && c.state !== "已销号" ? "·已验收" : "";
  return c.stale ? `${c.state}·未更新${accepted}` : `${c.state}${accepted}`;
}

/** `2022-06-30` → `2022年6月30日`. */
const chineseDay = (iso: string): string => {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
};

/**
 * The round's day as every output states it: `截至2022年3月10日`, or for a past month `截至2022年3月31日（3月末）`
 * (a past month is counted as of its last day, not the day the ledger is made).
 */
export function roundDayText(l: Pick<Ledger, "round" | "today" | "roundDay">): string {
  return `截至${chineseDay(l.roundDay)}${isPastLedger(l) ? `（${monthLabel(l.round)}末）` : ""}`;
}

/** A late item's reason and plan date, as the unit wrote them: `原因：…；计划完成：2022年6月30日`. */
export function lateText(c: Pick<LedgerCell, "lateReason" | "planDate">): string {
  return [c.lateReason !== undefined ? `原因：${c.lateReason}` : "", c.planDate !== undefined ? `计划完成：${chineseDay(c.planDate)}` : ""].filter(Boolean).join("；");
}

/**
 * Why a unit's file was refused, as one clause to put in brackets: its first findings (`D12：…`) joined by `；`,
 * else the reason given — without their closing full stops (no `。；` or `。）`).
 */
export const rejectedText = (u: Pick<LedgerUnit, "rejectedReason" | "rejectedReasons">): string =>
  (u.rejectedReasons.length > 0 ? u.rejectedReasons : [u.rejectedReason]).map((r) => r.trim().replace(/[。.]+$/, "")).join("；");

/** A round as people say it: `2022-03` → `3月`. */
export const monthLabel = (round: string): string => `${Number(round.slice(5, 7))}月`;

/** A rate 0…1 as a percentage with one decimal: `0.8571` → `85.7%`. */
export const percentText = (rate: number): string => `${Math.round(rate * 1000) / 10}%`;

/** How a unit stands, in words: `已报送`, `沿用3月`, `被退回`, `未报送`. */
export function reportStateText(u: LedgerUnit): string {
  return u.reportState === "沿用" ? `沿用${monthLabel(u.from)}` : u.reportState;
}

export type CellKind = "text" | "int" | "percent";

/** Excel's number format of each kind of column (`@`: text stays text, never parsed). */
export const NUMBER_FORMATS: Record<CellKind, string> = { text: "@", int: "0", percent: "0.0%" };

export interface LayoutColumn<T> {
  header: string;
  /** In Excel's character widths. */
  width: number;
  kind?: CellKind;
  /** Long text: wrapped, and the row made as tall as it needs. */
  wrap?: boolean;
  center?: boolean;
  value(row: T): string | number;
  style?(row: T): MarkStyle | undefined;
}

export interface LayoutSheet<T> {
  /** The sheet's name in the ledger workbook. */
  name: string;
  title(ledger: Ledger): string;
  columns(ledger: Ledger): LayoutColumn<T>[];
  rows(ledger: Ledger): T[];
  /** Columns kept in view when scrolling right. */
  freezeColumns: number;
  headerHeight?: number;
  /** Lines under the table. */
  footer?(ledger: Ledger): string[];
  /** A header whose column gets data bars (0…1). */
  dataBar?: string;
  /** Left out when it would be empty and says nothing by being there. */
  optional?: boolean;
}

const bad = (yes: boolean): MarkStyle | undefined => (yes ? "error" : undefined);
const col = <T>(header: string, width: number, value: (r: T) => string | number, more: Partial<LayoutColumn<T>> = {}): LayoutColumn<T> => ({ header, width, value, ...more });

/** How a task is named in every sheet, whatever columns the government's table has (label: 三级 → 二级 → measure). */
export function taskColumns<T>(task: (r: T) => LedgerTask): LayoutColumn<T>[] {
  return [
    col("编号", 6, (r) => task(r).id),
    col("类别", 16, (r) => {
      const t = task(r);
      return [t.level1, t.level3 !== "" && t.level3 !== "-" ? t.level2 : ""].filter((x) => x !== "" && x !== "-").join(" · ");
    }, { wrap: true }),
    col("任务", 22, (r) => task(r).label, { wrap: true }),
    col("牵头（责任）单位", 14, (r) => task(r).lead || task(r).responsible, { wrap: true }),
    col("完成时限", 11, (r) => task(r).deadline, { wrap: true }),
  ];
}

export const SUMMARY_SHEET: LayoutSheet<LedgerUnit> = {
  name: "汇总",
  title: (l) => `${l.round} 政务公开工作台账汇总（${roundDayText(l)}${l.tasksSource === "built-in" ? `；${BUILT_IN_NOTE}` : ""}）`,
  freezeColumns: 2,
  dataBar: RATE_LABEL,
  columns: (l) => {
    const place = new Map(l.units.map((u, i) => [u, i + 1]));
    return [
    col("序号", 6, (u) => place.get(u) ?? 0, { kind: "int" }),
    col("单位", 24, (u) => u.unit),
    col("报送情况", 9, reportStateText, { style: (u) => (u.reportState === "已报送" ? undefined : u.reportState === "沿用" ? "warning" : "error") }),
    col("报送时间", 17, (u) => localTime(u.receivedAt)),
    col("负责事项", 9, (u) => u.responsible, { kind: "int" }),
    col("已完成", 8, (u) => u.completed, { kind: "int" }),
    col("按期推进", 9, (u) => u.onTrack, { kind: "int" }),
    col("推进中", 8, (u) => u.inProgress, { kind: "int" }),
    col("未启动", 8, (u) => u.notStarted, { kind: "int" }),
    col("不涉及", 8, (u) => u.notApplicable, { kind: "int" }),
    col("未填报", 8, (u) => u.missing, { kind: "int" }),
    col("其中逾期", 8, (u) => u.overdue, { kind: "int", style: (u) => bad(u.overdue > 0) }),
    col("其中已销号", 9, (u) => u.closed, { kind: "int" }),
    col("其中退回", 8, (u) => u.returned, { kind: "int", style: (u) => bad(u.returned > 0) }),
    col("校验错误", 9, (u) => u.errors, { kind: "int" }),
    col(RATE_LABEL, 16, (u) => u.completionRate, { kind: "percent" }),
    col("退回原因", 40, (u) => (u.reportState === "被退回" ? rejectedText(u) : ""), { wrap: true }),
    ];
  },
  rows: (l) => l.units,
  footer: (l) => {
    const t = ledgerTotals(l);
    return [
      `应报 ${t.expected} 个单位，已报 ${t.submitted} 个，沿用以前月份 ${t.carried} 个，被退回 ${t.rejected} 个，未报 ${t.notReported} 个；逾期事项 ${t.overdueItems} 项，已销号 ${t.closedItems} 项，退回事项 ${t.returnedItems} 项。`,
      `说明：已完成、按期推进、推进中、未启动、不涉及、未填报六列之和为负责事项；其中逾期、已销号、退回是这些事项中的一部分，不另计；已完成含已销号；每月、每季度、持续推进等任务不计“已完成”，本月已更新进展的计“按期推进”；${RATE_LABEL} =（已完成 + 按期推进）÷（负责事项 − 不涉及）；逾期按${roundDayText(l).replace(/^截至/, "")}计，含被退回的逾期事项；不负责任何任务的单位不在应报之列。`,
    ];
  },
};

export const MATRIX_SHEET: LayoutSheet<LedgerTask> = {
  name: "台账",
  title: (l) => `${l.round} 政务公开任务台账（各单位完成状态）`,
  freezeColumns: 4,
  headerHeight: 60,
  columns: (l) => [
    ...taskColumns<LedgerTask>((t) => t),
    ...l.units.map((u) => col<LedgerTask>(u.unit, 9, (t) => ledgerCellText(cellOf(t, u.unit)), { center: true, style: (t) => { const c = cellOf(t, u.unit); return c ? ledgerCellStyle(c) : undefined; } })),
  ],
  rows: (l) => l.tasks,
  footer: () => [`说明：${CELL_STATES.join("、")}各计一次；“·未更新”为沿用以前月份的进展、本月应更新而未更新；“·已验收”为尚在推进、经验收的事项（不计已完成）；“按期推进”为每月、每季度、持续推进等任务本月已更新进展；“—”为非本单位事项。`],
};

interface Item {
  task: LedgerTask;
  unit: string;
  cell: LedgerCell;
}
/** Every cell of the task matrix, task by task, each task's in its units' order (the 明细 sheet's rows). */
function items(l: Ledger, keep: (c: LedgerCell) => boolean = () => true): Item[] {
  const out: Item[] = [];
  for (const task of l.tasks) {
    for (const unit of Object.keys(task.units)) {
      const cell = task.units[unit]!;
      if (keep(cell)) out.push({ task, unit, cell });
    }
  }
  return out;
}
/** What a decision did to an item: 已销号 where it closed it, 已验收 where the item is still under way, 退回. */
export const decisionText = (r: Review, state: CellState | ItemState | undefined): string =>
  r.decision === "accepted" && state !== undefined && state !== "已销号" ? "已验收" : DECISION_LABEL[r.decision];
/** A decision in force on an item (a unit's task or one of its own items), in words: `退回：意见（3月20日 10:00）`. */
export const reviewText = (c: Pick<LedgerCell | LedgerItem, "review" | "state">): string =>
  c.review ? `${decisionText(c.review, c.state)}${c.review.comment ? `：${c.review.comment}` : ""}（${localTime(c.review.at)}）` : "";

/** One of a unit's own items (细化分解) under a task: what the 细化事项 sheet lists. */
interface OwnItem {
  task: LedgerTask;
  unit: string;
  item: LedgerItem;
}

/** An item's state in words: `·已验收` when accepted while still under way, as a task's. */
export const itemStateText = (i: Pick<LedgerItem, "state" | "review">): string => (i.review?.decision === "accepted" && i.state !== "已销号" ? `${i.state}·已验收` : i.state);

/** How an item's state is coloured (CONTRACT §3), as a task's. */
export function itemStyle(i: Pick<LedgerItem, "state">): MarkStyle | undefined {
  if (i.state === "已完成" || i.state === "已销号") return "done";
  if (i.state === "逾期" || i.state === "退回" || i.state === "未填报") return "error";
  if (i.state === "推进中" || i.state === "未启动") return "warning";
  return undefined;
}

/** Every unit's own items, in the units' order, each unit's in the tasks' order. */
function ownItems(l: Ledger): OwnItem[] {
  const out: OwnItem[] = [];
  for (const u of l.units) for (const task of l.tasks) for (const item of cellOf(task, u.unit)?.items ?? []) out.push({ task, unit: u.unit, item });
  return out;
}

/** How a decision on one of a unit's own items is labelled (`Review.label`): its task, then the item. */
export const itemReviewLabel = (taskLabel: string, itemText: string): string => `${taskLabel}（细化事项：${itemText.length > 40 ? `${itemText.slice(0, 40)}…` : itemText}）`;

/** The item a review names (`Review.item`), in the ledger. */
export function reviewedItem(l: Pick<Ledger, "tasks">, r: Pick<Review, "task" | "unit" | "item">): LedgerItem | undefined {
  if (r.item === undefined) return undefined;
  return cellOf(l.tasks.find((t) => t.id === r.task), r.unit)?.items?.find((i) => i.key === r.item);
}

export const DETAIL_SHEET: LayoutSheet<Item> = {
  name: "明细",
  title: (l) => `${l.round} 政务公开任务明细（每项任务 × 责任单位）`,
  freezeColumns: 0,
  columns: () => [
    ...taskColumns<Item>((i) => i.task),
    col("单位", 20, (i) => i.unit, { wrap: true }),
    col("状态", 8, (i) => ledgerCellText(i.cell), { style: (i) => ledgerCellStyle(i.cell) }),
    col("逾期", 6, (i) => (i.cell.overdue ? "是" : "")),
    col("逾期原因及计划", 24, (i) => lateText(i.cell), { wrap: true }),
    col("进展情况", 50, (i) => i.cell.progress, { wrap: true }),
    col("佐证材料", 24, (i) => i.cell.evidence, { wrap: true }),
    col("验收", 24, (i) => reviewText(i.cell), { wrap: true }),
    col("进展所属月份", 12, (i) => i.cell.from),
  ],
  rows: (l) => items(l),
};

export const ITEMS_LEDGER_SHEET: LayoutSheet<OwnItem> = {
  name: "细化事项",
  title: (l) => `${l.round} 各单位细化分解事项（${roundDayText(l)}；任务的状态随其事项：全部完成为已完成，有一项逾期即逾期）`,
  freezeColumns: 0,
  optional: true,
  columns: () => [
    col("单位", 20, (i) => i.unit, { wrap: true }),
    col("编号", 6, (i) => i.task.id),
    col("任务", 22, (i) => i.task.label, { wrap: true }),
    col("具体事项", 36, (i) => i.item.text, { wrap: true }),
    col("具体责任人", 12, (i) => i.item.person, { wrap: true }),
    col("推进时限", 12, (i) => i.item.deadline, { wrap: true }),
    col("状态", 9, (i) => itemStateText(i.item), { style: (i) => itemStyle(i.item) }),
    col("进展情况", 40, (i) => i.item.progress, { wrap: true }),
    col("验收", 24, (i) => reviewText(i.item), { wrap: true }),
  ],
  rows: ownItems,
  footer: () => ["说明：细化事项是各单位在“细化分解”表中为所负责任务列出的具体事项；一项任务的状态随其事项：全部完成为已完成，有一项逾期即逾期，全部销号即已销号，有一项被退回即退回；完成率仍按任务计。"],
};

export const OVERDUE_SHEET: LayoutSheet<Item> = {
  name: "逾期事项",
  title: (l) => `逾期事项（${roundDayText(l)}；已报送、未完成、已过完成时限）`,
  freezeColumns: 0,
  columns: () => [
    col("单位", 22, (i) => i.unit, { wrap: true }),
    ...taskColumns<Item>((i) => i.task).filter((c) => c.header !== "牵头（责任）单位"),
    col("上报状态", 8, (i) => i.cell.status, { style: () => "error" }),
    col("逾期原因", 24, (i) => i.cell.lateReason ?? "", { wrap: true, style: (i) => (i.cell.lateReason === undefined ? "warning" : undefined) }),
    col("计划完成时间", 12, (i) => i.cell.planDate ?? "", { style: (i) => (i.cell.planDate === undefined ? "warning" : undefined) }),
    // a task late through its own items (细化分解): which of them, by when
    col("逾期的细化事项", 30, (i) => (i.cell.items ?? []).filter((x) => x.overdue).map((x) => `${x.text}（${x.deadline}）`).join("；"), { wrap: true }),
    col("进展情况", 50, (i) => i.cell.progress, { wrap: true }),
  ],
  rows: (l) => {
    // in the units' order, each unit's overdue items in the tasks' order (one pass, not one per unit)
    const byUnit = new Map<string, Item[]>();
    for (const i of items(l, (c) => c.overdue)) {
      const list = byUnit.get(i.unit);
      if (list) list.push(i);
      else byUnit.set(i.unit, [i]);
    }
    return l.units.flatMap((u) => byUnit.get(u.unit) ?? []);
  },
};

export const MISSING_SHEET: LayoutSheet<LedgerUnit> = {
  name: "未报送单位",
  title: (l) => `${l.round} 未报送单位（${l.missingUnits.length}个，其中被退回${l.rejectedUnits.length}个）`,
  freezeColumns: 0,
  columns: (l) => {
    const place = new Map(MISSING_SHEET.rows(l).map((u, i) => [u, i + 1]));
    return [
      col("序号", 6, (u) => place.get(u) ?? 0, { kind: "int" }),
      col("单位", 26, (u) => u.unit, { wrap: true }),
      col("情况", 10, (u) => u.reportState, { style: () => "error" }),
      col("报送时间", 17, (u) => localTime(u.receivedAt)),
      col("退回原因", 50, (u) => rejectedText(u), { wrap: true }),
      col("负责事项", 10, (u) => u.responsible, { kind: "int" }),
    ];
  },
  rows: (l) => {
    const missing = new Set(l.missingUnits);
    return l.units.filter((u) => missing.has(u.unit));
  },
};

export const REMINDER_SHEET: LayoutSheet<Reminder & { unit: string }> = {
  name: "临期提醒",
  title: (l) => `临期提醒（${l.roundDay} 起 ${l.remindDays} 天内到期、尚未完成）`,
  freezeColumns: 0,
  columns: () => [
    col("单位", 22, (r) => r.unit, { wrap: true }),
    col("编号", 6, (r) => r.task),
    col("任务", 22, (r) => r.label, { wrap: true }),
    col("完成时限", 12, (r) => r.deadline, { wrap: true }),
    col("到期日", 11, (r) => r.due),
    col("剩余天数", 9, (r) => r.daysLeft, { kind: "int", style: (r) => (r.daysLeft <= 2 ? "error" : "warning") }),
    col("当前状态", 9, (r) => r.state),
  ],
  rows: (l) => l.reminders.flatMap((u) => u.items.map((r) => ({ ...r, unit: u.unit }))),
};

export const REVIEW_SHEET: LayoutSheet<Review> = {
  name: "验收销号",
  title: (l) => `${l.round} 验收销号与退回记录（本月生效的决定）`,
  freezeColumns: 0,
  columns: (l) => [
    col("时间", 17, (r) => localTime(r.at)),
    col("单位", 22, (r) => r.unit, { wrap: true }),
    col("编号", 6, (r) => r.task),
    col("任务", 22, (r) => r.label, { wrap: true }), // a decision on one of the unit's own items names it (`itemReviewLabel`)
    col("决定", 8, (r) => decisionText(r, r.item === undefined ? cellOf(l.tasks.find((t) => t.id === r.task), r.unit)?.state : reviewedItem(l, r)?.state), { style: (r) => (r.decision === "accepted" ? "done" : "error") }),
    col("意见", 40, (r) => r.comment, { wrap: true }),
    col("决定月份", 9, (r) => r.round),
  ],
  rows: (l) => l.reviews,
};

export const UNMATCHED_SHEET: LayoutSheet<UnmatchedRow> = {
  name: "未匹配行",
  title: () => "单位表中与任务分解表对不上的行（新增或改动过大），请人工核对",
  freezeColumns: 0,
  optional: true,
  columns: () => [
    col("单位", 22, (r) => r.unit, { wrap: true }),
    col("原表行号", 9, (r) => r.row, { kind: "int" }),
    col("任务", 18, (r) => r.label, { wrap: true }),
    col("措施内容", 50, (r) => r.measure, { wrap: true }),
    col("进展情况", 50, (r) => r.progress, { wrap: true }),
  ],
  rows: (l) => l.unmatched,
};

/** Every sheet of the ledger workbook, in order. */
export const LEDGER_LAYOUT: readonly LayoutSheet<never>[] = [SUMMARY_SHEET, MATRIX_SHEET, DETAIL_SHEET, ITEMS_LEDGER_SHEET, OVERDUE_SHEET, MISSING_SHEET, REMINDER_SHEET, REVIEW_SHEET, UNMATCHED_SHEET] as unknown as LayoutSheet<never>[];

/** A sheet's grid as values: title row, header row, data rows, a blank row and the footer lines. */
export function layoutGrid<T>(sheet: LayoutSheet<T>, ledger: Ledger): { columns: LayoutColumn<T>[]; rows: T[]; values: (string | number)[][] } {
  const columns = sheet.columns(ledger);
  const rows = sheet.rows(ledger);
  const blank = columns.slice(1).map(() => "");
  const footer = sheet.footer?.(ledger) ?? [];
  return {
    columns,
    rows,
    values: [
      [sheet.title(ledger), ...blank],
      columns.map((c) => c.header),
      ...rows.map((r) => columns.map((c) => c.value(r))),
      ...(footer.length > 0 ? [["", ...blank], ...footer.map((f) => [f, ...blank])] : []),
    ],
  };
}

/** Whether a character takes two of Excel's character widths (CJK and full-width forms). */
function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6)
  );
}

/** Display width of text in Excel's character units: a CJK character takes two. */
export function textWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) w += isWide(s.charCodeAt(i)) ? 2 : 1;
  return w;
}

/**
 * How many lines wrapped text takes in a column `width` characters wide: each of its lines (at "\n") at least one.
 * One pass over the text, no line split off: a 5,000-unit ledger asks it of nine cells in each of 100,000 rows.
 */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  let lines = 0;
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lines += Math.max(1, Math.ceil(w / usable));
      w = 0;
    } else w += isWide(c) ? 2 : 1;
  }
  return lines + Math.max(1, Math.ceil(w / usable));
}

/** A data row's height in points, tall enough for its wrapped cells (15 pt a line of 11 pt text). */
export function rowHeight<T>(columns: readonly LayoutColumn<T>[], values: readonly (string | number)[]): number {
  let lines = 1;
  columns.forEach((c, i) => {
    if (c.wrap) lines = Math.max(lines, wrappedLines(String(values[i] ?? ""), c.width));
  });
  return Math.min(409, lines * 15); // Excel's tallest row
}
