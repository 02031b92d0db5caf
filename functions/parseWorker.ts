/**
 * A worker of `parsePool.ts`: judges the files it is sent, one at a time, and reports on the channel it is given
 * when it begins each one (its time counts from then) and what it found.
 */
import { parentPort, type MessagePort } from "node:worker_threads";
import { judgeFile, type JudgeInput } from "./judgeFile.js";

let reports: MessagePort | undefined;

parentPort!.on("message", (m: { reports: MessagePort } | { id: number; input: JudgeInput }) => {
  if ("reports" in m) {
    reports = m.reports;
    return;
  }
  const to = reports!;
  to.postMessage({ id: m.id, began: Date.now() });
  judgeFile(m.input).then(
    (judged) => to.postMessage({ id: m.id, judged }),
    (e: unknown) => to.postMessage({ id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
parentPort!.postMessage({ ready: true });
