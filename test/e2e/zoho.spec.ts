/**
 * The extension on saved Zoho CRM pages (test/fixtures/zoho-pages), at real Zoho URLs
 * (Chromium resolves Zoho's hosts to the fixture server), classified by the real worker.
 */
import { DEMO_FEATURED, DEMO_HOSTILE_NAME, DEMO_SPECIAL, generateDemoAccounts } from '../../worker/connectors/demo/data.ts';
import { listAccounts } from '../extension/zoho-pages.ts';
import { proxyLog } from './support/servers.ts';
import { badgeOf, badges, button, CLASSIC, card, EVERYONE, expect, test, ZOHO } from './support/test.ts';
import { headlineLabel } from './support/worker-api.ts';

const TIERS = [
  ['strategic', DEMO_FEATURED.strategic],
  ['vip', DEMO_FEATURED.vip],
  ['key', DEMO_FEATURED.key],
  ['new', DEMO_FEATURED.new],
  ['dormant', DEMO_FEATURED.dormant],
  ['low_value', DEMO_FEATURED.low_value],
] as const;

test.describe('account pages', () => {
  for (const [shell, base] of [
    ['classic', CLASSIC],
    ['CRM for Everyone', EVERYONE],
  ] as const) {
    test(`${shell}: each account shows its own headline tier`, async ({ page, env }) => {
      for (const [tier, id] of TIERS) {
        const expected = await headlineLabel(env.workerUrl, id);
        await page.goto(`${base}/Accounts/${id}`);
        const badge = badgeOf(page, id);
        await expect(button(badge), `${tier} account ${id}`).toHaveText(new RegExp(`${escapeRe(expected)}$`));
        await expect(badges(page)).toHaveCount(1);
        // Right after the record name, inside the header.
        expect(await badge.evaluate((el) => el.previousElementSibling?.id)).toBe('recHeader1');
      }
    });
  }

  test('the VIP account reads "VIP" with its colour and icon, and chips for the chosen dimensions', async ({ page }) => {
    await page.goto(`${CLASSIC}/Accounts/${DEMO_FEATURED.vip}`);
    const badge = badgeOf(page, DEMO_FEATURED.vip);
    await expect(button(badge)).toHaveText(/VIP/);
    const style = await button(badge).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(style).not.toBe('rgba(0, 0, 0, 0)');
    await expect(badge.locator('.chip')).toHaveCount(3);
  });

  test('the card opens on hover and on keyboard focus, and Escape closes it', async ({ page }) => {
    await page.goto(`${CLASSIC}/Accounts/${DEMO_FEATURED.vip}`);
    const badge = badgeOf(page, DEMO_FEATURED.vip);
    const btn = button(badge);
    const tip = card(badge);
    await expect(btn).toHaveText(/VIP/);
    await expect(tip).toBeHidden();
    // The card is the button's description.
    const describedBy = await btn.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    expect(await tip.getAttribute('id')).toBe(describedBy);

    await btn.hover();
    await expect(tip).toBeVisible();
    await expect(tip).toContainText('Customer level');
    await expect(tip).toContainText('Contact every 7 days');
    await expect(tip).toContainText('Next contact due');
    await expect(tip).toContainText('Because');
    await expect(tip).toContainText('Missing for Strategic');
    await expect(tip).toContainText(/Computed/);
    await page.keyboard.press('Escape');
    await expect(tip).toBeHidden();
    await page.mouse.move(5, 700);

    // Keyboard: Tab from the top of the page until the badge has focus.
    await page.mouse.click(5, 780);
    let focused = false;
    for (let i = 0; i < 30 && !focused; i++) {
      await page.keyboard.press('Tab');
      focused = await btn.evaluate((el) => el.matches(':focus'));
    }
    expect(focused).toBe(true);
    await expect(tip).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(tip).toBeHidden();
    expect(await btn.evaluate((el) => el.matches(':focus'))).toBe(true);
  });

  test('an account unknown to the CRM gets a muted badge that says so', async ({ page }) => {
    const unknown = '4876876000000999999';
    await page.goto(`${CLASSIC}/Accounts/${unknown}`);
    const badge = badgeOf(page, unknown);
    await expect(button(badge)).toHaveText(/Unknown account/);
    await button(badge).hover();
    await expect(card(badge)).toContainText('does not know this account');
  });
});

/** A deal (order) of a demo account: the fixture server shows that account on the deal page. */
const dealOf = (accountId: string): string => {
  const deal = generateDemoAccounts(Date.UTC(2026, 10, 23)).find((a) => a.id === accountId)?.orders?.[0]?.id;
  if (!deal) throw new Error(`no deal for ${accountId}`);
  return deal;
};

test.describe('deal pages', () => {
  test('classic: the badge of the deal account sits next to the Account Name lookup', async ({ page, env }) => {
    await page.goto(`${CLASSIC}/Potentials/${dealOf(DEMO_FEATURED.vip)}`);
    const badge = badgeOf(page, DEMO_FEATURED.vip);
    await expect(button(badge)).toHaveText(new RegExp(escapeRe(await headlineLabel(env.workerUrl, DEMO_FEATURED.vip))));
    expect(await badge.evaluate((el) => el.parentElement?.getAttribute('data-zcqa'))).toBe('value_Account_Name');
    await expect(badges(page)).toHaveCount(1);
  });

  test('CRM for Everyone: the same on the new shell', async ({ page, env }) => {
    await page.goto(`${EVERYONE}/Potentials/${dealOf(DEMO_FEATURED.new)}`);
    const badge = badgeOf(page, DEMO_FEATURED.new);
    await expect(button(badge)).toHaveText(new RegExp(escapeRe(await headlineLabel(env.workerUrl, DEMO_FEATURED.new))));
    await expect(badges(page)).toHaveCount(1);
  });
});

test.describe('data centres and Zoho One', () => {
  const cases = [
    ['EU, no org segment', `https://crm.zoho.eu/crm/tab/Accounts/${DEMO_FEATURED.dormant}`, DEMO_FEATURED.dormant],
    ['China, custom org slug', `https://crm.zoho.com.cn/crm/acme-cn/tab/Accounts/${DEMO_FEATURED.key}`, DEMO_FEATURED.key],
    [
      'Zoho One',
      `https://one.zoho.com/zohoone/acme/home/cxapp-spaces/sales/crm/org123456/tab/Accounts/${DEMO_FEATURED.vip}`,
      DEMO_FEATURED.vip,
    ],
    ['sandbox', `https://crmsandbox.zoho.com/crm/org123456/tab/Accounts/${DEMO_FEATURED.new}`, DEMO_FEATURED.new],
  ] as const;
  for (const [name, url, id] of cases) {
    test(`${name}: ${new URL(url).host}`, async ({ page, env }) => {
      await page.goto(url);
      await expect(button(badgeOf(page, id))).toHaveText(new RegExp(escapeRe(await headlineLabel(env.workerUrl, id))));
    });
  }
});

test.describe('single-page navigation', () => {
  test('pushState navigation moves the badge to the new record', async ({ page, env }) => {
    await page.goto(`${CLASSIC}/Accounts/${DEMO_FEATURED.key}`);
    await expect(button(badgeOf(page, DEMO_FEATURED.key))).toHaveText(
      new RegExp(escapeRe(await headlineLabel(env.workerUrl, DEMO_FEATURED.key))),
    );
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));

    // A click on a related deal: Lyte-style pushState, no page load.
    await page.locator('crux-table-component[data-zcqa="relatedListTable"] a').first().click();
    await expect(page).toHaveURL(/\/tab\/Potentials\//);
    await expect(badgeOf(page, DEMO_FEATURED.key)).toHaveCount(1);
    expect(await badgeOf(page, DEMO_FEATURED.key).evaluate((el) => el.parentElement?.getAttribute('data-zcqa'))).toBe('value_Account_Name');

    // Then to another account, and back with the browser's back button.
    await page.evaluate(
      (url) => (window as unknown as { __spaNavigate(u: string): Promise<void> }).__spaNavigate(url),
      `${CLASSIC}/Accounts/${DEMO_FEATURED.vip}`,
    );
    await expect(button(badgeOf(page, DEMO_FEATURED.vip))).toHaveText(/VIP/);
    await expect(badges(page)).toHaveCount(1);
    await page.goBack();
    await expect(page).toHaveURL(/\/tab\/Potentials\//);
    await expect(badgeOf(page, DEMO_FEATURED.key)).toHaveCount(1);
    await expect(badges(page)).toHaveCount(1);
    expect(loads).toEqual([]);
  });

  test('100 navigations leave exactly one badge and no leaked listeners', async ({ page, launched }) => {
    const a = `${CLASSIC}/Accounts/${DEMO_FEATURED.key}`;
    const b = `${CLASSIC}/Accounts/${DEMO_FEATURED.vip}`;
    await page.goto(a);
    await expect(button(badgeOf(page, DEMO_FEATURED.key))).not.toHaveText(/Classifying/);
    const cdp = await launched.context.newCDPSession(page);
    // The content script's listeners live in its isolated world: count there and in the page's.
    const worlds: { id: number; origin: string; auxData?: { type?: string; isDefault?: boolean } }[] = [];
    cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context));
    await cdp.send('Runtime.enable');
    const isolated = worlds.find((w) => w.auxData?.type === 'isolated' && w.origin.includes(launched.extensionId));
    const main = worlds.find((w) => w.auxData?.isDefault);
    expect(isolated, 'the content script world').toBeTruthy();
    const listeners = async () => {
      const types: string[] = [];
      for (const world of [main, isolated]) {
        for (const expression of ['window', 'document']) {
          const { result } = await cdp.send('Runtime.evaluate', { expression, contextId: world?.id });
          const { listeners: found } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId as string, depth: 0 });
          types.push(...found.map((l) => l.type));
        }
      }
      return types.sort();
    };
    const before = await listeners();
    // The content script's own listeners are among them.
    expect(before).toContain('hashchange');

    for (let i = 0; i < 100; i++) {
      const [url, id] = i % 2 === 0 ? [b, DEMO_FEATURED.vip] : [a, DEMO_FEATURED.key];
      await page.evaluate((u) => (window as unknown as { __spaNavigate(u: string): Promise<void> }).__spaNavigate(u), url);
      await expect(badgeOf(page, id)).toHaveAttribute('data-state', 'ok');
    }
    await expect(badges(page)).toHaveCount(1);
    expect(await listeners()).toEqual(before);
  });
});

test.describe('list views', () => {
  for (const [shell, base] of [
    ['classic', CLASSIC],
    ['CRM for Everyone', EVERYONE],
  ] as const) {
    test(`${shell}: 50 rows are badged with one request to the worker`, async ({ page, env }) => {
      await proxyLog(env.proxyUrl, true);
      await page.goto(`${base}/Accounts/custom-view/4876876000000087501/list?page=1&per_page=50`);
      const rows = listAccounts(50);
      await expect(badges(page)).toHaveCount(50);
      await expect(page.locator('tierlens-badge[data-state="ok"]')).toHaveCount(50);
      // The empty demo account still classifies; the hostile one too: every row gets a tier.
      await expect(page.locator('tierlens-badge[data-state="loading"]')).toHaveCount(0);
      const log = await proxyLog(env.proxyUrl);
      expect(log.filter((r) => r.path.startsWith('/v1/'))).toEqual([{ method: 'POST', path: '/v1/accounts/demo/lookup?lang=en' }]);
      // Each badge follows the row's own record link (not the parent-account link in the row).
      for (const a of rows.slice(0, 10)) {
        expect(
          await badgeOf(page, a.id)
            .first()
            .evaluate((el) => el.nextElementSibling?.id),
        ).toBe(`listView_${a.id}`);
      }
    });
  }

  test('an account named <img src=x onerror=alert(1)> is rendered as text', async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${CLASSIC}/Accounts/custom-view/4876876000000087501/list`);
    const badge = badgeOf(page, DEMO_SPECIAL.hostile);
    await expect(badge).toHaveAttribute('data-state', /ok|error/);
    await button(badge).hover();
    await expect(card(badge).locator('.card-title')).toHaveText(DEMO_HOSTILE_NAME);
    expect(await badge.evaluate((el) => el.shadowRoot?.querySelectorAll('img, script, svg').length)).toBe(0);
    // And on its record page.
    await page.goto(`${CLASSIC}/Accounts/${DEMO_SPECIAL.hostile}`);
    const detail = badgeOf(page, DEMO_SPECIAL.hostile);
    await button(detail).hover();
    await expect(card(detail).locator('.card-title')).toHaveText(DEMO_HOSTILE_NAME);
    expect(await detail.evaluate((el) => el.shadowRoot?.querySelectorAll('img, script, svg').length)).toBe(0);
    expect(dialogs).toEqual([]);
  });

  test('badges keep every row on one line', async ({ page }) => {
    await page.goto(`${CLASSIC}/Accounts/custom-view/4876876000000087501/list`);
    await expect(page.locator('tierlens-badge[data-state="ok"]')).toHaveCount(50);
    const heights = await page
      .locator('lyte-exptable-tr[data-zcqa="detailView"]')
      .evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
    expect(new Set(heights.map(Math.round)).size).toBe(1);
    expect(heights[0]).toBeLessThan(45);
  });
});

test('the badge follows the browser language, and a saved language overrides it', async ({ page, background }) => {
  await page.goto(`${ZOHO}/crm/org123456/tab/Accounts/${DEMO_FEATURED.vip}`);
  await expect(button(badgeOf(page, DEMO_FEATURED.vip))).toHaveText(/VIP$/);
  await background.evaluate(async () => {
    await (globalThis as unknown as { chrome: { storage: { local: { set(i: object): Promise<void> } } } }).chrome.storage.local.set({
      lang: 'zh',
    });
  });
  await expect(button(badgeOf(page, DEMO_FEATURED.vip))).toHaveText(/VIP客户/);
  await button(badgeOf(page, DEMO_FEATURED.vip)).hover();
  await expect(card(badgeOf(page, DEMO_FEATURED.vip))).toContainText('跟进建议');
});

test.describe('Chinese browser', () => {
  test.use({ locale: 'zh-CN' });
  test('labels and the card are in Chinese', async ({ page }) => {
    await page.goto(`${CLASSIC}/Accounts/${DEMO_FEATURED.key}`);
    const badge = badgeOf(page, DEMO_FEATURED.key);
    await expect(button(badge)).toHaveText(/重点客户/);
    await button(badge).hover();
    await expect(card(badge)).toContainText('判定依据');
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
