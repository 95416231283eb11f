/** The content script: picks the site adapter for this page and keeps badges in step with it. */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { send } from '../lib/messaging.ts';
import { KEYS, resolveLang } from '../lib/prefs.ts';
import type { TabMessage } from '../lib/protocol.ts';
import { pickFrom } from '../sites/pick.ts';
import type { SiteAdapter } from '../sites/types.ts';
import type { BadgeView } from './badge-host.tsx';
import { Classifier } from './classifier.ts';
import { readPrefs, watchPrefs } from './prefs.ts';
import { startRunner } from './runner.ts';

/** Settings after which the page asks for classifications again (the background forgets its cache). */
const REFRESH_ON: readonly string[] = [KEYS.workerUrl, KEYS.apiKey, KEYS.crmAliases];

/** Runs on this page the first of `adapters` (the content script's own) that serves it. */
export async function startContent(ctx: ContentScriptContext, adapters: readonly SiteAdapter[]): Promise<void> {
  const prefs = await readPrefs();
  const adapter = pickFrom(adapters, new URL(location.href), prefs.extraHosts);
  if (!adapter || ctx.isInvalid) return;

  const onOpenOptions = () => void send({ type: 'openOptions' });
  let view: BadgeView = { lang: resolveLang(prefs.lang), chipIds: prefs.chips, onOpenOptions };
  const runner = startRunner(ctx, adapter, new Classifier(send), view);

  watchPrefs(ctx.signal, (keys, changed) => {
    if (changed.lang !== undefined || changed.chips !== undefined) {
      view = { ...view, lang: changed.lang !== undefined ? resolveLang(changed.lang) : view.lang, chipIds: changed.chips ?? view.chipIds };
      runner.setView(view);
    }
    if (REFRESH_ON.some((k) => keys.has(k as never))) runner.refresh();
  });

  // The popup asks what is on this page.
  const onMessage = (message: TabMessage, _sender: unknown, sendResponse: (r: unknown) => void) => {
    if (message?.type !== 'pageSummary') return false;
    sendResponse(runner.summary());
    return false;
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
}
