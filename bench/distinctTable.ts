/**
 * Unit copies as units send them, of any size and with no two rows alike: a title, the 填报单位 line, the
 * official headers, 一级/二级指标 runs as vertical merged cells, Chinese texts that cite documents and name the
 * roster's units, deadlines in the phrasings plans use, and progress filled where the unit answers for the row.
 * The same rows come as a core snapshot (for tables too large to write) and as an .xlsx written with exceljs.
 *
 * The vocabulary is the seed plan's (../shared/seed): its indicators, its subjects, its documents. Every 三级指标 and
 * every measure is distinct by construction (each row index names its own combination), not by a counter appended.
 */
import ExcelJS from "exceljs";
import type { CellRange, CellSnapshot, OfficialRow, WorkbookSnapshot } from "../core/index.js";

const LEVEL1 = ["政策与解读的公开", "政府信息公开", "办事服务", "互动回应", "平台建设", "监督保障"];

const LEVEL2 = [
  "政策文件公开、解读", "会议公开、解读", "政府公报", "决策公开", "重点领域公开", "重大项目", "社会公益事业建设", "乡村振兴",
  "政府信息公开专栏", "依申请公开", "服务功能", "政务服务事项", "政民互动", "回应关切", "政府网站", "政务新媒体",
  "考核评估", "培训教育", "基层政务公开", "财政信息公开",
];

const SUBJECTS = [
  "财政预决算", "“三公”经费", "统计信息", "建议提案办理", "重大项目招标", "项目进展", "保障性住房", "棚户区改造",
  "土地征收", "政府采购", "稳岗就业", "养老服务", "社会救助", "教育信息", "医疗卫生", "公共文化体育",
  "文化遗产保护", "巩固脱贫成果", "生态环境", "安全生产", "食品药品监管", "市场监管", "农牧业补贴", "草原生态补奖",
  "水利工程", "交通运输", "应急管理", "税费优惠", "营商环境", "行政许可", "行政处罚", "双随机一公开",
  "办事指南", "信息公开年报", "政府网站年报", "规范性文件", "权责清单", "义务教育招生", "空气环境质量", "公共资源配置",
];

const ASPECTS = ["信息公开", "政策解读", "办理结果", "进展情况", "专栏建设", "数据发布", "标准目录", "监督检查", "意见征集", "资金使用"];

/** Where a row's subject is done, for tables longer than SUBJECTS × ASPECTS (a county's 嘎查 and 社区). */
const PLACES = [
  "明安图镇", "星耀镇", "伊和淖尔苏木", "乌兰查布苏木", "宝力根陶海", "查干淖尔", "乌兰淖尔", "巴彦锡勒", "额里图", "吉呼郎图",
  "哈夏图", "呼和陶勒盖", "新镇", "团结", "幸福", "和平", "光明", "胜利", "红旗", "民族",
  "白音", "阿拉坦", "敖包", "那日图", "乌兰", "巴音", "宝日", "希日", "沙日", "达来",
  "巴彦塔拉", "额尔敦", "塔林", "乌日根", "朝克图", "苏布日", "萨如拉", "赛罕", "巴彦", "道劳",
  "查干", "宝音", "都仁", "特莫", "翁贡", "呼格吉勒", "敦达", "浩勒图", "吉日嘎朗", "伊和",
];

const VERBS = ["及时公开", "定期发布", "规范公开", "持续更新", "全面公开", "主动公开", "按时发布", "分类公开", "集中公开", "动态更新"];
const OBJECTS = [
  "相关政策文件、工作动态和办理结果", "实施方案、资金安排和完成情况", "目录清单、标准依据和办理流程", "年度计划、进度安排和验收结果",
  "申请条件、审批程序和公示名单", "监测数据、执法检查和整改情况", "补助标准、发放对象和资金支出", "服务指南、咨询电话和办理时限",
];
const METHODS = [
  "在政府信息公开平台设置专栏", "通过政府门户网站和政务新媒体", "以图表、音频、视频等形式", "按条目方式逐项细化分类",
  "在会后3个工作日内以新闻通稿形式", "在起草文件5个工作日内", "通过听证座谈、征求意见等方式", "按学校、年度分类",
];
const GOALS = [
  "方便公众快速定位、一键查询", "做到应公开尽公开", "避免突击发布", "确保信息连贯、完整、及时", "切实解决解读不及时的问题",
  "提升公开标准化、规范化水平", "接受社会监督", "做到落实一项、销号一项",
];
const DOCUMENTS = [
  ["锡林郭勒盟政府信息公开属性认定与政策解读制度", "锡政办发"],
  ["国务院办公厅关于做好政府公报工作的通知", "国办发"],
  ["关于启用全区统一依申请公开系统的通知", "锡政服字"],
  ["全面推进基层政务公开标准化规范化工作方案", "锡政办发"],
  ["2022年政务公开工作要点", "白政办发"],
  ["中华人民共和国政府信息公开工作年度报告格式", "国办公开办函"],
] as const;

const DEADLINES = ["持续更新", "每月更新", "按季度公开", "3月15日", "6月30日前", "2022年12月31日前", "及时动态调整", "9月底前", "每年1月31日前", "会后3个工作日内"];

const DEPARTMENTS = [
  "旗政府办公室", "旗政务服务局", "旗财政局", "旗统计局", "旗发改委", "旗住建局", "旗人社局", "旗民政局", "旗教育局",
  "旗卫生健康委员会", "旗文化旅游广电局", "旗乡村振兴局", "旗生态环境局", "旗金融办",
];
const ALL_UNITS = "各苏木镇人民政府、旗直各单位";

export const HEADERS = ["一级指标", "二级指标", "三级指标", "提升措施", "牵头单位", "责任单位", "完成时限", "进展情况", "完成状态"];

/** One task row; `null` in 一级/二级指标: the merged cell above continues here. */
export interface DistinctRow {
  level1: string | null;
  level2: string | null;
  level3: string;
  measure: string;
  lead: string;
  responsible: string;
  deadline: string;
  progress: string;
  status: string;
}

/** A small deterministic generator (mulberry32): the same table for the same seed, in every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The `i`-th 三级指标: subject × aspect, then in each place, then in each year (distinct up to 1,000,000 rows). */
function level3(i: number): string {
  const base = SUBJECTS.length * ASPECTS.length;
  const own = `${SUBJECTS[i % SUBJECTS.length]}${ASPECTS[Math.floor(i / SUBJECTS.length) % ASPECTS.length]}`.replace("信息信息", "信息");
  const k = Math.floor(i / base);
  if (k === 0) return own;
  const place = PLACES[(k - 1) % PLACES.length]!;
  const year = Math.floor((k - 1) / PLACES.length);
  return year === 0 ? `${place}${own}` : `${place}${2022 - year}年度${own}`;
}

/**
 * `count` rows for `unit`'s copy; `seed` gives another table of the same shape (its texts differ from the first's
 * wherever the offset moves the combinations: used to validate a table whose texts the process has not seen).
 */
export function distinctRows(count: number, unit = "旗财政局", seed = 1): DistinctRow[] {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const offset = (seed - 1) * 7919; // a prime: another seed's rows use other subject/aspect/place combinations
  const rows: DistinctRow[] = [];
  let level1Left = 0;
  let level2Left = 0;
  let l1 = 0;
  let l2 = 0;
  for (let i = 0; i < count; i++) {
    const first1 = level1Left === 0;
    if (first1) {
      level1Left = 20 + Math.floor(next() * 60);
      l1++;
    }
    const first2 = first1 || level2Left === 0;
    if (first2) {
      level2Left = 2 + Math.floor(next() * 9);
      l2++;
    }
    level1Left--;
    level2Left--;
    const label = level3(i + offset);
    const [title, series] = pick(DOCUMENTS);
    const docNo = `${series}〔${2018 + Math.floor(next() * 5)}〕${1 + Math.floor(next() * 60)}号`;
    const measure = `按照《${title}》（${docNo}）要求，${pick(VERBS)}${label}的${pick(OBJECTS)}，${pick(METHODS)}公开，${pick(GOALS)}。`;
    const lead = pick(DEPARTMENTS);
    const r = next();
    const responsible = r < 0.5 ? ALL_UNITS : r < 0.8 ? lead : `${lead}、${pick(DEPARTMENTS)}`;
    const answers = responsible === ALL_UNITS || responsible.includes(unit);
    const month = 1 + Math.floor(next() * 3);
    const day = 1 + Math.floor(next() * 28);
    const done = next() < 0.7;
    const filled = answers; // a copy ready to send: every row the unit answers for is filled in
    rows.push({
      level1: first1 ? LEVEL1[(l1 - 1) % LEVEL1.length]! : null,
      level2: first2 ? `${LEVEL2[(l2 - 1) % LEVEL2.length]!}${l2 > LEVEL2.length ? `（${Math.ceil(l2 / LEVEL2.length)}）` : ""}` : null,
      level3: label,
      measure,
      lead,
      responsible,
      deadline: pick(DEADLINES),
      progress: !filled ? "" : done ? `已于${month}月${day}日在政府信息公开平台公开${label}相关信息${2 + Math.floor(next() * 30)}条，并持续更新。` : `正在推进，已完成${label}的资料收集，计划${month + 3}月底前公开。`,
      status: !filled ? "" : done ? "已完成" : "推进中",
    });
  }
  return rows;
}

const TITLE = "2022年全旗政务公开工作提升任务分解表";
/** Sheet rows above the first task row: the title, the 填报单位 line, the headers. */
const ABOVE = 3;
const TITLE_MERGE: CellRange = { top: 1, left: 1, bottom: 1, right: HEADERS.length };
const UNIT_MERGE: CellRange = { top: 2, left: 1, bottom: 2, right: 4 };

/** The title and 填报单位 lines merged across, and the vertical merges of 一级/二级指标 runs, in sheet coordinates. */
function merges(rows: readonly DistinctRow[]): CellRange[] {
  const out: CellRange[] = [TITLE_MERGE, UNIT_MERGE];
  for (const [col, key] of [[1, "level1"], [2, "level2"]] as const) {
    let start = -1;
    for (let i = 0; i <= rows.length; i++) {
      if (i < rows.length && rows[i]![key] === null) continue;
      if (start >= 0 && i - 1 > start) out.push({ top: ABOVE + 1 + start, left: col, bottom: ABOVE + i, right: col });
      start = i;
    }
  }
  return out;
}

const cells = (r: DistinctRow): (string | null)[] => [r.level1, r.level2, r.level3, r.measure, r.lead, r.responsible, r.deadline, r.progress, r.status];

/** The copy as the core reads it (what `readWorkbook` gives for the .xlsx below, without writing one). */
export function distinctSnapshot(count: number, unit = "旗财政局", seed = 1): WorkbookSnapshot {
  const rows = distinctRows(count, unit, seed);
  const out: CellSnapshot[][] = [[{ text: TITLE }], [{ text: `填报单位：${unit}` }], HEADERS.map((text) => ({ text }))];
  for (const r of rows) {
    const row: CellSnapshot[] = [];
    cells(r).forEach((text, c) => {
      if (text) row[c] = { text };
    });
    out.push(row);
  }
  return { sheets: [{ name: "任务分解表", rows: out, merges: merges(rows) }] };
}

const OFFICIAL_KEYS = ["level1", "level2", "level3", "measure", "lead", "responsible", "deadline"] as const;

/**
 * Official rows (the core's `OfficialRow`, where a `null` cell continues the cell above as one merged cell) as a
 * unit's copy the core reads: the title (none when `undefined`), the 填报单位 line, the headers, the rows with the
 * vertical merges, and each row's progress and status as `filled` gives them.
 */
export function officialSnapshot(
  rows: readonly OfficialRow[],
  o: { title: string | undefined; unit: string; filled: (i: number) => readonly [string, string?] | undefined },
): WorkbookSnapshot {
  const out: CellSnapshot[][] = [o.title === undefined ? [] : [{ text: o.title }], [{ text: `填报单位：${o.unit}` }], HEADERS.map((text) => ({ text }))];
  const merged: CellRange[] = [];
  const runStart = OFFICIAL_KEYS.map(() => 0);
  const close = (c: number, last: number) => {
    if (runStart[c]! > 0 && last > runStart[c]!) merged.push({ top: runStart[c]!, left: c + 1, bottom: last, right: c + 1 });
  };
  rows.forEach((src, i) => {
    const sheetRow = out.length + 1;
    const row: CellSnapshot[] = [];
    OFFICIAL_KEYS.forEach((k, c) => {
      const v = src[k];
      if (v === null && i > 0) return;
      close(c, sheetRow - 1);
      runStart[c] = sheetRow;
      if (v) row[c] = { text: v };
    });
    const [progress, status] = o.filled(i) ?? [];
    if (progress) row[7] = { text: progress };
    if (status) row[8] = { text: status };
    out.push(row);
  });
  OFFICIAL_KEYS.forEach((_, c) => close(c, out.length));
  return { sheets: [{ name: "任务分解表", rows: out, merges: merged }] };
}

const THIN = { style: "thin" } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const WIDTHS = [11, 13, 15, 52, 13, 17, 12, 40, 10];

/** The copy as a unit saves it: styled cells (borders, wrapped text, widths), merges, and a 联络人 sheet. */
export async function distinctXlsx(count: number, unit = "旗财政局", seed = 1): Promise<Uint8Array> {
  const rows = distinctRows(count, unit, seed);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("任务分解表");
  ws.columns = WIDTHS.map((width) => ({ width }));
  ws.getCell(1, 1).value = TITLE;
  ws.getCell(1, 1).font = { name: "宋体", size: 16, bold: true };

  ws.getCell(2, 1).value = `填报单位：${unit}`;
  HEADERS.forEach((h, c) => {
    const cell = ws.getCell(ABOVE, c + 1);
    cell.value = h;
    cell.font = { name: "黑体", size: 11, bold: true };
    cell.border = BORDER;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  });
  rows.forEach((r, i) => {
    cells(r).forEach((text, c) => {
      const cell = ws.getCell(ABOVE + 1 + i, c + 1);
      if (text) cell.value = text;
      cell.border = BORDER;
      cell.alignment = { vertical: "middle", wrapText: true };
      cell.font = { name: "仿宋", size: 11 };
    });
  });
  for (const m of merges(rows)) ws.mergeCells(m.top, m.left, m.bottom, m.right);
  const contacts = wb.addWorksheet("联络人");
  contacts.getCell(1, 1).value = "全旗政务公开工作联络人明细表";
  contacts.mergeCells(1, 1, 1, 5);
  contacts.getCell(2, 1).value = `填报单位：${unit}`;
  ["序号", "姓名", "职务", "联系电话", "备注"].forEach((h, c) => (contacts.getCell(3, c + 1).value = h));
  [["1", "王某某", "副局长", "0479-5221234", "分管领导"], ["2", "李某某", "科员", "13847912345", "专职人员"]].forEach((row, i) =>
    row.forEach((v, c) => (contacts.getCell(4 + i, c + 1).value = v)),
  );
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
