/**
 * 单位邮箱 on the dashboard (issue 27): the mailbox's state with its last error in full, the mails held for the
 * coordinator — assigned to a roster unit with the chooser (then counted for that unit in 报送情况) or dismissed, the
 * mail as received downloaded — and the latest mails with what became of each file and whether it was answered; one
 * line when no mailbox is set up. Debian's chromium, the real local service; the mails taken in by the service's own
 * intake (its real reading, submission and records; no mail server: its check fails, which is the error shown).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ROSTER, localTime, type Roster } from "../../core/index.js";
import { MailIntake } from "../../functions/mail/intake.js";
import type { MailRecord } from "../../functions/mail/records.js";
import { mailSettingsFrom } from "../../functions/mail/settings.js";
import { axeViolations, describeViolations } from "../fixtures/axe.js";
import { ARTIFACTS, startBrowserSite, type BrowserSite, openDashboard } from "../fixtures/browserSite.js";
import { allDone, buildCopy } from "../fixtures/buildCopy.js";
import { CLEAN_ROWS, FINANCE_TASKS } from "../fixtures/cleanRows.js";
import { postfixBounce } from "../fixtures/mails.js";

const OFFICE = "office@x.gov.cn";
const STATS = "tjj@x.gov.cn";
/** The sample's units; 旗统计局 mails from an address the roster lists. */
const ROSTER: Roster = { ...DEFAULT_ROSTER, units: DEFAULT_ROSTER.units.map((u) => (u.name === "旗统计局" ? { ...u, emails: [STATS] } : u)) };

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString("base64").replace(/.{76}/g, "$&\r\n");
/** A mail as a client writes it: the subject RFC 2047-encoded, each attachment's name RFC 2231-encoded. */
function rawMail(from: string, subject: string, id: string, files: { name: string; type: string; bytes: Uint8Array }[] = []): Buffer {
  const parts = files.flatMap((f) => [
    "--m",
    `Content-Type: ${f.type}`,
    "Content-Transfer-Encoding: base64",
    `Content-Disposition: attachment; filename*=utf-8''${encodeURIComponent(f.name)}`,
    "",
    b64(f.bytes),
  ]);
  return Buffer.from(
    [
      `From: ${from}`,
      `To: ${OFFICE}`,
      `Subject: =?UTF-8?B?${Buffer.from(subject).toString("base64")}?=`,
      `Message-ID: <${id}@x.gov.cn>`,
      "Date: Thu, 10 Mar 2022 09:30:00 +0800",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="m"',
      "",
      "--m",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: base64",
      "",
      b64("附件是本单位的台账，请查收。"),
      ...parts,
      "--m--",
      "",
    ].join("\r\n"),
  );
}

const BOUNCE = postfixBounce(OFFICE, "gone@x.gov.cn", "x.gov.cn");

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** The raw mails, kept to compare with what 下载原邮件 gives. */
let financeRaw: Buffer;
let b: BrowserSite;
let intake: MailIntake;
/** A stranger's mail with 旗财政局's table, another stranger's without any, 旗统计局's with a .zip, a bounce. */
let finance: MailRecord, spam: MailRecord, stats: MailRecord, bounce: MailRecord;

beforeAll(async () => {
  // axe-core is injected as a script of its own, which the page's Content-Security-Policy rightly refuses
  b = await startBrowserSite("/", { bypassCSP: true, harness: { roster: ROSTER } });
  intake = new MailIntake(b.h.services, mailSettingsFrom({ imapUrl: "imap://office%40x.gov.cn:pw@127.0.0.1:1", smtpUrl: undefined }));
  b.h.services.mailbox = intake;
  const table = (await buildCopy({ rows: CLEAN_ROWS, filled: allDone(FINANCE_TASKS) })).bytes;
  financeRaw = rawMail("张三 <zhangsan@163.com>", "财政局三月台账", "m1", [{ name: "旗财政局-2022年3月.xlsx", type: XLSX, bytes: table }]);
  finance = await intake.handle(financeRaw);
  spam = await intake.handle(rawMail("ad@spam.example", "代开发票", "m2"));
  stats = await intake.handle(rawMail(STATS, "统计局报送", "m3", [{ name: "台账.zip", type: "application/zip", bytes: Buffer.from("PK\u0005\u0006" + "\0".repeat(18)) }]));
  bounce = await intake.handle(BOUNCE);
  // no mail server listens there: the check fails, and the dashboard shows that error
  await intake.check();
}, 120_000);
afterAll(() => b?.close());

async function dashboard(width: number): Promise<Page> {
  const page = await openDashboard(b, { width });
  await page.waitForSelector("#mail-status:not([hidden]):not([aria-busy])");
  return page;
}

const heldKeys = (page: Page) => page.$$eval("#mail-held > li", (lis) => lis.map((li) => (li as HTMLElement).dataset.mail));
const recentText = (page: Page, key: string) => page.textContent(`#mail-recent li[data-mail="${key}"]`);
const unitCell = (page: Page, unit: string, i: number) => page.textContent(`tr[data-unit="${unit}"] td:nth-child(${i})`);

describe("单位邮箱 on the dashboard", () => {
  it("the records are as the intake made them: two held, 旗统计局's filed, a bounce, and the mailbox in error", () => {
    expect([finance.state, spam.state, stats.state, bounce.state]).toEqual(["held", "held", "filed", "bounce"]);
    expect(intake.status.state).toBe("error");
  });

  it("shows the state in words with the last error in full, the held mails with their reasons, and the latest mails", async () => {
    const page = await dashboard(1280);
    const state = await page.textContent("#mail-state");
    expect(state).toContain("出错");
    expect(state).toContain(intake.status.lastError!);
    expect(intake.status.lastError).toContain("127.0.0.1:1");
    // the mailbox as people write it, not with its user percent-encoded as in the URL (imap://office%40x.gov.cn@…)
    expect(intake.status.server).toMatch(/^imap:\/\/office(%40|@)x\.gov\.cn@127\.0\.0\.1:1$/);
    expect(state).toContain("邮箱 office@x.gov.cn（服务器 imap://127.0.0.1:1），文件夹 INBOX，每 60 秒检查一次");
    expect(state).not.toContain("%40");
    // in error, the error is the state itself: no second, quieter line for it
    expect(await page.$("#mail-state .mail-last-error")).toBeNull();
    expect(state).toContain("不回复（未设置发信服务器 GONGKAI_SMTP_URL）");
    expect(state).toContain("尚未成功收取过");
    expect(await page.isVisible('nav.jump a[href="#mail-title"]')).toBe(true);
    // the top bar says it in a few words, and leads to the section
    expect(await page.textContent('#mail-status a[href="#mail-title"]')).toBe("单位邮箱：出错，待处理2封");

    // held first, newest first
    // neutral: a held mail may come from a known unit; each one's reason says why it waits
    expect(await page.textContent("#mail-held-title")).toBe("待处理：2封需要您确认（请指定单位或忽略）");
    expect(await heldKeys(page)).toEqual([spam.key, finance.key]);
    const held = await page.textContent(`#mail-held li[data-mail="${finance.key}"]`);
    for (const words of ["“财政局三月台账”", "zhangsan@163.com", "2022-03-10 10:00", "附件：旗财政局-2022年3月.xlsx", `原因：${finance.reason}`]) expect(held).toContain(words);
    expect(finance.reason).toContain("不在单位名册的邮箱中");
    expect(await page.textContent(`#mail-held li[data-mail="${spam.key}"]`)).toContain("无附件");
    // the chooser offers the roster's units, as the status table lists them
    const options = await page.$$eval(`#mail-held li[data-mail="${finance.key}"] select option`, (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(["", ...ROSTER.units.map((u) => u.name)]);

    // the latest: what became of each file, whether answered or why not; a bounce named with its reason
    expect(await page.isVisible("#mail-recent")).toBe(true);
    expect(await page.textContent("#mail-recent-count")).toBe("最近收到的邮件：4封");
    const filed = await recentText(page, stats.key);
    // handled under 旗统计局, but nothing of it counts: said so, not 已计入
    expect(await page.textContent(`#mail-recent li[data-mail="${stats.key}"] b`)).toBe("旗统计局：未接收（未提交校验）");
    expect(filed).not.toContain("已计入");
    expect(filed).toContain(`“台账.zip”未接收：${stats.files[0]!.reason.replace(/。$/, "")}；`);
    expect(filed).toContain("未设置发信服务器（GONGKAI_SMTP_URL），未回复。");
    expect(stats.files[0]!.reason).toContain("压缩文件");
    const bounced = await recentText(page, bounce.key);
    expect(bounced).toContain(bounce.reason!);
    expect(bounce.reason).toContain("退信：gone@x.gov.cn 无法送达");
    expect(bounced).toContain("自动邮件不回复");
    expect(await recentText(page, finance.key)).toContain("待处理");
    await page.close();
  }, 120_000);

  it("loads /api/mail once per refresh", async () => {
    const page = await dashboard(1280);
    let asked = 0;
    page.on("request", (r) => void (new URL(r.url()).pathname === "/api/mail" && asked++));
    await page.click("#refresh");
    await page.waitForSelector("#loading", { state: "hidden" });
    await page.waitForSelector("#mail-status:not([aria-busy])");
    expect(asked).toBe(1);
    // another month is the board's, not the mailbox's
    await page.fill("#round", "2022-02");
    await page.dispatchEvent("#round", "change");
    await page.waitForSelector("#loading", { state: "hidden" });
    expect(asked).toBe(1);
    await page.close();
  }, 60_000);

  for (const width of [360, 1280]) {
    it(`at ${width} px: no WCAG 2.1 AA violation in the section, every control labelled, nothing sideways (and at 200 % zoom)`, async () => {
      const page = await dashboard(width);
      if (width === 360) {
        // folded on a phone, unfolded by its summary
        expect(await page.isVisible("#mail-recent")).toBe(false);
        await page.click("#mail-recent-count");
      }
      expect(await page.isVisible("#mail-recent")).toBe(true);
      const found = await axeViolations(page);
      expect(found, describeViolations(found)).toEqual([]);
      const names = await page.$$eval("#mail select, #mail button", (cs) => cs.map((c) => [c.textContent!.trim(), (c as HTMLSelectElement).labels?.[0]?.textContent ?? c.getAttribute("aria-label") ?? ""]));
      for (const [text, name] of names) expect(name, text).not.toBe("");
      const sideways = () => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      expect(await sideways()).toBe(false);
      await page.locator("#mail").screenshot({ path: join(ARTIFACTS, `dashboard-mail-${width}.png`) });
      await page.setViewportSize({ width: width / 2, height: 800 });
      expect(await sideways(), "at 200 % zoom").toBe(false);
      await page.close();
    }, 120_000);
  }

  it("downloads a held mail as received", async () => {
    const page = await dashboard(1280);
    const [file] = await Promise.all([page.waitForEvent("download"), page.click(`#mail-held li[data-mail="${finance.key}"] button[data-role="download"]`)]);
    expect(file.suggestedFilename()).toBe(`邮件-${finance.key}.eml`);
    expect((await readFile((await file.path())!)).equals(financeRaw)).toBe(true);
    await page.close();
  }, 60_000);

  it("by keyboard: a held mail assigned to a unit leaves 待处理, is listed as assigned, and counts in 报送情况; another dismissed", async () => {
    const page = await dashboard(1280);
    expect(await unitCell(page, "旗财政局", 2)).toBe("未报送");
    expect(await unitCell(page, "旗财政局", 6)).toBe("0");

    // 指定单位 without a unit chosen: said, the chooser focused, nothing sent
    await page.focus(`#mail-held li[data-mail="${finance.key}"] button[data-role="assign"]`);
    await page.keyboard.press("Enter");
    await page.waitForSelector("#message.error");
    expect(await page.textContent("#message")).toBe("请先在“指定给”中为“财政局三月台账”选择单位。");
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.role)).toBe("unit");

    await page.selectOption(`#mail-held li[data-mail="${finance.key}"] select`, "旗财政局");
    await page.keyboard.press("Tab");
    // the focus shows where it is
    expect(await page.evaluate(() => {
      const a = document.activeElement as HTMLElement;
      return [a.dataset.role, getComputedStyle(a).outlineStyle];
    })).toEqual(["assign", "solid"]);
    await page.keyboard.press("Enter");
    await page.waitForFunction((key) => !document.querySelector(`#mail-held li[data-mail="${key}"]`) && document.querySelector("#message")?.textContent?.startsWith("已将"), finance.key);
    // the service's own words on why nobody is answered (a stranger's address), as the record keeps them
    const why = (await intake.records.get(finance.key))!.answer.why!;
    expect(why).toMatch(/不回复/);
    const said = `已将 zhangsan@163.com 的邮件“财政局三月台账”指定给旗财政局：“旗财政局-2022年3月.xlsx”已接收。${why.replace(/[。.]+$/, "")}。`;
    expect(await page.textContent("#message")).toBe(said);
    await page.waitForFunction((s) => document.querySelector("#announce")?.textContent === s, said);
    expect(await heldKeys(page)).toEqual([spam.key]);
    // the keyboard goes on to the mail still held
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.mail)).toBe(spam.key);
    expect(await recentText(page, finance.key)).toContain("已指定给旗财政局：1 个表已接收");
    expect(await recentText(page, finance.key)).toContain("“旗财政局-2022年3月.xlsx”已接收");
    expect(await unitCell(page, "旗财政局", 2)).toBe("已报送");
    expect(await unitCell(page, "旗财政局", 6)).toBe("1");

    await page.focus(`#mail-held li[data-mail="${spam.key}"] button[data-role="dismiss"]`);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector("#mail-held-title")?.textContent === "待处理：没有");
    expect(await page.textContent("#message")).toBe("已忽略 ad@spam.example 的邮件“代开发票”：不计入台账（邮件仍在邮箱中）。");
    expect(await recentText(page, spam.key)).toContain("已忽略");
    expect(await page.textContent("#mail-status")).toBe("单位邮箱：出错");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("mail-held-title");
    expect((await intake.records.get(spam.key))!.state).toBe("dismissed");
    await page.close();
  }, 120_000);

  it("Enter in 令牌 or 月份 does what 刷新 does: the board and the mailbox loaded, once each", async () => {
    // a new user: nothing kept on this computer, the token typed and Enter pressed (no Tab to 刷新)
    const page = await b.page({ width: 1280 });
    await page.goto(`${b.site.url}/dashboard.html`);
    expect(await page.isVisible("#welcome")).toBe(true);
    const asked = { status: 0, mail: 0 };
    page.on("request", (r) => {
      const path = new URL(r.url()).pathname;
      if (path === "/api/status") asked.status++;
      if (path === "/api/mail") asked.mail++;
    });
    const settled = async () => {
      await page.waitForSelector("#board:not([hidden])");
      await page.waitForSelector("#loading", { state: "hidden" });
      await page.waitForSelector("#mail-status:not([hidden]):not([aria-busy])");
    };
    await page.focus("#token");
    await page.keyboard.type(b.h.coordinator);
    await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === "/api/mail"), page.keyboard.press("Enter")]);
    await settled();
    expect(asked).toEqual({ status: 1, mail: 1 });
    // as 刷新 does: said to a screen reader, the mailbox drawn
    await page.waitForFunction(() => document.querySelector("#announce")?.textContent?.startsWith("已刷新"));
    expect(await page.isVisible("#mail")).toBe(true);

    await page.focus("#round");
    await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === "/api/mail"), page.keyboard.press("Enter")]);
    await settled();
    expect(asked).toEqual({ status: 2, mail: 2 });
    // another key is typing, not loading
    await page.focus("#token");
    await page.keyboard.press("End");
    await page.keyboard.press("Shift+Tab");
    expect(asked).toEqual({ status: 2, mail: 2 });
    await page.close();
  }, 60_000);

  it("well again after an outage: 正常, and the last error kept with its time in a quieter line", async () => {
    const was = { ...intake.status };
    const error = intake.status.lastError!;
    Object.assign(intake.status, { state: "ok", lastOkAt: new Date(Date.parse(intake.status.lastErrorAt!) + 3_600_000).toISOString() });
    try {
      const page = await dashboard(1280);
      expect(await page.textContent('#mail-status a[href="#mail-title"]')).toMatch(/^单位邮箱：正常/);
      expect(await page.textContent("#mail-state b")).toBe("正常");
      const last = await page.textContent("#mail-state .mail-last-error");
      expect(last).toBe(`上次出错：${error.replace(/[。.]+$/, "")}（${localTime(intake.status.lastErrorAt)}）`);
      expect(await page.$("#mail-state .mail-error")).toBeNull();
      await page.close();
    } finally {
      Object.assign(intake.status, was);
    }
  }, 60_000);

  it("a mail handled under a unit says what became of its tables; a held one names the unit it came from", async () => {
    // through the real intake: 旗统计局 without any attachment (handled under it, nothing filed), and with 旗财政局's table
    const table = (await buildCopy({ rows: CLEAN_ROWS, filled: allDone(FINANCE_TASKS) })).bytes;
    const empty = await intake.handle(rawMail(STATS, "统计局补报", "m4"));
    const other = await intake.handle(rawMail(STATS, "财政局的表", "m5", [{ name: "旗财政局-2022年3月.xlsx", type: XLSX, bytes: table }]));
    expect([empty.state, empty.unit, other.state, other.unit]).toEqual(["filed", "旗统计局", "held", "旗统计局"]);
    const page = await dashboard(1280);
    const said = (key: string) => page.textContent(`#mail-recent li[data-mail="${key}"] b`);
    expect(await said(empty.key)).toBe("旗统计局：没有表格附件");
    expect(await recentText(page, empty.key)).toContain("无附件");
    const held = await page.textContent(`#mail-held li[data-mail="${other.key}"]`);
    expect(held).toContain(`旗统计局 · ${STATS}`);
    expect(held).toContain(`原因：${other.reason}`);
    expect(await page.textContent("#mail-held-title")).toBe(`待处理：${(await heldKeys(page)).length}封需要您确认（请指定单位或忽略）`);
    expect(await page.textContent("#mail-held-title")).not.toContain("未归入");

    // every outcome a file may have, as /api/mail may give them (superseded: kept as a version, a newer one in force)
    const file = (name: string, outcome: string, more: object = {}) => ({ file: name, outcome, reason: `${name} 的说明。`, ...more });
    const cases: [string, object[], string][] = [
      ["a".repeat(24), [file("一.xlsx", "accepted")], "旗统计局：1 个表已接收"],
      ["b".repeat(24), [file("二.xlsx", "rejected")], "旗统计局：未接收（校验未通过）"],
      ["c".repeat(24), [file("三.xls", "unreadable")], "旗统计局：未接收（无法读取）"],
      ["d".repeat(24), [file("四.xlsx", "accepted", { superseded: true })], "旗统计局：1 个表已接收为旧版本（该单位已报送更新的版本，仍以新版本为准）"],
      ["e".repeat(24), [file("五.xlsx", "accepted", { duplicate: true })], "旗统计局：1 个表此前已收到"],
      ["f".repeat(24), [file("六.xlsx", "accepted"), file("七.xlsx", "rejected"), file("八.zip", "not-taken")], "旗统计局：1 个表已接收，2 个未接收（校验未通过、未提交校验）"],
    ];
    const recent = cases.map(([key, files]) => ({ ...empty, key, files, attachments: files.map((f) => (f as { file: string }).file) }));
    const answer = { configured: true, status: intake.status, held: [], recent, total: recent.length };
    await page.route("**/api/mail", (r) => r.fulfill({ json: answer }));
    await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === "/api/mail"), page.click("#refresh")]);
    await page.waitForSelector(`#mail-recent li[data-mail="${"f".repeat(24)}"]`);
    for (const [key, , words] of cases) expect(await said(key), key).toBe(words);
    expect(await recentText(page, "d".repeat(24))).toContain("“四.xlsx”已接收为旧版本（该单位已报送更新的版本，仍以新版本为准）");
    expect(await recentText(page, "b".repeat(24))).toContain("“二.xlsx”未通过校验：二.xlsx 的说明；");
    await page.close();
  }, 120_000);

  it("no mailbox set up: one short line saying so and where to read how, on the row 更新于 leaves free at 360 px", async () => {
    b.h.services.mailbox = undefined;
    try {
      const page = await dashboard(360);
      expect(await page.textContent("#mail-status")).toBe("单位邮箱未设置：见 README“单位邮箱”");
      expect(await page.isVisible("#mail")).toBe(false);
      expect(await page.isVisible('nav.jump a[href="#mail-title"]')).toBe(false);
      // one line, beside 更新于: the page no taller for it
      const [line, updated] = [(await page.locator("#mail-status").boundingBox())!, (await page.locator("#updated").boundingBox())!];
      expect(line.height, "one line").toBeLessThan(25);
      expect(line.y).toBe(updated.y);
      const heights = await page.evaluate(() => {
        const shown = document.documentElement.scrollHeight;
        document.getElementById("mail-status")!.hidden = true;
        return [shown, document.documentElement.scrollHeight];
      });
      expect(heights[0]).toBe(heights[1]);
      await page.close();
    } finally {
      b.h.services.mailbox = intake;
    }
  }, 60_000);
});
