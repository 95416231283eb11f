/**
 * The content script for every CRM page: Zoho's hosts (static), the worker's demo CRM page
 * (added to the manifest from WXT_WORKER_URL in wxt.config.ts) and any origin the user
 * grants at run time (registered by lib/hosts.ts with this same file).
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContent } from '../content/index.ts';
import { ZOHO_MATCHES } from '../sites/zoho.hosts.ts';

export default defineContentScript({
  matches: [...ZOHO_MATCHES],
  runAt: 'document_idle',
  // Styles go into each badge's shadow root (imported inline); nothing is injected into the page.
  cssInjectionMode: 'manual',
  main(ctx) {
    return startContent(ctx);
  },
});
