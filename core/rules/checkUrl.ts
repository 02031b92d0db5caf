import { cellAddress } from "../snapshot.js";
import type { Rule } from "./context.js";

/** `url.invalid`: every link in 佐证链接 must be a complete http(s) address. */
export function isHttpUrl(s: string): boolean {
  if (!/^https?:\/\//i.test(s)) return false;
  try {
    const u = new URL(s);
    return u.hostname.includes(".") || u.hostname === "localhost" || /^\[.*\]$/.test(u.hostname);
  } catch {
    return false;
  }
}

export const checkUrl: Rule = (ctx) => {
  const seen = new Set<string>(); // cells read (a merged cell shows in several rows)
  for (const { task } of ctx.rows) {
    const f = task.fields.evidence;
    if (!f || f.value === "" || seen.has(cellAddress(f.row, f.col))) continue;
    seen.add(cellAddress(f.row, f.col));
    const bad = f.text
      .normalize("NFKC")
      .split(/[\s,;，；、]+/)
      .filter((s) => s !== "" && !isHttpUrl(s));
    if (bad.length === 0) continue;
    ctx.report({
      code: "url.invalid",
      severity: "error",
      row: f.row,
      col: f.col,
      message: `佐证链接“${bad[0]}”不是有效网址：请填写以 http:// 或 https:// 开头的完整链接（多个链接用换行分隔）。`,
    });
  }
};
