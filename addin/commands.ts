/** Ribbon commands: 校验 runs the validation directly, without opening the pane. */
import { localDay } from "../core/index.js";
import { detectCapabilities } from "./capabilities.js";
import { validateInPlace } from "./excelAdapter.js";
import { loadSettings } from "./settings.js";

const today = () => localDay(new Date());

async function validateFromRibbon(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const caps = detectCapabilities((v) => Office.context.requirements.isSetSupported("ExcelApi", v));
    const { unit } = loadSettings(localStorage);
    await Excel.run((ctx) => validateInPlace(ctx, caps, { today: today(), ...(unit ? { unit } : {}) }));
  } finally {
    event.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate("validateFromRibbon", validateFromRibbon);
});
