/**
 * The setup's files: the task list and the roster uploaded (the board drawn again, and the task list's reading
 * shown), and the month's blank template downloaded.
 */
import { needsLook, type ReadingAnswer } from "../dashboardReading.js";
import { fields } from "./fields.js";
import { refresh } from "./load.js";
import { $, fail, say } from "./page.js";
import { showReading } from "./reading.js";
import { download, request } from "./service.js";

function upload(input: string, path: () => string, done: (body: Record<string, unknown>) => string): void {
  const field = $<HTMLInputElement>(input);
  field.addEventListener("change", () => {
    const file = field.files?.[0];
    if (!file) return;
    void file
      .arrayBuffer()
      .then((body) => request(path(), { method: "PUT", body }))
      .then((r) => r.json() as Promise<Record<string, unknown>>)
      .then(async (body) => {
        await refresh();
        say(done(body));
      })
      .catch(fail)
      .finally(() => (field.value = ""));
  });
}

/** The task list, the roster, the template. */
export function wireUploads(): void {
  upload("upload-tasks", () => `/api/tasks?round=${encodeURIComponent(fields.round.value)}`, (b) => {
    const warnings = Array.isArray(b.warnings) && b.warnings.length > 0 ? ` 注意：${(b.warnings as string[]).join("；")}` : "";
    const report = b.report as ReadingAnswer["report"];
    showReading({ round: String(b.round), from: String(b.round), mapping: report.mapping, report });
    const look = report.tasks.filter(needsLook).length;
    return `已采用任务清单“${String(b.title ?? "")}”（${String(b.tasks)}项），本月及以后各月都按它校验和汇总。${look ? `有${look}项任务读不出单位或时限，请在下方“读取结果”中确认。` : "读取结果见下方。"}${warnings}`;
  });
  upload("upload-roster", () => "/api/roster", (b) => `已采用单位名册（${String(b.units)}个单位）。`);
  $("download-template").addEventListener("click", () =>
    void download(`/api/template?round=${encodeURIComponent(fields.round.value)}`, `任务分解表-${fields.round.value}.xlsx`).catch(fail),
  );
}
