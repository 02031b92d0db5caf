/** Malformed addresses are the caller's mistake: 400 or 404 with a sentence, never a 500 or a stack trace. */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staticFiles } from "../../functions/dev/staticFiles.js";
import { startLocalHost, type LocalHost } from "../../functions/localHost.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness;
let pages: LocalHost;
beforeAll(async () => {
  h = await startHarness();
  const dir = await mkdtemp(join(tmpdir(), "gongkai-pages-"));
  await writeFile(join(dir, "taskpane.html"), "<p>政务公开台账</p>");
  pages = await startLocalHost(h.services, { extra: [staticFiles("/", dir)] });
});
afterAll(async () => {
  await pages?.close();
  await h?.close();
});

describe("malformed percent-encoding", () => {
  it.each([
    ["/api/submissions/%ZZ/file", 400],
    ["/api/submissions/%E4%B8/file", 400],
    ["/api/submissions/..%2F..%2Fgongkai.db/file", 404],
  ])("%s → %i on the API", async (path, status) => {
    const r = await h.get(path, h.coordinator);
    expect(r.status).toBe(status);
    const body = await r.text();
    expect(body).not.toMatch(/at .*\.ts:\d+|stack/i);
    expect(JSON.parse(body).message).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each(["/%ZZ", "/%ZZ.html", "/taskpane.html%"])("%s → 404 on the pages port, and the pages still serve", async (path) => {
    const r = await fetch(`${pages.url}${path}`);
    expect(r.status).toBe(404);
    expect((await fetch(`${pages.url}/taskpane.html`)).status).toBe(200);
  });
});

describe("a month that is no plan's", () => {
  it.each(["0000-01", "9999-12", "1900-01", "2022-13", "22-03"])("round=%s → 400 saying what a round is", async (round) => {
    const r = await h.get(`/api/status?round=${round}`, h.coordinator);
    expect(r.status).toBe(400);
    expect((await r.json()).message).toMatch(/round 应为年月 YYYY-MM/);
  });
});
