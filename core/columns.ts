/**
 * The columns of a 任务分解表, found by header text, never by position, through a vocabulary of roles
 * (CONTRACT §1): each government writes its own headers (`任务 | 责任单位 | 时限`, `工作任务 | 具体措施 | …`).
 */
import { isSpaceCode, labelKey, remembered } from "./normalize.js";

/** The seed's header for each column: the words used when a table has not named the column itself. */
export const COLUMN_HEADERS = {
  serial: "序号",
  level1: "一级指标",
  level2: "二级指标",
  level3: "三级指标",
  measure: "提升措施",
  lead: "牵头单位",
  responsible: "责任单位",
  coResponsible: "配合单位",
  deadline: "完成时限",
  progress: "进展情况",
  status: "完成状态",
  evidence: "佐证链接",
  updated: "更新日期",
  remark: "备注",
} as const;

export type ColumnKey = keyof typeof COLUMN_HEADERS;

/** The columns that describe a task (the coordinator's), as opposed to those a unit fills in. */
export const TASK_COLUMNS: readonly ColumnKey[] = [
  "level1", "level2", "level3", "measure", "lead", "responsible", "coResponsible", "deadline",
];
export const CATEGORY_COLUMNS = ["level1", "level2", "level3"] as const satisfies readonly ColumnKey[];
/** The columns that name units. */
export const UNIT_COLUMNS = ["lead", "responsible", "coResponsible"] as const satisfies readonly ColumnKey[];

/** What a header word says about its column before the whole header row is seen. */
export type HeaderKind = ColumnKey | "category" | "task";

/**
 * The vocabulary, with the headers seen in real tables. `category` is a section heading column (its level
 * is its place among the category columns); `task` (工作任务) is a category when the table also has a
 * measure column, else the measure itself. Headers outside it are read by their words (`WORD_RULES`).
 */
const VOCABULARY: Record<HeaderKind, readonly string[]> = {
  serial: ["序号", "编号"],
  level1: ["一级指标", "一级"],
  level2: ["二级指标", "二级"],
  level3: ["三级指标", "三级"],
  category: ["重点任务", "类别", "项目", "任务类别", "工作类别", "主要任务", "工作项目", "指标"],
  task: ["工作任务"],
  measure: [
    "提升措施", "具体措施", "工作措施", "具体内容", "具体要求", "工作内容", "任务内容", "任务", "主要措施",
    "工作要求", "主要内容", "任务事项", "工作事项", "重点工作", "具体任务", "任务措施",
  ],
  lead: ["牵头单位", "牵头部门", "牵头科室", "牵头处室", "牵头领导单位", "主责单位"],
  responsible: ["责任单位", "责任部门", "责任科室", "责任处室", "承办单位", "落实单位", "主办单位", "责任主体", "责任单位部门"],
  coResponsible: ["配合单位", "协办单位", "参与单位", "配合部门", "配合处室", "配合科室", "协助单位"],
  deadline: ["完成时限", "时限", "时限要求", "完成时间", "办结时限", "完成期限", "时间节点", "完成时间节点", "时间要求"],
  progress: [
    "进展情况", "完成情况", "落实情况", "工作进展", "推进情况", "进展", "进展情况说明", "工作完成情况",
    "落实进展", "工作落实情况", "目前进展情况",
  ],
  status: ["完成状态", "状态"],
  evidence: ["佐证链接", "佐证材料", "佐证材料链接", "链接"],
  updated: ["更新日期", "更新时间"],
  remark: ["备注"],
};

/**
 * A header outside the vocabulary, read by the words it is made of: the first rule whose pattern the header
 * matches gives its role. Order matters (`完成情况` is progress before `完成` could mean a deadline; a unit word
 * with `牵头` is a lead before `责任` is looked for). Each rule lists real headers it reads.
 */
export const WORD_RULES: readonly { kind: HeaderKind | undefined; pattern: RegExp; examples: readonly string[] }[] = [
  // who fills it in, not a column of the table; people, not units
  { kind: undefined, pattern: /填报|填表|审核|责任人|负责人|联系人|领导$|签字|电话/, examples: ["具体责任人", "分管领导", "联系电话"] },
  // an assessment table's scoring, not the task
  { kind: undefined, pattern: /评分|考核(标准|方式|办法)|分值|得分|扣分/, examples: ["评分标准", "分值", "考核方式", "扣分情况"] },
  { kind: "updated", pattern: /更新(日期|时间)/, examples: ["最近更新日期"] },
  { kind: "evidence", pattern: /佐证|链接|网址|附件材料/, examples: ["佐证材料（链接）", "公开网址"] },
  { kind: "status", pattern: /状态$|是否完成/, examples: ["目前状态", "是否完成"] },
  { kind: "deadline", pattern: /时限|期限|节点|截止|(时间|进度)安排|完成时间|办结时间|^时间$/, examples: ["时间安排", "办结期限", "进度安排", "截止时间"] },
  { kind: "progress", pattern: /进展|进度|(完成|落实|推进|执行|开展|办理|整改|贯彻)情况|成效/, examples: ["工作推进情况", "目前进度", "执行情况", "整改落实情况"] },
  { kind: "lead", pattern: /(牵头|主责|主办|总牵头).*(单位|部门|科室|处室|股室|机构|主体|方)|^牵头$|^主责$/, examples: ["牵头责任单位", "主责部门", "牵头股室"] },
  { kind: "coResponsible", pattern: /(配合|协办|协助|协同|参与|协作).*(单位|部门|科室|处室|股室|机构|方)|^配合$|^协办$/, examples: ["配合责任单位", "协同部门", "参与科室"] },
  { kind: "responsible", pattern: /(单位|部门|科室|处室|股室|机构|主体)|^(责任|负责|承办|落实|实施)(办|站|所|股|科|处|室|方)?$/, examples: ["负责单位", "实施单位", "责任单位及分工", "执行部门", "职能部门", "责任办（站、所）"] },
  { kind: "remark", pattern: /^备注|^说明$|^附注/, examples: ["备注说明"] },
  { kind: "category", pattern: /指标|类别|分类|类型|领域|板块|方面|专项|目录|项目|栏目/, examples: ["公开类别", "公开领域", "重点领域", "评估指标"] },
  { kind: "task", pattern: /任务$/, examples: ["主要工作任务", "重点工作任务", "年度任务"] },
  { kind: "measure", pattern: /任务|措施|内容|要求|目标|事项|举措|要点|标准|工作/, examples: ["目标要求", "工作目标", "公开事项", "具体举措", "工作要点"] },
];

const MAX_HEADER_LENGTH = 16;

const BY_LABEL = new Map<string, HeaderKind>(
  Object.entries(VOCABULARY).flatMap(([kind, words]) => words.map((w) => [labelKey(w), kind as HeaderKind] as const)),
);

/** `"完成\n时限（日期）*"` → `"完成时限"`: no white space, no bracketed note, no required-mark. */
function headerKey(text: string): string[] {
  const k = labelKey(text).replace(/[*＊:：]+$/, "");
  const bare = k.replace(/[（(][^）)]*[）)]/g, "");
  return bare === k ? [k] : [k, bare];
}

/** The first characters of the header words: a cell starting with another ideograph is no listed header. */
const FIRST_CHARS = new Set([...BY_LABEL.keys()].map((k) => k.charCodeAt(0)));

/** The role a listed header word names (exactly, as the vocabulary writes it). */
function listedKindOf(text: string): HeaderKind | undefined {
  if (text.length > MAX_HEADER_LENGTH) return undefined;
  let i = 0;
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  if (c >= 0x4e00 && c <= 0x9fff && !FIRST_CHARS.has(c)) return undefined;
  return shortKindOf(text);
}

/** Every short cell of a table may be asked (headers repeated on each page are looked for): each text once. */
const shortKindOf = remembered(function shortKindOf(text: string): HeaderKind | undefined {
  if (text.trim() === "") return undefined;
  for (const k of headerKey(text)) {
    const kind = BY_LABEL.get(k);
    if (kind) return kind;
  }
  return undefined;
});

/** How a header's role was read: a word of the vocabulary, or the words the header is made of. */
export type HeaderHow = "vocabulary" | "words";

/**
 * The role a header names: a listed word first, else read from its words (`WORD_RULES`). A cell that is no
 * header (a sentence, a number, a unit's name) names none.
 */
export const headerKindOf = remembered(function headerKindOf(text: string): { kind: HeaderKind; how: HeaderHow } | undefined {
  const listed = listedKindOf(text);
  if (listed) return { kind: listed, how: "vocabulary" };
  const key = headerKey(text).at(-1)!;
  if (key.length < 2 || key.length > MAX_HEADER_LENGTH || /[，。；,;、\d]/.test(key) || !/^[\u4e00-\u9fff（）()/／]+$/.test(key)) return undefined;
  for (const rule of WORD_RULES) {
    if (!rule.pattern.test(key)) continue;
    return rule.kind ? { kind: rule.kind, how: "words" } : undefined;
  }
  return undefined;
});

/** Whether a cell's text is a listed header word (for spotting headers repeated on every page). */
export function isHeaderWord(text: string): boolean {
  return listedKindOf(text) !== undefined;
}

/**
 * The column of each role a header row names (texts indexed by column, 1-based entries at `[c - 1]`).
 * Category columns take the levels in their left-to-right order; with no measure column the deepest
 * category column is the task itself. The first column of a role wins; the rest are extra columns.
 */
export function rolesOfHeaderRow(texts: readonly string[]): Map<ColumnKey, number> {
  return rolesOfKinds(texts.map((t) => headerKindOf(t)?.kind));
}

/** `rolesOfHeaderRow`, from each column's kind (`undefined`: no role). */
export function rolesOfKinds(given: readonly (HeaderKind | undefined)[]): Map<ColumnKey, number> {
  // two columns that each say what the task is (`重点工作 | 工作举措`, `任务 | 具体措施`): the last is the task, those
  // before it its groups
  const lastMeasure = given.lastIndexOf("measure");
  const kinds = given.map((k, i) => (k === "measure" && i !== lastMeasure ? "category" : k));
  const hasMeasure = lastMeasure >= 0;
  const out = new Map<ColumnKey, number>();
  const categories: number[] = [];
  kinds.forEach((k, i) => {
    const col = i + 1;
    if (k === undefined) return;
    if (k === "task") {
      if (hasMeasure) categories.push(col);
      else if (!out.has("measure")) out.set("measure", col);
      return;
    }
    if (k === "category") {
      categories.push(col);
      return;
    }
    if (!out.has(k)) out.set(k, col);
  });
  for (const col of categories) {
    const free = CATEGORY_COLUMNS.find((l) => !out.has(l));
    if (free) out.set(free, col);
  }
  if (!out.has("measure")) {
    const deepest = [...CATEGORY_COLUMNS].reverse().find((l) => out.has(l));
    if (deepest) {
      out.set("measure", out.get(deepest)!);
      out.delete(deepest);
    }
  }
  return out;
}

/** A header row names what a task is (a measure or category) and who answers for it. */
export function isTaskHeader(roles: ReadonlyMap<ColumnKey, number>): boolean {
  const what = roles.has("measure") || CATEGORY_COLUMNS.some((l) => roles.has(l));
  const who = roles.has("responsible") || roles.has("lead");
  return what && who;
}

/** The roles a table must name to be read, in words, for a table that cannot be found. */
export const ROLE_GROUPS: readonly { label: string; keys: readonly ColumnKey[]; examples: string }[] = [
  { label: "任务（措施）", keys: ["measure", "level1", "level2", "level3"], examples: "提升措施、具体措施、工作任务、任务、具体内容" },
  { label: "责任（牵头）单位", keys: ["responsible", "lead"], examples: "责任单位、牵头单位、责任部门、承办单位" },
  { label: "完成时限", keys: ["deadline"], examples: "完成时限、时限、完成时间" },
  { label: "进展情况", keys: ["progress"], examples: "进展情况、完成情况、落实情况" },
];
