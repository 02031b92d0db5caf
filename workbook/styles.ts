/** The look shared by the workbooks we write: the template and the ledger print like official tables. */
import type ExcelJS from "exceljs";

export const FONT = { name: "宋体", size: 10 };
export const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9D9D9" } };
export const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};
export const PAGE_FOOTER = { oddFooter: "第 &P 页，共 &N 页" };

/** `#FFC7CE` → exceljs' `FFFFC7CE`. */
export const argb = (hex: string): string => `FF${hex.replace("#", "").toUpperCase()}`;

/** A4 landscape, one page wide, the header rows repeated on every page. */
export function landscapeA4(printTitlesRow: string): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
}
