/**
 * The extension on 纷享销客 (Fxiaoke) pages (test/fixtures/fxiaoke-pages, a plausible DOM that is
 * not checked against a live tenant) at Fxiaoke's own URLs: Chromium resolves www.fxiaoke.com to
 * the fixture server, whose app.js routes by the hash and opens the detail panel over the list.
 * The customers are the Fxiaoke simulator's, classified by the worker's real Fxiaoke connector
 * (crm `fxiaoke`, no alias), as global-setup.ts wires it.
 */
import type { Page } from '@playwright/test';
import { FIXED_IDS, newRows } from '../extension/fxiaoke-pages.ts';
import { FXIAOKE_SIM_FEATURED as F, FXIAOKE_SIM_SPECIAL } from '../fxiaoke-sim/seed.ts';
import { freePort, proxyLog } from './support/servers.ts';
import { badgeOf, badges, button, card, defaultSettings, expect, test } from './support/test.ts';
import { headlineLabel } from './support/worker-api.ts';

const HOME = 'https://www.fxiaoke.com/XV/UI/Home';
const OLD_LIST = `${HOME}#crm/list/=/AccountObj`;
const NEW_ROUTE = '#paasapp/list/=/appId_CRM/AccountObj';
const HOSTILE_NAME = '<img src=x onerror=alert(1)>';

const ok = (page: Page) => page.locator('tierlens-badge[data-state="ok"]');
const nameLink = (page: Page, id: string) => page.locator(`.crm-list tr[data-id="${id}"] a.j-detail`);
const panel = (page: Page) => page.locator('.crm-detail');
const panelBadge = (page: Page) => page.locator('.crm-detail tierlens-badge');
const label = (workerUrl: string, id: string, lang: 'en' | 'zh' = 'en') => headlineLabel(workerUrl, id, lang, 'fxiaoke');
const endsWith = (text: string) => new RegExp(`${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const goToHash = (page: Page, hash: string) => page.evaluate((h) => (location.hash = h), hash);

test.describe('customer list', () => {
  test('each customer shows its own headline tier, all from one lookup', async ({ page, env }) => {
    await proxyLog(env.proxyUrl, true);
    await page.goto(OLD_LIST);
    await expect(ok(page)).toHaveCount(FIXED_IDS.length);
    await expect(badges(page)).toHaveCount(FIXED_IDS.length);
    const log = await proxyLog(env.proxyUrl);
    expect(log.filter((r) => r.path.startsWith('/v1/'))).toEqual([{ method: 'POST', path: '/v1/accounts/fxiaoke/lookup?lang=en' }]);

    const labels = new Set<string>();
    for (const [tier, id] of [
      ['strategic', F.strategic],
      ['vip', F.vip],
      ['key', F.key],
      ['new', F.new],
      ['dormant', F.dormant],
      ['low_value', F.low_value],
    ] as const) {
      const expected = await label(env.workerUrl, id);
      labels.add(expected);
      await expect(button(badgeOf(page, id)), `${tier} customer ${id}`).toHaveText(endsWith(expected));
      // In the name cell, right before the name link (a long name gives way, the badge stays).
      expect(await badgeOf(page, id).evaluate((el) => el.nextElementSibling?.matches('a.j-detail'))).toBe(true);
    }
    expect(labels.size).toBe(6);
  });

  test('the card opens on hover and on keyboard focus, and Escape closes it', async ({ page }) => {
    await page.goto(OLD_LIST);
    const badge = badgeOf(page, F.vip);
    const btn = button(badge);
    const tip = card(badge);
    await expect(btn).toHaveText(/VIP/);
    await expect(tip).toBeHidden();
    expect(await tip.getAttribute('id')).toBe(await btn.getAttribute('aria-describedby'));

    await btn.hover();
    await expect(tip).toBeVisible();
    // The worker's name for the customer: the one on the page.
    await expect(tip.locator('.card-title')).toHaveText((await nameLink(page, F.vip).textContent()) ?? '');
    await expect(tip).toContainText('Because');
    await page.keyboard.press('Escape');
    await expect(tip).toBeHidden();
    await page.mouse.move(5, 790);

    await btn.focus();
    await expect(tip).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(tip).toBeHidden();
    expect(await btn.evaluate((el) => el.matches(':focus'))).toBe(true);
    // The badge's click is the badge's: it does not open the customer's panel.
    await btn.click();
    await expect(panel(page)).toHaveCount(0);
  });

  test('a customer named <img src=x onerror=alert(1)> is rendered as text, in the list and in the panel', async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(OLD_LIST);
    const badge = badgeOf(page, FXIAOKE_SIM_SPECIAL.hostile);
    await expect(badge).toHaveAttribute('data-state', 'ok');
    await button(badge).hover();
    await expect(card(badge).locator('.card-title')).toHaveText(HOSTILE_NAME);
    expect(await badge.evaluate((el) => el.shadowRoot?.querySelectorAll('img, script, svg').length)).toBe(0);

    await nameLink(page, FXIAOKE_SIM_SPECIAL.hostile).click();
    await expect(panelBadge(page)).toHaveAttribute('data-account-id', FXIAOKE_SIM_SPECIAL.hostile);
    await button(panelBadge(page)).hover();
    await expect(card(panelBadge(page)).locator('.card-title')).toHaveText(HOSTILE_NAME);
    expect(await panelBadge(page).evaluate((el) => el.shadowRoot?.querySelectorAll('img, script, svg').length)).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  test('badges keep every row on one line', async ({ page }) => {
    await page.goto(OLD_LIST);
    await expect(ok(page)).toHaveCount(FIXED_IDS.length);
    const heights = await page
      .locator('.crm-list tbody tr')
      .evaluateAll((rows) => rows.map((r) => Math.round(r.getBoundingClientRect().height)));
    expect(new Set(heights).size).toBe(1);
    expect(heights[0]).toBeLessThan(45);
  });
});

test.describe('hash navigation', () => {
  test('old list, new list, CRM home and back: the badges follow the route, with no page load', async ({ page }) => {
    await page.goto(OLD_LIST);
    await expect(ok(page)).toHaveCount(FIXED_IDS.length);
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));

    // The new UI's route: another view of the customers, in another shell.
    await goToHash(page, NEW_ROUTE);
    const rows = newRows().map((c) => String(c._id));
    await expect(page.locator('.crm-list-v2 tierlens-badge[data-state="ok"]')).toHaveCount(rows.length);
    await expect(badges(page)).toHaveCount(rows.length);
    expect(await badges(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-account-id')))).toEqual(rows);

    // A page without a customer list: no badge (the customer names on it are plain text).
    await goToHash(page, '#crm/index');
    await expect(page.locator('.crm-home')).toBeVisible();
    await expect(badges(page)).toHaveCount(0);

    // Back to the new list, then the old one, with the browser's back button.
    await page.goBack();
    await expect(page.locator('.crm-list-v2 tierlens-badge[data-state="ok"]')).toHaveCount(rows.length);
    await page.goBack();
    await expect(page.locator('.crm-list:not(.crm-list-v2) tierlens-badge[data-state="ok"]')).toHaveCount(FIXED_IDS.length);
    await expect(badges(page)).toHaveCount(FIXED_IDS.length);
    expect(loads).toEqual([]);
  });
});

test.describe('detail panel', () => {
  test('opening a customer badges the panel; another customer moves the badge; closing removes it; the URL stays', async ({
    page,
    env,
  }) => {
    await page.goto(OLD_LIST);
    await expect(ok(page)).toHaveCount(FIXED_IDS.length);
    const url = page.url();
    await proxyLog(env.proxyUrl, true);

    await nameLink(page, F.vip).click();
    await expect(panel(page)).toBeVisible();
    const badge = panelBadge(page);
    await expect(badge).toHaveCount(1);
    await expect(badge).toHaveAttribute('data-account-id', F.vip);
    await expect(badge).toHaveAttribute('data-size', 'large');
    await expect(button(badge)).toHaveText(endsWith(await label(env.workerUrl, F.vip)));
    // Right after the panel's title, on its line.
    expect(await badge.evaluate((el) => el.previousElementSibling?.matches('h3.crm-detail-title'))).toBe(true);
    const title = await page.locator('.crm-detail-title').boundingBox();
    const box = await button(badge).boundingBox();
    expect(Math.abs((title?.y ?? 0) + (title?.height ?? 0) / 2 - ((box?.y ?? 0) + (box?.height ?? 0) / 2))).toBeLessThan(6);
    expect(page.url()).toBe(url);

    // Another customer: the app reuses the panel and patches it in place (its data-id and texts).
    await page.evaluate(() => ((window as unknown as { panel: Element | null }).panel = document.querySelector('.crm-detail')));
    await nameLink(page, F.dormant).click();
    await expect(badge).toHaveAttribute('data-account-id', F.dormant);
    await expect(button(badge)).toHaveText(endsWith(await label(env.workerUrl, F.dormant)));
    await expect(panelBadge(page)).toHaveCount(1);
    expect(await page.evaluate(() => document.querySelector('.crm-detail') === (window as unknown as { panel: Element }).panel)).toBe(true);

    // Its "next" arrow: the next row's customer.
    const ids = await page.locator('.crm-list tr[data-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    const next = ids[ids.indexOf(F.dormant) + 1] as string;
    await page.locator('.crm-detail .j-next').click();
    await expect(badge).toHaveAttribute('data-account-id', next);
    await expect(badge).toHaveAttribute('data-state', 'ok');

    // Closed: its badge goes, the list's stay.
    await page.locator('.crm-detail .j-close').click();
    await expect(panel(page)).toHaveCount(0);
    await expect(panelBadge(page)).toHaveCount(0);
    await expect(ok(page)).toHaveCount(FIXED_IDS.length);
    expect(page.url()).toBe(url);
    // Every customer in the panel was on the list: answered from the page's cache, no request.
    expect((await proxyLog(env.proxyUrl)).filter((r) => r.path.startsWith('/v1/'))).toEqual([]);
  });

  test("the new UI's list opens the same panel; leaving the route closes it and its badge", async ({ page, env }) => {
    await page.goto(OLD_LIST);
    await expect(ok(page)).toHaveCount(FIXED_IDS.length);
    await goToHash(page, NEW_ROUTE);
    const first = String(newRows()[0]?._id);
    await nameLink(page, first).click();
    await expect(panelBadge(page)).toHaveAttribute('data-account-id', first);
    await expect(button(panelBadge(page))).toHaveText(endsWith(await label(env.workerUrl, first)));
    // Leaving the route closes the panel (the app removes it) and its badge goes with it.
    await goToHash(page, '#crm/index');
    await expect(panel(page)).toHaveCount(0);
    await expect(badges(page)).toHaveCount(0);
  });
});

test.describe('Chinese browser', () => {
  test.use({ locale: 'zh-CN' });
  test('labels and the card are in Chinese', async ({ page, env }) => {
    await page.goto(OLD_LIST);
    const badge = badgeOf(page, F.key);
    await expect(button(badge)).toHaveText(endsWith(await label(env.workerUrl, F.key, 'zh')));
    await button(badge).hover();
    await expect(card(badge)).toContainText('判定依据');
  });
});

test.describe('the worker is stopped', () => {
  test.use({ settings: async ({ env }, use) => use({ ...defaultSettings(env), workerUrl: `http://127.0.0.1:${await freePort()}` }) });
  test('every row gets a muted badge that says why, and the rows keep one line', async ({ page }) => {
    await page.goto(OLD_LIST);
    await expect(page.locator('tierlens-badge[data-state="error"]')).toHaveCount(FIXED_IDS.length);
    const badge = badgeOf(page, F.vip);
    await expect(button(badge)).toHaveText(/Offline/);
    await button(badge).hover();
    await expect(card(badge)).toContainText('cannot be reached');
    const heights = await page
      .locator('.crm-list tbody tr')
      .evaluateAll((rows) => rows.map((r) => Math.round(r.getBoundingClientRect().height)));
    expect(new Set(heights).size).toBe(1);
  });
});
