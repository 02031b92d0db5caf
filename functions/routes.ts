/** The HTTP API of CONTRACT §5: one table, used by the Functions registration and by the local host. */
import { rosterHandler, tasksHandler, templateHandler } from "./handlers/config.js";
import { fileHandler } from "./handlers/file.js";
import { healthHandler } from "./handlers/health.js";
import { letterheadHandler } from "./handlers/letterhead.js";
import { mailHandler } from "./handlers/mail.js";
import { ledgerHandler } from "./handlers/ledger.js";
import { mappingHandler } from "./handlers/mapping.js";
import { noticeHandler } from "./handlers/notice.js";
import { purgeHandler } from "./handlers/purge.js";
import { reviewsHandler } from "./handlers/reviews.js";
import { roundsHandler } from "./handlers/rounds.js";
import { statusHandler } from "./handlers/status.js";
import { submitHandler } from "./handlers/submit.js";
import { tokensHandler } from "./handlers/tokens.js";
import type { Handler } from "./http.js";
import type { Principal } from "./tokens.js";

export interface Route {
  name: string;
  methods: ("GET" | "POST" | "PUT")[];
  /** Below `/api/`, with `{param}` placeholders as Azure Functions writes them. */
  route: string;
  handler: Handler;
  /** Who may send a body to it (POST/PUT), known before the body is read: the local host refuses others at once. */
  uploadRole?: Principal["role"];
}

export const ROUTES: readonly Route[] = [
  { name: "submit", methods: ["POST"], route: "submissions", handler: submitHandler, uploadRole: "unit" },
  { name: "status", methods: ["GET"], route: "status", handler: statusHandler },
  { name: "ledger", methods: ["GET"], route: "ledger", handler: ledgerHandler },
  { name: "file", methods: ["GET"], route: "submissions/{id}/file", handler: fileHandler },
  { name: "health", methods: ["GET"], route: "health", handler: healthHandler },
  { name: "tasks", methods: ["GET", "PUT"], route: "tasks", handler: tasksHandler, uploadRole: "coordinator" },
  { name: "mapping", methods: ["GET", "PUT"], route: "mapping", handler: mappingHandler, uploadRole: "coordinator" },
  { name: "roster", methods: ["GET", "PUT"], route: "roster", handler: rosterHandler, uploadRole: "coordinator" },
  { name: "template", methods: ["GET"], route: "template", handler: templateHandler },
  { name: "reviews", methods: ["GET", "POST"], route: "reviews", handler: reviewsHandler, uploadRole: "coordinator" },
  { name: "tokens", methods: ["POST"], route: "tokens", handler: tokensHandler, uploadRole: "coordinator" },
  { name: "rounds", methods: ["GET"], route: "rounds", handler: roundsHandler },
  { name: "round", methods: ["PUT"], route: "rounds/{round}", handler: roundsHandler, uploadRole: "coordinator" },
  { name: "purge", methods: ["POST"], route: "purge", handler: purgeHandler, uploadRole: "coordinator" },
  { name: "letterhead", methods: ["GET", "PUT"], route: "letterhead", handler: letterheadHandler, uploadRole: "coordinator" },
  { name: "notice", methods: ["GET"], route: "notice", handler: noticeHandler },
  { name: "mail", methods: ["GET"], route: "mail", handler: mailHandler },
  { name: "mailDecision", methods: ["POST"], route: "mail/{key}", handler: mailHandler, uploadRole: "coordinator" },
  { name: "mailMessage", methods: ["GET"], route: "mail/{key}/message", handler: mailHandler },
];
