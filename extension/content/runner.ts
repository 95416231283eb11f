/**
 * Navigation, handled once for every site. A CRM that is a single-page app changes the URL
 * with pushState (Zoho's Lyte router), with hash routes (Fxiaoke), or not at all while it
 * re-renders. Three signals cover them:
 *  - WXT's `wxt:locationchange` (the Navigation API in Chromium, polling elsewhere),
 *  - `popstate` / `hashchange`,
 *  - one MutationObserver on the document, which also notices a URL change (cheap string
 *    compare) and is what finds records that render after their URL changed, or without a
 *    URL change at all (a detail panel opening over a list; with the adapter's
 *    `watchAttributes`, a panel patched in place for the next record).
 * On a new URL the current page run is aborted and disposed (badges, timers, listeners), and
 * a new one starts if the adapter knows the page. Same page, new DOM: the run rescans.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Lang } from '../../shared/schema.ts';
import type { PageSummary } from '../lib/protocol.ts';
import type { SiteAdapter } from '../sites/types.ts';
import { samePage } from '../sites/types.ts';
import type { BadgeView } from './badge-host.tsx';
import { HOST_TAG } from './badge-host.tsx';
import type { Classifier } from './classifier.ts';
import { PageRun } from './page-run.ts';

/** At most one scan per this many ms while the CRM keeps mutating the page. */
const SCAN_THROTTLE_MS = 40;

export interface Runner {
  setView(view: BadgeView & { lang: Lang }): void;
  /** Settings changed: forget cached classifications and ask again. */
  refresh(): void;
  summary(): PageSummary;
}

export function startRunner(
  ctx: ContentScriptContext,
  adapter: SiteAdapter,
  classifier: Classifier,
  initialView: BadgeView & { lang: Lang },
): Runner {
  let view = initialView;
  let href = '';
  let run: PageRun | null = null;
  let lastScan = 0;
  let scanTimer: ReturnType<typeof setTimeout> | undefined;

  // Badges left by an earlier copy of this script (the extension was updated or reloaded).
  for (const stale of document.querySelectorAll(HOST_TAG)) stale.remove();

  const scanNow = () => {
    clearTimeout(scanTimer);
    scanTimer = undefined;
    lastScan = performance.now();
    run?.scan();
  };
  const scheduleScan = () => {
    if (!run || scanTimer !== undefined) return;
    const wait = SCAN_THROTTLE_MS - (performance.now() - lastScan);
    if (wait <= 0) scanNow();
    else scanTimer = setTimeout(scanNow, wait);
  };

  const navigate = () => {
    if (location.href === href || ctx.isInvalid) return;
    href = location.href;
    const page = adapter.parse(new URL(href));
    if (run && samePage(run.page, page)) {
      scheduleScan();
      return;
    }
    run?.dispose();
    run = null;
    clearTimeout(scanTimer);
    scanTimer = undefined;
    if (!page) return;
    run = new PageRun(adapter, page, classifier, view);
    scanNow();
  };

  const observer = new MutationObserver((records) => {
    // Our own badges coming and going are not news.
    if (records.every((r) => r.type === 'childList' && ours(r.addedNodes) && ours(r.removedNodes))) return;
    if (location.href !== href) navigate();
    else scheduleScan();
  });
  const watch = adapter.watchAttributes;
  observer.observe(document.documentElement, { childList: true, subtree: true, ...(watch && { attributeFilter: watch }) });

  // The Navigation API announces a navigation before the URL changes: look once it has.
  ctx.addEventListener(window, 'wxt:locationchange', () => queueMicrotask(navigate));
  ctx.addEventListener(window, 'popstate', navigate);
  ctx.addEventListener(window, 'hashchange', navigate);
  ctx.onInvalidated(() => {
    observer.disconnect();
    clearTimeout(scanTimer);
    run?.dispose();
    run = null;
  });

  navigate();

  return {
    setView(next) {
      view = next;
      run?.setView(next);
    },
    refresh() {
      classifier.clear();
      run?.refresh();
    },
    summary() {
      return run?.summary() ?? { site: adapter.id, kind: null, url: location.href, accounts: [], total: 0 };
    },
  };
}

function ours(nodes: NodeList): boolean {
  for (const n of nodes) if (n.nodeName.toLowerCase() !== HOST_TAG) return false;
  return true;
}
