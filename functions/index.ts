/** The Azure Functions app (Node v4 programming model): each route of `routes.ts` registered with its handler. */
import azureFunctions from "@azure/functions";
import { handler } from "./http.js";
import { MailIntake } from "./mail/intake.js";
import { mailSettings } from "./mail/settings.js";
import { warmParsePool } from "./parsePool.js";
import { ROUTES } from "./routes.js";
import { defaultServices } from "./services.js";

// The package is CommonJS, bundled: Node's ESM loader cannot see its named exports.
const { app } = azureFunctions;

warmParsePool(); // the workers that read received files start with the app, not with its first submission

for (const r of ROUTES) {
  app.http(r.name, { methods: r.methods, route: r.route, authLevel: "anonymous", handler: handler(r.handler) });
}

// The office mailbox, when configured: checked by a timer (every minute at most, NCRONTAB), its state kept by this
// instance for `GET /api/mail`.
const mail = mailSettings();
if (mail) {
  const intake = defaultServices().then((s) => (s.mailbox ??= new MailIntake(s, mail)));
  const minutes = Math.max(1, Math.round(mail.pollSeconds / 60));
  app.timer("mail", { schedule: `0 */${minutes} * * * *`, handler: async () => void (await (await intake).check()) });
}
