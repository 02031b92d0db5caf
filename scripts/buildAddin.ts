/**
 * Builds the add-in into dist/addin/: the task pane and ribbon scripts bundled with esbuild, the pages,
 * icons, the Excel part of Office.js (for intranets without Microsoft's CDN), and manifest.xml with the
 * production URL swapped in (GONGKAI_ADDIN_URL, default https://localhost:3000). GONGKAI_OFFICE_JS=local: the
 * manifest opens the pages with ?office=local, so that on an intranet they load the Office.js shipped beside
 * them first and never wait for Microsoft's CDN (the loader in addin/pages/*.html).
 */
import { cp, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parse } from "acorn";
import { build } from "esbuild";

const root = join(import.meta.dirname, "..");

export async function buildAddin(options: { url?: string; outDir?: string; officeJs?: "cdn" | "local" } = {}): Promise<string> {
  const out = options.outDir ?? join(root, "dist", "addin");
  const url = (options.url ?? process.env.GONGKAI_ADDIN_URL ?? "https://localhost:3000").replace(/\/+$/, "");
  if (!url.startsWith("https://")) throw new Error(`加载项地址必须是 https：${url}`);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await build({
    entryPoints: { taskpane: join(root, "addin", "taskpane.ts"), dashboard: join(root, "addin", "dashboard.ts") },
    bundle: true,
    format: "esm",
    splitting: true,
    target: "es2017",
    outdir: out,
    sourcemap: true,
    minify: true,
    logLevel: "warning",
    charset: "utf8",
  });
  // The ribbon: a classic ES5 script that runs on every host (IE11 included) and loads the validation,
  // a classic ES2017 script, only where the browser can run it (addin/ribbon.ts).
  const classic = { bundle: true, format: "iife", sourcemap: true, minify: true, logLevel: "warning", charset: "utf8" } as const;
  await build({ ...classic, entryPoints: [join(root, "addin", "ribbon.ts")], outfile: join(out, "ribbon.js"), target: "es5" });
  await build({ ...classic, entryPoints: [join(root, "addin", "commands.ts")], outfile: join(out, "ribbon-run.js"), target: "es2017" });
  assertEs5(await readFile(join(out, "ribbon.js"), "utf8"), "ribbon.js");
  await cp(join(root, "addin", "pages"), out, { recursive: true });
  await cp(join(root, "assets"), join(out, "assets"), { recursive: true });

  // Office.js, the Excel files only (the package holds every host and locale: 87 MB).
  const require = createRequire(import.meta.url);
  const dist = join(dirname(require.resolve("@microsoft/office-js/package.json")), "dist");
  const office = join(out, "office");
  await mkdir(office, { recursive: true });
  for (const f of await readdir(dist)) {
    if (/^(office|office_strings|excel[\w.-]*|excelwebapp[\w.-]*|o15apptofilemappingtable|es6-promise)\.js$/.test(f) && !f.includes(".debug.")) {
      await cp(join(dist, f), join(office, f));
    }
  }
  for (const locale of ["zh-cn", "en-us"]) await cp(join(dist, locale), join(office, locale), { recursive: true });

  const officeJs = options.officeJs ?? (process.env.GONGKAI_OFFICE_JS === "local" ? "local" : "cdn");
  await writeFile(join(out, "manifest.xml"), manifestFor(await readFile(join(root, "manifest.xml"), "utf8"), url, officeJs));
  return out;
}

/** manifest.xml for `url`; with `officeJs` "local", the pane and the function file are opened with ?office=local. */
export function manifestFor(xml: string, url: string, officeJs: "cdn" | "local"): string {
  const pages = officeJs === "local" ? xml.replace(/(\/(?:taskpane|commands)\.html)(\?[^"]*)?"/g, (_m, page: string, q?: string) => `${page}${q ? `${q}&amp;` : "?"}office=local"`) : xml;
  return pages.replaceAll("https://localhost:3000", url);
}

/** Throws unless `code` is ES5 that Internet Explorer 11 can parse (esbuild lowers syntax, but lets some through). */
export function assertEs5(code: string, name: string): void {
  try {
    parse(code, { ecmaVersion: 5 });
  } catch (e) {
    throw new Error(`${name} is not ES5: ${e instanceof Error ? e.message : String(e)}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = await buildAddin();
  console.log(`加载项已构建：${dir}`);
}
