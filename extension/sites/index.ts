/** The site adapters, and which one runs on a page. */
import type { ExtraHost } from '../lib/prefs.ts';
import { demo } from './demo.ts';
import { fxiaoke } from './fxiaoke.ts';
import { pickFrom } from './pick.ts';
import type { SiteAdapter } from './types.ts';
import { zoho } from './zoho.ts';

export { pickFrom } from './pick.ts';
export type { MountPoint, PageInfo, PageKind, SiteAdapter } from './types.ts';
export { samePage } from './types.ts';

export const ADAPTERS: Readonly<Record<ExtraHost['site'], SiteAdapter>> = { zoho, fxiaoke, demo };

/**
 * The adapter for a page among all of them: Zoho's on Zoho's hosts, Fxiaoke's on Fxiaoke's; on
 * an origin the user granted at run time (a custom domain, a private deployment), the adapter
 * chosen for it; else the demo CRM's on a /demo page. Each content script picks among its own
 * adapters the same way (pick.ts).
 */
export function pickAdapter(url: URL, extraHosts: readonly ExtraHost[] = []): SiteAdapter | null {
  return pickFrom([zoho, fxiaoke, demo], url, extraHosts);
}
