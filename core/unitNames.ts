/**
 * What a roster may call a unit: a name people can read, tell apart from every other, and find again.
 * A name that displays as another (right-to-left overrides, invisible characters), one that differs from
 * another only by spaces or width, or one too long to be a name would put a unit's reports under a name
 * nobody can see or type.
 */
import { labelKey } from "./normalize.js";
import type { Roster } from "./roster.js";

/** The longest unit or group name taken (the longest real ones, 某某自治州某某县某某乡人民政府 and the like, are under 30). */
export const MAX_NAME_CHARS = 60;

/** Control characters, format characters (bidi overrides and isolates, zero-width marks, the BOM) and line or paragraph separators. */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** `U+202E` as people can read it. */
const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** Why `name` cannot be a unit's or group's name (`what`: 单位名称, 别名…), or `undefined` when it can. */
export function nameProblem(name: string, what: string): string | undefined {
  const shown = name.length > 20 ? `${name.slice(0, 20)}…` : name;
  if (name.trim() === "") return `${what}为空：请填写名称或删去这一项。`;
  if (name.length > MAX_NAME_CHARS) return `${what}“${shown}”有 ${name.length} 个字符，超过 ${MAX_NAME_CHARS} 个：这不像单位名称，请核对。`;
  const hidden = INVISIBLE.exec(name);
  if (hidden) return `${what}“${shown.replace(INVISIBLE, "")}”含有看不见的字符 ${codePoint(hidden[0])}（控制符或改变文字方向的符号），显示出来会像另一个名称：请删去后重新输入。`;
  if (name !== name.trim()) return `${what}“${name.trim()}”前后有空格：请删去空格。`;
  return undefined;
}

/**
 * Every problem of a roster's names, each a sentence for the coordinator (empty when there is none): names and
 * aliases as `nameProblem` says, two that differ only by spaces, full or half width (one unit twice), and an alias
 * that is another unit's or group's name.
 */
export function rosterProblems(roster: Roster): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const check = (name: string, what: string, distinct: boolean) => {
    const p = nameProblem(name, what);
    if (p) return void problems.push(p);
    if (!distinct) return;
    const key = labelKey(name);
    const before = seen.get(key);
    if (before === name) problems.push(`“${name}”在名册中出现了两次：请只保留一个。`);
    else if (before !== undefined) problems.push(`“${before}”和“${name}”只差空格或全角半角，会被当作两个单位：请只保留一个，另一个写作别名。`);
    else seen.set(key, name);
  };
  for (const u of roster.units) {
    check(u.name, "单位名称", true);
    for (const a of u.aliases) check(a, `“${u.name}”的别名`, false);
    for (const g of u.groups) check(g, `“${u.name}”的所属分组`, false);
  }
  for (const g of roster.groups) {
    check(g.name, "分组名称", true);
    for (const a of g.aliases) check(a, `分组“${g.name}”的别名`, false);
  }
  // an alias that is another unit's (or group's) name, or that another one has too, would file one unit's table under the other
  const aliasOf = new Map<string, string>();
  for (const u of [...roster.units, ...roster.groups]) {
    for (const a of u.aliases) {
      const key = labelKey(a);
      const other = seen.get(key);
      const sharer = aliasOf.get(key);
      if (other !== undefined && other !== u.name) problems.push(`“${u.name}”的别名“${a}”是名册中另一个${roster.units.some((x) => x.name === other) ? "单位" : "分组"}“${other}”的名称：请删去这个别名。`);
      else if (sharer !== undefined && sharer !== u.name) problems.push(`“${sharer}”和“${u.name}”都用“${a}”作别名，无法确定指哪一个：请只留给其中一个。`);
      else aliasOf.set(key, u.name);
    }
  }
  return problems;
}

/** A name read from a published table's cell, without the invisible characters copy and paste brings along. */
export function visibleName(name: string): string {
  return name.replace(new RegExp(INVISIBLE.source, "gu"), "").trim();
}
