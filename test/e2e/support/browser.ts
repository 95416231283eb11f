/**
 * Debian's Chromium with the built extension loaded (Playwright cannot download browsers
 * here). Zoho's and Fxiaoke's hosts resolve to the fixture server; every other name fails
 * fast, so the browser stays offline. Node only: the benchmark uses this too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Worker } from '@playwright/test';
import { FXIAOKE_TEST_HOSTS, ROOT, ZOHO_TEST_HOSTS } from './servers.ts';

export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Launched {
  context: BrowserContext;
  /** The extension's background service worker. */
  background: Worker;
  extensionId: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  fixturePort: number;
  /** navigator.language (the badge follows it unless a language is saved). */
  locale?: string;
}

export async function launchWithExtension({ fixturePort, locale = 'en-US' }: LaunchOptions): Promise<Launched> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'tierlens-e2e-profile-'));
  const crmHosts = [...ZOHO_TEST_HOSTS, ...FXIAOKE_TEST_HOSTS];
  const rules = [...crmHosts.map((h) => `MAP ${h} 127.0.0.1:${fixturePort}`), 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'].join(', ');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    locale,
    viewport: { width: 1280, height: 800 },
    ignoreHTTPSErrors: true,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      `--host-resolver-rules=${rules}`,
      '--ignore-certificate-errors',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--lang=${locale}`,
    ],
  });
  let [background] = context.serviceWorkers();
  if (!background) background = await context.waitForEvent('serviceworker');
  const extensionId = new URL(background.url()).host;
  return {
    context,
    background,
    extensionId,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

type StorageArea = { set(items: Record<string, unknown>): Promise<void>; get(keys: null): Promise<Record<string, unknown>> };
type ChromeGlobal = { chrome: { storage: { local: StorageArea } } };

/** Writes settings the way the options page saves them (lib/prefs.ts KEYS). */
export async function saveSettings(background: Worker, items: Record<string, unknown>): Promise<void> {
  await background.evaluate(async (values) => {
    await (globalThis as unknown as ChromeGlobal).chrome.storage.local.set(values);
  }, items);
}

/** How many batches the background fetched from the worker (lib/cache.ts `fetches`). */
export async function backgroundFetches(background: Worker): Promise<number> {
  return background.evaluate(() => (globalThis as unknown as { tierlens: { fetches: number } }).tierlens.fetches);
}
