/** Serves a folder under a URL prefix (the built task pane), for the local host. */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { decodePart, type ExtraRoute } from "../localHost.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml; charset=utf-8",
  ".map": "application/json",
  ".json": "application/json",
};

/** Where the pages that use Office.js load it from (a copy of it is served beside them, under 'self', for intranets). */
const OFFICE_CDN = "https://appsforoffice.microsoft.com";

/**
 * Who may frame a page that runs in Office: Office on the web shows task panes and dialogs in an iframe of its own
 * page ("Office Add-ins … in web browsers": https://learn.microsoft.com/office/dev/add-ins/concepts/privacy-and-security),
 * served from these hosts (Excel on the web: *.officeapps.live.com inside *.office.com / *.sharepoint.com pages;
 * Microsoft 365: *.office365.com, *.microsoft365.com and the newer *.cloud.microsoft). Desktop Excel does not frame.
 */
const OFFICE_FRAMERS = ["'self'", "https://*.office.com", "https://*.officeapps.live.com", "https://*.office365.com", "https://*.sharepoint.com", "https://*.microsoft365.com", "https://*.cloud.microsoft"];

/**
 * The headers of a page: its inline scripts allowed by hash, never all inline script. A page that loads Office.js
 * (task pane, ribbon commands, dialog) may be framed by Office and may compile code: its feature tests
 * (`new Function(...)` in taskpane.html and ribbon.js, telling Internet Explorer 11 apart) need 'unsafe-eval'.
 * Any other page (the coordinator's dashboard, help) is framed by nobody. Styles are left open: the pages set
 * element styles from script.
 */
export function pageHeaders(html: string): Record<string, string> {
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash("sha256").update(m[1]!, "utf8").digest("base64")}'`);
  const inOffice = html.includes(OFFICE_CDN) || html.includes("office/office.js") || html.includes("officeLoader.js");
  const scripts = ["'self'", ...(inOffice ? [OFFICE_CDN, "'unsafe-eval'"] : []), ...inline];
  const csp = [`script-src ${scripts.join(" ")}`, "object-src 'none'", "base-uri 'self'", `frame-ancestors ${inOffice ? OFFICE_FRAMERS.join(" ") : "'none'"}`].join("; ");
  // X-Frame-Options names one origin at most: only for the pages nobody may frame (browsers without frame-ancestors)
  return { "content-security-policy": csp, ...(inOffice ? {} : { "x-frame-options": "DENY" }) };
}

export function staticFiles(prefix: string, dir: string, index = "taskpane.html"): ExtraRoute {
  const root = normalize(dir);
  return async (req, res) => {
    const path = decodePart(new URL(req.url ?? "/", "http://x").pathname);
    // HEAD as GET: Node sends the headers and drops the body
    if (path === undefined || !path.startsWith(prefix) || (req.method !== "GET" && req.method !== "HEAD")) return false;
    const rel = path.slice(prefix.length).replace(/^\/+/, "") || index;
    const file = normalize(join(root, rel));
    if (file !== root && !file.startsWith(root + sep)) return false; // no way out of the folder
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return false;
    }
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    const page = extname(file) === ".html" ? pageHeaders(body.toString("utf8")) : {};
    res.writeHead(200, { "content-type": type, "content-length": body.length, "cache-control": "no-cache", ...page });
    res.end(body);
    return true;
  };
}
