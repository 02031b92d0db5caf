/**
 * `POST /api/tokens` (coordinator): a token for every unit of the roster in use that has none active — the dashboard's
 * button, as `gongkai token --all`. 201 `{ issued: [{ unit, token }], existing: [unit…], rosterSource }`: the new
 * secrets are shown this once (on one machine they are also added to the data folder's `tokens.txt`, which the next
 * `npm start` uses again).
 */
import { authorize, json, type Handler } from "../http.js";
import { rosterInUse } from "../roundConfig.js";
import { addToTokensFile, issueForUnits, tokensFileOf } from "../tokens.js";

export const tokensHandler: Handler = async (request, _context, services) => {
  await authorize(request, services, "coordinator");
  const { roster, rosterSource } = await rosterInUse(services);
  const { issued, existing } = await issueForUnits(services.store, roster.unitNames, services.now());
  const file = tokensFileOf(services.settings);
  if (file) await addToTokensFile(file, issued, "本机签发的令牌（含看板上签发的）", roster.unitNames);
  return json(201, { issued, existing, rosterSource });
};
