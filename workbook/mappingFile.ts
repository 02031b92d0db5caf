/**
 * The coordinator's corrections offline (`--mapping FILE`): JSON `{ columns, headingRows, unitPhrases }`, or a
 * workbook a person fills in — sheet `列的角色` (列 | 角色), sheet `标题行` (行号), sheet `单位短语`
 * (单元格文字 | 牵头单位 | 责任单位, names separated by 、).
 */
import { parseMapping, splitUnitNames, type SheetSnapshot, type TableMapping } from "../core/index.js";
import { WorkbookError } from "./errors.js";
import { readWorkbook } from "./readWorkbook.js";

export const MAPPING_SHEETS = { columns: "列的角色", headingRows: "标题行", unitPhrases: "单位短语" } as const;

/** `name` tells the kind (`.xlsx` or JSON); a file that cannot be used says what is wrong in one line. */
export async function parseMappingFile(name: string, bytes: Uint8Array): Promise<TableMapping> {
  const json = name.toLowerCase().endsWith(".xlsx") ? await mappingJsonOfWorkbook(name, bytes) : jsonOf(name, bytes);
  const parsed = parseMapping(json);
  if (!parsed.success) throw new WorkbookError("corrupt", `${name}：${parsed.message}`);
  return parsed.data;
}

function jsonOf(name: string, bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new WorkbookError("corrupt", `更正文件 ${name} 不是 JSON，也不是 .xlsx。`);
  }
}

/** The rows under a sheet's header row (its first row), each as its cells' texts. */
function rowsOf(sheet: SheetSnapshot): string[][] {
  return sheet.rows.slice(1).map((row) => row.map((cell) => cell.text.trim())).filter((texts) => texts.some((t) => t !== ""));
}

async function mappingJsonOfWorkbook(name: string, bytes: Uint8Array): Promise<unknown> {
  const workbook = await readWorkbook(bytes);
  const sheet = (title: string) => workbook.sheets.find((s) => s.name.trim() === title);
  const columns = sheet(MAPPING_SHEETS.columns);
  const headings = sheet(MAPPING_SHEETS.headingRows);
  const phrases = sheet(MAPPING_SHEETS.unitPhrases);
  if (!columns && !headings && !phrases) {
    const names = Object.values(MAPPING_SHEETS).map((s) => `“${s}”`).join("、");
    throw new WorkbookError("corrupt", `更正文件 ${name} 中没有${names}中的任何一个工作表。`);
  }
  const out: { columns: Record<string, string>; headingRows: number[]; unitPhrases: Record<string, { lead: string[]; responsible: string[] }> } = {
    columns: {},
    headingRows: [],
    unitPhrases: {},
  };
  if (columns) for (const [letter = "", role = ""] of rowsOf(columns)) if (letter !== "") out.columns[letter] = role;
  if (headings) {
    for (const [row = ""] of rowsOf(headings)) {
      if (!/^\d+$/.test(row)) throw new WorkbookError("corrupt", `更正文件 ${name} 的“${MAPPING_SHEETS.headingRows}”中“${row}”不是行号。`);
      out.headingRows.push(Number(row));
    }
  }
  const names = (s: string) => splitUnitNames(s).map((n) => n.trim()).filter((n) => n !== "");
  if (phrases) for (const [cell = "", lead = "", responsible = ""] of rowsOf(phrases)) if (cell !== "") out.unitPhrases[cell] = { lead: names(lead), responsible: names(responsible) };
  return out;
}
