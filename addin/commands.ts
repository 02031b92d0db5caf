/**
 * What the ribbon's 校验 runs where the browser can (loaded by `ribbon.ts` as `ribbon-run.js`): the same
 * validation as the pane's, through the same host, with the unit remembered in the pane's settings.
 */
import { localDay } from "../core/index.js";
import { createOfficeHost } from "./host.js";
import { loadSettings } from "./settings.js";

async function validate(): Promise<string> {
  const host = createOfficeHost();
  const { unit } = loadSettings(localStorage);
  const { result, notices } = await host.validate({ today: localDay(new Date()), ...(unit ? { unit } : {}) });
  const s = result.summary;
  const outcome = s.errors === 0 && s.warnings === 0 ? "校验完成，没有发现问题。" : `校验完成：${s.errors} 处错误、${s.warnings} 条提醒，已在表中标出${host.capabilities.notes ? "（鼠标停在单元格上可看说明）" : "（说明请在“任务面板”中查看）"}。`;
  return [outcome, ...notices].join("\n");
}

(window as unknown as { gongkaiRibbon: { validate(): Promise<string> } }).gongkaiRibbon = { validate };
