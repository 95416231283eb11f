/**
 * Which of a content script's adapters runs on a page. Kept apart from sites/index.ts (which
 * imports every adapter) so that each content script bundles only its own adapters.
 */
import type { ExtraHost } from '../lib/prefs.ts';
import type { SiteAdapter } from './types.ts';

/**
 * On an origin the user granted at run time, the adapter chosen for it; anywhere else the first
 * adapter that serves the URL (list path-based ones, like the demo CRM's, last).
 */
export function pickFrom(adapters: readonly SiteAdapter[], url: URL, extraHosts: readonly ExtraHost[] = []): SiteAdapter | null {
  const site = extraHosts.find((h) => h.origin === url.origin)?.site;
  return (site ? adapters.find((a) => a.id === site) : adapters.find((a) => a.matches(url))) ?? null;
}
