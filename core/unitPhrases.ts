/**
 * Who a unit cell names, read from the words people write there (CONTRACT §1): plain lists (`A、B`), duty phrases
 * (`X牵头，Y配合`, `A、B分别牵头落实`, `由X负责`) and prose (`X牵头…工作，各有关单位具体落实；…`). No roster here:
 * `RosterIndex` resolves the names, and the coordinator's corrections (`TableMapping.unitPhrases`) win over this guess.
 */

export type UnitRole = "lead" | "responsible";

export interface UnitCellReading {
  /** Units that lead (`X牵头`). */
  lead: string[];
  /** Units named with any other duty or in a plain list (in a 牵头单位 column the caller reads a plain list as leads). */
  responsible: string[];
  /** Parts that name no unit, as written (`按职责分工落实`). The words after a unit's duty are dropped, not unread. */
  unread: string[];
}

/**
 * Duty words written after the units they name. `then`: the text after the word names more units (`X会同Y负责`).
 * `main`: the unit does the work itself — in a cell with no lead where others only co-operate (`由X负责，Y配合`), it leads.
 * Each with cells from real tables.
 */
export const UNIT_DUTIES: readonly { role: UnitRole; words: readonly string[]; then?: true; main?: true; examples: readonly string[] }[] = [
  {
    role: "lead",
    words: ["牵头落实", "牵头负责", "牵头组织", "牵头抓总", "牵头"],
    examples: ["县文旅局牵头落实", "县教育局、县卫健委、县医保局分别牵头落实", "综合股牵头，各股室配合", "县政务公开办牵头做好全县政务公开工作"],
  },
  { role: "lead", words: ["为牵头单位", "是牵头单位", "为主责单位"], examples: ["县政府办为牵头单位"] },
  { role: "lead", words: ["主办"], examples: ["县财政局主办，县审计局协办"] },
  { role: "lead", words: ["会同"], then: true, examples: ["县财政局会同县发改委负责"] },
  {
    role: "responsible",
    words: ["具体落实", "负责落实", "配合落实", "抓好落实", "组织实施", "负责实施", "负责", "落实"],
    main: true,
    examples: ["某某经济技术开发区管委会负责落实", "各有关单位具体落实", "县统计局负责", "由县司法局负责", "各成员单位负责本单位信息公开"],
  },
  { role: "responsible", words: ["配合", "协助", "协办", "参与"], examples: ["各股室配合", "县人社局协助", "县审计局协办", "各苏木镇人民政府参与"] },
  { role: "responsible", words: ["为责任单位", "是责任单位", "为配合单位", "为协办单位"], examples: ["县应急管理局为责任单位"] },
];

/** Words between the units and their duty, dropped: `分别牵头`, `按职责分工负责`. */
export const DUTY_ADVERBS: readonly (readonly [adverb: string, example: string])[] = [
  ["分别", "县教育局、县卫健委分别牵头落实"],
  ["共同", "县财政局和县审计局共同负责"],
  ["各自", "各乡镇各自负责"],
  ["具体", "县林草局具体负责"],
  ["按职责分工", "县直各部门按职责分工负责"],
  ["按照职责分工", "各有关单位按照职责分工落实"],
  ["按职责", "各成员单位按职责落实"],
];

/** Labels written before the units they name: `牵头单位：X；责任单位：Y`. */
export const UNIT_LABELS: readonly { role: UnitRole; words: readonly string[]; examples: readonly string[] }[] = [
  { role: "lead", words: ["牵头单位", "牵头部门", "主责单位", "牵头科室"], examples: ["牵头单位：县政府办；责任单位：各乡镇人民政府"] },
  { role: "responsible", words: ["责任单位", "责任部门", "配合单位", "配合部门", "协办单位", "参与单位", "责任科室"], examples: ["责任单位：县财政局、县审计局"] },
];

/** A duty in brackets after one unit: `县发改委（牵头）、县财政局`. */
export const UNIT_NOTES: readonly { role: UnitRole; pattern: RegExp; example: string }[] = [
  { role: "lead", pattern: /[（(]\s*(牵头|牵头单位|主责|主责单位)\s*[）)]$/, example: "县发改委（牵头）、县财政局、县统计局" },
  { role: "responsible", pattern: /[（(]\s*(配合|配合单位|协办|参与|责任单位)\s*[）)]$/, example: "县政府办（牵头）、县财政局（配合）" },
];

/** A note that the first unit listed leads: `县财政局、县审计局（排在第一位的为牵头单位）`, `（列第一位的为牵头单位，下同）`. */
const FIRST_LEADS = /[（(][^（）()]*第一[^（）()]*牵头[^（）()]*[）)]/;

/** Words before the units, dropped: `由X负责`, `请各乡镇配合`. */
const BEFORE_UNITS = /^(由|请|责成)/;

/**
 * How unit names end, with an example of each; a name starting with `各` is a group (`各股室`, `各乡镇（街道）`).
 * Text naming no one in particular ends otherwise (`做好政务公开工作`).
 */
export const UNIT_ENDINGS: readonly (readonly [ending: string, example: string])[] = [
  ["局", "县财政局"], ["委", "县发改委"], ["办", "县政府办"], ["院", "县人民法院"], ["会", "园区管委会"], ["室", "办公室"],
  ["股", "综合股"], ["处", "规划财务处"], ["科", "法规科"], ["所", "镇财政所"], ["站", "监测站"], ["中心", "镇便民服务中心"],
  ["政府", "某某县人民政府"], ["镇", "明安图镇"], ["乡", "某某乡"], ["街道", "城关街道"], ["苏木", "伊和淖尔苏木"], ["嘎查", "某某嘎查"],
  ["村", "某某村"], ["社区", "城关社区"], ["部", "县委宣传部"], ["厅", "省人社厅"], ["队", "执法支队"], ["馆", "县档案馆"],
  ["单位", "各有关单位"], ["部门", "区直各部门"], ["机关", "各级行政机关"], ["公司", "县供电公司"], ["集团", "县城投集团"],
  ["联", "县妇联"], ["协", "县科协"], ["校", "县委党校"], ["中学", "县第一中学"], ["小学", "城关小学"], ["大学", "某某大学"],
  ["电视台", "县广播电视台"], ["气象台", "县气象台"], ["社", "县供销社"], ["银行", "县农商银行"], ["小组", "县政务公开领导小组"],
  ["专班", "工作专班"], ["人大", "县人大"], ["林场", "国有林场"], ["农场", "某某农场"], ["区", "高新区"], ["县", "某某县"],
  ["市", "某某市"], ["旗", "某某旗"], ["盟", "锡林郭勒盟"],
];

/** Endings that look like a unit's and are not. */
const NOT_UNITS = /(网站|平台|关联|全部|内部|外部)$|^[全本][县市区旗]$/;
/** Words of prose, never of a unit's name. */
const PROSE = /[，。；：:;,!?！？“”"]|做好|开展|加强|确保|督促|指导|按照|根据|及时/;
const LONGEST_NAME = 25;

/** Words that name no one in particular (`各有关单位`, `相关部门`): no unit to find in a roster, nothing for a unit to mend. */
export const NAMES_NO_ONE = /^(各|其他)?(有关|相关)(单位|部门)$/;
/** `X等Y`: Y names no one in particular (`等单位`, `等有关部门`): X alone is named. */
export const GENERIC_TAIL = /^(其他|相关|有关|各)?(单位|部门|成员单位|责任单位|相关单位)$/;
/** `X等Y`: Y is a group (`市统计局等市直有关单位`): X and Y are named. */
const GROUP_TAIL = /^各|(单位|部门|机关|科室|股室|处室)$/;
/** Words joining two names (`县财政局和县审计局`), split only where both sides are names (`县住房和城乡建设局` is one). */
const JOINS = /以及|及|和|与/;

/** A part that is only punctuation or a dash: a cell saying "none" (`—`, `/`), not unread text. */
const NOTHING = /^[\s\-—–－_\\·.。、…*＊]*$/;

/** Separators between unit names in one cell (spaces are the roster's to judge: `旗 财政局` is one name). */
const NAME_SEPARATOR = /[、，,；;／/\n\r\t]/;
const CLAUSE_SEPARATOR = /[；;。\n\r]/;
const SEGMENT_SEPARATOR = /[，,]/;
const OPEN = /[（(【[〔]/;
const CLOSE = /[）)】\]〕]/;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
const longestFirst = (words: Iterable<string>): string => [...words].sort((a, b) => b.length - a.length).map(escape).join("|");

const DUTY_BY_WORD = new Map(UNIT_DUTIES.flatMap((d) => d.words.map((w) => [w, d] as const)));
const DUTY = new RegExp(`(${longestFirst(DUTY_ADVERBS.map(([a]) => a))})?(${longestFirst(DUTY_BY_WORD.keys())})`, "g");
const LABEL_BY_WORD = new Map(UNIT_LABELS.flatMap((l) => l.words.map((w) => [w, l.role] as const)));
const LABEL = new RegExp(`^(${longestFirst(LABEL_BY_WORD.keys())})\\s*[:：]`);
const ENDING = new RegExp(`(${longestFirst(UNIT_ENDINGS.map(([e]) => e))})$`);
const DUTY_WORD = new RegExp(longestFirst(DUTY_BY_WORD.keys()));
/** Adverbs between the units and their duty, however many (`按职责分别落实`): dropped. */
const TRAILING_ADVERBS = new RegExp(`(${longestFirst(DUTY_ADVERBS.map(([a]) => a))})+$`);
/** A unit and, in brackets after it, another name it goes by: `县政府办（县政务公开办）`. */
const ALIAS_IN_BRACKETS = /^([^（）()]+)[（(]([^（）()]+)[）)]$/;


/** Splits text on separators outside brackets. */
function splitOutside(text: string, separator: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let part = "";
  for (const ch of text) {
    if (OPEN.test(ch)) depth++;
    else if (CLOSE.test(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && separator.test(ch)) {
      out.push(part);
      part = "";
    } else part += ch;
  }
  out.push(part);
  return out;
}

/** Splits a cell on the separators outside brackets: `各县（市、区）政府、市财政局` is two names. */
export function splitUnitNames(text: string): string[] {
  return splitOutside(text, NAME_SEPARATOR);
}

/** A name as listed, without the words that join it to the others (`及X`, `X等`). */
export function cleanUnitName(s: string): string {
  return s.trim().replace(/^(以及|及|和)/, "").replace(/等$/, "").trim();
}

/**
 * Whether a text reads as a unit's name: short, ending as units' names end (`局`, `委`, `办`, `中心`, `政府`,
 * `街道`, `苏木`, `单位`, …), or a group (`各…`); never prose (`做好…工作`, `县财政局牵头`).
 */
export function isUnitLikeName(name: string): boolean {
  const bare = name.replace(/[\s\u3000\u00A0]+/g, "").replace(/[（(][^（）()]*[）)]/g, "");
  if (bare === "" || [...bare].length > LONGEST_NAME) return false;
  if (PROSE.test(bare) || DUTY_WORD.test(bare) || NOT_UNITS.test(bare)) return false;
  return bare.startsWith("各") || ENDING.test(bare);
}

interface Duty {
  /** Where the duty (with its adverb) starts and ends in the text. */
  start: number;
  end: number;
  role: UnitRole;
  then: boolean;
  main: boolean;
}

/** The first duty word outside brackets (`县财政局（牵头）` is a note, read with the name). */
function firstDuty(text: string): Duty | undefined {
  DUTY.lastIndex = 0;
  for (let m = DUTY.exec(text); m; m = DUTY.exec(text)) {
    const before = text.slice(0, m.index);
    const open = (before.match(/[（(【[〔]/g) ?? []).length - (before.match(/[）)】\]〕]/g) ?? []).length;
    if (open > 0) continue;
    const d = DUTY_BY_WORD.get(m[2]!)!;
    return { start: m.index, end: m.index + m[0].length, role: d.role, then: d.then === true, main: d.main === true };
  }
  return undefined;
}

type IsName = (name: string) => boolean;

/** A name as written, with a role where the text around it says one. */
interface Named {
  name: string;
  role: UnitRole | undefined;
  /** Named with a duty that does the work itself (`负责`), not one that co-operates (`配合`). */
  main?: boolean;
}

/** One part of a list, split where it joins names (`X等有关单位`, `县财政局和县审计局`), else whole. */
function splitJoined(part: string, isName: IsName, known: IsName): string[] {
  if (known(part)) return [part];
  const etc = part.lastIndexOf("等");
  if (etc > 0 && etc < part.length - 1) {
    const head = cleanUnitName(part.slice(0, etc));
    const tail = cleanUnitName(part.slice(etc + 1));
    if (GENERIC_TAIL.test(tail)) return splitJoined(head, isName, known);
    if (GROUP_TAIL.test(tail)) return [...splitJoined(head, isName, known), tail];
  }
  if (JOINS.test(part)) {
    const pieces = part.split(JOINS).map((p) => p.trim());
    if (pieces.every((p) => p !== "" && isName(p))) return pieces;
  }
  return [part];
}

/** The names a list holds (`甲、乙、丙`), and the parts that are none. */
function readNames(text: string, isName: IsName, known: IsName): { names: Named[]; rejected: string[] } {
  const names: Named[] = [];
  const rejected: string[] = [];
  for (const raw of splitUnitNames(text)) {
    let part = cleanUnitName(raw);
    if (NOTHING.test(part)) continue;
    let role: UnitRole | undefined;
    for (const note of UNIT_NOTES) {
      const m = note.pattern.exec(part);
      if (m) {
        role = note.role;
        part = part.slice(0, m.index).trim();
        break;
      }
    }
    // `县政府办（县政务公开办）`: a unit and another name it goes by, one unit
    const alias = ALIAS_IN_BRACKETS.exec(part);
    // (not a group's alternatives, `各乡镇（街道）`, nor a bare word, `（牵头）`: a full name in the brackets)
    if (alias && !known(part) && !alias[1]!.startsWith("各") && [...alias[2]!].length >= 4 && isName(alias[1]!) && isName(alias[2]!)) part = alias[1]!.trim();
    for (const name of splitJoined(part, isName, known)) {
      if (isName(name)) names.push({ name, role });
      else rejected.push(name);
    }
  }
  return { names, rejected };
}

/** Whether a text is only names (`各单位`, `县财政局、县审计局`). */
function onlyNames(text: string, isName: IsName, known: IsName): boolean {
  const { names, rejected } = readNames(text, isName, known);
  return names.length > 0 && rejected.length === 0;
}

/**
 * One segment of a clause (between commas): `[由]units[分别]duty[words dropped]`, or a plain list. Its names are
 * added with their role (`undefined`: a plain list, whose role the clause decides).
 */
function readSegment(segment: string, isName: IsName, known: IsName, out: Named[], unread: string[]): void {
  const text = segment.trim();
  if (NOTHING.test(text)) return;
  const duty = onlyNames(text, isName, known) ? undefined : firstDuty(text);
  const head = duty ? text.slice(0, duty.start).trim().replace(BEFORE_UNITS, "").replace(TRAILING_ADVERBS, "") : text;
  const { names, rejected } = readNames(head, isName, known);
  for (const n of names) out.push({ name: n.name, role: n.role ?? duty?.role, main: duty?.main ?? false });
  if (names.length === 0) unread.push(text);
  else unread.push(...rejected);
  if (!duty) return;
  const rest = text.slice(duty.end);
  if (duty.then) {
    readSegment(rest, isName, known, out, unread);
    return;
  }
  // `X牵头Y配合` names Y too; `X牵头做好…工作` says what X does: dropped.
  const next = firstDuty(rest);
  if (next && onlyNames(rest.slice(0, next.start).replace(BEFORE_UNITS, ""), isName, known)) readSegment(rest, isName, known, out, unread);
}

/**
 * Who a unit cell names and in what role: `X牵头…` leads; `配合/协助/协办/参与/具体落实/负责落实/负责` and plain lists
 * are responsible. Names are split as `splitUnitNames` splits them (never inside brackets); the words after a unit's
 * duty are dropped; `unread` holds the parts that name no unit. `known` says which names the caller's roster knows
 * (they are names whatever they look like).
 */
export function readUnitCell(text: string, known: (name: string) => boolean = () => false): UnitCellReading {
  const isName: IsName = (n) => isUnitLikeName(n) || known(n);
  const firstLeads = FIRST_LEADS.test(text);
  const body = firstLeads ? text.replace(FIRST_LEADS, "") : text;
  const named: Named[] = [];
  const unread: string[] = [];
  for (const clause of splitOutside(body, CLAUSE_SEPARATOR)) {
    // `牵头单位：X，Y`: a label names the role of the lists after it in its clause.
    let label: UnitRole | undefined;
    let pending = named.length; // plain names waiting for the next duty in the clause (`甲，乙分别牵头`)
    for (const raw of splitOutside(clause, SEGMENT_SEPARATOR)) {
      let segment = raw.trim();
      const l = LABEL.exec(segment);
      if (l) {
        label = LABEL_BY_WORD.get(l[1]!);
        segment = segment.slice(l[0].length);
      }
      const from = named.length;
      readSegment(segment, isName, known, named, unread);
      for (let i = from; i < named.length; i++) named[i]!.role ??= label;
      const role = named.slice(from).find((n) => n.role !== undefined)?.role;
      if (role === undefined) continue;
      for (let i = pending; i < from; i++) named[i]!.role ??= role;
      pending = named.length;
    }
  }
  // `由X负责，Y配合`: no one leads in words, X does the work and Y co-operates — X leads
  const mains = named.filter((n) => n.role === "responsible" && n.main);
  if (!named.some((n) => n.role === "lead") && mains.length > 0 && mains.length < named.filter((n) => n.role === "responsible").length) {
    for (const n of mains) n.role = "lead";
  }
  const out: UnitCellReading = { lead: [], responsible: [], unread: [...new Set(unread)] };
  for (const n of named) {
    const list = out[n.role ?? "responsible"];
    if (!out.lead.includes(n.name) && !list.includes(n.name)) list.push(n.name);
  }
  if (firstLeads && out.lead.length === 0 && out.responsible.length > 0) out.lead.push(out.responsible.shift()!);
  out.responsible = out.responsible.filter((n) => !out.lead.includes(n));
  return out;
}
