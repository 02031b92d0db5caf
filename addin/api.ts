/** The task pane's client of the sync function (CONTRACT §5), with errors in plain words. */
import type { Finding, Ledger, Review, Roster, Summary, TaskList } from "../core/index.js";

export interface Receipt {
  submission: { id: string; unit: string; round: string; receivedAt: string; sha256: string };
  summary: Summary | null;
  duplicate?: boolean;
}

export type SubmitOutcome =
  | { kind: "accepted"; receipt: Receipt }
  | { kind: "rejected"; message: string; findings: Finding[]; receipt: Receipt }
  | { kind: "refused"; message: string };

/** A failure to reach the server or a refusal, said so that a person knows what to do. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** A picked file that is no workbook, or a damaged one: trying again will not help, the message says what will. */
export class UnreadableFileError extends ApiError {}

const PLAIN: Record<number, string> = {
  401: "令牌无效或已作废：请在“设置”中填写汇总人发给本单位的令牌。",
  403: "没有权限：这个令牌不能做这件事。",
  404: "服务器地址不对：请检查“设置”中的服务器地址。",
  413: "文件太大，超过了服务器的上限。",
  415: "服务器认为这不是 Excel 工作簿（.xlsx）。",
  503: "服务器的存储暂时不可用：请稍后再试。",
};

async function call(server: string, path: string, init: RequestInit): Promise<Response> {
  const base = server.trim().replace(/\/+$/, "");
  if (!/^https?:\/\//.test(base)) throw new ApiError("请先在“设置”中填写服务器地址（以 http:// 或 https:// 开头）。");
  try {
    return await fetch(`${base}${path}`, init);
  } catch {
    throw new ApiError(`无法连接服务器 ${base}：请检查网络，或确认服务器地址是否正确。`);
  }
}

async function bodyOf(r: Response): Promise<{ message?: string; [k: string]: unknown }> {
  try {
    return (await r.json()) as { message?: string };
  } catch {
    return {};
  }
}

export async function submitWorkbook(server: string, token: string, round: string, bytes: Uint8Array): Promise<SubmitOutcome> {
  if (token.trim() === "") throw new ApiError("请先在“设置”中填写本单位的令牌。");
  const r = await call(server, `/api/submissions?round=${encodeURIComponent(round)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token.trim()}`, "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    body: bytes as BodyInit,
  });
  const body = await bodyOf(r);
  if (r.status === 200 || r.status === 201) return { kind: "accepted", receipt: body as unknown as Receipt };
  if (r.status === 422) return { kind: "rejected", message: body.message ?? "校验未通过", findings: (body.findings as Finding[]) ?? [], receipt: body as unknown as Receipt };
  if (r.status === 400 || r.status === 403 || r.status === 413 || r.status === 415) return { kind: "refused", message: body.message ?? PLAIN[r.status] ?? `服务器拒绝（${r.status}）` };
  throw new ApiError(body.message ?? PLAIN[r.status] ?? `服务器出错（${r.status}）：请稍后再试。`, r.status);
}

export async function fetchLedger(server: string, token: string, round: string): Promise<Ledger> {
  if (token.trim() === "") throw new ApiError("请先在“设置”中填写汇总人令牌。");
  const r = await call(server, `/api/ledger?round=${encodeURIComponent(round)}&format=json`, { headers: { authorization: `Bearer ${token.trim()}` } });
  if (r.status === 403) throw new ApiError("这不是汇总人令牌：只有汇总人可以拉取汇总台账。", 403);
  if (!r.ok) {
    const body = await bodyOf(r);
    throw new ApiError(body.message ?? PLAIN[r.status] ?? `服务器出错（${r.status}）`, r.status);
  }
  return (await r.json()) as Ledger;
}

/** What the server checks this round against: its task list, and the roster when the coordinator gave one. */
export interface RoundConfig {
  /**
   * The coordinator's task list; `undefined` while the server has none but the built-in sample (a copy is then
   * checked as the server checks it: against the sample only when it is the sample itself).
   */
  tasks: TaskList | undefined;
  /** `undefined` where the server has no roster of its own (the seed's, or the one the task list implies). */
  roster: Roster | undefined;
  /** The unit the token speaks for (the server files a submission under it); `undefined` for a coordinator's token. */
  unit: string | undefined;
}

export async function fetchRoundConfig(server: string, token: string, round: string): Promise<RoundConfig> {
  const auth = { headers: { authorization: `Bearer ${token.trim()}` } };
  const q = `round=${encodeURIComponent(round)}`;
  const [t, r] = await Promise.all([call(server, `/api/tasks?${q}&format=json`, auth), call(server, `/api/roster?${q}`, auth)]);
  for (const res of [t, r]) if (!res.ok) throw new ApiError((await bodyOf(res)).message ?? PLAIN[res.status] ?? `服务器出错（${res.status}）`, res.status);
  const tasks = (await t.json()) as TaskList;
  const roster = (await r.json()) as Roster & { source: string; you?: { role: string; unit?: string } };
  return {
    unit: roster.you?.role === "unit" ? roster.you.unit : undefined,
    tasks: tasks.source === "built-in" ? undefined : tasks,
    roster: roster.source === "uploaded" || roster.source === "settings" ? { units: roster.units, groups: roster.groups } : undefined,
  };
}

/** The unit's template of the round's task list (.xlsx bytes). */
export async function fetchTemplate(server: string, token: string, round: string): Promise<Uint8Array> {
  if (token.trim() === "") throw new ApiError("请先在“设置”中填写本单位的令牌。");
  const r = await call(server, `/api/template?round=${encodeURIComponent(round)}`, { headers: { authorization: `Bearer ${token.trim()}` } });
  if (!r.ok) throw new ApiError((await bodyOf(r)).message ?? PLAIN[r.status] ?? `服务器出错（${r.status}）`, r.status);
  return new Uint8Array(await r.arrayBuffer());
}

/** The coordinator's decisions in force on the token's own items this round (a unit token sees only its own). */
export async function fetchReviews(server: string, token: string, round: string): Promise<Review[]> {
  const r = await call(server, `/api/reviews?round=${encodeURIComponent(round)}`, { headers: { authorization: `Bearer ${token.trim()}` } });
  if (!r.ok) throw new ApiError((await bodyOf(r)).message ?? PLAIN[r.status] ?? `服务器出错（${r.status}）`, r.status);
  return ((await r.json()) as { inForce: Review[] }).inForce;
}
