/**
 * A roster the coordinator supplies as a `单位名册` sheet replaces the default one: a table of units
 * (单位名称 | 所属分组 | 别名) and, optionally, a table of groups (分组名称 | 别名) in the same sheet or in a
 * sheet of its own (`单位分组`).
 */
import { labelKey } from "./normalize.js";
import { DEFAULT_ROSTER, DEPARTMENTS_GROUP, TOWNSHIPS_GROUP, type Roster, type RosterGroup, type RosterUnit } from "./roster.js";
import { SheetReader } from "./sheetReader.js";
import type { WorkbookSnapshot } from "./snapshot.js";

export const ROSTER_SHEET = "单位名册";
export const GROUP_SHEET = "单位分组";
export const ROSTER_HEADERS = ["单位名称", "所属分组", "别名"] as const;
export const GROUP_HEADERS = ["分组名称", "别名"] as const;

type RosterField = "name" | "group" | "groups" | "aliases";
const HEADERS: Record<string, RosterField> = {
  单位名称: "name",
  单位: "name",
  单位全称: "name",
  分组名称: "group",
  分组: "groups",
  所属分组: "groups",
  类别: "groups",
  别名: "aliases",
  简称: "aliases",
  别名简称: "aliases",
};

/**
 * The seed's words for its two groups: a roster that names a group so joins the seed's group where the
 * roster uses that group's name too, and otherwise keeps its own name and answers to the seed's.
 */
const SEED_GROUP_WORDS: Record<string, string> = {
  苏木镇: TOWNSHIPS_GROUP,
  旗直单位: DEPARTMENTS_GROUP,
  旗直部门: DEPARTMENTS_GROUP,
};

const LIST_SEPARATORS = /[、，,；;\n]+/;
const list = (s: string): string[] => s.split(LIST_SEPARATORS).map((x) => x.trim()).filter((x) => x !== "");

/** The names a group answers to without being told: `乡镇` ↔ `各乡镇`. */
function autoAliases(name: string): string[] {
  return name.startsWith("各") ? [name.slice(1)] : [`各${name}`];
}

export function readRoster(workbook: WorkbookSnapshot): Roster | undefined {
  const sheets = workbook.sheets.filter((s) => [ROSTER_SHEET, GROUP_SHEET].includes(labelKey(s.name)));
  const units: RosterUnit[] = [];
  const declaredGroups: RosterGroup[] = [];
  for (const sheet of sheets) {
    const reader = new SheetReader(sheet);
    let cols: Partial<Record<RosterField, number>> | undefined;
    for (let r = 1; r <= reader.rowCount; r++) {
      const found: Partial<Record<RosterField, number>> = {};
      for (let c = 1; c <= reader.colCount; c++) {
        const f = HEADERS[labelKey(reader.own(r, c))];
        if (f && found[f] === undefined) found[f] = c;
      }
      if (found.name !== undefined || found.group !== undefined) {
        cols = found;
        continue;
      }
      if (!cols) continue;
      const at = (c: number | undefined) => (c === undefined ? "" : reader.cell(r, c).value);
      if (cols.name !== undefined) {
        const name = reader.own(r, cols.name).trim();
        if (name !== "") units.push({ name, groups: list(at(cols.groups)), aliases: list(at(cols.aliases)) });
      } else if (cols.group !== undefined) {
        const name = reader.own(r, cols.group).trim();
        if (name !== "") declaredGroups.push({ name, aliases: list(at(cols.aliases)) });
      }
    }
  }
  if (units.length === 0) return undefined;
  return rosterWithGroups(units, declaredGroups);
}

/** Groups for the units' group names: declared aliases, the seed's words, and the automatic `各…` form. */
export function rosterWithGroups(units: RosterUnit[], declared: readonly RosterGroup[] = []): Roster {
  const used = new Set([...units.flatMap((u) => u.groups), ...declared.map((g) => g.name)]);
  const rename = (g: string): string => {
    const seed = SEED_GROUP_WORDS[g];
    return seed !== undefined && used.has(seed) ? seed : g;
  };
  const named = units.map((u) => ({ ...u, groups: [...new Set(u.groups.map(rename))] }));
  const names = [...new Set([...named.flatMap((u) => u.groups), ...declared.map((g) => rename(g.name))])];
  const groups = names.map((name): RosterGroup => {
    const seedName = (Object.hasOwn(SEED_GROUP_WORDS, name) ? SEED_GROUP_WORDS[name] : undefined) ?? name;
    const seed = DEFAULT_ROSTER.groups.find((g) => g.name === seedName);
    const aliases = [
      ...declared.filter((g) => rename(g.name) === name).flatMap((g) => g.aliases),
      ...(seed && seed.name !== name ? [seed.name] : []),
      ...(seed?.aliases ?? []),
      ...autoAliases(name),
    ];
    return { name, aliases: [...new Set(aliases)].filter((a) => a !== name && !names.includes(a)) };
  });
  return { units: named, groups };
}
