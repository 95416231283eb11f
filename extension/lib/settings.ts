/**
 * The extension's settings, in `browser.storage.local` (typed, versioned WXT storage items).
 * Shared by the background (API client), the popup and the options page; the content script
 * reads the same keys through prefs.ts. Every item has a fallback, so a fresh install works
 * against the default worker with no setup beyond the API key.
 */
import { storage } from 'wxt/utils/storage';
import { DEFAULT_WORKER_URL, type ExtraHost, KEYS, type LangSetting, MAX_CHIPS, normaliseWorkerUrl } from './prefs.ts';

export { DEFAULT_WORKER_URL, type ExtraHost, type LangSetting, MAX_CHIPS, normaliseWorkerUrl, resolveLang } from './prefs.ts';

/** The worker's base URL, no trailing slash. */
export const workerUrlItem = storage.defineItem<string>(`local:${KEYS.workerUrl}`, {
  fallback: DEFAULT_WORKER_URL,
  version: 1,
});

/** The `Authorization: Bearer` key (`demo-reader` / `demo-admin` against the demo worker). */
export const apiKeyItem = storage.defineItem<string>(`local:${KEYS.apiKey}`, {
  fallback: '',
  version: 1,
});

export const langItem = storage.defineItem<LangSetting>(`local:${KEYS.lang}`, {
  fallback: 'auto',
  version: 1,
});

/**
 * Dimension ids shown as chips next to the headline badge. Empty: the rule set's own `chips`
 * (what the worker returns in `Classification.chips`). At most three are shown.
 */
export const chipsItem = storage.defineItem<string[]>(`local:${KEYS.chips}`, {
  fallback: [],
  version: 1,
});

/** Origins granted at run time (see lib/hosts.ts, which keeps this list). */
export const extraHostsItem = storage.defineItem<ExtraHost[]>(`local:${KEYS.extraHosts}`, {
  fallback: [],
  version: 1,
});

/**
 * Which worker connector answers for a site's CRM, when it is not the site's own id: the
 * Zoho adapter asks for crm `zoho`; a tenant whose Zoho connector has another id maps it here
 * (`{ "zoho": "zoho-eu" }`). The end-to-end tests map `zoho` to the worker's `demo` connector
 * so the saved Zoho pages resolve against the demo data. Applied by the background only.
 */
export const crmAliasesItem = storage.defineItem<Record<string, string>>(`local:${KEYS.crmAliases}`, {
  fallback: {},
  version: 1,
});

export interface Settings {
  workerUrl: string;
  apiKey: string;
  lang: LangSetting;
  chips: string[];
}

export async function getSettings(): Promise<Settings> {
  const [workerUrl, apiKey, lang, chips] = await Promise.all([
    workerUrlItem.getValue(),
    apiKeyItem.getValue(),
    langItem.getValue(),
    chipsItem.getValue(),
  ]);
  return { workerUrl: normaliseWorkerUrl(workerUrl) || DEFAULT_WORKER_URL, apiKey: apiKey.trim(), lang, chips };
}

/** Saves what is given; a worker URL is normalised first (throws on a URL that is not http(s)). */
export async function saveSettings(patch: Partial<Settings>): Promise<void> {
  const tasks: Promise<void>[] = [];
  if (patch.workerUrl !== undefined) {
    const url = normaliseWorkerUrl(patch.workerUrl);
    if (!url) throw new Error(`not an http(s) URL: ${patch.workerUrl}`);
    tasks.push(workerUrlItem.setValue(url));
  }
  if (patch.apiKey !== undefined) tasks.push(apiKeyItem.setValue(patch.apiKey.trim()));
  if (patch.lang !== undefined) tasks.push(langItem.setValue(patch.lang));
  if (patch.chips !== undefined) tasks.push(chipsItem.setValue(patch.chips.slice(0, MAX_CHIPS)));
  await Promise.all(tasks);
}
