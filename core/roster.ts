/** The unit roster: canonical unit names, their aliases, and the groups that name many units at once. */
import { labelKey } from "./normalize.js";

export interface RosterUnit {
  name: string;
  groups: string[];
  aliases: string[];
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

/** Separators people put between unit names in one cell (spaces are handled apart: see `names`). */
const NAME_SEPARATORS = /[、，,；;／/\n\r\t]+/;
const SPACES = /[ \u3000\u00A0]+/;

const cleanName = (s: string): string => s.replace(/^(以及|及)/, "").replace(/等$/, "").trim();

export interface NamedUnit {
  /** The name as written (trimmed). */
  text: string;
  resolved: Resolved | undefined;
}

/** A roster compiled for lookups by name, alias or group. */
export class RosterIndex {
  private readonly byKey = new Map<string, Resolved>();
  private readonly groupMembers = new Map<string, string[]>();
  readonly unitNames: readonly string[];

  constructor(readonly roster: Roster) {
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
  }

  /** What a name in a cell refers to; `undefined` when the roster does not know it. */
  resolve(name: string): Resolved | undefined {
    return this.byKey.get(labelKey(name));
  }

  /** The canonical unit a name or alias refers to (groups do not count). */
  canonicalUnit(name: string): string | undefined {
    const r = this.resolve(name);
    return r?.kind === "unit" ? r.name : undefined;
  }

  /**
   * The names in a cell such as `"旗政府办公室、金融办、财政局"`. A part with spaces in it is first
   * taken whole (`"旗 财政局"` is a typo of one name), and only split at its spaces when that fails.
   */
  names(text: string): NamedUnit[] {
    const out: NamedUnit[] = [];
    for (const part of text.split(NAME_SEPARATORS).map(cleanName)) {
      if (part === "") continue;
      const whole = this.resolve(part);
      if (whole || !SPACES.test(part)) {
        out.push({ text: part, resolved: whole });
        continue;
      }
      for (const word of part.split(SPACES).map(cleanName)) {
        if (word !== "") out.push({ text: word, resolved: this.resolve(word) });
      }
    }
    return out;
  }

  /** Every canonical unit a cell names, directly, by alias, or through a group. */
  unitsNamedIn(text: string): Set<string> {
    const out = new Set<string>();
    for (const { resolved: r } of this.names(text)) {
      if (r?.kind === "unit") out.add(r.name);
      else if (r?.kind === "group") for (const m of r.members) out.add(m);
    }
    return out;
  }
}

export const DEFAULT_ROSTER_INDEX = new RosterIndex(DEFAULT_ROSTER);
