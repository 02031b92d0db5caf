/**
 * On Node, the file check inflates with zlib (native, bounded by `maxOutputLength`) instead of JavaScript.
 * Imported for its effect by the Node entry points (the command line, the service); browsers never load it.
 */
import { inflateRawSync } from "node:zlib";
import { useBoundedInflate } from "./inflateEntry.js";

useBoundedInflate((compressed, max) => inflateRawSync(compressed, { maxOutputLength: Math.max(1, max) }));
