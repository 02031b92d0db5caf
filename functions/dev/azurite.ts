/** Starts a local Azurite (Blob + Table) for `npm start`, tests and benchmarks: 127.0.0.1, free ports, telemetry off. */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer, connect } from "node:net";
import { dirname, join } from "node:path";
import { azuriteConnectionString } from "../storage/connection.js";

export interface AzuriteOptions {
  /** Folder for its data; in memory when absent. */
  location?: string;
  blobPort?: number;
  tablePort?: number;
}

export interface Azurite {
  connectionString: string;
  blobPort: number;
  tablePort: number;
  stop(): Promise<void>;
  /** Starts it again on the same ports (and, with a location, the same data). */
  restart(): Promise<void>;
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

/** The azurite entry points inside node_modules (no global install needed). */
function azuriteBin(name: "azurite-blob" | "azurite-table"): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve("azurite/package.json");
  const bin = (require(pkg) as { bin: Record<string, string> }).bin[name]!;
  return join(dirname(pkg), bin);
}

async function waitFor(port: number, child: ChildProcess, what: string, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!(await listening(port))) {
    if (child.exitCode !== null) throw new Error(`${what} 启动失败（退出码 ${child.exitCode}）`);
    if (Date.now() - start > timeoutMs) throw new Error(`${what} 在 ${timeoutMs / 1000} 秒内没有启动`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startAzurite(options: AzuriteOptions = {}): Promise<Azurite> {
  const blobPort = options.blobPort ?? (await freePort());
  const tablePort = options.tablePort ?? (await freePort());
  if (options.location) await mkdir(options.location, { recursive: true });
  const common = ["--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry"];
  const storage = options.location ? ["--location", options.location] : ["--inMemoryPersistence"];
  let children: ChildProcess[] = [];

  const launch = async () => {
    const blob = spawn(process.execPath, [azuriteBin("azurite-blob"), "--blobHost", "127.0.0.1", "--blobPort", String(blobPort), ...storage, ...common], { stdio: ["ignore", "ignore", "pipe"] });
    const table = spawn(process.execPath, [azuriteBin("azurite-table"), "--tableHost", "127.0.0.1", "--tablePort", String(tablePort), ...storage, ...common], { stdio: ["ignore", "ignore", "pipe"] });
    children = [blob, table];
    await Promise.all([waitFor(blobPort, blob, "Azurite Blob"), waitFor(tablePort, table, "Azurite Table")]);
  };
  const stop = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once("exit", () => resolve());
            c.kill("SIGINT"); // what Azurite handles: it saves its data and exits
            setTimeout(() => c.kill("SIGKILL"), 5000).unref();
          }),
      ),
    );
    children = [];
  };
  await launch();
  return {
    connectionString: azuriteConnectionString("127.0.0.1", blobPort, tablePort),
    blobPort,
    tablePort,
    stop,
    restart: async () => {
      await stop();
      await launch();
    },
  };
}
