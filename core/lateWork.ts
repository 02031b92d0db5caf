/**
 * Late work is reported, never refused: what a unit writes about an overdue item — why it is late and when it
 * will be done — read from its progress text or 备注, for the finding (`deadline.overdue` params), the ledger's
 * cell, the 逾期事项 sheet and the 通报.
 */
import { daysBetween, parseDeadline, type DeadlineParse } from "./deadline.js";
import { isSettled, type Status } from "./status.js";

/**
 * Late: its date has passed (the day itself is not late) and the work is neither done nor not applicable. One rule for
 * a task's row in a copy, an item of a unit's own, and the ledger's cells.
 */
export const isLate = (date: string | undefined, today: string, status: Status | undefined): boolean =>
  date !== undefined && daysBetween(today, date) < 0 && !isSettled(status);

/** The date an item of a unit's own is due: its own, else its task's (a frequency such as 每月更新 is no date). */
export const itemDueDate = (own: DeadlineParse | undefined, task: DeadlineParse | undefined): string | undefined =>
  own?.kind === "date" ? own.date : task?.kind === "date" ? task.date : undefined;

export interface LateExplanation {
  /** Why the item is late, in the unit's words (`上级系统升级`). */
  reason?: string;
  /** When the unit plans to finish it, `YYYY-MM-DD`. */
  planDate?: string;
}

/** `逾期原因：…`, `未完成原因是…`, `原因：…` (up to the end of the clause or a plan). */
const SAID_REASON = /(?:逾期|延期|滞后|未完成|未按期完成|未按时完成)?原因(?:是|为|：|:)\s*(.+?)(?=[；;。\n]|[，,]\s*(?:计划|预计|拟|争取)|$)/;
/** `因系统升级原因，`, `由于人员调整，`, `受疫情影响，` — at the start of a clause. */
const BECAUSE = /(?:^|[，,；;。\s])(?:因为|因|由于|受)([^，,；;。\n]{2,60}?)(?:等)?(?:原因|所致)?(?=[，,；;。\n]|$)/;
/** `计划完成时间：2024-07-15`, `计划完成日期为7月15日`. */
const SAID_PLAN = /计划(?:完成|办结|整改)?(?:时间|日期|时限)(?:是|为|：|:)?\s*([^，,；;。\n]+)/;
/** `计划于6月30日前完成`, `预计7月底前办结`, `争取在9月上旬完成整改`. */
const PLAN = /(?:计划|预计|拟|争取|将)(?:于|在)?([^，,；;。\n]{2,20}?)(?:之前|以前|前)?(?:完成|办结|公开|发布|落实|整改|上线|报送|印发)/;

/** What a unit wrote about its overdue item (progress text, 备注, …): the reason and the plan date it gives. */
export function lateExplanation(texts: readonly string[], year: number): LateExplanation {
  const out: LateExplanation = {};
  for (const raw of texts) {
    // the reason is quoted in the unit's own words (its full-width commas kept); dates are read width-blind
    const said = raw.trim();
    const text = said.normalize("NFKC");
    if (text === "") continue;
    if (out.reason === undefined) {
      const reason = (SAID_REASON.exec(said)?.[1] ?? BECAUSE.exec(said)?.[1])?.trim();
      if (reason) out.reason = reason;
    }
    if (out.planDate === undefined) {
      for (const re of [SAID_PLAN, PLAN]) {
        const said = re.exec(text)?.[1]?.trim();
        const d = said === undefined ? undefined : parseDeadline(said, year);
        if (d?.kind === "date") {
          out.planDate = d.date;
          break;
        }
      }
    }
  }
  return out;
}

/** Examples as units write them, with what is read (tests run over these). */
export const LATE_EXAMPLES: readonly [string, LateExplanation][] = [
  ["因上级系统升级原因，计划于6月30日前完成", { reason: "上级系统升级", planDate: "2022-06-30" }],
  ["逾期原因：数据尚未审定；计划完成时间：2024-07-15", { reason: "数据尚未审定", planDate: "2024-07-15" }],
  ["正在推进，受人员调整影响，预计7月底前办结", { reason: "人员调整影响", planDate: "2022-07-31" }],
  ["正在整理，未完成原因是材料未报齐，争取在9月上旬完成", { reason: "材料未报齐", planDate: "2022-09-10" }],
  ["由于平台改版，延后公开", { reason: "平台改版" }],
  ["计划完成时间为2022年8月15日", { planDate: "2022-08-15" }],
  ["逾期原因：省财政厅口径调整，部分部门决算未批复；计划于２０２２年１２月２０日前完成", { reason: "省财政厅口径调整，部分部门决算未批复", planDate: "2022-12-20" }],
  ["正在收集各科室职能", {}],
];
