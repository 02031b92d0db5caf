/** A worker of `parsePool.ts`: judges the files it is sent, one at a time. */
import { parentPort } from "node:worker_threads";
import { judgeFile, type JudgeInput } from "./judgeFile.js";

parentPort!.on("message", (m: { id: number; input: JudgeInput }) => {
  judgeFile(m.input).then(
    (judged) => parentPort!.postMessage({ id: m.id, judged }),
    (e: unknown) => parentPort!.postMessage({ id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
parentPort!.postMessage({ ready: true });
