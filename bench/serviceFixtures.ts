/** Shared by the service benchmarks: a roster of many units, and one real report to store for each. */
import { DEFAULT_ROSTER, type Roster } from "../core/index.js";

export const unitName = (i: number) => `旗测试单位${String(i + 1).padStart(4, "0")}`;

export function bigRoster(units: number): Roster {
  return {
    units: [...DEFAULT_ROSTER.units, ...Array.from({ length: units }, (_, i) => ({ name: unitName(i), groups: ["旗直各单位"], aliases: [] }))],
    groups: DEFAULT_ROSTER.groups,
  };
}
