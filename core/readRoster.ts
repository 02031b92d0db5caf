/**
 * A roster the coordinator supplies as a `单位名册` sheet replaces the default one: a table of units
 * (单位名称 | 所属分组 | 别名 | 邮箱) and, optionally, a table of groups (分组名称 | 别名) in the same sheet or in a
 * sheet of its own (`单位分组`). A `联络人表` sheet beside it (单位 | 姓名 | 邮箱) adds its people's addresses to
 * their units' (SPEC §9).
 */
import { labelKey } from "./normalize.js";
import { DEFAULT_ROSTER, DEPARTMENTS_GROUP, RosterIndex, TOWNSHIPS_GROUP, type Roster, type RosterGroup, type RosterUnit } from "./roster.js";
import { readEmailCell, unitWithEmails } from "./rosterEmails.js";
import { SheetReader } from "./sheetReader.js";
import type { WorkbookSnapshot } from "./snapshot.js";

export const ROSTER_SHEET = "单位名册";
export const GROUP_SHEET = "单位分组";
export const ROSTER_HEADERS = ["单位名称", "所属分组", "别名"] as const;
export const GROUP_HEADERS = ["分组名称", "别名"] as const;
/** The sheets that list units' people and their addresses, compared by `labelKey`. */
export const CONTACT_LIST_SHEETS = ["联络人表", "联络人", "联系人表"] as const;

/** A 邮箱 column's header: in 单位名册 and in 联络人表 alike (compared by `labelKey`, in lower case). */
const EMAIL_HEADERS = ["邮箱", "电子邮箱", "邮件地址", "电子邮件", "电子邮件地址", "邮箱地址", "联系邮箱", "e-mail", "email"];

type RosterField = "name" | "group" | "groups" | "aliases" | "emails";
const HEADERS: Record<string, RosterField> = {
  ...Object.fromEntries(EMAIL_HEADERS.map((h) => [h, "emails" as const])),
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

/** A header cell's key: `labelKey`, and `E-mail` is `e-mail`. */
const headerKey = (text: string): string => labelKey(text).toLowerCase();

const LIST_SEPARATORS = /[、，,；;\n]+/;
const list = (s: string): string[] => s.split(LIST_SEPARATORS).map((x) => x.trim()).filter((x) => x !== "");

/** The names a group answers to without being told: `乡镇` ↔ `各乡镇`. */
function autoAliases(name: string): string[] {
  return name.startsWith("各") ? [name.slice(1)] : [`各${name}`];
}

/** What a roster workbook holds that was left out, for the coordinator: an address that is none, a 联络人 of no unit. */
export type RosterSheetProblem = {
  sheet: string;
  row: number;
  /** A sentence for the coordinator, saying where and what. */
  message: string;
} & (
  | { code: "roster.email-malformed"; unit: string; value: string }
  | { code: "roster.contact-unit-unknown"; unit: string; emails: string[] }
  | { code: "roster.contact-no-unit-column" }
);

export interface RosterReading {
  /** `undefined` when the workbook has no 单位名册 sheet with a unit in it. */
  roster: Roster | undefined;
  problems: RosterSheetProblem[];
}

/** The roster a workbook's 单位名册 sheet gives (`readRosterReport`), without what was left out. */
export function readRoster(workbook: WorkbookSnapshot): Roster | undefined {
  return readRosterReport(workbook).roster;
}

/**
 * The roster a workbook's 单位名册 (and 单位分组) sheet gives, with the addresses its 邮箱 column and its 联络人表
 * list, and what was left out: a 邮箱 cell that holds no address (the rest of the roster is read all the same — a
 * column of notes that loaded before still loads), a 联络人表 row whose unit the roster does not know.
 */
export function readRosterReport(workbook: WorkbookSnapshot): RosterReading {
  const problems: RosterSheetProblem[] = [];
  const sheets = workbook.sheets.filter((s) => [ROSTER_SHEET, GROUP_SHEET].includes(labelKey(s.name)));
  const units: RosterUnit[] = [];
  const declaredGroups: RosterGroup[] = [];
  for (const sheet of sheets) {
    const reader = new SheetReader(sheet);
    let cols: Partial<Record<RosterField, number>> | undefined;
    for (let r = 1; r <= reader.rowCount; r++) {
      const found: Partial<Record<RosterField, number>> = {};
      for (let c = 1; c <= reader.colCount; c++) {
        const f = HEADERS[headerKey(reader.own(r, c))];
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
        if (name === "") continue;
        const unit: RosterUnit = { name, groups: list(at(cols.groups)), aliases: list(at(cols.aliases)) };
        const { emails, malformed } = readEmailCell(at(cols.emails));
        for (const value of malformed) problems.push(malformedEmail(sheet.name, r, name, value));
        units.push(emails.length > 0 ? { ...unit, emails } : unit);
      } else if (cols.group !== undefined) {
        const name = reader.own(r, cols.group).trim();
        if (name !== "") declaredGroups.push({ name, aliases: list(at(cols.aliases)) });
      }
    }
  }
  if (units.length === 0) return { roster: undefined, problems };
  const roster = rosterWithGroups(units, declaredGroups);
  return { roster: withContactEmails(roster, workbook, problems), problems };
}

const malformedEmail = (sheet: string, row: number, unit: string, value: string): RosterSheetProblem => ({
  code: "roster.email-malformed",
  sheet,
  row,
  unit,
  value,
  message: `${sheet}第 ${row} 行${unit === "" ? "" : `（${unit}）`}的邮箱“${value.length > 40 ? `${value.slice(0, 40)}…` : value}”不像邮箱地址，未采用：请写成 name@example.gov.cn 的样子，多个地址用顿号或分号隔开。`,
});

/** A 联络人表's columns this reads (its 姓名, 职务, 电话 are the person's, not the roster's). */
type ContactField = "unit" | "emails";
const CONTACT_HEADERS: Record<string, ContactField> = {
  ...Object.fromEntries(EMAIL_HEADERS.map((h) => [h, "emails" as const])),
  单位: "unit",
  单位名称: "unit",
  单位全称: "unit",
  所在单位: "unit",
};

/**
 * The roster with the addresses of the workbook's 联络人表 (单位 | 姓名 | 邮箱; a unit cell may be merged over its
 * people) added to their units: a unit named by its name, an alias or its full name is the roster's; a row whose
 * unit the roster does not know (or a group) is left out and said.
 */
function withContactEmails(roster: Roster, workbook: WorkbookSnapshot, problems: RosterSheetProblem[]): Roster {
  const sheets = workbook.sheets.filter((s) => (CONTACT_LIST_SHEETS as readonly string[]).includes(labelKey(s.name)));
  if (sheets.length === 0) return roster;
  // made only for a sheet that lists addresses: every unit's copy of a template carries a 联络人 sheet, without any
  let index: RosterIndex | undefined;
  const added = new Map<string, string[]>();
  for (const sheet of sheets) {
    const reader = new SheetReader(sheet);
    let cols: Partial<Record<ContactField, number>> | undefined;
    for (let r = 1; r <= reader.rowCount; r++) {
      const found: Partial<Record<ContactField, number>> = {};
      for (let c = 1; c <= reader.colCount; c++) {
        const f = CONTACT_HEADERS[headerKey(reader.own(r, c))];
        if (f && found[f] === undefined) found[f] = c;
      }
      if (found.emails !== undefined && found.unit === undefined) {
        // addresses no unit can be found for: said once, not guessed from the person's name
        problems.push({ code: "roster.contact-no-unit-column", sheet: sheet.name, row: r, message: `${sheet.name}第 ${r} 行有邮箱列但没有“单位”列，其中的邮箱未采用：请加一列“单位”，写明每人所在单位。` });
        cols = undefined;
        continue;
      }
      if (found.emails !== undefined) {
        cols = found;
        continue;
      }
      if (!cols) continue;
      const unitText = reader.cell(r, cols.unit!).value;
      const { emails, malformed } = readEmailCell(reader.cell(r, cols.emails!).value);
      for (const value of malformed) problems.push(malformedEmail(sheet.name, r, unitText, value));
      if (emails.length === 0) continue;
      const resolved = unitText === "" ? undefined : (index ??= new RosterIndex(roster)).resolve(unitText);
      if (resolved?.kind === "unit") {
        added.set(resolved.name, [...(added.get(resolved.name) ?? []), ...emails]);
        continue;
      }
      const why =
        unitText === ""
          ? "没有写单位"
          : resolved?.kind === "group"
            ? `的单位“${unitText}”是分组，不是一个单位`
            : `的单位“${unitText}”不在单位名册中`;
      problems.push({
        code: "roster.contact-unit-unknown",
        sheet: sheet.name,
        row: r,
        unit: unitText,
        emails,
        message: `${sheet.name}第 ${r} 行${why}，其邮箱 ${emails.join("、")} 未采用：请写单位名册中的单位名称或别名。`,
      });
    }
  }
  if (added.size === 0) return roster;
  return { ...roster, units: roster.units.map((u) => unitWithEmails(u, added.get(u.name) ?? [])) };
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
