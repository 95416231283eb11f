/**
 * The Playwright test with the extension loaded: a fresh browser profile per test, set up
 * like a rep's (worker URL = the counting proxy, the demo reader key, Zoho pages resolved
 * against the demo connector), and helpers to reach the badges.
 */
import { test as base, expect, type Locator, type Page, type Worker } from '@playwright/test';
import type { E2eEnv } from '../global-setup.ts';
import { type Launched, launchWithExtension, saveSettings } from './browser.ts';

export function e2eEnv(): E2eEnv {
  const raw = process.env.TIERLENS_E2E;
  if (!raw) throw new Error('TIERLENS_E2E is not set: run through playwright.config.ts (global setup)');
  return JSON.parse(raw) as E2eEnv;
}

/** The settings every test starts with (keys of extension/lib/prefs.ts). */
export function defaultSettings(env: E2eEnv): Record<string, unknown> {
  return { workerUrl: env.proxyUrl, apiKey: 'demo-reader', crmAliases: { zoho: 'demo' } };
}

export const ZOHO = 'https://crm.zoho.com';
export const CLASSIC = `${ZOHO}/crm/org123456/tab`;
export const EVERYONE = `${ZOHO}/crm/zylker/tab`;

interface Fixtures {
  env: E2eEnv;
  /** Settings saved before the test; override per describe with test.use({ settings }). */
  settings: Record<string, unknown>;
  launched: Launched;
  background: Worker;
  page: Page;
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern
  env: async ({}, use) => use(e2eEnv()),
  settings: async ({ env }, use) => use(defaultSettings(env)),
  // Playwright's own `locale` option (test.use({ locale: 'zh-CN' })) sets the browser language.
  launched: async ({ env, settings, locale }, use) => {
    const launched = await launchWithExtension({ fixturePort: env.fixturePort, locale: locale ?? 'en-US' });
    await saveSettings(launched.background, settings);
    await use(launched);
    await launched.close();
  },
  background: async ({ launched }, use) => use(launched.background),
  page: async ({ launched }, use) => {
    const page = launched.context.pages()[0] ?? (await launched.context.newPage());
    await use(page);
  },
});

export { expect };

/** Every badge on the page (the shadow hosts). */
export const badges = (page: Page): Locator => page.locator('tierlens-badge');

/** The badge of one account. */
export const badgeOf = (page: Page, accountId: string): Locator => page.locator(`tierlens-badge[data-account-id="${accountId}"]`);

/** The headline button inside a badge (locators pierce open shadow roots). */
export const button = (badge: Locator): Locator => badge.locator('button.badge');

export const card = (badge: Locator): Locator => badge.locator('[role="tooltip"]');
