/**
 * The background service worker: the only part of the extension that talks to the network.
 * Pages send typed requests (lib/protocol.ts); answers are `Reply<T>`, never exceptions.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import type { AccountSnapshot, Lang, PopulationStats } from '../../shared/schema.ts';
import { type ApiConfig, ApiFailure, callApi, getAccount, lookupAccounts } from '../lib/api.ts';
import { ClassificationCache, type SessionStore } from '../lib/cache.ts';
import { hasWorkerAccess, syncHostScripts } from '../lib/hosts.ts';
import {
  CONTENT_SCRIPT_REQUESTS,
  type ConnectionInfo,
  type LookupResult,
  type Message,
  type Reply,
  type Requests,
  type RequestType,
  type RulesDocument,
  type RulesHistoryEntry,
  type UiError,
} from '../lib/protocol.ts';
import { apiKeyItem, crmAliasesItem, getSettings, normaliseWorkerUrl, resolveLang, workerUrlItem } from '../lib/settings.ts';

type Handlers = { [K in RequestType]: (req: Message<K>) => Promise<Requests[K]['res']> };

const sessionStore: SessionStore | null = browser.storage.session
  ? {
      get: (keys) => browser.storage.session.get(keys),
      set: (items) => browser.storage.session.set(items),
      async removeAll(prefix) {
        const all = await browser.storage.session.get(null);
        const keys = Object.keys(all).filter((k) => k.startsWith(prefix));
        if (keys.length > 0) await browser.storage.session.remove(keys);
        return keys.length;
      },
    }
  : null;

const cache = new ClassificationCache(sessionStore);

async function config(override?: { workerUrl?: string; apiKey?: string }): Promise<ApiConfig> {
  const s = await getSettings();
  const workerUrl = override?.workerUrl !== undefined ? normaliseWorkerUrl(override.workerUrl) : s.workerUrl;
  if (!workerUrl) throw new ApiFailure({ kind: 'invalid', message: `Not an http(s) URL: ${override?.workerUrl}` });
  return { workerUrl, apiKey: override?.apiKey !== undefined ? override.apiKey.trim() : s.apiKey };
}

/** A network failure is a missing permission when the browser does not cover the worker URL. */
async function explain(e: unknown, cfg?: ApiConfig): Promise<UiError> {
  if (e instanceof ApiFailure) {
    if (e.error.kind === 'unreachable' && cfg && !(await hasWorkerAccess(cfg.workerUrl).catch(() => true))) {
      return { kind: 'permission', message: `No permission to reach ${cfg.workerUrl}` };
    }
    return e.error;
  }
  return { kind: 'internal', message: e instanceof Error ? e.message : String(e) };
}

/** A short tag for an API key (FNV-1a), so cache keys never hold the key itself. */
function keyTag(key: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

async function connectorOf(crm: string): Promise<string> {
  const aliases = await crmAliasesItem.getValue();
  return aliases[crm] || crm;
}

async function langOf(lang: Lang | undefined): Promise<Lang> {
  if (lang) return lang;
  const s = await getSettings();
  return resolveLang(s.lang, globalThis.navigator?.language);
}

async function classify(crm: string, ids: string[], lang?: Lang): Promise<LookupResult> {
  const cfg = await config();
  const connector = await connectorOf(crm);
  const l = await langOf(lang);
  // The worker and the key are part of the cache key: another worker or tenant never answers from
  // this one's cache, even before the settings-change watcher below has cleared it.
  return cache.lookup(`${cfg.workerUrl} ${keyTag(cfg.apiKey)} ${connector}`, l, ids, async (need) => {
    if (need.length === 1) {
      const id = need[0] as string;
      try {
        return { results: { [id]: await getAccount(cfg, connector, id, l) }, missing: [] };
      } catch (e) {
        if (e instanceof ApiFailure && e.error.kind === 'not_found') return { results: {}, missing: [id] };
        throw e;
      }
    }
    return lookupAccounts(cfg, connector, need, l);
  });
}

interface RulesRecord extends RulesDocument {
  restoredFrom?: number;
}

const handlers: Handlers = {
  async account({ crm, id, lang }) {
    const r = await classify(crm, [id], lang);
    const c = r.results[id];
    if (c) return c;
    if (r.unavailable?.includes(id)) throw new ApiFailure({ kind: 'crm', message: 'The CRM did not answer and nothing was cached' });
    throw new ApiFailure({ kind: 'not_found', status: 404, message: `Account ${id} is not known to the ${crm} connector` });
  },
  lookup: ({ crm, ids, lang }) => classify(crm, ids, lang),
  async snapshot({ crm, id }) {
    const connector = await connectorOf(crm);
    const path = `/v1/accounts/${encodeURIComponent(connector)}/${encodeURIComponent(id)}/snapshot`;
    // The worker answers { account, cache }: the page wants the snapshot.
    return (await callApi<{ account: AccountSnapshot }>(await config(), path)).data.account;
  },
  async testConnection({ workerUrl, apiKey }) {
    const cfg = await config({ workerUrl, apiKey });
    // Reachable at all (no key needed), then who the key is (GET /v1/me: tenant and role).
    await callApi(cfg, '/health', { anonymous: true });
    const me = (await callApi<{ tenant?: string; role?: string; version?: string }>(cfg, '/v1/me')).data;
    const info: ConnectionInfo = {};
    if (me.version) info.workerVersion = me.version;
    if (me.tenant) info.tenant = me.tenant;
    if (me.role === 'reader' || me.role === 'admin') info.role = me.role;
    return info;
  },
  async getRules() {
    return (await callApi<RulesRecord>(await config(), '/v1/rules')).data;
  },
  async putRules({ rules, ifMatch }) {
    const res = await callApi<RulesRecord>(await config(), '/v1/rules', {
      method: 'PUT',
      body: { rules },
      headers: { 'if-match': `"${ifMatch}"` },
    });
    await cache.clear();
    return res.data;
  },
  async rulesHistory() {
    const res = await callApi<{ current: number; versions: RulesHistoryEntry[] }>(await config(), '/v1/rules/history');
    return res.data.versions;
  },
  async rulesVersion({ version }) {
    return (await callApi<RulesRecord>(await config(), `/v1/rules/history/${encodeURIComponent(String(version))}`)).data;
  },
  async rollback({ version, ifMatch }) {
    const res = await callApi<RulesRecord>(await config(), '/v1/rules/rollback', {
      method: 'POST',
      body: { version },
      headers: { 'if-match': `"${ifMatch}"` },
    });
    await cache.clear();
    return res.data;
  },
  async stats() {
    return (await callApi<{ stats: PopulationStats | null }>(await config(), '/v1/stats')).data.stats;
  },
  async clearCache() {
    return { cleared: await cache.clear() };
  },
  async openOptions() {
    await browser.runtime.openOptionsPage();
    return null;
  },
};

async function handle(message: Message, fromContentScript: boolean): Promise<Reply<unknown>> {
  const type = message?.type;
  if (typeof type !== 'string' || !Object.hasOwn(handlers, type)) {
    return { ok: false, error: { kind: 'invalid', message: `Unknown request ${String(type)}` } };
  }
  if (fromContentScript && !CONTENT_SCRIPT_REQUESTS.includes(type)) {
    return { ok: false, error: { kind: 'forbidden', message: `${type} is not available to web pages` } };
  }
  try {
    const handler = handlers[type] as (m: Message) => Promise<unknown>;
    return { ok: true, value: await handler(message) };
  } catch (e) {
    return { ok: false, error: await explain(e, await config().catch(() => undefined)) };
  }
}

export default defineBackground({
  type: 'module',
  main() {
    browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
      if (sender.id !== browser.runtime.id) return false;
      // Content scripts run inside web pages: they may only ask for classifications.
      const extensionPage = typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/'));
      const fromContentScript = !!sender.tab && !extensionPage;
      handle(message as Message, fromContentScript).then(sendResponse);
      return true;
    });

    // Another worker or key means other answers: forget what the old one said.
    workerUrlItem.watch(() => void cache.clear());
    apiKeyItem.watch(() => void cache.clear());
    crmAliasesItem.watch(() => void cache.clear());

    browser.runtime.onStartup.addListener(() => void syncHostScripts());
    browser.runtime.onInstalled.addListener(() => void syncHostScripts());

    // For the end-to-end tests and the curious: `self.tierlens.fetches` in the worker's console.
    (globalThis as { tierlens?: unknown }).tierlens = {
      get fetches() {
        return cache.fetches;
      },
    };
  },
});
