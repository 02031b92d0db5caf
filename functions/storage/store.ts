/** The service's storage: one interface (`types.ts`), two backends (Azure Storage, embedded SQLite). */
export * from "./types.js";
export { AzureStore } from "./azure.js";
