/** The shared core: pure rules, no I/O. Hosts (CLI, function, add-in, browser) import only from here. */
export * from "./snapshot.js";
export * from "./normalize.js";
export * from "./columns.js";
export * from "./findings.js";
export * from "./roster.js";
export * from "./readRoster.js";
export * from "./deadline.js";
export * from "./status.js";
export * from "./readTable.js";
export * from "./readContacts.js";
export * from "./analyzeRows.js";
export * from "./fixes.js";
export * from "./validate.js";
export * from "./formatPlan.js";
export * from "./officialTable.js";
