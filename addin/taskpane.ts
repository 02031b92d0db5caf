/** The task pane in Excel: the Office host wired to the pane. */
import { detectCapabilities } from "./capabilities.js";
import { createHost, officeFile } from "./host.js";
import { mountPane } from "./pane.js";

const localDay = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());

Office.onReady((info) => {
  if (info.host !== Office.HostType.Excel) {
    document.getElementById("message")!.textContent = "请在 Excel 中打开本加载项。";
    return;
  }
  const host = createHost({
    run: (batch) => Excel.run(batch),
    capabilities: detectCapabilities((v) => Office.context.requirements.isSetSupported("ExcelApi", v)),
    file: officeFile,
    watch: async (handler) => {
      const result = await Excel.run(async (ctx) => {
        const r = ctx.workbook.worksheets.onChanged.add(async () => handler());
        await ctx.sync();
        return r;
      });
      return () => Excel.run(result.context, async (ctx) => {
        result.remove();
        await ctx.sync();
      });
    },
  });
  mountPane(host, { document, storage: localStorage, today: localDay, origin: location.origin });
});
