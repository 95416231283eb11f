/**
 * The options page's "CRM sites" in real Chromium with the built extension: the section and
 * its site choices, a refused address explained at the field, the sites saved in extension
 * storage listed with a working Remove, and the whole add flow for a loopback origin (which the
 * manifest's worker permission already covers, so Chromium grants it without a prompt): Zoho
 * pages served there get badges once the origin is added as a Zoho site. A grant that needs the
 * browser's permission prompt cannot be automated.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page, Worker } from '@playwright/test';
import { DEMO_FEATURED } from '../../worker/connectors/demo/data.ts';
import { accountDetail } from '../extension/zoho-pages.ts';
import { ROOT } from './support/servers.ts';
import { badgeOf, button, expect, test } from './support/test.ts';

const SCREENSHOTS = join(ROOT, 'test-results/screenshots');

async function openOptions(page: Page, extensionId: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.locator('#sites-title')).toBeVisible();
}

type Storage = { get(key: string): Promise<Record<string, unknown>> };

async function storedHosts(background: Worker): Promise<unknown> {
  return background.evaluate(async () => {
    const local = (globalThis as unknown as { chrome: { storage: { local: Storage } } }).chrome.storage.local;
    return (await local.get('extraHosts')).extraHosts ?? [];
  });
}

const section = (page: Page) => page.locator('section.sites-card');

test.describe('CRM sites', () => {
  test('the section explains itself and offers every site adapter', async ({ page, launched }) => {
    await openOptions(page, launched.extensionId);
    const card = section(page);
    await expect(card.getByRole('heading', { name: 'CRM sites' })).toBeVisible();
    await expect(card).toContainText('custom domain');
    await expect(card.getByLabel('Site address')).toBeVisible();
    const options = await card.locator('#site-adapter option').allTextContents();
    expect(options).toContain('Zoho CRM');
    expect(options.some((o) => o.startsWith('Demo CRM'))).toBe(true);
    await expect(card.getByText('No sites added yet.')).toBeVisible();
  });

  test('a bad address is refused at the field, and nothing is saved', async ({ page, launched, background }) => {
    await openOptions(page, launched.extensionId);
    const card = section(page);
    const field = card.getByLabel('Site address');
    const error = card.getByTestId('site-origin-error');

    await field.fill('ftp://files.example.com');
    await card.getByRole('button', { name: 'Add site' }).click();
    await expect(error).toHaveText('Only addresses starting with http:// or https:// can be added.');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAttribute('aria-describedby', /site-origin-error/);

    await field.fill('https://crm.zoho.eu/crm/org1/tab/Home');
    await expect(error).toBeHidden();
    await field.press('Enter');
    await expect(error).toContainText('Zoho’s own addresses need no adding');

    await field.fill('');
    await card.getByRole('button', { name: 'Add site' }).click();
    await expect(error).toHaveText('Enter the site’s address.');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await card.screenshot({ path: join(SCREENSHOTS, 'options-sites-error.png') });
    expect(await storedHosts(background)).toEqual([]);
  });

  test.describe('with sites in storage', () => {
    test.use({
      settings: async ({ env }, use) =>
        use({
          workerUrl: env.proxyUrl,
          apiKey: 'demo-reader',
          extraHosts: [
            { origin: 'https://crm.example.com', site: 'zoho' },
            { origin: 'https://tierlens.example.org', site: 'demo' },
          ],
        }),
    });

    test('they are listed, with the browser access they lack, and Remove drops one', async ({ page, launched, background }) => {
      await openOptions(page, launched.extensionId);
      const card = section(page);
      const rows = card.getByTestId('sites-list').locator('li');
      await expect(rows).toHaveCount(2);
      const example = rows.filter({ hasText: 'https://crm.example.com' });
      await expect(example).toContainText('Zoho CRM');
      // Seeded without a grant: the row says so and offers to ask again.
      await expect(example).toContainText('no longer allows access');
      await expect(rows.filter({ hasText: 'https://tierlens.example.org' })).toContainText('Demo CRM');
      await card.screenshot({ path: join(SCREENSHOTS, 'options-sites-list.png') });

      await card.getByRole('button', { name: 'Remove https://crm.example.com' }).click();
      await expect(rows).toHaveCount(1);
      await expect(card.getByTestId('sites-status')).toContainText('Removed https://crm.example.com');
      expect(await storedHosts(background)).toEqual([{ origin: 'https://tierlens.example.org', site: 'demo' }]);

      // Added in storage from elsewhere (another options tab): the list follows.
      await background.evaluate(async () => {
        const local = (globalThis as unknown as { chrome: { storage: { local: { set(v: unknown): Promise<void> } } } }).chrome.storage
          .local;
        await local.set({ extraHosts: [] });
      });
      await expect(card.getByText('No sites added yet.')).toBeVisible();
      await expect(card.getByRole('button', { name: 'Remove https://tierlens.example.org' })).toHaveCount(0);
    });
  });

  test('adding a loopback Zoho site from the page: granted, registered, badges there', async ({ page, launched, background }) => {
    // Zoho pages of demo accounts on a plain http loopback port (the suite maps crm zoho -> demo).
    const spa = readFileSync(join(ROOT, 'test/fixtures/zoho-pages/spa.js'), 'utf8');
    const server = http.createServer((req, res) => {
      if (req.url === '/__fixtures/spa.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(spa);
      const id = /\/tab\/Accounts\/(\d+)$/.exec(req.url ?? '')?.[1];
      if (!id) return void res.writeHead(404).end('not found');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(accountDetail('classic', id));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await openOptions(page, launched.extensionId);
      const card = section(page);
      await card.getByLabel('Site address').fill(`${origin}/crm/org123456/tab/Home`);
      await expect(card.getByText(`Adds ${origin}`)).toBeVisible();
      await card.locator('#site-adapter').selectOption('zoho');
      await card.getByRole('button', { name: 'Add site' }).click();
      await expect(card.getByTestId('sites-status')).toContainText(`Added ${origin}`);
      await expect(card.getByTestId('sites-list').locator('li')).toHaveCount(1);
      await expect(card.getByLabel('Site address')).toHaveValue('');
      expect(await storedHosts(background)).toEqual([{ origin, site: 'zoho' }]);

      const crm = await launched.context.newPage();
      await crm.goto(`${origin}/crm/org123456/tab/Accounts/${DEMO_FEATURED.vip}`);
      await expect(button(badgeOf(crm, DEMO_FEATURED.vip))).toBeVisible();

      // Removed: the content script no longer runs there.
      await card.getByRole('button', { name: `Remove ${origin}` }).click();
      await expect(card.getByText('No sites added yet.')).toBeVisible();
      await crm.reload();
      await expect(crm.locator('#recHeader1')).toBeVisible();
      await crm.waitForTimeout(1500);
      await expect(crm.locator('tierlens-badge')).toHaveCount(0);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  test.describe('in Chinese', () => {
    test.use({ locale: 'zh-CN' });

    test('the section and its errors are in Chinese', async ({ page, launched }) => {
      await openOptions(page, launched.extensionId);
      const card = section(page);
      await expect(card.getByRole('heading', { name: 'CRM 站点' })).toBeVisible();
      await card.getByLabel('站点地址').fill('https://user:pw@crm.example.com');
      await card.getByRole('button', { name: '添加站点' }).click();
      await expect(card.getByTestId('site-origin-error')).toHaveText('地址中不能包含用户名或密码。');
      await card.screenshot({ path: join(SCREENSHOTS, 'options-sites-zh.png') });
    });
  });
});
