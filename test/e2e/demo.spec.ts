/** The worker's own demo CRM page (/demo), which the extension badges through its demo adapter. */
import { DEMO_FEATURED, DEMO_HOSTILE_NAME, DEMO_SPECIAL } from '../../worker/connectors/demo/data.ts';
import { proxyLog } from './support/servers.ts';
import { badgeOf, badges, button, card, expect, test } from './support/test.ts';
import { headlineLabel } from './support/worker-api.ts';

test('the demo list is badged row by row with one lookup', async ({ page, env }) => {
  await proxyLog(env.proxyUrl, true);
  await page.goto(`${env.workerUrl}/demo/accounts?lang=en`);
  const rows = await page.locator('tr[data-account-id]').count();
  expect(rows).toBeGreaterThan(0);
  await expect(page.locator('tierlens-badge[data-state="ok"]')).toHaveCount(rows);
  const calls = (await proxyLog(env.proxyUrl)).filter((r) => r.path.startsWith('/v1/'));
  expect(calls).toEqual([{ method: 'POST', path: '/v1/accounts/demo/lookup?lang=en' }]);
  await page.screenshot({ path: 'test-results/screenshots/demo-account-list.png' });
});

test('a demo record page shows the account headline tier next to its name', async ({ page, env }) => {
  await page.goto(`${env.workerUrl}/demo/accounts/${DEMO_FEATURED.strategic}?lang=en`);
  const badge = badgeOf(page, DEMO_FEATURED.strategic);
  await expect(button(badge)).toHaveText(new RegExp(await headlineLabel(env.workerUrl, DEMO_FEATURED.strategic)));
  expect(await badge.evaluate((el) => el.previousElementSibling?.matches('h1.record-name'))).toBe(true);
  await expect(badges(page)).toHaveCount(1);
});

test('the hostile demo account renders as text on the demo page', async ({ page, env }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${env.workerUrl}/demo/accounts/${DEMO_SPECIAL.hostile}?lang=en`);
  const badge = badgeOf(page, DEMO_SPECIAL.hostile);
  await button(badge).hover();
  await expect(card(badge).locator('.card-title')).toHaveText(DEMO_HOSTILE_NAME);
  expect(await badge.evaluate((el) => el.shadowRoot?.querySelectorAll('img, script, svg').length)).toBe(0);
  expect(dialogs).toEqual([]);
});
