/** Serves a folder under a URL prefix (the built task pane), for the local host. */
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

export function staticFiles(prefix: string, dir: string, index = "taskpane.html"): ExtraRoute {
  const root = normalize(dir);
  return async (req, res) => {
    const path = decodePart(new URL(req.url ?? "/", "http://x").pathname);
    if (path === undefined || !path.startsWith(prefix) || req.method !== "GET") return false;
    const rel = path.slice(prefix.length).replace(/^\/+/, "") || index;
    const file = normalize(join(root, rel));
    if (file !== root && !file.startsWith(root + sep)) return false; // no way out of the folder
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-length": body.length, "cache-control": "no-cache" });
      res.end(body);
      return true;
    } catch {
      return false;
    }
  };
}
