/**
 * The page itself, shared by every part of the dashboard: an element by its id, a new element with its children,
 * and the message line (read out to screen readers too) where every part says what it did or what failed.
 */
import { ApiError } from "../api.js";
import { announce } from "../a11y.js";

export const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
export function el(tag: string, props: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

/** The message line, also read out by screen readers. */
export function say(text: string, error = false): void {
  const m = $("message");
  m.textContent = text;
  m.className = `message${error ? " error" : ""}`;
  m.hidden = text === "";
  if (text !== "") announce(document, text);
}
export const fail = (e: unknown) => say(e instanceof ApiError ? e.message : `出错了：${e instanceof Error ? e.message : String(e)}`, true);
