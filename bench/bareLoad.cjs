// The floor of `gongkai validate`'s whole process: a bare Node process that loads the same file with exceljs
// (from node_modules, no options) and stops. CommonJS and plain JavaScript: nothing compiled, nothing bundled.
/* eslint-disable @typescript-eslint/no-require-imports -- require() is the bare way this floor loads */
const { readFileSync } = require("node:fs");
const ExcelJS = require("exceljs");

new ExcelJS.Workbook().xlsx.load(readFileSync(process.argv[2])).then((wb) => {
  if (wb.worksheets.length === 0) process.exitCode = 1;
});
