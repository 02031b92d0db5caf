import { isBlank } from "../normalize.js";
import type { TaskKey } from "../taskList.js";
import type { Rule } from "./context.js";

/** Cells a task list fills that a copy must keep. */
export const FILLED: readonly TaskKey[] = ["level1", "measure", "lead", "responsible", "deadline"];

/**
 * `cell.required`: a cell the task list fills, blank once merged values are applied to every row they
 * cover. A row of no known task must at least say what it is, who answers for it and by when.
 */
export const checkRequired: Rule = (ctx) => {
  for (const { task, official } of ctx.rows) {
    const keys: TaskKey[] = official
      ? FILLED.filter((k) => official[k].trim() !== "")
      : ["measure", task.fields.responsible || !task.fields.lead ? "responsible" : "lead", "deadline"];
    for (const key of keys) {
      const f = task.fields[key];
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
