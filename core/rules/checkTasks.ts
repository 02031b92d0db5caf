/** `task.missing` and `task.altered`: the copy against the task list in use. */
import { UNIT_COLUMNS, type ColumnKey } from "../columns.js";
import { labelKey, sameSentence } from "../normalize.js";
import type { RosterIndex } from "../roster.js";
import { TASK_KEYS, hasColumn, type OfficialTask, type TaskKey } from "../taskList.js";
import { FILLED } from "./checkRequired.js";
import type { RuleContext } from "./context.js";

const SHORT = 40;
const short = (s: string): string => (s.length <= SHORT ? s : `${s.slice(0, SHORT)}…`);

/** Whether two unit cells name the same units (in any order or wording the roster knows). */
function sameUnits(roster: RosterIndex, a: string, b: string): boolean {
  const x = roster.unitsNamedIn(a);
  const y = roster.unitsNamedIn(b);
  if (x.size === 0 && y.size === 0) return labelKey(a) === labelKey(b);
  if (x.size !== y.size) return false;
  for (const u of x) if (!y.has(u)) return false;
  return true;
}

/** Whether a copy's cell says what the task list's does, as that column is compared. */
function same(roster: RosterIndex, key: TaskKey, a: string, b: string): boolean {
  return (UNIT_COLUMNS as readonly ColumnKey[]).includes(key) ? sameUnits(roster, a, b) : key === "deadline" ? labelKey(a) === labelKey(b) : sameSentence(a, b);
}

export function checkTasks(
  ctx: RuleContext,
  missing: readonly OfficialTask[],
  /** The indices of the rows a task was found for, in order (`matchRows`): only those are compared. */
  matchedRows: readonly number[],
): void {
  const { table, rows, roster } = ctx;
  const checked = new Set<string>();
  for (const i of matchedRows) {
    const a = rows[i]!;
    const o = a.official;
    if (!o) continue;
    for (const key of TASK_KEYS) {
      const f = a.task.fields[key];
      if (!f || !ctx.tasks || !hasColumn(ctx.tasks, key)) continue;
      const cell = `${f.row}:${f.col}`;
      if (checked.has(cell)) continue;
      checked.add(cell);
      if (same(roster, key, f.text, o[key])) continue;
      if (f.value === "" && FILLED.includes(key)) continue; // cell.required says it
      const name = ctx.header(key);
      ctx.report({
        code: "task.altered",
        severity: "warning",
        row: f.row,
        col: f.col,
        message: `“${name}”与下发的任务分解表不一致：应为“${short(o[key]) || "（空）"}”，这里是“${short(f.value) || "（空）"}”。请改回原文（可一键修复）；确需调整的，请联系汇总人修改任务清单。`,
        params: { column: key, expected: o[key], actual: f.text, taskId: o.id },
        fix: { value: o[key], label: `恢复为下发的原文` },
      });
    }
  }

  // A missing task is reported where it belongs: on the row of the next task the copy has, else below the table.
  const rowOfTask = new Map<string, number>();
  for (const i of matchedRows) {
    const a = rows[i]!;
    if (a.official) rowOfTask.set(a.official.id, a.task.row);
  }
  const list = ctx.tasks?.tasks ?? [];
  const lastRow = rows.at(-1)?.task.row ?? table.headerRow;
  const col = table.columns.measure ?? Math.min(...Object.values(table.columns));
  for (const t of missing) {
    const after = list.slice(list.indexOf(t) + 1).find((n) => rowOfTask.has(n.id));
    const units = [t.lead, t.responsible].filter((x) => x !== "").join("；");
    ctx.report({
      code: "task.missing",
      severity: "error",
      row: after ? rowOfTask.get(after.id)! : lastRow,
      col,
      message: `缺少任务“${t.label}”（任务清单第${list.indexOf(t) + 1}项：${short(t.measure)}${units ? `；${units}` : ""}）：请从下发的任务分解表中把这一行复制回来，不要删除任务行；与本单位无关的行保留即可。`,
      task: { id: t.id, label: t.label },
      params: { taskId: t.id, label: t.label },
    });
  }
}
