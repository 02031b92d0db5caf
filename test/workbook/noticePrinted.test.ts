/**
 * The 通报 printed: LibreOffice Writer renders the .docx to PDF (headless, a fresh profile, bounded in time) and poppler
 * reads it back — A4 pages, the 版头 and title on page 1, the 附件 on a page after the body, the 版记 on the last page.
 * Page 1 is kept as a PNG (`.artifacts/notice-page-1.png`; README's docs/images/notice-page-1.png is a copy).
 *
 * LibreOffice and poppler come from test/globalSetup.ts: found on the PATH, or installed as root with apt-get
 * (`libreoffice-writer-nogui poppler-utils`, no recommended packages) — 23 s on a 2-CPU Debian 12 machine, once.
 * Where neither is possible this test says so and does not run; the document's XML is tested in noticeDocx.test.ts.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveLetterhead } from "../../core/index.js";
import { noticeDocx } from "../../workbook/noticeDocx.js";
import { ARTIFACTS } from "../fixtures/browserSite.js";
import { noticeLedger } from "../fixtures/noticeLedger.js";

const run = promisify(execFile);
const soffice = process.env.SOFFICE_PATH;

let dir: string;
let pdf: string;
beforeAll(async () => {
  if (!soffice) return;
  dir = await mkdtemp(join(tmpdir(), "gongkai-printed-"));
  const { ledger, tasks } = await noticeLedger();
  const letterhead = resolveLetterhead(
    { issuer: "某某市人民政府办公室", number: "某政办〔2023〕12号", to: "各县（市、区）人民政府，市直各部门", cc: "市委办公室，市人大常委会办公室，市政协办公室", printer: "", dateStyle: "chinese" },
    tasks.title,
  );
  await writeFile(join(dir, "通报.docx"), await noticeDocx(ledger, letterhead));
  // a profile of its own: no other LibreOffice (a user's, another test's) is disturbed or waited for
  await run(soffice, [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--convert-to", "pdf", "--outdir", dir, join(dir, "通报.docx")], { timeout: 120_000 });
  pdf = join(dir, "通报.pdf");
}, 150_000);
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

const pageText = async (page: number) => (await run("pdftotext", ["-layout", "-f", String(page), "-l", String(page), pdf, "-"])).stdout.replace(/\s+/g, "");

describe(soffice ? "the 通报 printed by LibreOffice" : "the 通报 printed by LibreOffice (not installed here: see test/globalSetup.ts)", () => {
  it.skipIf(!soffice)("is A4, at least two pages: the 版头, title and body first, the 附件 after them, the 版记 last", async () => {
    const info = (await run("pdfinfo", [pdf])).stdout;
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const first = await pageText(1);
    expect(first).toContain("某某市人民政府办公室");
    expect(first).toContain("某政办〔2023〕12号");
    expect(first).toContain("关于2023年7月政务公开工作台账报送情况的通报");
    expect(first).not.toContain("各单位报送和完成情况统计表");
    const texts = await Promise.all(Array.from({ length: pages }, (_, i) => pageText(i + 1)));
    const attachment = texts.findIndex((t) => t.startsWith("附件各单位报送和完成情况统计表"));
    expect(attachment).toBeGreaterThan(0);
    expect(texts.findIndex((t) => t.includes("二〇二三年七月十日"))).toBeLessThan(attachment);
    expect(texts.at(-1)).toContain("2023年7月10日印发");
    // the page numbers, odd and even
    expect(texts[0]).toMatch(/—1—$/);
    expect(texts[1]).toMatch(/—2—$/);

    await mkdir(ARTIFACTS, { recursive: true });
    await run("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, join(ARTIFACTS, "notice-page-1")]);
    const png = await readFile(join(ARTIFACTS, "notice-page-1.png"));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([497, 702]); // A4 at 60 dpi
  }, 60_000);
});
