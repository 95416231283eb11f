/**
 * Hosts beyond the ones in the manifest, granted at run time: a Zoho custom domain, the demo
 * CRM page of a self-hosted worker, a self-hosted worker's API. The options page calls
 * `requestHost` from a click (browsers only grant permissions during a user gesture); the
 * background calls `syncHostScripts` at start-up so the content scripts match the grants.
 */
import { browser } from 'wxt/browser';
import { CONTENT_SCRIPTS, normaliseOrigin, originPattern, scriptMatches } from './origins.ts';
import { type ExtraHost, extraHostsItem } from './settings.ts';

export { CONTENT_SCRIPTS, CRM_CONTENT_SCRIPT, normaliseOrigin, originPattern, scriptMatches } from './origins.ts';

const SCRIPT_ID_PREFIX = 'tierlens-host:';

const scriptId = (origin: string) => SCRIPT_ID_PREFIX + origin;

/**
 * Asks the user for access to `origin` and, when granted, runs the content script there from
 * now on (also after restarts). Call it directly from a click handler, before any other await.
 * Resolves to whether access was granted.
 */
export async function requestHost(origin: string, site: ExtraHost['site'] = 'zoho'): Promise<boolean> {
  const normalised = normaliseOrigin(origin);
  const granted = await browser.permissions.request({ origins: [originPattern(normalised)] });
  if (!granted) return false;
  const host: ExtraHost = { origin: normalised, site };
  const hosts = (await extraHostsItem.getValue()).filter((h) => h.origin !== normalised);
  await extraHostsItem.setValue([...hosts, host]);
  await registerHostScript(host);
  return true;
}

/** Asks for access to a worker URL the manifest does not cover (no content script). */
export async function requestWorkerAccess(workerUrl: string): Promise<boolean> {
  const origins = [originPattern(normaliseOrigin(workerUrl))];
  if (await browser.permissions.contains({ origins })) return true;
  return browser.permissions.request({ origins });
}

/** Whether the extension may call this worker URL (from the manifest or a run-time grant). */
export async function hasWorkerAccess(workerUrl: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [originPattern(normaliseOrigin(workerUrl))] });
}

/** Stops running on an origin and gives its permission back. */
export async function removeHost(origin: string): Promise<void> {
  const normalised = normaliseOrigin(origin);
  await extraHostsItem.setValue((await extraHostsItem.getValue()).filter((h) => h.origin !== normalised));
  await browser.scripting.unregisterContentScripts({ ids: [scriptId(normalised)] }).catch(() => undefined);
  await browser.permissions.remove({ origins: [originPattern(normalised)] }).catch(() => false);
}

export async function listHosts(): Promise<ExtraHost[]> {
  return extraHostsItem.getValue();
}

async function registerHostScript(host: ExtraHost): Promise<void> {
  const id = scriptId(host.origin);
  await browser.scripting.unregisterContentScripts({ ids: [id] }).catch(() => undefined);
  await browser.scripting.registerContentScripts([
    { id, matches: scriptMatches(host), js: [CONTENT_SCRIPTS[host.site]], runAt: 'document_idle', persistAcrossSessions: true },
  ]);
}

/**
 * Makes the registered content scripts match the saved hosts whose permission is still
 * granted: registers what is missing (a browser that does not persist registrations), drops
 * what the user revoked. Returns the hosts that run.
 */
export async function syncHostScripts(): Promise<ExtraHost[]> {
  const hosts = await extraHostsItem.getValue();
  const registered = await browser.scripting.getRegisteredContentScripts().catch(() => []);
  const registeredIds = new Set(registered.map((s) => s.id).filter((id) => id.startsWith(SCRIPT_ID_PREFIX)));
  const active: ExtraHost[] = [];
  for (const host of hosts) {
    const granted = await browser.permissions.contains({ origins: [originPattern(host.origin)] }).catch(() => false);
    if (!granted) continue;
    active.push(host);
    if (!registeredIds.has(scriptId(host.origin))) await registerHostScript(host).catch(() => undefined);
    registeredIds.delete(scriptId(host.origin));
  }
  if (registeredIds.size > 0) await browser.scripting.unregisterContentScripts({ ids: [...registeredIds] }).catch(() => undefined);
  return active;
}
