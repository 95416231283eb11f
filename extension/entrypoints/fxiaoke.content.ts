/**
 * The content script for 纷享销客 (Fxiaoke): the public cloud's host (static) and any origin the
 * user grants at run time as a Fxiaoke site (another cloud, a private deployment; registered by
 * lib/hosts.ts with this same file). The same runner, badge and classifier as every CRM's
 * content script, with only the Fxiaoke adapter.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContent } from '../content/index.ts';
import { FXIAOKE_MATCHES } from '../sites/fxiaoke.hosts.ts';
import { fxiaoke } from '../sites/fxiaoke.ts';

export default defineContentScript({
  matches: [...FXIAOKE_MATCHES],
  runAt: 'document_idle',
  // Styles go into each badge's shadow root (imported inline); nothing is injected into the page.
  cssInjectionMode: 'manual',
  main(ctx) {
    return startContent(ctx, [fxiaoke]);
  },
});
