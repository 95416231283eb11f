/** Screenshots for people to look at (test-results/screenshots/), with a light check on each page. */
import { DEMO_FEATURED } from '../../worker/connectors/demo/data.ts';
import { FXIAOKE_SIM_FEATURED } from '../fxiaoke-sim/seed.ts';
import { freePort } from './support/servers.ts';
import { badgeOf, button, CLASSIC, card, defaultSettings, EVERYONE, expect, test } from './support/test.ts';

const shot = (name: string) => `test-results/screenshots/${name}.png`;

test('classic account page, card open', async ({ page }) => {
  await page.goto(`${CLASSIC}/Accounts/${DEMO_FEATURED.vip}`);
  const badge = badgeOf(page, DEMO_FEATURED.vip);
  await button(badge).hover();
  await expect(card(badge)).toBeVisible();
  await page.screenshot({ path: shot('classic-account-detail') });
});

test('classic list page', async ({ page }) => {
  await page.goto(`${CLASSIC}/Accounts/custom-view/4876876000000087501/list`);
  await expect(page.locator('tierlens-badge[data-state="ok"]')).toHaveCount(50);
  await page.screenshot({ path: shot('classic-account-list') });
});

test('CRM for Everyone account page and list', async ({ page }) => {
  await page.goto(`${EVERYONE}/Accounts/${DEMO_FEATURED.strategic}`);
  await expect(badgeOf(page, DEMO_FEATURED.strategic)).toHaveAttribute('data-state', 'ok');
  await page.screenshot({ path: shot('everyone-account-detail') });
  await page.goto(`${EVERYONE}/Accounts/custom-view/4876876000000087501/list`);
  await expect(page.locator('tierlens-badge[data-state="ok"]')).toHaveCount(50);
  await button(badgeOf(page, DEMO_FEATURED.key)).hover();
  await expect(card(badgeOf(page, DEMO_FEATURED.key))).toBeVisible();
  await page.screenshot({ path: shot('everyone-account-list') });
});

test('deal page', async ({ page }) => {
  await page.goto(`${CLASSIC}/Potentials/4876876000001100001`);
  await expect(page.locator('tierlens-badge[data-state="ok"]')).toHaveCount(1);
  await page.screenshot({ path: shot('classic-deal-detail') });
});

test.describe('Chinese', () => {
  test.use({ locale: 'zh-CN' });
  test('account page in Chinese, card open', async ({ page }) => {
    await page.goto(`${CLASSIC}/Accounts/${DEMO_FEATURED.key}`);
    const badge = badgeOf(page, DEMO_FEATURED.key);
    await button(badge).hover();
    await expect(card(badge)).toBeVisible();
    await page.screenshot({ path: shot('classic-account-detail-zh') });
  });
});

test.describe('muted', () => {
  test.use({ settings: async ({ env }, use) => use({ ...defaultSettings(env), workerUrl: `http://127.0.0.1:${await freePort()}` }) });
  test('account page with the worker stopped, card open', async ({ page }) => {
    await page.goto(`${CLASSIC}/Accounts/${DEMO_FEATURED.vip}`);
    const badge = badgeOf(page, DEMO_FEATURED.vip);
    await expect(badge).toHaveAttribute('data-state', 'error');
    await button(badge).hover();
    await expect(card(badge)).toBeVisible();
    await page.screenshot({ path: shot('classic-account-detail-offline') });
  });
});

test.describe('纷享销客 (Fxiaoke)', () => {
  test.use({ locale: 'zh-CN' });
  const list = 'https://www.fxiaoke.com/XV/UI/Home#crm/list/=/AccountObj';

  test('customer list, card open', async ({ page }) => {
    await page.goto(list);
    await expect(page.locator('tierlens-badge[data-state="ok"]')).toHaveCount(15);
    // The first row's badge: its card opens below, over the rest of the list.
    const first = await page.locator('.crm-list tr[data-id]').first().getAttribute('data-id');
    const badge = badgeOf(page, first ?? '');
    await button(badge).hover();
    await expect(card(badge)).toBeVisible();
    await page.screenshot({ path: shot('fxiaoke-account-list') });
  });

  test('detail panel over the list, card open', async ({ page }) => {
    await page.goto(list);
    await expect(page.locator('tierlens-badge[data-state="ok"]')).toHaveCount(15);
    await page.locator(`tr[data-id="${FXIAOKE_SIM_FEATURED.vip}"] a.j-detail`).click();
    const badge = page.locator('.crm-detail tierlens-badge');
    await expect(badge).toHaveAttribute('data-state', 'ok');
    await page.screenshot({ path: shot('fxiaoke-detail-panel') });
    await button(badge).hover();
    await expect(card(badge)).toBeVisible();
    await page.screenshot({ path: shot('fxiaoke-detail-panel-card') });
  });

  test('new UI list (paasapp route)', async ({ page }) => {
    await page.goto('https://www.fxiaoke.com/XV/UI/Home#paasapp/list/=/appId_CRM/AccountObj');
    await expect(page.locator('tierlens-badge[data-state="ok"]')).toHaveCount(10);
    await page.screenshot({ path: shot('fxiaoke-account-list-paasapp') });
  });
});
