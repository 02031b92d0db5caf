/** The pane's settings, remembered in the browser storage of the add-in's origin. */

export interface Settings {
  server: string;
  token: string;
  unit: string;
  /** `YYYY-MM`, "" for the current month. */
  round: string;
  /**
   * Re-validate after each edit; `undefined`: not chosen, which is off on every host (pane.ts: before ExcelApi 1.20
   * the add-in's writes empty Excel's undo list, and where they join it Ctrl+Z first takes back the re-marking).
   */
  live?: boolean;
  /** 大字模式: the pane's text larger than the browser's. */
  largeText?: boolean;
}

const KEY = "gongkai-ledger.settings.v1";
export const DEFAULT_SETTINGS: Settings = { server: "", token: "", unit: "", round: "" };

export function loadSettings(storage: Pick<Storage, "getItem">): Settings {
  try {
    return { ...DEFAULT_SETTINGS, ...(JSON.parse(storage.getItem(KEY) ?? "{}") as Partial<Settings>) };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export function saveSettings(storage: Pick<Storage, "setItem">, s: Settings): void {
  storage.setItem(KEY, JSON.stringify(s));
}

/** 大字模式 on or off for a page: every size is in rem, so one class on the root scales them all. */
export function applyLargeText(doc: Document, on: boolean): void {
  doc.documentElement.classList.toggle("large", on);
}
