import { isBlank } from "../normalize.js";
import type { OfficialTask, TaskKey } from "../taskList.js";
import type { Rule } from "./context.js";

/** Cells a task list fills that a copy must keep. */
export const FILLED: readonly TaskKey[] = ["level1", "measure", "lead", "responsible", "deadline"];
/** What a row of no known task must say: its measure, who (responsible, else lead) and by when. */
const OWN_RESPONSIBLE: TaskKey[] = ["measure", "responsible", "deadline"];
const OWN_LEAD: TaskKey[] = ["measure", "lead", "deadline"];

/**
 * `cell.required`: a cell the task list fills, blank once merged values are applied to every row they
 * cover. A row of no known task must at least say what it is, who answers for it and by when.
 */
export const checkRequired: Rule = (ctx) => {
  const filled = new Map<OfficialTask, TaskKey[]>(); // a task's filled cells, once per task (thousands of rows may be one task)
  for (const { task, official } of ctx.rows) {
    const fields = task.fields;
    let keys = official && filled.get(official);
    if (official && !keys) filled.set(official, (keys = FILLED.filter((k) => official[k].trim() !== "")));
    keys ||= fields.responsible || !fields.lead ? OWN_RESPONSIBLE : OWN_LEAD;
    for (const key of keys) {
      const f = fields[key];
      if (!f || !isBlank(f.text)) continue;
      const name = ctx.header(key);
      ctx.report({
        code: "cell.required",
        severity: "error",
        row: f.row,
        col: f.col,
        message: official
          ? `“${name}”为空：下发的任务分解表此处为“${official[key].length > 30 ? `${official[key].slice(0, 30)}…` : official[key]}”，请按原文填写（同一内容跨多行的，可合并单元格）。`
          : `“${name}”为空：请填写${name}；同一内容跨多行的，可合并单元格。`,
        params: { column: key, ...(official ? { expected: official[key] } : {}) },
        ...(official ? { fix: { value: official[key], label: "按下发的原文填写" } } : {}),
      });
    }
  }
};
