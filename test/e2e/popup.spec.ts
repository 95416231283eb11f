/** The popup: connection status, the current page's accounts, the way to the settings. */
import { DEMO_FEATURED } from '../../worker/connectors/demo/data.ts';
import { freePort } from './support/servers.ts';
import { badgeOf, CLASSIC, defaultSettings, expect, test } from './support/test.ts';

type TabsGlobal = { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } };

test('the popup shows the connection and the accounts on the current page', async ({ page, launched, env }) => {
  await page.goto(`${CLASSIC}/Accounts/custom-view/4876876000000087501/list`);
  await expect(page.locator('tierlens-badge[data-state="ok"]')).toHaveCount(50);
  const [tab] = await launched.background.evaluate(() =>
    (globalThis as unknown as TabsGlobal).chrome.tabs.query({ url: 'https://crm.zoho.com/*' }),
  );
  const popup = await launched.context.newPage();
  await popup.goto(`chrome-extension://${launched.extensionId}/popup.html?tab=${tab?.id}`);
  await expect(popup.getByTestId('connection')).toHaveAttribute('data-state', 'ok');
  await expect(popup.getByTestId('connection')).toContainText(`Connected to ${env.proxyUrl}`);
  await expect(popup.getByTestId('connection')).toContainText('reader key');
  await expect(popup.getByTestId('page-accounts').locator('li')).toHaveCount(21); // 20 accounts and "and 30 more"
  await expect(popup.getByTestId('page-accounts')).toContainText('and 30 more');
  await expect(popup.getByTestId('page-accounts')).toContainText('Meridian Freight Group');
  await expect(popup.getByRole('button', { name: 'Settings' })).toBeVisible();
  expect(await badgeOf(page, DEMO_FEATURED.vip).count()).toBe(1);
});

test.describe('worker down', () => {
  test.use({ settings: async ({ env }, use) => use({ ...defaultSettings(env), workerUrl: `http://127.0.0.1:${await freePort()}` }) });
  test('the popup says the worker cannot be reached', async ({ launched }) => {
    const popup = await launched.context.newPage();
    await popup.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    await expect(popup.getByTestId('connection')).toHaveAttribute('data-state', 'unreachable');
    await expect(popup.getByTestId('connection')).toContainText('cannot be reached');
  });
});
