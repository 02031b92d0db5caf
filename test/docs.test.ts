/** docs/CONTRACT.md stays in step with the code: every rule code, route, ledger sheet and colour is in it. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LEDGER_LAYOUT, MARK_COLORS, RULE_CODES } from "../core/index.js";
import { ROUTES } from "../functions/routes.js";

const root = join(import.meta.dirname, "..");

describe("the contract in docs/CONTRACT.md", async () => {
  const doc = await readFile(join(root, "docs", "CONTRACT.md"), "utf8");

  it.each(RULE_CODES)("names rule %s", (code) => expect(doc).toContain(`\`${code}\``));
  it.each(ROUTES.flatMap((r) => r.methods.map((m) => `${m} /api/${r.route}`)))("names %s", (route) => expect(doc).toContain(route.replace(/\{id\}/, "{id}")));
  it("names every ledger sheet and colour", () => {
    for (const s of LEDGER_LAYOUT) expect(doc).toContain(s.name);
    for (const c of Object.values(MARK_COLORS)) expect(doc).toContain(c.fill);
  });
  it("README stands alone: it sends no one outside the repository", async () => {
    const readme = await readFile(join(root, "README.md"), "utf8");
    expect(readme).not.toMatch(/\.\.\/shared|SPEC\.md|SPEC §/);
  });
});
