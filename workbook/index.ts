/** exceljs ⇄ core: reading any .xlsx into snapshots, writing templates and annotated copies. */
export * from "./errors.js";
export * from "./preflight.js";
export { DEFAULT_LIMITS, type PreflightLimits } from "./preflightLimits.js";
export { useBoundedInflate, type BoundedInflate } from "./inflateEntry.js";
export * from "./readWorkbook.js";
export * from "./writeTemplate.js";
export * from "./writeAnnotated.js";
export * from "./fillCopy.js";
export * from "./annotate.js";
export * from "./reportFromXlsx.js";
export * from "./sampleCopies.js";
export * from "./rosterFile.js";
export * from "./taskListFile.js";
export * from "./mappingFile.js";
