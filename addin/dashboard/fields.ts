/**
 * The settings fields at the top of the dashboard (server, token, month, reminder days, large text), put back as
 * the coordinator left them on this computer: server, token and large text are kept in localStorage; the month
 * starts at this one.
 */
import { localDay } from "../../core/index.js";
import { applyLargeText } from "../settings.js";
import { $ } from "./page.js";

const KEY = "gongkai-ledger.dashboard.v1";
export const fields = {
  server: $<HTMLInputElement>("server"),
  token: $<HTMLInputElement>("token"),
  round: $<HTMLInputElement>("round"),
  days: $<HTMLInputElement>("remind-days"),
  largeText: $<HTMLInputElement>("large-text"),
};

/** The fields as saved last time, large text applied; the month set to this one. */
export function restoreFields(): void {
  const saved = JSON.parse(localStorage.getItem(KEY) ?? "{}") as { server?: string; token?: string; largeText?: boolean };
  fields.server.value = saved.server ?? location.origin;
  fields.token.value = saved.token ?? "";
  fields.largeText.checked = saved.largeText === true;
  applyLargeText(document, fields.largeText.checked);
  fields.round.value = localDay(new Date()).slice(0, 7);
}

export const remember = () =>
  localStorage.setItem(KEY, JSON.stringify({ server: fields.server.value.trim(), token: fields.token.value.trim(), ...(fields.largeText.checked ? { largeText: true } : {}) }));
