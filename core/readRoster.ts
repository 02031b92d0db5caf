/** A roster the coordinator supplies as a `单位名册` sheet replaces the default one. */
import { labelKey } from "./normalize.js";
import { DEFAULT_ROSTER, DEPARTMENTS_GROUP, TOWNSHIPS_GROUP, type Roster, type RosterUnit } from "./roster.js";
import { SheetReader } from "./sheetReader.js";
import type { WorkbookSnapshot } from "./snapshot.js";

export const ROSTER_SHEET = "单位名册";
export const ROSTER_HEADERS = ["单位名称", "所属分组", "别名"] as const;

type RosterField = "name" | "groups" | "aliases";
const HEADERS: Record<string, RosterField> = {
  单位名称: "name",
  单位: "name",
  所属分组: "groups",
  分组: "groups",
  类别: "groups",
  别名: "aliases",
  简称: "aliases",
};

const GROUP_WORDS: Record<string, string> = {
  苏木镇: TOWNSHIPS_GROUP,
  乡镇: TOWNSHIPS_GROUP,
  旗直单位: DEPARTMENTS_GROUP,
  旗直部门: DEPARTMENTS_GROUP,
};

const LIST_SEPARATORS = /[、，,；;\n]+/;
const list = (s: string): string[] => s.split(LIST_SEPARATORS).map((x) => x.trim()).filter((x) => x !== "");

/** The roster in the workbook's `单位名册` sheet, or `undefined` when it has none (or it is empty). */
export function readRoster(workbook: WorkbookSnapshot): Roster | undefined {
  const sheet = workbook.sheets.find((s) => labelKey(s.name) === ROSTER_SHEET);
  if (!sheet) return undefined;
  const reader = new SheetReader(sheet);
  for (let r = 1; r <= Math.min(reader.rowCount, 20); r++) {
    const cols: Partial<Record<RosterField, number>> = {};
    for (let c = 1; c <= reader.colCount; c++) {
      const f = HEADERS[labelKey(reader.own(r, c))];
      if (f && cols[f] === undefined) cols[f] = c;
    }
    if (cols.name === undefined) continue;
    const units: RosterUnit[] = [];
    for (let rr = r + 1; rr <= reader.rowCount; rr++) {
      const name = reader.own(rr, cols.name).trim();
      if (name === "") continue;
      const groups = cols.groups ? list(reader.cell(rr, cols.groups).text).map((g) => GROUP_WORDS[g] ?? g) : [];
      const aliases = cols.aliases ? list(reader.own(rr, cols.aliases)) : [];
      units.push({ name, groups, aliases });
    }
    if (units.length === 0) return undefined;
    const groupNames = [...new Set(units.flatMap((u) => u.groups))];
    return {
      units,
      groups: groupNames.map((name) => ({
        name,
        aliases: DEFAULT_ROSTER.groups.find((g) => g.name === name)?.aliases ?? [],
      })),
    };
  }
  return undefined;
}
