/** The unit roster: canonical unit names, their aliases, and the groups that name many units at once. */
import { cacheGeneration, labelKey } from "./normalize.js";
import type { UnitPhrase } from "./tableMapping.js";
import { GENERIC_TAIL, cleanUnitName, readUnitCell, type UnitCellReading, type UnitRole } from "./unitPhrases.js";
import { MAX_NAME_CHARS, visibleName } from "./unitNames.js";

export interface RosterUnit {
  name: string;
  groups: string[];
  aliases: string[];
  /**
   * The sender addresses the unit mails the office from (SPEC §9), as `normalizeEmail` writes them: lower case, each
   * once. Absent when the roster lists none. The coordinator's to see, never a unit's template (`rosterWithoutEmails`).
   */
  emails?: string[];
}

export interface RosterGroup {
  name: string;
  aliases: string[];
}

export interface Roster {
  units: RosterUnit[];
  groups: RosterGroup[];
}

export const TOWNSHIPS_GROUP = "各苏木镇人民政府";
export const DEPARTMENTS_GROUP = "旗直各单位";

const dept = (name: string, ...aliases: string[]): RosterUnit => ({ name, groups: [DEPARTMENTS_GROUP], aliases });
const town = (name: string): RosterUnit => {
  const short = name.replace(/人民政府$/, "");
  return { name, groups: [TOWNSHIPS_GROUP], aliases: [short, `${short}政府`] };
};

/** The units the seed plan names, with the short forms the plan itself uses. */
export const DEFAULT_ROSTER: Roster = {
  units: [
    dept("旗政府办公室", "旗政府办", "政府办", "政府办公室", "旗人民政府办公室"),
    dept("旗政务服务局", "政务服务局", "旗政务局"),
    dept("旗财政局", "财政局"),
    dept("旗统计局", "统计局"),
    dept("旗发改委", "发改委", "旗发展和改革委员会", "发展和改革委员会"),
    dept("旗住建局", "住建局", "旗住房和城乡建设局", "住房和城乡建设局"),
    dept("旗人社局", "人社局", "旗人力资源和社会保障局", "人力资源和社会保障局"),
    dept("旗民政局", "民政局"),
    dept("旗教育局", "教育局"),
    dept("旗卫生健康委员会", "卫健委", "旗卫健委", "卫生健康委员会", "卫生健康委"),
    dept("旗文化旅游广电局", "文旅局", "旗文旅局", "文化旅游广电局"),
    dept("旗乡村振兴局", "乡村振兴局"),
    dept("旗生态环境局", "生态环境局"),
    dept("旗金融办", "金融办", "旗金融工作办公室"),
    town("明安图镇人民政府"),
    town("星耀镇人民政府"),
    town("伊和淖尔苏木人民政府"),
    town("乌兰查布苏木人民政府"),
  ],
  groups: [
    { name: TOWNSHIPS_GROUP, aliases: ["各苏木镇", "各苏木镇政府", "各苏木（镇）人民政府"] },
    { name: DEPARTMENTS_GROUP, aliases: ["旗直各部门", "旗直各有关单位", "旗直有关单位"] },
  ],
};

export type Resolved =
  | { kind: "unit"; name: string; viaAlias: boolean }
  | { kind: "group"; name: string; members: readonly string[]; viaAlias: boolean };

const SPACES = /[ \u3000\u00A0]+/;
/** What joins a name to the one after it: `县财政局和县审计局` is no full name of 县审计局. */
const JOINED = /(、|以及|及|和|与)$/;

/** The shortest roster name a full name may end with (`某某市财政局` → `市财政局`). */
const MIN_SUFFIX = 3;

export interface NamedUnit {
  /** The name as written (trimmed). */
  text: string;
  resolved: Resolved | undefined;
  /** The duty the cell gives it (`X牵头` → lead); `undefined` for text that names no unit (`按职责分工落实`). */
  role?: UnitRole;
}

/**
 * How a name is written against the roster: its `name`; a `full-name` (longer, ending with a roster name or alias:
 * `某某县财政局` for `县财政局`); an alias that is a `full-form` (`旗人民政府办公室` for `旗政府办公室`, the
 * roster's name within it, in order); a `short-form` (`财政局` for `旗财政局`); an `other-form` (`旗直各部门` for
 * `旗直各单位`).
 */
export type NameForm = "name" | "full-name" | "full-form" | "short-form" | "other-form";

/** Whether a name so written is to be rewritten as the roster writes it (an alias warning with its fix). */
export const isAliasToFix = (form: NameForm | undefined): boolean => form === "short-form" || form === "other-form";

/** Whether the characters of `inner` appear in `outer`, in order (a name's short or full form, wherever one is told). */
export function within(inner: readonly string[], outer: readonly string[]): boolean {
  let i = 0;
  for (const ch of outer) if (ch === inner[i]) i++;
  return i === inner.length;
}

/** A roster compiled for lookups by name, alias or group. */
export class RosterIndex {
  private readonly byKey = new Map<string, Resolved>();
  private readonly groupMembers = new Map<string, string[]>();
  readonly unitNames: readonly string[];

  private readonly phraseByKey = new Map<string, UnitPhrase>();

  /**
   * @param phrases the coordinator's corrections: a unit cell's text (as published) → the units it names. Where a
   * cell has one, its names are exactly the phrase's, whatever the cell's words say.
   */
  constructor(
    readonly roster: Roster,
    readonly phrases?: Readonly<Record<string, UnitPhrase>>,
  ) {
    for (const [cell, phrase] of Object.entries(phrases ?? {})) this.phraseByKey.set(labelKey(cell), phrase);
    this.unitNames = roster.units.map((u) => u.name);
    for (const g of roster.groups) this.groupMembers.set(g.name, []);
    for (const u of roster.units) {
      for (const g of u.groups) {
        const members = this.groupMembers.get(g) ?? [];
        members.push(u.name);
        this.groupMembers.set(g, members);
      }
    }
    // Aliases first, canonical names last, so that a name that is both wins as canonical.
    for (const [group, members] of this.groupMembers) {
      const aliases = roster.groups.find((g) => g.name === group)?.aliases ?? [];
      for (const a of aliases) this.byKey.set(labelKey(a), { kind: "group", name: group, members, viaAlias: true });
    }
    for (const u of roster.units) {
      for (const a of u.aliases) this.byKey.set(labelKey(a), { kind: "unit", name: u.name, viaAlias: true });
    }
    for (const [group, members] of this.groupMembers) {
      this.byKey.set(labelKey(group), { kind: "group", name: group, members, viaAlias: false });
    }
    for (const u of roster.units) this.byKey.set(labelKey(u.name), { kind: "unit", name: u.name, viaAlias: false });
    for (const k of this.byKey.keys()) this.longestKey = Math.max(this.longestKey, [...k].length);
  }

  /** The longest name or alias the roster knows, in characters. */
  private longestKey = 0;

  /** What a name refers to exactly (by name or alias), without reading full names. */
  resolveExact(name: string): Resolved | undefined {
    return this.byKey.get(labelKey(name));
  }

  /**
   * What a name in a cell refers to; `undefined` when the roster does not know it. A full name that
   * ends with a roster unit's name or alias (`某某市财政局` for `市财政局`) is that unit, written another way.
   */
  resolve(name: string): Resolved | undefined {
    const key = labelKey(name);
    const exact = this.byKey.get(key);
    if (exact || SPACES.test(name.trim())) return exact;
    const chars = [...key];
    // the name it may end with is one of the roster's: no longer than its longest (a long cell costs no more)
    for (let i = Math.max(1, chars.length - this.longestKey); i <= chars.length - MIN_SUFFIX; i++) {
      const r = this.byKey.get(chars.slice(i).join(""));
      // A full name ends with the unit's name (`某某市财政局` for `市财政局`), not with a short alias: `旗教育局` is no
      // full name of `市教育局` whose alias is `教育局`.
      // `旗民政局旗教育局` and `旗民政局和旗教育局` are two names, not a full name of the second.
      if (r?.kind === "unit" && !r.viaAlias) return this.byKey.get(chars.slice(0, i).join("").replace(JOINED, "")) ? undefined : { ...r, viaAlias: true };
    }
    return undefined;
  }

  /** The canonical unit a name or alias refers to (groups do not count). */
  canonicalUnit(name: string): string | undefined {
    const r = this.resolve(name);
    return r?.kind === "unit" ? r.name : undefined;
  }

  /** How a name is written against the roster (`NameForm`); `undefined` when the roster does not know it. */
  writtenAs(name: string): NameForm | undefined {
    const exact = this.resolveExact(name);
    if (!exact) return this.resolve(name) ? "full-name" : undefined;
    if (!exact.viaAlias) return "name";
    const written = [...labelKey(name)];
    const listed = [...labelKey(exact.name)];
    if (written.length > listed.length && within(listed, written)) return "full-form";
    return written.length < listed.length ? "short-form" : "other-form";
  }

  /** The coordinator's correction for a unit cell (its text compared by `labelKey`), if there is one. */
  phraseOf(text: string): UnitPhrase | undefined {
    return this.phraseByKey.size === 0 ? undefined : this.phraseByKey.get(labelKey(text));
  }

  /**
   * This roster with the coordinator's unit phrases (`TableMapping.unitPhrases`): `this` when there are none or they
   * are this index's own; else an index made once per phrases object.
   */
  withPhrases(phrases: Readonly<Record<string, UnitPhrase>> | undefined): RosterIndex {
    if (!phrases || phrases === this.phrases || Object.keys(phrases).length === 0) return this;
    let index = this.withPhrasesMade.get(phrases);
    if (!index) this.withPhrasesMade.set(phrases, (index = new RosterIndex(this.roster, phrases)));
    return index;
  }
  private readonly withPhrasesMade = new WeakMap<object, RosterIndex>();

  /**
   * The names in a cell, each with its role: a list (`"旗政府办公室、金融办、财政局"`), a duty phrase (`"财政局牵头，
   * 民政局配合"`, read by `readUnitCell`), or the coordinator's correction for the cell, which always wins. A part
   * with spaces in it is first taken whole (`"旗 财政局"` is a typo of one name), and only split at its spaces when
   * that fails. Text that names no unit comes last, unresolved and without a role.
   */
  names(text: string): NamedUnit[] {
    // a table names the same few units on every row: each distinct cell is split and resolved once
    this.fresh();
    let known = this.namesSeen.get(text);
    if (known === undefined) {
      known = this.splitNames(text);
      this.namesSeen.set(text, known);
    }
    return known;
  }
  private readonly namesSeen = new Map<string, NamedUnit[]>();
  private seenIn = cacheGeneration();
  /** The caches below, emptied when full or when `forgetRemembered` was called. */
  private fresh(): void {
    if (this.seenIn === cacheGeneration() && this.namesSeen.size < 20_000 && this.unitsSeen.size < 20_000 && this.responsibleSeen.size < 20_000) return;
    this.namesSeen.clear();
    this.unitsSeen.clear();
    this.responsibleSeen.clear();
    this.seenIn = cacheGeneration();
  }
  private readonly knows = (name: string): boolean => this.resolve(name) !== undefined;

  private splitNames(text: string): NamedUnit[] {
    const phrase = this.phraseOf(text);
    const reading: UnitCellReading = phrase ? { ...phrase, unread: [] } : readUnitCell(text, this.knows);
    const out: NamedUnit[] = [];
    for (const role of ["lead", "responsible"] as const) {
      for (const name of reading[role]) {
        if (phrase) out.push({ text: name.trim(), resolved: this.resolve(name), role });
        else this.namedParts(name, role, out);
      }
    }
    for (const text of reading.unread) out.push({ text, resolved: undefined });
    return out;
  }

  /** One name of a cell, resolved; one the roster does not know is split at `等` or its spaces where that helps. */
  private namedParts(part: string, role: UnitRole, out: NamedUnit[]): void {
    const whole = this.resolve(part);
    if (whole) {
      out.push({ text: part, resolved: whole, role });
      return;
    }
    // `市统计局等市直有关单位`: a unit, and a group (or words that name no one in particular).
    const etc = part.indexOf("等");
    if (etc > 0 && etc < part.length - 1) {
      const head = cleanUnitName(part.slice(0, etc));
      const tail = cleanUnitName(part.slice(etc + 1));
      if (head !== "") this.namedParts(head, role, out);
      if (tail !== "" && !GENERIC_TAIL.test(tail)) this.namedParts(tail, role, out);
      return;
    }
    if (!SPACES.test(part)) {
      out.push({ text: part, resolved: undefined, role });
      return;
    }
    for (const word of part.split(SPACES).map(cleanUnitName)) {
      if (word !== "") out.push({ text: word, resolved: this.resolve(word), role });
    }
  }

  /**
   * Who a cell names, by role, each name as the roster writes it where the roster knows it (a group by its name):
   * the coordinator's correction for the cell where there is one, else `readUnitCell`'s reading. In a 牵头单位
   * column, the caller reads `responsible` (a plain list) as leads.
   */
  rolesOf(text: string): UnitCellReading {
    const out: UnitCellReading = { lead: [], responsible: [], unread: [] };
    for (const n of this.names(text)) {
      const list = n.role ? out[n.role] : out.unread;
      const name = n.role && n.resolved ? n.resolved.name : n.text;
      if (!list.includes(name)) list.push(name);
    }
    out.responsible = out.responsible.filter((n) => !out.lead.includes(n));
    return out;
  }

  /** Every canonical unit a cell names, directly, by alias, or through a group. */
  unitsNamedIn(text: string): ReadonlySet<string> {
    this.fresh();
    const known = this.unitsSeen.get(text);
    if (known !== undefined) return known;
    const out = new Set<string>();
    this.unitsSeen.set(text, out);
    for (const { resolved: r } of this.names(text)) {
      if (r?.kind === "unit") out.add(r.name);
      else if (r?.kind === "group") for (const m of r.members) out.add(m);
    }
    return out;
  }
  private readonly unitsSeen = new Map<string, Set<string>>();

  /**
   * The units responsible for a task (CONTRACT §1): its lead, the units named in 责任单位 or 配合单位 (after
   * aliases), and the members of the groups named there.
   */
  unitsResponsibleFor(t: { lead: string; responsible: string; coResponsible: string }): ReadonlySet<string> {
    // rows repeat the same three cells, and a group may have hundreds of members: each combination is joined once
    this.fresh();
    const key = `${t.lead}\u0000${t.responsible}\u0000${t.coResponsible}`;
    const known = this.responsibleSeen.get(key);
    if (known !== undefined) return known;
    const sets = [this.unitsNamedIn(t.lead), this.unitsNamedIn(t.responsible), this.unitsNamedIn(t.coResponsible)].filter((s) => s.size > 0);
    const units = sets.length === 1 ? sets[0]! : new Set(sets.flatMap((s) => [...s]));
    this.responsibleSeen.set(key, units);
    return units;
  }
  private readonly responsibleSeen = new Map<string, ReadonlySet<string>>();
}

export const DEFAULT_ROSTER_INDEX = new RosterIndex(DEFAULT_ROSTER);

/** Units in the order people expect them: the roster's order, then any others by their Chinese name. */
export function orderUnits(roster: RosterIndex, units: Iterable<string>): string[] {
  const rank = new Map(roster.unitNames.map((u, i) => [u, i]));
  const zh = new Intl.Collator("zh-CN");
  return [...new Set(units)].sort((a, b) => {
    const ra = rank.get(a);
    const rb = rank.get(b);
    if (ra !== undefined && rb !== undefined) return ra - rb;
    if (ra !== undefined) return -1;
    if (rb !== undefined) return 1;
    return zh.compare(a, b);
  });
}

/** Up to `n` of the roster's unit names, for examples in messages (never the seed's when another roster is in use). */
export function exampleUnits(roster: RosterIndex, n = 2): string[] {
  const units = roster.unitNames;
  if (units.length <= n) return [...units];
  // One from the start and one from the end: typically a department and a township.
  return n === 1 ? [units[0]!] : [units[0]!, units[units.length - 1]!];
}

/** A name that stands for many units (`各乡镇（街道）`, `县直有关单位`, `各成员单位`). */
const GROUP_LIKE = /^各|各.*(单位|部门)$|有关单位$|有关部门$|相关单位$|相关部门$|成员单位$|直各?单位$|直部门$/;

/**
 * The roster a table implies when the coordinator gave none: every name its unit cells hold (the names in a duty
 * phrase, not the phrase; the coordinator's `phrases` where a cell has one), groups apart. Members of a group are
 * the units whose names fit it (`各县（市、区）政府` ⊇ `某某县人民政府`).
 */
export function rosterFromNames(cells: Iterable<string>, extraUnits: Iterable<string> = [], phrases?: Readonly<Record<string, UnitPhrase>>): Roster {
  const units = new Set<string>();
  const groups = new Set<string>();
  const add = (text: string) => {
    // a name as people see it (copy and paste brings zero-width marks); a whole sentence in a unit cell names no unit
    const name = visibleName(text);
    if (name !== "" && name.length <= MAX_NAME_CHARS) (GROUP_LIKE.test(name) ? groups : units).add(name);
  };
  const empty = new RosterIndex({ units: [], groups: [] }, phrases);
  for (const cell of new Set(cells)) for (const n of empty.names(cell)) if (n.role !== undefined && n.text !== "") add(n.text);
  const named = new RosterIndex({ units: [...units].map((name) => ({ name, groups: [], aliases: [] })), groups: [] });
  // A reporting unit's full name (`某某市财政局`) is the table's `市财政局`, not a unit of its own.
  for (const u of extraUnits) if (u.trim() !== "" && named.resolve(u)?.kind !== "unit") units.add(u.trim());
  const groupList = [...groups];
  return {
    units: [...units].map((name) => ({ name, groups: groupList.filter((g) => groupFits(g, name)), aliases: [] })),
    groups: groupList.map((name) => ({ name, aliases: [] })),
  };
}

/**
 * `各县（市、区）政府` → the endings its members have: `县政府`, `市政府`, `区政府` (人民政府 counted too);
 * `各乡镇（街道）` → `乡`, `镇`, `街道`: a bracket names alternatives to the words just before it.
 */
function groupEndings(group: string): string[] {
  const body = group.replace(/^各/, "").replace(/(有关|相关|成员)?(单位|部门)$/, "").replace(/各$/, "");
  const m = /^(.*?)[（(]([^）)]+)[）)](.*)$/.exec(body);
  let stems = [body];
  if (m) {
    const alternatives = m[2]!.split(/[、，,/]/).filter((x) => x !== "");
    const width = Math.max(1, [...(alternatives[0] ?? "")].length);
    const before = [...m[1]!];
    const head = before.slice(0, before.length - width).join("");
    stems = [before.join(""), ...alternatives.map((x) => `${head}${x}`)].map((s) => `${s}${m[3]}`);
  }
  return stems.flatMap((s) => (s.endsWith("政府") ? [s, s.replace(/政府$/, "人民政府")] : s === "乡镇" ? ["乡", "镇"] : [s]));
}

function groupFits(group: string, unit: string): boolean {
  return groupEndings(group).some((e) => {
    if (e.endsWith("直")) return unit.startsWith(e.slice(0, -1)) && !/政府$/.test(unit);
    if (e.length === 1) return unit.replace(/人民政府$|政府$/, "").endsWith(e);
    return unit.endsWith(e) || unit.endsWith(`${e}办事处`);
  });
}
