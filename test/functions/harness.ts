/** A real local service for tests: Azurite on free ports, the handlers behind the local host, a fake clock. */
import type { Roster } from "../../core/index.js";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { settingsWith, type StorageSetting } from "../../functions/config.js";
import type { EmbeddedStore } from "../../functions/storage/embedded.js";
import { startAzurite, type Azurite, type AzuriteOptions } from "../../functions/dev/azurite.js";
import { startLocalHost, type LocalHost } from "../../functions/localHost.js";
import { createServices, type Services } from "../../functions/services.js";
import type { LedgerStore } from "../../functions/storage/store.js";
import { issueToken } from "../../functions/tokens.js";

export interface Harness {
  /** `undefined` on the embedded store. */
  azurite: Azurite | undefined;
  services: Services;
  host: LocalHost;
  coordinator: string;
  token(unit: string): Promise<string>;
  // the tests read answers of many shapes
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  submit(token: string, body: Uint8Array, round?: string): Promise<{ status: number; json: any }>;
  get(path: string, token?: string): Promise<Response>;
  close(): Promise<void>;
}

export interface HarnessOptions extends AzuriteOptions {
  roster?: Roster;
  maxUploadBytes?: number;
  /** The embedded store (a data folder), as `npm start` runs, instead of Azurite. */
  embedded?: boolean;
  /** A store of the test's own (a subclass that acts at a chosen step). */
  store?: (connectionString: string) => LedgerStore;
  /** When the fake clock starts (ISO instant; default 2022-03-10 10:00 in 北京). */
  clock?: string;
}

/** Every call is 1 ms later than the one before: distinct, ordered receipt times; "today" is 2022-03-10 in 北京. */
export function fakeClock(start = "2022-03-10T02:00:00.000Z"): () => Date {
  let t = Date.parse(start);
  return () => new Date(t++);
}

export async function startHarness(o: HarnessOptions = {}): Promise<Harness> {
  const azurite = o.embedded ? undefined : await startAzurite(o);
  const dir = o.embedded ? await mkdtemp(join(tmpdir(), "gongkai-harness-")) : undefined;
  const storage: StorageSetting = azurite ? { kind: "azure", connectionString: azurite.connectionString } : { kind: "embedded", dir: dir! };
  const base = createServices(
    settingsWith(storage, { ...(o.maxUploadBytes ? { maxUploadBytes: o.maxUploadBytes } : {}), ...(o.roster ? { roster: o.roster } : {}) }),
    fakeClock(o.clock),
  );
  const services = o.store && azurite ? { ...base, store: o.store(azurite.connectionString) } : base;
  const host = await startLocalHost(services, { quiet: true });
  const coordinator = await issueToken(services.store, { role: "coordinator", unit: "" });
  return {
    azurite,
    services,
    host,
    coordinator,
    token: (unit) => issueToken(services.store, { role: "unit", unit }),
    submit: async (token, body, round = "2022-03") => {
      const r = await fetch(`${host.url}/api/submissions?round=${round}`, { method: "POST", body: new Uint8Array(body), headers: { authorization: `Bearer ${token}` } });
      return { status: r.status, json: await r.json() };
    },
    get: (path, token) => fetch(`${host.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    close: async () => {
      await host.close();
      await azurite?.stop();
      if (dir) {
        (services.store as EmbeddedStore).close();
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
