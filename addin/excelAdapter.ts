/**
 * Office.js ⇄ core: 校验, 清除标记 and 一键修复 in the open workbook. Reading is `excelRead.ts`, deciding
 * what to write is `markPlan.ts` (pure); this file carries the plan out.
 *
 * Syncs: 校验 = 2 + R (R read syncs, see excelRead.ts; 0 when every sheet is empty and no custom conditional
 * format exists) + W; 清除标记 = 2 + one per 140 custom conditional formats + W; W = 1 write sync per 3.5 MB of
 * notes and addresses written (one in practice, and always at least one).
 */
import { MARK_COLORS, fixesByCell, formatPlan, judgeSubmission, summarize, validateWorkbook, type CellMark, type Finding, type SubmissionJudgement, type ValidateOptions, type ValidationResult } from "../core/index.js";
import type { Capabilities } from "./capabilities.js";
import { findMarks, readWorkbook, type MarkHandles } from "./excelRead.js";
import { formatRanges } from "./ledgerSheets.js";
import { markRule, planMarks, type MarkOp, type MarkPlan } from "./markPlan.js";
import { recordToXml } from "./markRecord.js";
import { READ_BYTES } from "./readPlan.js";

export { parseAreas, readWorkbook, serialToIso, shownText } from "./excelRead.js";
export { LEDGER_SHEETS, writeLedgerSheets } from "./ledgerSheets.js";

/** Roughly what an operation adds to a request (addresses and texts dominate). */
const opBytes = (op: MarkOp) => 200 + ("content" in op ? op.content.length * 3 : 0) + ("areas" in op ? op.areas.length : 0) + ("ranges" in op ? op.ranges.join(",").length : 0);

/** Carries out a plan: one sync per READ_BYTES of requests, so that no request passes Excel's 5 MB. */
async function execute(context: Excel.RequestContext, caps: Capabilities, plan: MarkPlan, handles: MarkHandles): Promise<void> {
  const sheet = (name: string) => context.workbook.worksheets.getItem(name);
  let pending = 0;
  if (caps.rangeAreas) context.application.suspendScreenUpdatingUntilNextSync();
  for (const op of plan.ops) {
    switch (op.op) {
      case "deleteFormat":
        handles.formats.get(op.sheet)![op.index]!.delete();
        break;
      case "addFormat": {
        const ws = sheet(op.sheet);
        const cf = (caps.rangeAreas ? ws.getRanges(op.areas) : ws.getRange(op.areas)).conditionalFormats.add("Custom");
        cf.custom.rule.formula = markRule(op.style);
        cf.custom.format.fill.color = MARK_COLORS[op.style].fill;
        cf.custom.format.font.color = MARK_COLORS[op.style].font;
        break;
      }
      case "addNote":
        sheet(op.sheet).notes.add(op.cell, op.content);
        break;
      case "setNote":
        handles.notes[op.index]!.content = op.content;
        break;
      case "deleteNote":
        handles.notes[op.index]!.delete();
        break;
      case "reply":
        handles.comments[op.comment]!.replies.add(op.content);
        break;
      case "deleteComment":
        handles.comments[op.index]!.delete();
        break;
      case "deleteReply":
        handles.comments[op.comment]!.replies.items[op.reply]!.delete();
        break;
      case "restoreLook":
        formatRanges(sheet(op.sheet), caps, op.ranges, op.fill, op.font);
        break;
    }
    pending += opBytes(op);
    if (pending > READ_BYTES) {
      // one sync per 3.5 MB of requests, by design: Excel on the web refuses a request over 5 MB
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      pending = 0;
    }
  }
  // An earlier version's record goes once what it recorded is back; the cells of protected sheets stay recorded.
  for (const p of handles.parts) p.delete();
  if (plan.keepLegacy.length > 0) context.workbook.customXmlParts.add(recordToXml({ version: 1, cells: plan.keepLegacy }));
  await context.sync();
}

export interface ValidateInPlace {
  result: ValidationResult;
  marks: CellMark[];
  mergesKnown: boolean;
  /** What the server will decide on this workbook when it is submitted (core `judgeSubmission`, submit-time rules). */
  judgement: SubmissionJudgement;
  /** What the user must know: sheets that could not be marked, parts of the sheet not read. */
  notices: string[];
}

/** 校验: reads, validates with the core, and replaces the earlier marks by the new ones. */
export async function validateInPlace(
  context: Excel.RequestContext,
  caps: Capabilities,
  options: ValidateOptions,
  /** The findings to mark instead of the local ones (what the server answered to a submission). */
  findings?: Finding[],
): Promise<ValidateInPlace> {
  const read = await readWorkbook(context, caps);
  const local = validateWorkbook(read.snapshot, options);
  const result = findings ? { ...local, findings, summary: summarize(findings, local.rows) } : local;
  const marks = formatPlan(read.snapshot, result);
  const plan = planMarks(read.found, marks, caps);
  await execute(context, caps, plan, read.handles);
  return { result, marks, mergesKnown: read.mergesKnown, judgement: judgeSubmission(read.snapshot, options), notices: [...read.notices, ...plan.notices] };
}

/** 清除标记: the add-in's colours, notes and comments gone; the user's own looks and notes as they were. */
export async function clearMarks(context: Excel.RequestContext, caps: Capabilities): Promise<{ cells: number; notices: string[] }> {
  const { found, handles } = await findMarks(context, caps);
  const plan = planMarks(found, [], caps);
  await execute(context, caps, plan, handles);
  return { cells: plan.removed, notices: plan.notices };
}

/** Would Excel read this text as something else (a number, a date, a formula, TRUE) when written as a value? */
const parsedByExcel = (value: string) => /^[=+\-@]|\d|^(true|false)$/i.test(value.trim());

/** 一键修复: writes the certain fixes of these findings (one value per cell), one sync. */
export async function applyFixes(context: Excel.RequestContext, findings: readonly Finding[]): Promise<number> {
  const fixes = fixesByCell(findings);
  for (const { sheet, cell, fix: { value } } of fixes) {
    const range = context.workbook.worksheets.getItem(sheet).getRange(cell);
    // Text stays text: `3月15日` is not made a date nor `=…` a formula. Only where Excel would parse.
    if (parsedByExcel(value)) range.numberFormat = [["@"]];
    range.values = [[value]];
  }
  await context.sync();
  return fixes.length;
}

/** Takes the user to a cell. */
export async function selectCell(context: Excel.RequestContext, sheet: string, cell: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(cell).select();
  await context.sync();
}
