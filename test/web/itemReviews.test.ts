/**
 * 逐项验收 of a unit's own items (细化分解) in Chromium against the real local service, where the dashboard's words and
 * buttons must say what the ledger does: a returned item the unit reported done is closed by 验收销号 (not offered a
 * 验收 that “does not close” it); a returned task lowers the unit's 完成或按期推进率; a task whose items are all closed reads
 * 已销号 from them, with no decision on the whole task that would contradict it.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBrowserSite, type BrowserSite, openDashboard } from "../fixtures/browserSite.js";
import { CITY, buildTable } from "../fixtures/otherTables.js";
import { CLEAN_ITEMS, ITEMS_ROUND, ITEMS_UNIT, itemsCopy } from "../fixtures/unitItems.js";

let b: BrowserSite;
let unitToken: string;
beforeAll(async () => {
  b = await startBrowserSite("/", { harness: { clock: "2023-07-10T02:00:00.000Z" } });
  const put = (path: string, body: Uint8Array | string) => fetch(`${b.h.host.url}${path}`, { method: "PUT", body: typeof body === "string" ? body : new Uint8Array(body), headers: { authorization: `Bearer ${b.h.coordinator}` } });
  expect((await put(`/api/tasks?round=${ITEMS_ROUND}`, (await buildTable(CITY)).bytes)).status).toBe(201);
  expect((await put("/api/roster", JSON.stringify(CITY.roster))).status).toBe(201);
  unitToken = await b.h.token(ITEMS_UNIT);
  // T02 done, T05 late, T06 under way before its deadline (按期推进), T08 done through both its items: 3 of 4, 75 %
  const sent = await b.h.submit(unitToken, await itemsCopy(CLEAN_ITEMS), ITEMS_ROUND);
  expect(sent.status, JSON.stringify(sent.json.reasons ?? sent.json.message)).toBe(201);
}, 120_000);
afterAll(() => b?.close());

const openItems = async (page: Page): Promise<void> => {
  await page.click(`tr[data-unit="${ITEMS_UNIT}"] button.review`);
  await page.waitForSelector("#review:not([hidden])");
};
const t08 = (page: Page) => page.locator('#review-items li[data-task="T08"]');
const ownItem = (page: Page, n: number) => t08(page).locator("li.own-item").nth(n);
/** The unit's 完成或按期推进率 this month as its row's trend says it (`7月 75%`). */
const rate = async (page: Page): Promise<string | undefined> => /7月 (\d+%)/.exec((await page.getAttribute(`tr[data-unit="${ITEMS_UNIT}"] td.spark`, "title")) ?? "")?.[1];
const said = (page: Page, words: string) => page.waitForFunction((w) => document.querySelector("#message")?.textContent?.includes(w), words);

describe("逐项验收 after a return, and a task closed through its items", () => {
  it("a returned item reported done offers 验收销号 and is closed by it; the return lowers the rate; all items closed read 已销号 on the task, with no task-level decision", async () => {
    const page = await openDashboard(b, { round: ITEMS_ROUND });
    expect(await rate(page)).toBe("75%");
    await openItems(page);

    // 退回 of T08's first item, which the unit reported done
    await ownItem(page, 0).locator("input.comment").fill("佐证材料不全，请补充年度报告链接");
    await ownItem(page, 0).locator("button.return").click();
    await said(page, "“编制年度报告初稿”已退回");
    expect(await ownItem(page, 0).locator(".item-head").textContent()).toMatch(/^编制年度报告初稿 退回/);
    expect(await t08(page).locator("> .item-head").textContent()).toContain("退回");
    // the ledger: returned, not done — the task is out of the rate until the unit reports again (2 of 4)
    const ledger = await (await b.h.get(`/api/ledger?round=${ITEMS_ROUND}`, b.h.coordinator)).json();
    expect(ledger.units.find((u: { unit: string }) => u.unit === ITEMS_UNIT)).toMatchObject({ returned: 1, completed: 0, onTrack: 2, inProgress: 2, completionRate: 0.5 });
    expect(await rate(page)).toBe("50%");
    // the unit reported it done: 验收 closes it (as core does), so the button says 验收销号, not “尚未完成，不销号”
    expect(await ownItem(page, 0).locator("button.accept").getAttribute("aria-label")).toBe("验收销号：编制年度报告初稿");
    expect(await ownItem(page, 0).locator("button.accept").textContent()).toBe("验收销号");
    await ownItem(page, 0).locator("button.accept").click();
    await said(page, "“编制年度报告初稿”已验收销号");
    expect(await ownItem(page, 0).locator(".item-head").textContent()).toMatch(/^编制年度报告初稿 已销号/);
    // closed: nothing to accept again, only a return to reopen it
    expect(await ownItem(page, 0).locator("button.accept").count()).toBe(0);
    expect(await ownItem(page, 0).locator("button.return").count()).toBe(1);
    expect(await rate(page)).toBe("75%");
    // the task line reads its decision from its items while one is still open
    expect(await t08(page).locator("> .muted").first().textContent()).toBe("验收：细化事项2项：已销号1项，未验收1项");
    expect(await t08(page).locator("> .item-actions").count()).toBe(1);

    // the second by the keyboard: every item closed, the task is 已销号 through them and offers no decision of its own
    await ownItem(page, 1).locator("button.accept").focus();
    await page.keyboard.press("Enter");
    await said(page, "“在政府网站发布年度报告”已验收销号");
    expect(await t08(page).locator("> .item-head").textContent()).toContain("已销号");
    expect(await t08(page).locator("> .muted").first().textContent()).toBe("验收：已销号（各细化事项均已验收）");
    expect(await t08(page).locator("> .item-actions").count()).toBe(0);
    expect(await t08(page).locator("li.own-item .item-actions").count()).toBe(2); // each item can still be returned
    // the keyboard stays on the item: its 退回, the one decision left on it
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("退回：在政府网站发布年度报告");
    await page.close();
  }, 120_000);

  it("a returned item reported done offers 验收销号 while the return stands and after a later version lifts it", async () => {
    const page = await openDashboard(b, { round: ITEMS_ROUND });
    await openItems(page);
    const t05 = page.locator('#review-items li[data-task="T05"] li.own-item').nth(0);
    await t05.locator("input.comment").fill("请补充目录链接");
    await t05.locator("button.return").click();
    await said(page, "“梳理本县26个领域事项清单”已退回");
    expect(await t05.locator("button.accept").getAttribute("aria-label")).toBe("验收销号：梳理本县26个领域事项清单");
    // the unit sends a new version with the item done and its link
    const again = CLEAN_ITEMS.map((r) => (r[2] === "梳理本县26个领域事项清单" ? [...r.slice(0, 7), "已完成梳理，目录见县政府网站专栏", "已完成"] : r));
    expect((await b.h.submit(unitToken, await itemsCopy(again), ITEMS_ROUND)).status).toBe(201);
    await page.click("#refresh");
    await page.waitForFunction(() => document.querySelector('#review-items li[data-task="T05"] li.own-item .item-head')?.textContent?.startsWith("梳理本县26个领域事项清单 已完成"));
    expect(await t05.locator("button.accept").getAttribute("aria-label")).toBe("验收销号：梳理本县26个领域事项清单");
    await page.close();
  }, 120_000);
});
