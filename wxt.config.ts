import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { ZOHO_MATCHES } from './extension/sites/zoho.hosts.ts';

/**
 * The TierLens extension (Chrome, Edge and Firefox, all Manifest V3).
 *
 * Permissions are kept to what the badge needs on install:
 * - host permissions for Zoho CRM's hosts (every data centre, Zoho One, sandboxes) and for
 *   the configured worker only; Fxiaoke's content script matches its public cloud
 *   (`www.fxiaoke.com`, extension/sites/fxiaoke.hosts.ts) and needs no host permission on top
 *   (nothing but the content script touches the page); Fxiaoke's other clouds are granted at
 *   run time like any extra host;
 * - `storage` (settings, session cache) and `scripting` (content scripts for the extra hosts
 *   a user grants at run time from the options page: a custom domain, a self-hosted worker's
 *   demo page). Those origins are `optional_host_permissions`, requested one by one.
 *
 * The worker's URL is fixed at build time by `WXT_WORKER_URL` (default: the local
 * `wrangler dev` at http://127.0.0.1:8787), e.g.
 *   WXT_WORKER_URL=https://tierlens.example.workers.dev npx wxt build
 * A loopback worker gets a port-less pattern (`http://127.0.0.1/*`), so any local port works
 * (tests run their own worker on a free port); a deployed worker gets exactly its origin.
 */
export function workerUrl(): URL {
  const raw = process.env.WXT_WORKER_URL || 'http://127.0.0.1:8787';
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`WXT_WORKER_URL must be http(s): ${raw}`);
  return url;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The match pattern covering the worker (and the demo CRM page it serves under /demo). */
export function workerMatch(url: URL = workerUrl()): string {
  return LOOPBACK.has(url.hostname) ? `${url.protocol}//${url.hostname}/*` : `${url.protocol}//${url.host}/*`;
}

export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  imports: false,
  manifestVersion: 3,
  vite: () => ({
    plugins: [preact()],
    define: { 'import.meta.env.WXT_WORKER_URL': JSON.stringify(workerUrl().href.replace(/\/$/, '')) },
    build: { target: 'es2022' },
  }),
  manifest: ({ browser }) => ({
    name: 'TierLens',
    description: 'Tier badges and handling tips for accounts inside Zoho CRM and Fxiaoke (纷享销客).',
    permissions: ['storage', 'scripting'],
    host_permissions: [...ZOHO_MATCHES, workerMatch()],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: 'TierLens' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'tierlens@tierlens.dev',
              strict_min_version: '128.0',
              // Account ids go to the team's own worker, never to the extension's developer.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  hooks: {
    // The demo CRM page the worker serves: the same content script runs there.
    'build:manifestGenerated': (_wxt, manifest) => {
      const pattern = workerMatch().replace(/\/\*$/, '');
      for (const cs of manifest.content_scripts ?? []) {
        if (cs.js?.includes('content-scripts/crm.js')) cs.matches = [...(cs.matches ?? []), `${pattern}/demo`, `${pattern}/demo/*`];
      }
    },
  },
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    includeSources: ['extension/**', 'shared/**', 'wxt.config.ts', 'package.json', 'package-lock.json', 'tsconfig.base.json', 'README.md'],
  },
});
