/** The status of a unit's row: from the 完成状态 column, else read from the progress text. */

export const STATUSES = ["已完成", "推进中", "未启动", "不涉及"] as const;
export type Status = (typeof STATUSES)[number];

const NOT_APPLICABLE = /不涉及|不适用|无此项|无此类|无相关/;
const NOT_STARTED = /未启动|未开始|尚未启动|尚未开始|没有开始|暂未开展|未开展/;
/** Negated completion: these must be removed before looking for completion words. */
const NEGATED_DONE = /(尚未|还未|仍未|暂未|没有|未能|未)(完成|公开|发布|落实|整改|更新|报送)/;
const DONE = /已完成|已公开|已发布|已落实|已整改|已报送|全部完成|均已完成|已按要求完成/;
const IN_PROGRESS = /推进中|正在|进行中|已更新|持续|逐步|部分完成|整改中|办理中/;

/** Reads a status from free progress text; `undefined` when no status can be read. Negations win. */
export function statusFromText(progress: string): Status | undefined {
  const s = progress.normalize("NFKC").replace(/\s+/g, "");
  if (s === "") return undefined;
  if (NOT_APPLICABLE.test(s)) return "不涉及";
  if (NOT_STARTED.test(s)) return "未启动";
  // "已公开3条，年报尚未完成" is under way, not done.
  if (NEGATED_DONE.test(s)) return "推进中";
  if (DONE.test(s)) return "已完成";
  if (IN_PROGRESS.test(s)) return "推进中";
  return undefined;
}

/** A 完成状态 cell: one of the four values (spaces and full-width forms tolerated), else `undefined`. */
export function statusFromColumn(text: string): Status | undefined {
  const s = text.normalize("NFKC").replace(/\s+/g, "");
  return (STATUSES as readonly string[]).includes(s) ? (s as Status) : undefined;
}

export function isSettled(status: Status | undefined): boolean {
  return status === "已完成" || status === "不涉及";
}
