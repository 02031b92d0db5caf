/** Storage clients from a connection string, with retries short enough to answer 503 promptly. */
import { TableClient } from "@azure/data-tables";
import { BlobServiceClient } from "@azure/storage-blob";

/** Azurite's well-known development account. */
export const DEV_ACCOUNT = "devstoreaccount1";
export const DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/** The connection string of an Azurite listening on the given host and ports. */
export function azuriteConnectionString(host: string, blobPort: number, tablePort: number): string {
  return [
    "DefaultEndpointsProtocol=http",
    `AccountName=${DEV_ACCOUNT}`,
    `AccountKey=${DEV_KEY}`,
    `BlobEndpoint=http://${host}:${blobPort}/${DEV_ACCOUNT}`,
    `TableEndpoint=http://${host}:${tablePort}/${DEV_ACCOUNT}`,
  ].join(";") + ";";
}

/** `UseDevelopmentStorage=true` spelled out, so that every client reads it the same way. */
export function expandConnectionString(cs: string): string {
  return /UseDevelopmentStorage\s*=\s*true/i.test(cs) ? azuriteConnectionString("127.0.0.1", 10000, 10002) : cs;
}

export interface StorageClients {
  blobs: BlobServiceClient;
  table(name: string): TableClient;
}

export function createClients(connectionString: string): StorageClients {
  const cs = expandConnectionString(connectionString);
  const insecure = /DefaultEndpointsProtocol=http;/i.test(cs) || /Endpoint=http:\/\//i.test(cs);
  const blobs = BlobServiceClient.fromConnectionString(cs, {
    retryOptions: { maxTries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 500, tryTimeoutInMs: 10_000 },
    userAgentOptions: { userAgentPrefix: "gongkai-ledger" },
  });
  return {
    blobs,
    table: (name) =>
      TableClient.fromConnectionString(cs, name, {
        allowInsecureConnection: insecure,
        retryOptions: { maxRetries: 1, retryDelayInMs: 100, maxRetryDelayInMs: 500 },
      }),
  };
}
