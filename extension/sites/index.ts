/** The site adapters, and which one runs on a page. */
import type { ExtraHost } from '../lib/prefs.ts';
import { demo } from './demo.ts';
import type { SiteAdapter } from './types.ts';
import { zoho } from './zoho.ts';

export type { MountPoint, PageInfo, PageKind, SiteAdapter } from './types.ts';
export { samePage } from './types.ts';

export const ADAPTERS: Readonly<Record<ExtraHost['site'], SiteAdapter>> = { zoho, demo };

/**
 * The adapter for a page: Zoho on Zoho's hosts; on an origin the user granted at run time, the
 * adapter chosen for it; else the demo CRM's (its content script only runs on the worker's
 * origin and the granted ones).
 */
export function pickAdapter(url: URL, extraHosts: readonly ExtraHost[] = []): SiteAdapter | null {
  if (zoho.matches(url)) return zoho;
  const extra = extraHosts.find((h) => h.origin === url.origin);
  if (extra) return ADAPTERS[extra.site] ?? null;
  if (demo.matches(url)) return demo;
  return null;
}
