/**
 * The status of a unit's row: from the 完成状态 column, else read from the progress text (CONTRACT §1).
 * Validation and the ledger read a row through this one module, so a word means the same in both.
 */
import { remembered } from "./normalize.js";

export const STATUSES = ["已完成", "推进中", "未启动", "不涉及"] as const;
export type Status = (typeof STATUSES)[number];

/** A cell that only says "nothing here": `/`, `—`, `无`, `暂无`. */
const NOTHING = /^(?:[/／\\、]|[-－—–一]+|无|暂无|没有)$/;
/**
 * Says the task is not this unit's: `不涉及`, `本单位不涉及`, `不属于本单位职责`, `无此项工作`, `该项不适用`,
 * `本单位无此类事项`, `无需公开`. Only when no progress word goes with it: `正在推进，暂无相关信息` is under way.
 */
const NOT_APPLICABLE = new RegExp(
  [
    "(?:不|未|没有)涉及",
    "不适用",
    "无需(?:公开|填报|报送|开展|落实|整改)",
    "不需要(?:公开|填报|报送|开展)",
    "(?:无|没有)(?:此|该|这)(?:项|类|些|方面|职能|职责|业务|事项|工作|内容)",
    "无相关(?:职能|职责|业务|事项|工作|内容|信息|数据|文件)",
    "(?:非|不属于|不在|不是)(?:本|我)(?:单位|部门|局|委|办|机关|镇|苏木)",
    "(?:本|我)(?:单位|部门|局|委|办)(?:无|没有|未承担|不承担)(?:此|该|这|相关|上述)",
    "不承担(?:此|该|这|相关)",
  ].join("|"),
);
const NOT_STARTED = /未启动|未开始|尚未启动|尚未开始|没有开始|暂未开展|未开展|尚未开展/;
/** Negated completion: these must be removed before looking for completion words. */
const NEGATED_DONE = /(?:尚未|还未|仍未|暂未|没有|未能|未)(?:全部|按期|按时|如期)?(?:完成|公开|发布|落实|整改|更新|报送|印发|建立|制定)/g;
/**
 * Planned, not done: `计划于4月30日前完成`, `预计6月底前公开`, `计划完成时间：2022-04-20` (a late item's plan, as the
 * 逾期 message asks for). Removed, like negated completion, before looking for completion words.
 */
const PLANNED = /(?:计划|预计|拟于|拟在|争取|力争|将于|将在)[^，,。；;]{0,20}?(?:完成|公开|发布|落实|整改|更新|报送|印发|建立|制定|上线|办结)/g;
/**
 * Under way, whatever partial output the text also reports: `正在推进，3月已发布通稿2篇`,
 * `按时序推进，已公开15条`, `已完成80%`, `基本完成`, `长期坚持`, `已开展`, `进展顺利`, `已在官网更新`.
 */
const IN_PROGRESS =
  /推进中|推进|正在|进行中|已更新|已(?:在|于|通过)[^，,。；;]{0,20}?更新|持续|逐步|部分完成|基本完成|整改中|办理中|长期坚持|常态化|已开展|已启动|进展顺利|按计划|有序|稳步|初步|(?<!100)(?<!\d)\d{1,2}(?:\.\d+)?[%％]/;
/** Done, and saying so outright: it outweighs a count of items (`共发布12条，已全部完成`). */
const DONE_OUTRIGHT = /已完成|已全部(?:完成|公开|发布|落实|整改|办结)|全部(?:完成|公开|发布|办结)|均已(?:完成|公开|发布|落实|办结)|已按(?:要求|时|期)完成|按(?:期|时)完成|如期完成|已办结|100%完成/;
/** How a count of items is written: `12条`, `5件`, `3篇`, `三期`. */
const ITEMS = "[0-9零一二两三四五六七八九十百千]+余?(?:条|件|篇|期|次|份|批|项)";
const PUBLISHING = "发布|公开|公示|更新|上传|推送|刊发|刊登|转载|转发|编发|印发|解读|报送|上报|挂网|录入|答复|办理|受理|回应|制定|出台|编制|征集|开展|召开|举办";
/**
 * A number of items published counts as progress: `已在政府网站发布信息12条`, `本月在公开平台更新3条`,
 * `累计公开政策文件5件`, `12条信息已上网公开` (within one clause).
 */
const COUNTED = new RegExp(`(?:${PUBLISHING})[^，,。；;：:！!？?]*?${ITEMS}|${ITEMS}[^，,。；;：:！!？?]*?(?:${PUBLISHING})`);
/** Done: `已完成`, `完成`, `已印发`, `已建立`, `已制定…方案`, `已在官网发布`, `已于3月10日公开`. */
const DONE =
  /已完成|已公开|已发布|已落实|已整改|已报送|全部完成|均已完成|已按要求完成|已印发|已建立|已制定|已出台|已上线|已办结|完成|已(?:在|于|通过|经|按要求|按规定|及时)[^，,。；;]{0,20}?(?:公开|发布|公示|落实|整改|报送|印发|上线|办结|建立|制定|出台)/;

/**
 * One vocabulary table: each status with the phrasings clerks write for it (the tests run over these).
 * Read in this order: a cell that is only `/`, `—`, `无`, `暂无` is 不涉及; a 不涉及 word is 不涉及 unless a
 * progress word goes with it; 未启动 words; negated completion (`尚未完成`) and in-progress words are 推进中;
 * done said outright is 已完成; a count of items published is 推进中; any other done word is 已完成.
 */
export const STATUS_EXAMPLES: Readonly<Record<Status, readonly string[]>> = {
  已完成: [
    "已完成", "完成", "已印发", "已建立", "已制定实施方案", "已公开2022年部门预算", "100%完成", "年报已发布",
    "已在官网发布，暂无依申请", "已于3月10日在政府网站公开", "已通过政务新媒体发布",
    "已在政府网站发布信息12条，已全部完成", "累计公开政策文件5件，均已完成", "本月发布3条，按期完成",
  ],
  推进中: [
    "正在推进，3月已发布通稿2篇", "按时序推进，已公开15条", "已完成80%", "基本完成", "长期坚持", "常态化开展", "已开展",
    "已启动", "进展顺利", "尚未完成", "未全部完成",
    "正在推进，暂无新增信息", "持续推进中，本月无新发布", "正在推进，暂无相关信息", "持续更新，暂无此类信息",
    "按计划推进，本单位无此项遗留问题",
    "因科室职能调整原因，计划于4月30日前完成", "逾期原因：模板未下发；计划完成时间：2022-04-20", "预计6月底前公开",
    "已在政府网站发布信息12条", "本月在公开平台更新3条", "累计公开政策文件5件", "本月发布政策解读三篇",
    "受理依申请公开2件", "12条信息已上网公开", "已在官网更新",
  ],
  未启动: ["未启动", "尚未开始", "暂未开展"],
  不涉及: [
    "不涉及", "/", "—", "——", "无", "暂无", "无。", "-",
    "本单位不涉及", "本单位未涉及", "暂不涉及", "不属于本单位职责", "非本单位职责", "无此项工作", "该项不适用", "本单位无此类事项", "无需公开",
    "本单位无相关职能", "此项不属于我局职责", "不在本单位职责范围内", "本单位未承担此项任务", "经核实，本单位不涉及此项工作", "此项工作不涉及，未公开",
    "暂无此类信息",
  ],
};

/** Texts that say something but no status: validation asks for one, the ledger shows 未填报. */
export const NO_STATUS_EXAMPLES: readonly string[] = ["见附件", "按要求办理", "本月暂无新增", "详见佐证材料", "3月15日"];

/** Reads a status from free progress text; `undefined` when no status can be read. Negations win. */
export const statusFromText = remembered(function statusFromText(progress: string): Status | undefined {
  const s = progress.normalize("NFKC").replace(/\s+/g, "");
  if (s === "") return undefined;
  if (NOTHING.test(s.replace(/[。.!！;；,，]+$/, ""))) return "不涉及";
  // "未完成" holds "完成": what is negated is no progress word
  const affirmed = s.replace(NEGATED_DONE, "").replace(PLANNED, "");
  const inProgress = IN_PROGRESS.test(s);
  const counted = COUNTED.test(affirmed);
  const done = DONE.test(affirmed);
  if (NOT_APPLICABLE.test(s) && !inProgress && !counted && !done) return "不涉及";
  if (NOT_STARTED.test(s)) return "未启动";
  // "已公开3条，年报尚未完成" is under way, not done.
  if (affirmed !== s || inProgress) return "推进中";
  if (DONE_OUTRIGHT.test(s)) return "已完成";
  if (counted) return "推进中";
  if (done) return "已完成";
  return undefined;
});

/** A 完成状态 cell: one of the four values (spaces and full-width forms tolerated), else `undefined`. */
export const statusFromColumn = remembered(function statusFromColumn(text: string): Status | undefined {
  const s = text.normalize("NFKC").replace(/\s+/g, "");
  return (STATUSES as readonly string[]).includes(s) ? (s as Status) : undefined;
});

/**
 * The status a ledger shows for a reported row: the one validation read (the 完成状态 column, else the progress
 * text); a report stored without one is read again from its text, so that the vocabulary is today's.
 * `undefined` when none can be read (validation's `progress.status-unknown`; 未填报 in the ledger).
 */
export function reportedStatus(row: { readonly status: Status | undefined; readonly progress: string }): Status | undefined {
  return row.status ?? statusFromText(row.progress);
}

/** Done or not applicable: nothing left to do (any other status, the ledger's 未填报 or 未报送, or none, is not). */
export function isSettled(status: string | undefined): boolean {
  return status === "已完成" || status === "不涉及";
}
