/**
 * The limits, one table: what every way in (the service, the command line, the browser page, the add-in) takes.
 * A real 任务分解表 has tens to hundreds of rows and weighs kilobytes; these are far above that and far below what
 * would let one file take a server's memory or time. The README states them; each is enforced where it is named.
 */
export const LIMITS = {
  /** The largest file taken (the service's `GONGKAI_MAX_UPLOAD_MB` may lower or raise it; workbook/preflight). */
  fileMb: 10,
  /** What a file may inflate to, all parts together (`GONGKAI_MAX_INFLATED_MB`; workbook/preflight). */
  inflatedMb: 64,
  /** Rows of one sheet (workbook/preflight counts them as they are inflated; the add-in reads no further). */
  rowsPerSheet: 20_000,
  /** Columns read (the add-in; a task table has a few dozen at most). */
  columns: 256,
  /** Tasks in one official list (workbook/taskListFile: a bigger list is refused at upload, saying so). */
  tasksPerList: 5_000,
  /** One file's time to be read and validated on the service (functions/parsePool: refused in words after it). */
  parseSeconds: 4,
  /**
   * A configuration upload's time to be read on the service (`PUT /api/roster`, `/api/tasks`, `/api/mapping`;
   * functions/parsePool): longer than a file's, the coordinator uploads it once; refused in words after it.
   */
  configParseSeconds: 15,
  /**
   * Units in one roster (functions/poolTasks: `PUT /api/roster` refuses more with 413, saying so). A county's has tens,
   * a city's a few hundred: far above that is a table pasted by mistake.
   */
  rosterUnits: 3_000,
} as const;

const MB = 1024 * 1024;
export const LIMIT_BYTES = { file: LIMITS.fileMb * MB, inflated: LIMITS.inflatedMb * MB } as const;
