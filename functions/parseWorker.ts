/**
 * A worker of `parsePool.ts`: does the tasks it is sent (`poolTasks.ts`), one at a time, and reports on the channel
 * it is given when it begins each one (its time counts from then) and what came of it.
 */
import { parentPort, type MessagePort } from "node:worker_threads";
import { WorkbookError } from "../workbook/index.js";
import { runTask, type PoolTask } from "./poolTasks.js";

let reports: MessagePort | undefined;

parentPort!.on("message", (m: { reports: MessagePort } | { id: number; task: PoolTask }) => {
  if ("reports" in m) {
    reports = m.reports;
    return;
  }
  const to = reports!;
  to.postMessage({ id: m.id, began: Date.now() });
  runTask(m.task).then(
    (value) => to.postMessage({ id: m.id, value }),
    (e: unknown) =>
      to.postMessage(
        e instanceof WorkbookError ? { id: m.id, refused: { kind: e.kind, message: e.message } } : { id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) },
      ),
  );
});
parentPort!.postMessage({ ready: true });
