/** What the handlers work with: composed once from settings, replaceable in tests. */
import { RosterIndex, localDay } from "../core/index.js";
import { loadSettings, type Settings } from "./config.js";
import { AzureStore, type LedgerStore } from "./storage/store.js";
import { EmbeddedStore } from "./storage/embedded.js";
import type { MailIntake } from "./mail/intake.js";

export interface Services {
  settings: Settings;
  store: LedgerStore;
  roster: RosterIndex;
  /** The current instant (injectable so that tests and demos are reproducible). */
  now(): Date;
  /** Today in the users' time zone, `YYYY-MM-DD`. */
  today(): string;
  /** The office mailbox, where one is configured and this process reads it (`GET /api/mail`). */
  mailbox?: MailIntake | undefined;
}

export function createServices(settings: Settings, now: () => Date = () => new Date()): Services {
  return {
    settings,
    store: settings.storage.kind === "azure" ? new AzureStore(settings.storage.connectionString) : new EmbeddedStore(settings.storage.dir),
    roster: new RosterIndex(settings.roster),
    now,
    today: () => localDay(now(), settings.timeZone),
  };
}

let defaults: Promise<Services> | undefined;

/** The services of this process, from its environment. */
export function defaultServices(): Promise<Services> {
  defaults ??= loadSettings().then((s) => createServices(s));
  return defaults;
}
