/**
 * The 通报 as a Word document: 下载通报（Word） for the month shown, and the letterhead it is laid out in (通报版头设置,
 * folded under the 通报): 发文机关, 发文字号, 主送, 抄送, 印发机关 and how the date is written, set once and kept by the
 * service for that month and the later ones. What is not set shows as the document will have it (placeholders).
 */
import { LETTERHEAD_LABELS, type Letterhead, type ResolvedLetterhead } from "../../core/index.js";
import { fields } from "./fields.js";
import { $, fail, say } from "./page.js";
import { download, getJson, request } from "./service.js";

interface LetterheadAnswer {
  round: string;
  from: string | null;
  letterhead: Letterhead;
  resolved: ResolvedLetterhead;
}

const TEXT_FIELDS = { issuer: "lh-issuer", number: "lh-number", to: "lh-to", cc: "lh-cc", printer: "lh-printer" } as const;
const input = (key: keyof typeof TEXT_FIELDS) => $<HTMLInputElement>(TEXT_FIELDS[key]);
const monthText = (round: string) => `${round.slice(0, 4)}年${Number(round.slice(5, 7))}月`;
const round = () => fields.round.value;

function show(a: LetterheadAnswer): void {
  for (const key of Object.keys(TEXT_FIELDS) as (keyof typeof TEXT_FIELDS)[]) {
    input(key).value = a.letterhead[key];
    // what the document has where the field is left empty
    input(key).placeholder = key === "cc" ? "不填则无抄送" : a.resolved[key];
  }
  $<HTMLSelectElement>("lh-date-style").value = a.letterhead.dateStyle;
  const unset = (["issuer", "number", "to"] as const).filter((k) => a.letterhead[k] === "" && a.resolved[k].startsWith("〔"));
  $("letterhead-note").textContent =
    (a.from ? `${monthText(a.from)}起使用此设置。` : "尚未设置。") +
    (unset.length > 0 ? `${unset.map((k) => LETTERHEAD_LABELS[k]).join("、")}未填：通报中以${unset.map((k) => a.resolved[k]).join("")}标出。` : "");
}

let shownFor: string | undefined;
async function load(): Promise<void> {
  const month = round();
  const answer = await getJson<LetterheadAnswer>(`/api/letterhead?round=${encodeURIComponent(month)}`);
  if (month !== round()) return; // another month was picked meanwhile
  shownFor = month;
  show(answer);
}

async function save(): Promise<void> {
  const body = {
    ...Object.fromEntries((Object.keys(TEXT_FIELDS) as (keyof typeof TEXT_FIELDS)[]).map((k) => [k, input(k).value])),
    dateStyle: $<HTMLSelectElement>("lh-date-style").value,
  };
  const month = round();
  const r = await request(`/api/letterhead?round=${encodeURIComponent(month)}`, { method: "PUT", body: JSON.stringify(body) });
  show((await r.json()) as LetterheadAnswer);
  say(`通报版头已保存：${monthText(month)}及以后各月的通报都使用它。`);
}

/** 下载通报（Word）, and the settings loaded when unfolded (again for another month), saved with 保存. */
export function wireLetterhead(): void {
  $("download-notice").addEventListener("click", () => void download(`/api/notice?round=${encodeURIComponent(round())}`, `通报-${round()}.docx`).catch(fail));
  const box = $<HTMLDetailsElement>("letterhead-box");
  box.addEventListener("toggle", () => {
    if (box.open && shownFor !== round()) void load().catch(fail);
  });
  fields.round.addEventListener("change", () => {
    shownFor = undefined;
    if (box.open) void load().catch(fail);
  });
  $("save-letterhead").addEventListener("click", () => void save().catch(fail));
}
