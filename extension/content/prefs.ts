/**
 * The few settings the content script needs, read straight from `browser.storage.local`
 * (the keys of lib/prefs.ts) so the storage library stays out of the page's bundle.
 */
import { browser } from 'wxt/browser';
import { type ExtraHost, KEYS, type LangSetting } from '../lib/prefs.ts';

export interface ContentPrefs {
  lang: LangSetting;
  chips: string[];
  extraHosts: ExtraHost[];
}

export async function readPrefs(): Promise<ContentPrefs> {
  const got = await browser.storage.local.get([KEYS.lang, KEYS.chips, KEYS.extraHosts]);
  return {
    lang: (got[KEYS.lang] as LangSetting | undefined) ?? 'auto',
    chips: Array.isArray(got[KEYS.chips]) ? (got[KEYS.chips] as string[]) : [],
    extraHosts: Array.isArray(got[KEYS.extraHosts]) ? (got[KEYS.extraHosts] as ExtraHost[]) : [],
  };
}

type Key = (typeof KEYS)[keyof typeof KEYS];

/** Calls back with the local-storage keys that changed, until `signal` aborts. */
export function watchPrefs(signal: AbortSignal, onChange: (keys: Set<Key>, prefs: Partial<ContentPrefs>) => void): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    const keys = new Set(Object.keys(changes) as Key[]);
    const prefs: Partial<ContentPrefs> = {};
    if (keys.has(KEYS.lang)) prefs.lang = (changes[KEYS.lang]?.newValue as LangSetting | undefined) ?? 'auto';
    if (keys.has(KEYS.chips)) prefs.chips = (changes[KEYS.chips]?.newValue as string[] | undefined) ?? [];
    onChange(keys, prefs);
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
}
