/**
 * The options page in real Chromium with the built extension: an admin's rule edit changes
 * the badge on a CRM page after saving; a stale save explains the conflict and keeps the
 * edits; validation points at the field; readers cannot save; screenshots in both languages.
 *
 * Every test that changes the rules puts the original rule set back afterwards (the worker
 * is shared by the whole suite).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { RuleSet } from '../../shared/schema.ts';
import { DEMO_FEATURED } from '../../worker/connectors/demo/data.ts';
import type { E2eEnv } from './global-setup.ts';
import { ROOT } from './support/servers.ts';
import { badgeOf, button, CLASSIC, defaultSettings, expect, test } from './support/test.ts';

const SCREENSHOTS = join(ROOT, 'test-results/screenshots');

interface RulesRecord {
  version: number;
  rules: RuleSet;
}

/** The worker's rules API, called directly as another admin would (not through the extension). */
async function api<T>(env: E2eEnv, path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${env.workerUrl}${path}`, {
    ...init,
    headers: { authorization: 'Bearer demo-admin', 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });
  return { status: res.status, body: (await res.json()) as T };
}

const liveRules = async (env: E2eEnv) => (await api<RulesRecord>(env, '/v1/rules')).body;

async function putRules(env: E2eEnv, rules: RuleSet, ifMatch: number): Promise<RulesRecord> {
  const res = await api<RulesRecord>(env, '/v1/rules', {
    method: 'PUT',
    body: JSON.stringify({ rules }),
    headers: { 'if-match': `"${ifMatch}"` },
  });
  expect(res.status).toBe(200);
  return res.body;
}

/** Restores the rule set a test started from, whatever the test did to it. */
async function restore(env: E2eEnv, original: RuleSet): Promise<void> {
  const live = await liveRules(env);
  if (JSON.stringify(live.rules) !== JSON.stringify(original)) await putRules(env, original, live.version);
}

async function openOptions(page: Page, extensionId: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByTestId('rules-version')).toBeVisible();
}

/** The example account of the design notes: a key account, as a connector would produce it. */
const SNAPSHOT = {
  crm: 'zoho',
  id: '4876876000000333001',
  name: '上海金丰易居',
  createdAt: '2021-03-04T08:00:00Z',
  currency: 'CNY',
  attributes: { industry: 'Real estate', country: 'CN', employees: 1200, annualRevenue: 350000000 },
  flags: { annualAgreement: false, keyAccount: true },
  orders: [{ id: 'd1', amount: 1200000, status: 'won', closedAt: '2026-09-01T00:00:00Z', category: 'licenses' }],
  interactions: [{ kind: 'call', at: '2026-11-02T03:00:00Z' }],
  surveys: [
    { kind: 'csat', score: 4, at: '2026-10-01T00:00:00Z' },
    { kind: 'nps', score: 9, at: '2026-10-01T00:00:00Z' },
  ],
};

/** Opens the preview's "paste account data" disclosure (a <details>) and fills it. */
async function pasteSnapshot(page: Page, snapshot: unknown): Promise<void> {
  const details = page.locator('details.paste');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await page.locator('#preview-json').fill(JSON.stringify(snapshot));
}

/** Classifies the example account in the preview from pasted JSON (no worker round trip). */
async function previewPasted(page: Page, snapshot: unknown = SNAPSHOT): Promise<void> {
  await pasteSnapshot(page, snapshot);
  await page.getByRole('button', { name: /Use the pasted data|使用粘贴的数据/ }).click();
  await expect(page.getByTestId('preview-result').locator('[data-dimension]').first()).toBeVisible();
}

const tierIndex = (rules: RuleSet, dimension: string, tier: string) => {
  const d = rules.dimensions.findIndex((x) => x.id === dimension);
  return { d, t: rules.dimensions[d]?.tiers.findIndex((x) => x.id === tier) ?? -1 };
};

test.describe('as an admin', () => {
  test.use({ settings: async ({ env }, use) => use({ ...defaultSettings(env), apiKey: 'demo-admin' }) });

  let original: RuleSet;
  test.beforeEach(async ({ env }) => {
    original = (await liveRules(env)).rules;
  });
  test.afterEach(async ({ env }) => {
    await restore(env, original);
  });

  test('a rule edit in the options page changes the badge after saving', async ({ page, launched, env }) => {
    const account = `${CLASSIC}/Accounts/${DEMO_FEATURED.key}`;
    await page.goto(account);
    const badge = button(badgeOf(page, DEMO_FEATURED.key));
    await expect(badge).toContainText('Key account');

    // Strategic accounts are those with an annual agreement; the edit makes it "without one".
    const { d, t } = tierIndex(original, 'relationship', 'strategic');
    const options = await launched.context.newPage();
    await openOptions(options, launched.extensionId);
    const tier = options.locator(`[data-anchor="dimensions[${d}].tiers[${t}]"]`);
    const disclosure = tier.getByRole('button', { name: /Strategic/ }).first();
    if ((await disclosure.getAttribute('aria-expanded')) !== 'true') await disclosure.click();
    const value = options.locator(`[id="f-dimensions-${d}-tiers-${t}-when-value"]`);
    await expect(value).toHaveValue('true');
    await value.selectOption('false');

    const before = await liveRules(env);
    await options.getByRole('button', { name: 'Save rules' }).click();
    await expect(options.getByTestId('rules-notice')).toContainText(`Saved as version ${before.version + 1}`);
    await expect(options.getByTestId('rules-version')).toContainText(`Loaded version ${before.version + 1}`);
    expect((await liveRules(env)).version).toBe(before.version + 1);

    await page.bringToFront();
    await page.reload();
    await expect(button(badgeOf(page, DEMO_FEATURED.key))).toContainText('Strategic');
  });

  test('the preview fetches an account through the worker and shows what an edit changes', async ({ page, launched }) => {
    await openOptions(page, launched.extensionId);
    const { d, t } = tierIndex(original, 'relationship', 'strategic');
    await page.locator('#preview-id').fill(DEMO_FEATURED.key);
    await page.getByRole('button', { name: 'Fetch account' }).click();
    const row = page.getByTestId('preview-result').locator('[data-dimension="relationship"]');
    await expect(row).toHaveAttribute('data-tier', 'key');

    const tier = page.locator(`[data-anchor="dimensions[${d}].tiers[${t}]"]`);
    const disclosure = tier.getByRole('button', { name: /Strategic/ }).first();
    if ((await disclosure.getAttribute('aria-expanded')) !== 'true') await disclosure.click();
    await page.locator(`[id="f-dimensions-${d}-tiers-${t}-when-value"]`).selectOption('false');
    await expect(row).toHaveAttribute('data-tier', 'strategic');
    await expect(row).toContainText('was Key account');
  });

  test('a stale save says who saved what, keeps the edits, and reloads on request', async ({ page, launched, env }) => {
    await openOptions(page, launched.extensionId);
    const loaded = await liveRules(env);
    await expect(page.getByTestId('rules-version')).toContainText(`Loaded version ${loaded.version}`);

    // Someone else saves in between.
    await putRules(env, { ...loaded.rules, name: 'Changed elsewhere' }, loaded.version);

    const name = page.getByLabel('Rule set name');
    await name.fill('My edit');
    await page.getByRole('button', { name: 'Save rules' }).click();

    const conflict = page.getByTestId('conflict-notice');
    await expect(conflict).toContainText(`Someone saved version ${loaded.version + 1} since you loaded version ${loaded.version}`);
    await expect(conflict).toContainText('export them first');
    await expect(name).toHaveValue('My edit');
    expect((await liveRules(env)).rules.name).toBe('Changed elsewhere');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await conflict.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'options-conflict.png') });

    // Export keeps the edits in a file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      conflict.getByRole('button', { name: 'Export my edits' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/-edited\.json$/);

    await conflict.getByRole('button', { name: `Load version ${loaded.version + 1}` }).click();
    await expect(page.getByTestId('rules-version')).toContainText(`Loaded version ${loaded.version + 1}`);
    await expect(name).toHaveValue('Changed elsewhere');
    await expect(conflict).toHaveCount(0);
  });

  test('validation errors sit next to the field, are listed at the top, and block saving', async ({ page, launched }) => {
    await openOptions(page, launched.extensionId);
    const { d } = tierIndex(original, original.headline, 'strategic');
    const label = page.locator(`[id="f-dimensions-${d}-tiers-0-label-en"]`);
    await label.fill('');

    await expect(label).toHaveAttribute('aria-invalid', 'true');
    const errorId = await label.getAttribute('aria-describedby');
    expect(errorId).toBeTruthy();
    await expect(page.locator(`[id="${errorId}"]`)).toContainText('Too small');

    const summary = page.getByTestId('issue-summary');
    await expect(summary).toContainText('1 problem to fix before saving');
    await expect(page.getByRole('button', { name: 'Save rules' })).toBeDisabled();
    await expect(page.getByTestId('save-reason')).toContainText('Fix the 1 problem');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'options-invalid.png') });

    // The summary link focuses the field.
    await page.locator('#f-name').focus();
    await summary.getByRole('link').first().click();
    await expect(label).toBeFocused();

    await label.fill('Strategic again');
    await expect(summary).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Save rules' })).toBeEnabled();
  });

  test('history lists versions and rolls back after confirmation', async ({ page, launched, env }) => {
    const start = await liveRules(env);
    const saved = await putRules(env, { ...start.rules, name: 'Version to undo' }, start.version);
    await openOptions(page, launched.extensionId);
    await expect(page.getByLabel('Rule set name')).toHaveValue('Version to undo');

    await page.getByRole('button', { name: 'History' }).click();
    const history = page.getByRole('region', { name: 'History' });
    await expect(history.getByRole('button', { name: `View version ${saved.version}` })).toBeVisible();
    page.once('dialog', (dialog) => void dialog.accept());
    await history.getByRole('button', { name: new RegExp(`Roll back to this version \\(version ${start.version}\\)`) }).click();

    await expect(page.getByTestId('rules-notice')).toContainText(`version ${start.version}’s rules are now version ${saved.version + 1}`);
    await expect(page.getByLabel('Rule set name')).toHaveValue(start.rules.name ?? '');
    expect((await liveRules(env)).version).toBe(saved.version + 1);
  });

  test('import validates before loading; export downloads the draft', async ({ page, launched }) => {
    await openOptions(page, launched.extensionId);
    await page.getByRole('button', { name: 'Import JSON' }).click();
    const paste = page.getByLabel('Or paste JSON');
    await paste.fill('{"schemaVersion": 1, "headline": "x", "dimensions": []}');
    await page.getByRole('button', { name: 'Load into the editor' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'was not loaded' })).toContainText('dimensions');

    await paste.fill(JSON.stringify({ ...original, name: 'Imported set' }));
    await page.getByRole('button', { name: 'Load into the editor' }).click();
    await expect(page.getByLabel('Rule set name')).toHaveValue('Imported set');
    await expect(page.getByTestId('rules-version')).toContainText('Unsaved changes');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    expect(download.suggestedFilename()).toBe(
      'imported-set-v' + (await page.getByTestId('rules-version').textContent())?.match(/version (\d+)/)?.[1] + '-edited.json',
    );
  });

  test('pasted account data is validated, then previewed; screenshot in English', async ({ page, launched }) => {
    await page.setViewportSize({ width: 1440, height: 1100 });
    await openOptions(page, launched.extensionId);
    await pasteSnapshot(page, { ...SNAPSHOT, orders: [{ id: 'x', amount: -1, status: 'won' }] });
    await page.getByRole('button', { name: 'Use the pasted data' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'The account data has 1 problem' })).toContainText('orders[0].amount');
    await previewPasted(page);
    const headline = page.getByTestId('preview-result').locator('[data-headline="true"]');
    await expect(headline).toHaveAttribute('data-tier', 'key');

    // Edits reclassify as you type: the key tier's label changes in the preview at once.
    const { d, t } = tierIndex(original, 'relationship', 'key');
    const tier = page.locator(`[data-anchor="dimensions[${d}].tiers[${t}]"]`);
    await tier
      .getByRole('button', { name: /Key account/ })
      .first()
      .click();
    await page.locator(`[id="f-dimensions-${d}-tiers-${t}-label-en"]`).fill('Key partner');
    await expect(headline).toContainText('Key partner');
    await page.locator(`[id="f-dimensions-${d}-tiers-${t}-label-en"]`).fill('Key account');
    await expect(headline).toContainText('Key account');
    await page.evaluate(() => window.scrollTo(0, 0));

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'options-en.png'), fullPage: false });
    // The editor and the preview side by side, scrolled to the rules.
    await page.evaluate(() => document.getElementById('rules-title')?.scrollIntoView());
    await page.screenshot({ path: join(SCREENSHOTS, 'options-en-rules.png') });
  });
});

test.describe('in Chinese (following the browser)', () => {
  test.use({ locale: 'zh-CN', settings: async ({ env }, use) => use({ ...defaultSettings(env), apiKey: 'demo-admin' }) });

  test('the page speaks Chinese; screenshot', async ({ page, launched }) => {
    await page.setViewportSize({ width: 1440, height: 1100 });
    await openOptions(page, launched.extensionId);
    await expect(page.getByRole('heading', { name: 'TierLens 设置' })).toBeVisible();
    await expect(page.getByRole('button', { name: '保存规则' })).toBeVisible();
    await previewPasted(page);
    await expect(page.getByTestId('preview-result')).toContainText('客户等级');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'options-zh.png'), fullPage: false });
  });
});

test.describe('as a reader', () => {
  test('a reader key cannot edit: the page says an admin key is needed and turns read-only', async ({ page, launched }) => {
    await openOptions(page, launched.extensionId);
    const note = page.getByText('editing them needs an admin key');
    // The preview's account fetch (admin only) may already have told the page; otherwise the save does.
    await expect(
      note.or(page.getByTestId('preview-result').locator('[data-dimension]')).or(page.getByTestId('preview-error')).first(),
    ).toBeVisible();
    if (!(await note.isVisible())) {
      await page.getByLabel('Rule set name').fill('Reader was here');
      await page.getByRole('button', { name: 'Save rules' }).click();
      await expect(page.getByTestId('rules-notice')).toContainText('needs an admin key');
    }
    await expect(note).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save rules' })).toHaveCount(0);
    await expect(page.getByLabel('Rule set name')).toHaveJSProperty('readOnly', true);
  });
});
