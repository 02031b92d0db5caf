import { rename, rm, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { UsageError } from "./io.js";

/** Writes the whole file or nothing: a crash midway never leaves half a workbook behind. */
export async function writeOutput(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UsageError(`无法写入 ${path}：所在文件夹不存在`);
    if (code === "EACCES" || code === "EPERM") throw new UsageError(`无法写入 ${path}：没有权限（文件是否正在 Excel 中打开？）`);
    throw e;
  }
}

export function sameFile(a: string, b: string): boolean {
  return resolve(a) === resolve(b);
}
