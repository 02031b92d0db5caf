/**
 * The 通报's letterhead as the coordinator sets it once (`PUT /api/letterhead`): kept with the round's configuration,
 * every version kept, used for that month and the later ones until set again — and, as a task list is, for the months
 * before the first one set.
 */
import { parseLetterhead, resolveLetterhead, type Letterhead, type ResolvedLetterhead } from "../core/index.js";
import { cachedNames, forgetConfig, roundConfig, roundListVersion } from "./roundConfig.js";
import type { Services } from "./services.js";

/** The letterhead in force for a round, and the month it was set for; none while the coordinator has set none. */
export async function roundLetterhead(services: Services, round: string): Promise<{ letterhead: Letterhead; from: string } | undefined> {
  const version = roundListVersion(await cachedNames(services.store, "letterhead"), round);
  if (!version) return undefined;
  const parsed = parseLetterhead(JSON.parse((await services.store.readConfig(version.name)).toString("utf8")));
  // what is stored was checked when it was set: a version that no longer reads is this server's fault
  if (!parsed.success) throw new Error(`stored letterhead ${version.name} unusable: ${parsed.message}`);
  return { letterhead: parsed.data, from: version.key };
}

/** Keeps the letterhead (as `parseLetterhead` checked it) for a round and the months after it. */
export async function setLetterhead(services: Services, round: string, letterhead: Letterhead): Promise<void> {
  await services.store.putConfig("letterhead", round, new TextEncoder().encode(JSON.stringify(letterhead)), "json", services.now());
  forgetConfig(services.store);
}

/**
 * What the round's 通报 is made with: the letterhead in force, and where a field is not set, the issuing office read
 * from the title of the round's task list (never the built-in sample's places while a list of the coordinator's is in
 * use) or a placeholder in 〔〕.
 */
export async function noticeLetterhead(services: Services, round: string): Promise<ResolvedLetterhead> {
  const { letterhead, title } = await noticeSources(services, round);
  return resolveLetterhead(letterhead, title);
}

/** What a round's 通报 is made of besides its ledger: the letterhead set (if any) and the title of the coordinator's task list (if one is in use). */
export async function noticeSources(services: Services, round: string): Promise<{ letterhead?: Letterhead; title?: string }> {
  const [set, config] = await Promise.all([roundLetterhead(services, round), roundConfig(services, round)]);
  const title = config.tasksFrom === undefined ? undefined : config.tasks.title;
  return { ...(set ? { letterhead: set.letterhead } : {}), ...(title ? { title } : {}) };
}
