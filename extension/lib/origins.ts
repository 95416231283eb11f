/** Origins and match patterns for the hosts granted at run time (pure; lib/hosts.ts does the granting). */
import type { ExtraHost } from './prefs.ts';

/** The built content script of Zoho and the demo CRM (extension/entrypoints/crm.content.ts). */
export const CRM_CONTENT_SCRIPT = 'content-scripts/crm.js';

/** The built content script of each site (one per CRM, with only its own adapters). */
export const CONTENT_SCRIPTS: Readonly<Record<ExtraHost['site'], string>> = {
  zoho: CRM_CONTENT_SCRIPT,
  demo: CRM_CONTENT_SCRIPT,
  fxiaoke: 'content-scripts/fxiaoke.js',
};

/** `https://crm.example.com/any/path` -> `https://crm.example.com`; throws for anything but http(s). */
export function normaliseOrigin(input: string): string {
  let url: URL;
  try {
    url = new URL(input.includes('://') ? input : `https://${input}`);
  } catch {
    throw new Error(`Not a URL: ${input}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Only http(s) origins can be added: ${input}`);
  return url.origin;
}

/** The permission pattern for an origin: `https://crm.example.com/*`. */
export const originPattern = (origin: string): string => `${origin}/*`;

/** Where the content script runs on a granted origin: everywhere for a CRM, under /demo for a worker. */
export function scriptMatches(host: ExtraHost): string[] {
  return host.site === 'demo' ? [`${host.origin}/demo`, `${host.origin}/demo/*`] : [originPattern(host.origin)];
}
