/** Findings: every problem the rules see in a workbook is data, never an exception. */

export const RULE_CODES = [
  "table.not-found",
  "task.missing",
  "task.altered",
  "header.missing-column",
  "unit.reporting-missing",
  "unit.reporting-mismatch",
  "cell.required",
  "unit.unknown",
  "unit.alias",
  "unit.full-name",
  "task.no-unit",
  "tasks.own-terms",
  "header.read",
  "deadline.invalid",
  "deadline.overdue",
  "deadline.due-soon",
  "progress.missing",
  "progress.status-unknown",
  "progress.unexpected",
  "progress.stale",
  "measure.duplicate",
  "url.invalid",
  "text.whitespace",
  "text.formula",
  "contact.missing-sheet",
  "contact.required",
  "contact.phone-invalid",
  "contact.roles",
  "item.sheet-unread",
  "item.unknown-task",
  "item.no-text",
  "item.no-person",
  "item.no-deadline",
  "item.deadline-invalid",
  "item.deadline-after-task",
  "item.status-unknown",
  "item.overdue",
  "item.status-from-items",
] as const;

export type RuleCode = (typeof RULE_CODES)[number];
export type Severity = "error" | "warning" | "info";

/** A correction the tool can make by itself: write `value` into the finding's cell. */
export interface Fix {
  value: string;
  /** What the fix does, in words for the user (`“财政局” → “旗财政局”`). */
  label: string;
}

/** A finding's data, for hosts and tests to read instead of the message (`{ deadline, daysLate }`). */
export type FindingParams = Readonly<Record<string, string | number | readonly string[]>>;

export interface Finding {
  code: RuleCode;
  severity: Severity;
  sheet: string;
  /** A1 address of the cell to look at (the top-left cell of a merged area). */
  cell: string;
  row: number;
  message: string;
  /** The task the finding is about (its id in the task list, when the row was matched to one). */
  task?: { id?: string; label: string };
  params?: FindingParams;
  fix?: Fix;
}

/** Errors first (0), then warnings, then notes: no keyed lookup (sorting thousands of findings compares them ~100,000 times). */
const rank = (s: Severity): number => (s === "error" ? 0 : s === "warning" ? 1 : 2);

/** Errors first, then by sheet, row, column, code: the order a person reads a report in. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    rank(a.severity) - rank(b.severity) ||
    (a.sheet === b.sheet ? 0 : a.sheet.localeCompare(b.sheet)) ||
    a.row - b.row ||
    a.cell.length - b.cell.length ||
    (a.cell === b.cell ? 0 : a.cell.localeCompare(b.cell)) ||
    a.code.localeCompare(b.code)
  );
}

export function severityRank(s: Severity): number {
  return rank(s);
}

/** Short Chinese names of the rules, for grouping findings in a list. */
export const RULE_LABELS: Record<RuleCode, string> = {
  "table.not-found": "找不到任务分解表",
  "task.missing": "缺少任务",
  "task.altered": "任务内容被改动",
  "header.missing-column": "表头缺列",
  "unit.reporting-missing": "未填写填报单位",
  "unit.reporting-mismatch": "填报单位不一致",
  "cell.required": "必填项为空",
  "unit.unknown": "单位不在名册中",
  "unit.alias": "单位用了简称",
  "unit.full-name": "单位写了全称",
  "task.no-unit": "任务没有可识别的责任单位",
  "tasks.own-terms": "按本表自身校验",
  "header.read": "表头的读法",
  "deadline.invalid": "完成时限无法识别",
  "deadline.overdue": "已逾期",
  "deadline.due-soon": "即将到期",
  "progress.missing": "进展未填写",
  "progress.status-unknown": "看不出完成状态",
  "progress.unexpected": "非本单位事项",
  "progress.stale": "每月事项未更新",
  "measure.duplicate": "任务措施重复",
  "url.invalid": "佐证链接无效",
  "text.whitespace": "多余空格或全角字符",
  "text.formula": "应填文字却是公式",
  "contact.missing-sheet": "缺少联络人表",
  "contact.required": "联络人信息不全",
  "contact.phone-invalid": "联系电话格式不对",
  "contact.roles": "联络人缺分管领导或专职人员",
  "item.sheet-unread": "细化分解表读不出",
  "item.unknown-task": "细化事项对不上本单位任务",
  "item.no-text": "细化事项未写具体事项",
  "item.no-person": "细化事项缺具体责任人",
  "item.no-deadline": "细化事项缺推进时限",
  "item.deadline-invalid": "推进时限无法识别",
  "item.deadline-after-task": "推进时限晚于任务时限",
  "item.status-unknown": "看不出细化事项的完成状态",
  "item.overdue": "细化事项已逾期",
  "item.status-from-items": "任务状态按细化事项计",
};
