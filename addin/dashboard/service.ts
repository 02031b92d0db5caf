/**
 * Talking to the service as the coordinator: every request carries the token, says a refusal, an unreachable server
 * or a server error in one wording, and files come down as downloads; with the shapes of the answers the board is
 * drawn from.
 */
import { ApiError } from "../api.js";
import { forgetLedgers } from "./closedMonths.js";
import { fields } from "./fields.js";

export interface UnitStatus {
  unit: string;
  submitted: boolean;
  receivedAt: string | null;
  errors: number;
  warnings: number;
  latestId: string | null;
  attempts: number;
  lastAttempt: { id: string; receivedAt: string; outcome: string; reason: string; reasons: string[] } | null;
  history: { id: string; receivedAt: string; outcome: string }[];
}
/** Counts made against the built-in sample (no task list given for the round) say so. */
type TasksSource = "built-in" | "file";

export interface Status {
  round: string;
  tasksSource: TasksSource;
  units: UnitStatus[];
  missingUnits: string[];
  refused: { id: string; uploader: string; receivedAt: string; reason: string }[];
}

export interface RoundTasks {
  title: string;
  source: "built-in" | "file";
  from: string | null;
  rosterSource: "uploaded" | "settings" | "task-list" | "built-in";
  tasks: unknown[];
}

/** `GET /api/rounds`: the months units may submit to, each with why, and those the coordinator closed. */
export interface Months {
  open: { round: string; why: string[]; label: string }[];
  closed: string[];
}

/** One wording per failure, whatever the request. */
export const REFUSALS: Record<number, string> = {
  401: "令牌无效或已作废：请填写汇总人令牌（npm start 时写在数据文件夹的 tokens.txt 中“汇总人”一行）。",
  403: "这不是汇总人令牌：看板只对汇总人开放。",
};

export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const base = fields.server.value.trim().replace(/\/+$/, "");
  const token = fields.token.value.trim();
  if (token === "") throw new ApiError(REFUSALS[401]!);
  // a decision, an upload or a month opened may change any month's ledger
  if ((init.method ?? "GET") !== "GET") forgetLedgers();
  let r: Response;
  try {
    r = await fetch(`${base}${path}`, { ...init, headers: { ...(init.headers ?? {}), authorization: `Bearer ${token}` } });
  } catch (e) {
    // a refresh superseded by another (the month changed): not a network fault
    if (init.signal?.aborted) throw e;
    throw new ApiError(`无法连接服务器 ${base}：请检查网络或服务器地址。`);
  }
  if (REFUSALS[r.status]) throw new ApiError(REFUSALS[r.status]!, r.status);
  if (!r.ok) {
    const body = (await r.json().catch(() => ({}))) as { message?: unknown };
    throw new ApiError(typeof body.message === "string" ? body.message : `服务器出错（${r.status}）：请稍后再试。`, r.status);
  }
  return r;
}
export const getJson = async <T>(path: string, signal?: AbortSignal): Promise<T> => (await request(path, signal ? { signal } : {})).json() as Promise<T>;

export async function download(path: string, name: string): Promise<void> {
  const blob = await (await request(path)).blob();
  const a = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
}
