/** The status of a unit's row: from the 完成状态 column, else read from the progress text (CONTRACT §1). */
import { remembered } from "./normalize.js";

export const STATUSES = ["已完成", "推进中", "未启动", "不涉及"] as const;
export type Status = (typeof STATUSES)[number];

/** A cell that only says "nothing here": `/`, `—`, `无`. */
const NOTHING = /^(?:[/／\\、]|[-－—–一]+|无|暂无|没有)$/;
const NOT_APPLICABLE = /不涉及|不适用|无此项|无此类|无相关|非本单位/;
const NOT_STARTED = /未启动|未开始|尚未启动|尚未开始|没有开始|暂未开展|未开展|尚未开展/;
/** Negated completion: these must be removed before looking for completion words. */
const NEGATED_DONE = /(尚未|还未|仍未|暂未|没有|未能|未)(完成|公开|发布|落实|整改|更新|报送|印发|建立|制定)/;
/**
 * Under way, whatever partial output the text also reports: `正在推进，3月已发布通稿2篇`,
 * `按时序推进，已公开15条`, `已完成80%`, `基本完成`, `长期坚持`, `已开展`, `进展顺利`.
 */
const IN_PROGRESS =
  /推进中|推进|正在|进行中|已更新|持续|逐步|部分完成|基本完成|整改中|办理中|长期坚持|常态化|已开展|已启动|进展顺利|按计划|有序|稳步|初步|(?<!100)(?<!\d)\d{1,2}(?:\.\d+)?[%％]/;
/** Done: `已完成`, `完成`, `已印发`, `已建立`, `已制定…方案`. */
const DONE = /已完成|已公开|已发布|已落实|已整改|已报送|全部完成|均已完成|已按要求完成|已印发|已建立|已制定|已出台|已上线|已办结|完成/;

/** One vocabulary table, each pattern with the phrasings it reads (the tests run over these). */
export const STATUS_EXAMPLES: Readonly<Record<Status, readonly string[]>> = {
  已完成: ["已完成", "完成", "已印发", "已建立", "已制定实施方案", "已公开2022年部门预算", "100%完成"],
  推进中: ["正在推进，3月已发布通稿2篇", "按时序推进，已公开15条", "已完成80%", "基本完成", "长期坚持", "常态化开展", "已开展", "已启动", "进展顺利", "尚未完成"],
  未启动: ["未启动", "尚未开始"],
  不涉及: ["不涉及", "/", "—", "无", "-"],
};

/** Reads a status from free progress text; `undefined` when no status can be read. Negations win. */
export const statusFromText = remembered(function statusFromText(progress: string): Status | undefined {
  const s = progress.normalize("NFKC").replace(/\s+/g, "");
  if (s === "") return undefined;
  if (NOTHING.test(s) || NOT_APPLICABLE.test(s)) return "不涉及";
  if (NOT_STARTED.test(s)) return "未启动";
  // "已公开3条，年报尚未完成" is under way, not done.
  if (NEGATED_DONE.test(s)) return "推进中";
  if (IN_PROGRESS.test(s)) return "推进中";
  if (DONE.test(s)) return "已完成";
  return undefined;
});

/** A 完成状态 cell: one of the four values (spaces and full-width forms tolerated), else `undefined`. */
export const statusFromColumn = remembered(function statusFromColumn(text: string): Status | undefined {
  const s = text.normalize("NFKC").replace(/\s+/g, "");
  return (STATUSES as readonly string[]).includes(s) ? (s as Status) : undefined;
});

export function isSettled(status: Status | undefined): boolean {
  return status === "已完成" || status === "不涉及";
}
