/**
 * The content script for Zoho CRM and the worker's demo CRM page: Zoho's hosts (static), the
 * worker's demo page (added to the manifest from WXT_WORKER_URL in wxt.config.ts) and any origin
 * the user grants at run time as a Zoho or demo site (registered by lib/hosts.ts with this same
 * file). Each CRM has its own content script with only its own adapters (fxiaoke.content.ts),
 * so a page loads one CRM's selectors; the runner, the badge and the classifier are shared.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContent } from '../content/index.ts';
import { demo } from '../sites/demo.ts';
import { ZOHO_MATCHES } from '../sites/zoho.hosts.ts';
import { zoho } from '../sites/zoho.ts';

export default defineContentScript({
  matches: [...ZOHO_MATCHES],
  runAt: 'document_idle',
  // Styles go into each badge's shadow root (imported inline); nothing is injected into the page.
  cssInjectionMode: 'manual',
  main(ctx) {
    return startContent(ctx, [zoho, demo]);
  },
});
