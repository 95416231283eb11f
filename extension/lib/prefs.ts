/**
 * The settings' keys, types and pure helpers, without the storage library: the content
 * script reads its few settings through this (it must stay small); everything else uses
 * settings.ts, which defines the typed storage items on these same keys.
 */
import type { Lang } from '../../shared/schema.ts';

/** Keys in `browser.storage.local`. */
export const KEYS = {
  workerUrl: 'workerUrl',
  apiKey: 'apiKey',
  lang: 'lang',
  chips: 'chips',
  extraHosts: 'extraHosts',
  crmAliases: 'crmAliases',
} as const;

/** `auto` follows the browser (navigator.language); `zh` / `en` override it. */
export type LangSetting = 'auto' | Lang;

/** Origins (e.g. `https://crm.example.com`) the user granted at run time, with the site adapter each runs. */
export interface ExtraHost {
  origin: string;
  /** Which site adapter the registered content script runs there. */
  site: 'zoho' | 'fxiaoke' | 'demo';
}

export const MAX_CHIPS = 3;

/**
 * The worker the extension talks to by default. Set at build time with `WXT_WORKER_URL`
 * (e.g. `WXT_WORKER_URL=https://tierlens.example.workers.dev npx wxt build`); the build also
 * adds that origin to the manifest's host permissions. Local development uses wrangler's port.
 */
// Pure: the content script does not use it, and the bundler drops it (and normaliseWorkerUrl) there.
export const DEFAULT_WORKER_URL: string = /* @__PURE__ */ normaliseWorkerUrl(
  (import.meta.env.WXT_WORKER_URL as string | undefined) || 'http://127.0.0.1:8787',
);

/** `https://x.example.com/` -> `https://x.example.com`; '' for anything that is not http(s). */
export function normaliseWorkerUrl(raw: string): string {
  try {
    const u = new URL(raw.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return '';
    return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return '';
  }
}

/** The language to render in: the saved override, else the browser's (any zh-* is Chinese). */
export function resolveLang(
  setting: LangSetting | null | undefined,
  browserLang: string | undefined = globalThis.navigator?.language,
): Lang {
  if (setting === 'zh' || setting === 'en') return setting;
  return browserLang?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
