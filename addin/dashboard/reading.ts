/**
 * The reading panel's buttons: 查看读取结果 opens how the month's task list was read, 保存更正 sends the
 * coordinator's corrections and draws the answer, 收起 and Esc close it; the reading on screen is what the
 * corrections build on (the panel itself is drawn by ../dashboardReading.ts).
 */
import { escapeCloses } from "../a11y.js";
import { correctionsOf, keepPhrasesInStep, renderReading, type ReadingAnswer } from "../dashboardReading.js";
import { fields } from "./fields.js";
import { refresh } from "./load.js";
import { $, fail, say } from "./page.js";
import { getJson, request } from "./service.js";

/** The reading on screen, and the corrections it was made with (what 保存更正 builds on). */
let reading: ReadingAnswer | undefined;

export function showReading(answer: ReadingAnswer): void {
  reading = answer;
  renderReading(document, answer);
  $("reading").hidden = false;
}

/** Another month may use another list: its reading is asked for anew. */
export function forgetReading(): void {
  reading = undefined;
  $("reading").hidden = true;
}

function closeReading(): void {
  $("reading").hidden = true;
  $("show-reading").focus();
}

/** 查看读取结果, 收起, Esc, 保存更正. */
export function wireReading(): void {
  keepPhrasesInStep(document);
  $("show-reading").addEventListener("click", () =>
    void getJson<ReadingAnswer>(`/api/mapping?round=${encodeURIComponent(fields.round.value)}`)
      .then((answer) => {
        showReading(answer);
        $("reading-title").focus(); // the keyboard goes to what opened; Esc or 收起 brings it back
      })
      .catch(fail),
  );
  $("reading-close").addEventListener("click", closeReading);
  escapeCloses($("reading"), closeReading);
  $("save-mapping").addEventListener("click", () => {
    if (!reading) return;
    const mapping = correctionsOf(document, reading.mapping);
    const save = $<HTMLButtonElement>("save-mapping");
    save.disabled = true;
    void request(`/api/mapping?round=${encodeURIComponent(fields.round.value)}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(mapping) })
      .then((r) => r.json() as Promise<ReadingAnswer>)
      .then(async (answer) => {
        showReading(answer);
        await refresh();
        const left = answer.report.tasks.filter((t) => t.noUnit).length;
        say(`已保存更正（${answer.from}起的任务清单）：读出任务${answer.report.tasks.length}项，${left ? `仍有${left}项读不出单位` : "每项任务都有单位"}。`);
      })
      .catch(fail)
      .finally(() => {
        save.disabled = false;
        save.focus(); // the panel was drawn anew: the keyboard stays on 保存更正
      });
  });
}
