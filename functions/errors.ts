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

/**
 * What is wrong with the store: `unreachable` (Azure Storage down, network, throttling) and `busy` (another program
 * holds the database) pass by themselves; `corrupt`, `read-only` and `full` need someone to act on `path`.
 */
export type StoreFaultKind = "unreachable" | "busy" | "corrupt" | "read-only" | "not-a-folder" | "full";

export interface StoreFault {
  kind: StoreFaultKind;
  /** The file or folder at fault (the embedded store's `gongkai.db`, its data folder). */
  path?: string;
}

/** What the request was doing, so that the answer says what did not happen ("本次报送未保存", not for a review). */
export type StoreOperation = "submission" | "review" | "tasks" | "roster" | "mapping" | "tokens" | "change" | "read" | "health";

const NOT_DONE: Record<StoreOperation, string> = {
  submission: "本次报送未保存",
  review: "本次审核意见未保存",
  tasks: "任务分解表未保存",
  roster: "单位名册未保存",
  mapping: "读取更正未保存",
  tokens: "令牌未签发",
  change: "本次修改未保存",
  read: "暂时无法读取",
  // health is asked by no one sending anything: it says what cannot be done now
  health: "现在不能接收报送",
};

/** The fault in words: what is wrong, where, what did not happen (when the operation is known), what to do. */
export function describeStoreFault(fault: StoreFault, operation?: StoreOperation): string {
  const notDone = operation ? `，${NOT_DONE[operation]}` : "";
  const where = fault.path ?? "数据目录";
  switch (fault.kind) {
    case "busy":
      return `数据库 ${where} 正被其他程序占用${notDone}，请稍后重试。`;
    case "corrupt":
      return `数据库文件 ${where} 已损坏${notDone}：请停止服务，从备份恢复该文件（连同同名的 -wal 文件；收到的原件仍在数据目录的 files/ 中），再重新启动。`;
    case "read-only":
      return `${where} 不可写（只读或没有写权限）${notDone}：请让运行服务的账户能写入它（检查磁盘是否以只读方式挂载、文件和目录的权限），然后重试。`;
    case "not-a-folder":
      return `${where} 应是文件夹，现在却是一个文件${notDone}：请移走或改名这个文件（或把 GONGKAI_DATA_DIR 设为别的文件夹），然后重新启动。`;
    case "full":
      return `${where} 所在磁盘空间不足${notDone}：请清理磁盘或扩容后重试。`;
    case "unreachable":
      return `存储服务${fault.path ? `（${fault.path}）` : ""}暂时无法访问${notDone}，请稍后重试。`;
  }
}

/** Storage cannot be used (unreachable, busy, corrupted, read-only, full): 503, and nothing half-written. */
export class StorageUnavailableError extends HttpError {
  override readonly name = "StorageUnavailableError";
  constructor(
    cause: unknown,
    readonly fault: StoreFault = { kind: "unreachable" },
  ) {
    // Without the operation (`messageFor` adds it by route in `handler()`): never "本次报送未保存" for a review.
    super(503, "storage-unavailable", describeStoreFault(fault), { fault: fault.kind, ...(fault.path ? { path: fault.path } : {}) });
    this.cause = cause;
  }

  /** The message for what the request was doing. */
  messageFor(operation: StoreOperation): string {
    return describeStoreFault(this.fault, operation);
  }
}

export { ensureError } from "../workbook/errors.js";
