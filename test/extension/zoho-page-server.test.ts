/**
 * The Zoho-like pages `npm run start:zoho` serves for a person's browser: Zoho records rendered
 * at Zoho's URL shapes on a loopback origin, and the Zoho adapter running there once that origin
 * is added as a Zoho site (pickAdapter with the extra host; parse and find on the served pages).
 */
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickAdapter } from '../../extension/sites/index.ts';
import { zoho } from '../../extension/sites/zoho.ts';
import {
  snapshotOfZohoAccount,
  startZohoPageServer,
  type ZohoPageServer,
  type ZohoRecordLike,
  type ZohoRecordSource,
} from './zoho-page-server.ts';

const owner = { name: 'Mei Lin', id: '1', email: 'mei@example.com' };
const ACCOUNTS: ZohoRecordLike[] = [
  {
    id: '4876876000000335002',
    Account_Name: '上海金丰易居',
    Industry: 'Real estate',
    Billing_City: 'Shanghai',
    Owner: owner,
    Annual_Revenue: 350000000,
    Employees: 1200,
    Account_Type: 'Customer',
    Currency: 'CNY',
  },
  { id: '4876876000000335011', Account_Name: '<img src=x onerror=alert(1)>', Owner: owner },
  ...Array.from({ length: 60 }, (_, i) => ({ id: String(4876876000000400001n + BigInt(i)), Account_Name: `Generated ${i}`, Owner: owner })),
];
const DEALS: ZohoRecordLike[] = [
  {
    id: '4876876000001000001',
    Deal_Name: '上海金丰易居 - Licences',
    Account_Name: { name: '上海金丰易居', id: '4876876000000335002' },
    Amount: 1200000,
    Stage: 'Closed Won',
    Closing_Date: '2026-09-01',
  },
  {
    id: '4876876000001000002',
    Deal_Name: '上海金丰易居 - Renewal',
    Account_Name: { name: '上海金丰易居', id: '4876876000000335002' },
    Amount: 300000,
    Stage: 'Negotiation/Review',
    Closing_Date: '2027-01-15',
  },
];
const source: ZohoRecordSource = {
  account: (id) => ACCOUNTS.find((a) => a.id === id),
  accounts: () => ACCOUNTS,
  deals: () => DEALS,
};

let server: ZohoPageServer;
beforeAll(async () => {
  server = await startZohoPageServer({ source, featured: { vip: '4876876000000335002' } });
});
afterAll(async () => {
  await server?.close();
});

async function page(url: string): Promise<{ status: number; html: string }> {
  const res = await fetch(url);
  return { status: res.status, html: await res.text() };
}

const EXTRA = () => [{ origin: server.origin, site: 'zoho' as const }];

describe('snapshotOfZohoAccount', () => {
  it('maps the fields the pages show, and the account deals as orders', () => {
    expect(snapshotOfZohoAccount(ACCOUNTS[0] as ZohoRecordLike, DEALS)).toEqual({
      crm: 'zoho',
      id: '4876876000000335002',
      name: '上海金丰易居',
      currency: 'CNY',
      attributes: {
        industry: 'Real estate',
        city: 'Shanghai',
        owner: 'Mei Lin',
        annualRevenue: 350000000,
        employees: 1200,
        type: 'Customer',
      },
      orders: [
        { id: '4876876000001000001', amount: 1200000, status: 'won', closedAt: '2026-09-01', category: 'Licences' },
        { id: '4876876000001000002', amount: 300000, status: 'open', closedAt: '2027-01-15', category: 'Renewal' },
      ],
    });
  });
});

describe('the page server, with the Zoho adapter on its origin', () => {
  it('serves on loopback, and pickAdapter runs Zoho there only once it is added as a Zoho site', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const url = new URL(server.urls.account('4876876000000335002'));
    expect(pickAdapter(url, EXTRA())).toBe(zoho);
    expect(pickAdapter(url, [])).toBeNull();
  });

  it.each(['classic', 'everyone'] as const)(
    'an account page (%s shell): the name in the header, one badge for the account',
    async (shell) => {
      const url = server.urls.account('4876876000000335002', shell);
      const { status, html } = await page(url);
      expect(status).toBe(200);
      expect(html).toContain('<span id="recHeader1" class="cxDvRecordHeader1">上海金丰易居</span>');
      expect(html).toContain(shell === 'classic' ? 'crm-classic' : 'crm-everyone');
      const info = zoho.parse(new URL(url));
      expect(info).toEqual({ site: 'zoho', crm: 'zoho', kind: 'account', recordId: '4876876000000335002' });
      const mounts = zoho.find(parseHTML(html).document, info as NonNullable<typeof info>);
      expect(mounts.map((m) => m.accountId)).toEqual(['4876876000000335002']);
    },
  );

  it.each(['classic', 'everyone'] as const)('the list view (%s shell): featured first, 50 rows, one badge each', async (shell) => {
    const url = server.urls.list[shell];
    const { status, html } = await page(url);
    expect(status).toBe(200);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const info = zoho.parse(new URL(url));
    expect(info).toMatchObject({ kind: 'list' });
    const ids = zoho.find(parseHTML(html).document, info as NonNullable<typeof info>).map((m) => m.accountId);
    expect(ids.slice(0, 3)).toEqual(['4876876000000335002', '4876876000000335011', '4876876000000400001']);
    expect(new Set(ids).size).toBe(50);
    const hundred = await page(`${url}?per_page=100`);
    expect(hundred.html.match(/id="listView_/g)?.length).toBe(62);
  });

  it("a deal page: the deal's account badge", async () => {
    const url = server.urls.deal('4876876000001000002');
    const { status, html } = await page(url);
    expect(status).toBe(200);
    expect(html).toContain('上海金丰易居 - Renewal');
    const info = zoho.parse(new URL(url));
    expect(info).toMatchObject({ kind: 'deal', recordId: '4876876000001000002' });
    expect(zoho.find(parseHTML(html).document, info as NonNullable<typeof info>).map((m) => m.accountId)).toEqual(['4876876000000335002']);
  });

  it('the index links every page; unknown records and other modules are 404; the SPA script is served', async () => {
    const index = await page(server.urls.index);
    expect(index.status).toBe(200);
    for (const href of [server.urls.list.classic, server.urls.account('4876876000000335002'), server.urls.deal('4876876000001000001')])
      expect(index.html).toContain(`href="${href}"`);
    expect((await page(server.urls.account('4876876000000999999'))).status).toBe(404);
    expect((await page(server.urls.deal('4876876000000999999'))).status).toBe(404);
    expect((await page(`${server.origin}/crm/org123456/tab/Leads/4876876000000335002`)).status).toBe(404);
    expect((await page(`${server.origin}/crm/org123456/tab/Accounts`)).html).toContain('cxListViewTable');
    const spa = await fetch(`${server.origin}/__fixtures/spa.js`);
    expect(spa.headers.get('content-type')).toContain('javascript');
  });
});
