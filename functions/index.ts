/** The Azure Functions app (Node v4 programming model): each route of `routes.ts` registered with its handler. */
import azureFunctions from "@azure/functions";
import { handler } from "./http.js";
import { warmParsePool } from "./parsePool.js";
import { ROUTES } from "./routes.js";

// The package is CommonJS, bundled: Node's ESM loader cannot see its named exports.
const { app } = azureFunctions;

warmParsePool(); // the workers that read received files start with the app, not with its first submission

for (const r of ROUTES) {
  app.http(r.name, { methods: r.methods, route: r.route, authLevel: "anonymous", handler: handler(r.handler) });
}
