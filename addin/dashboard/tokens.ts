/**
 * Tokens for the roster's units: issued on request, their secrets shown this once and downloadable as tokens.txt,
 * forgotten on 收起 — never stored, never shown again.
 */
import { escapeCloses } from "../a11y.js";
import { $, el, fail, say } from "./page.js";
import { request, type RoundTasks } from "./service.js";
import { ROSTER_SOURCE } from "./setup.js";

/** What `POST /api/tokens` answers: the secrets of the units given one now (shown this once), the units that had one. */
interface IssuedTokens {
  issued: { unit: string; token: string }[];
  existing: string[];
  rosterSource?: RoundTasks["rosterSource"];
}
/** The secrets on screen, until 收起: never stored, never shown again. */
let issued: IssuedTokens["issued"] = [];

function showIssued(answer: IssuedTokens): void {
  issued = answer.issued;
  const roster = answer.rosterSource ? `（${ROSTER_SOURCE[answer.rosterSource]}）` : "";
  const had = answer.existing.length ? `${answer.existing.length}个单位已有有效令牌，未重发：${answer.existing.join("、")}。` : "";
  $("issued-summary").textContent = issued.length ? `为名册${roster}中的${issued.length}个单位签发了令牌。${had}` : `名册${roster}中的单位都已有有效令牌，没有新签发。${had}`;
  $("issued-table").querySelector("tbody")!.replaceChildren(...issued.map((t) => el("tr", {}, el("th", { scope: "row", textContent: t.unit }), el("td", { textContent: t.token }))));
  $("issued-table").closest(".scroll")!.toggleAttribute("hidden", issued.length === 0);
  $<HTMLButtonElement>("download-tokens").hidden = issued.length === 0;
  $("issued").querySelector(".secret")!.toggleAttribute("hidden", issued.length === 0);
  $("issued").hidden = false;
  $("issued-title").focus();
}

function closeIssued(): void {
  issued = [];
  $("issued-table").querySelector("tbody")!.replaceChildren();
  $("issued").hidden = true;
  $("issue-tokens").focus();
}

/** 签发, download, 收起, Esc. */
export function wireTokens(): void {
  $("issue-tokens").addEventListener("click", () => {
    const button = $<HTMLButtonElement>("issue-tokens");
    button.disabled = true;
    void request("/api/tokens", { method: "POST" })
      .then((r) => r.json() as Promise<IssuedTokens>)
      .then((answer) => {
        showIssued(answer);
        say(answer.issued.length ? `已签发${answer.issued.length}个令牌：只显示这一次，请下载 tokens.txt。` : "名册中的单位都已有有效令牌，没有新签发。");
      })
      .catch(fail)
      .finally(() => (button.disabled = false));
  });
  $("download-tokens").addEventListener("click", () => {
    // as npm start writes it: one `单位<TAB>令牌` a line
    const text = issued.map((t) => `${t.unit}\t${t.token}\n`).join("");
    const href = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const a = el("a", { href, download: "tokens.txt" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000); // the secrets do not stay in the page's memory
  });
  $("issued-close").addEventListener("click", closeIssued);
  escapeCloses($("issued"), closeIssued);
}
