/** The service's faults: a small typed hierarchy, each with the HTTP status and a message for people. */

export class HttpError extends Error {
  override readonly name: string = "HttpError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Storage cannot be reached (Azurite down, network, throttling): 503, and nothing half-written. */
export class StorageUnavailableError extends HttpError {
  override readonly name = "StorageUnavailableError";
  constructor(cause: unknown) {
    super(503, "storage-unavailable", "存储服务暂时无法访问，本次报送未保存，请稍后重试。", undefined);
    this.cause = cause;
  }
}

export { ensureError } from "../workbook/errors.js";
