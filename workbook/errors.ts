/** Faults reading a file: typed, with one clear Chinese line for the user. */

export type WorkbookErrorKind =
  | "empty"
  | "too-large"
  | "not-zip"
  | "legacy-or-encrypted"
  | "encrypted"
  | "truncated"
  | "zip-bomb"
  | "not-excel"
  | "not-task-table"
  | "corrupt";

export class WorkbookError extends Error {
  override readonly name = "WorkbookError";
  constructor(
    readonly kind: WorkbookErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Anything thrown, as an Error (non-Errors wrapped, never swallowed). */
export function ensureError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
