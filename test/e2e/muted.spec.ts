/**
 * When the badge cannot show a tier (the worker is down, the key is wrong or missing), it
 * shows a muted state whose card says why and what to do, and the page keeps its layout.
 */
import { DEMO_FEATURED } from '../../worker/connectors/demo/data.ts';
import { freePort } from './support/servers.ts';
import { badgeOf, badges, button, CLASSIC, card, defaultSettings, e2eEnv, expect, test } from './support/test.ts';

test.describe('the worker is stopped', () => {
  // Nothing listens at the worker URL: what a stopped `wrangler dev` (or an unplugged network) looks like.
  test.use({ settings: async ({ env }, use) => use({ ...defaultSettings(env), workerUrl: `http://127.0.0.1:${await freePort()}` }) });

  test('the record page shows a muted badge that says the worker cannot be reached', async ({ page, launched }) => {
    await page.goto(`${CLASSIC}/Accounts/${DEMO_FEATURED.vip}`);
    const badge = badgeOf(page, DEMO_FEATURED.vip);
    await expect(button(badge)).toHaveText(/Offline/);
    await expect(badge).toHaveAttribute('data-state', 'error');
    // Same line as the record name: the header keeps its shape.
    const name = await page.locator('#recHeader1').boundingBox();
    const box = await button(badge).boundingBox();
    expect(Math.abs((name?.y ?? 0) + (name?.height ?? 0) / 2 - ((box?.y ?? 0) + (box?.height ?? 0) / 2))).toBeLessThan(6);

    await button(badge).hover();
    await expect(card(badge)).toContainText('cannot be reached');
    const settings = card(badge).getByRole('button', { name: 'Open TierLens settings' });
    await expect(settings).toBeVisible();
    const [options] = await Promise.all([launched.context.waitForEvent('page'), settings.click()]);
    await expect(options).toHaveURL(new RegExp(`chrome-extension://${launched.extensionId}/options.html`));
  });

  test('a list page keeps one line per row with 50 muted badges', async ({ page }) => {
    await page.goto(`${CLASSIC}/Accounts/custom-view/4876876000000087501/list`);
    await expect(page.locator('tierlens-badge[data-state="error"]')).toHaveCount(50);
    const heights = await page
      .locator('lyte-exptable-tr[data-zcqa="detailView"]')
      .evaluateAll((rows) => rows.map((r) => Math.round(r.getBoundingClientRect().height)));
    expect(new Set(heights).size).toBe(1);
  });

  test('the badge recovers once the worker is back (settings point at a running worker)', async ({ page, background, env }) => {
    await page.goto(`${CLASSIC}/Accounts/${DEMO_FEATURED.vip}`);
    await expect(button(badgeOf(page, DEMO_FEATURED.vip))).toHaveText(/Offline/);
    await background.evaluate(async (url) => {
      await (globalThis as unknown as { chrome: { storage: { local: { set(i: object): Promise<void> } } } }).chrome.storage.local.set({
        workerUrl: url,
      });
    }, env.proxyUrl);
    await expect(button(badgeOf(page, DEMO_FEATURED.vip))).toHaveText(/VIP/);
    await expect(badges(page)).toHaveCount(1);
  });
});

test.describe('the key is wrong', () => {
  test.use({ settings: { ...defaultSettings(e2eEnv()), apiKey: 'not-a-real-key' } });
  test('the badge says the key was refused and points to the settings', async ({ page }) => {
    await page.goto(`${CLASSIC}/Accounts/${DEMO_FEATURED.key}`);
    const badge = badgeOf(page, DEMO_FEATURED.key);
    await expect(button(badge)).toHaveText(/Key refused/);
    await button(badge).focus();
    await expect(card(badge)).toContainText('refused the API key');
    await expect(card(badge).getByRole('button', { name: 'Open TierLens settings' })).toBeVisible();
  });
});

test.describe('no key yet', () => {
  test.use({ settings: { ...defaultSettings(e2eEnv()), apiKey: '' } });
  test('the badge asks to finish the set-up', async ({ page }) => {
    await page.goto(`${CLASSIC}/Accounts/${DEMO_FEATURED.key}`);
    const badge = badgeOf(page, DEMO_FEATURED.key);
    await expect(button(badge)).toHaveText(/Not set up/);
    await button(badge).hover();
    await expect(card(badge)).toContainText('No API key yet');
  });
});
