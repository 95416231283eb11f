/** The Zoho adapter's URL parsing, over the URL shapes Zoho's web app uses. */
import { describe, expect, it } from 'vitest';
import { pickAdapter } from '../../extension/sites/index.ts';
import { samePage } from '../../extension/sites/types.ts';
import { ZOHO_HOSTS, ZOHO_MATCHES } from '../../extension/sites/zoho.hosts.ts';
import { accountIdFromHref, parseZohoRoute, parseZohoUrl, zoho } from '../../extension/sites/zoho.ts';

const ID = '4876876000000333001';

describe('parseZohoUrl', () => {
  it.each([
    // account records: org<digits>, a custom slug, no org, Zoho One, sandbox, every data centre
    [`https://crm.zoho.com/crm/org123456/tab/Accounts/${ID}`, { kind: 'account', recordId: ID }],
    [`https://crm.zoho.com/crm/org123456/tab/Accounts/${ID}/`, { kind: 'account', recordId: ID }],
    [`https://crm.zoho.com/crm/org123456/tab/Accounts/${ID}?sub_module=Notes#top`, { kind: 'account', recordId: ID }],
    [`https://crm.zoho.eu/crm/zylker/tab/Accounts/${ID}`, { kind: 'account', recordId: ID }],
    [`https://crm.zoho.sa/crm/tab/Accounts/${ID}`, { kind: 'account', recordId: ID }],
    [`https://crm.zoho.in/crm/org60012345/tab/Accounts/${ID}`, { kind: 'account', recordId: ID }],
    [`https://crm.zoho.com.au/crm/org7000001/tab/Accounts/${ID}`, { kind: 'account', recordId: ID }],
    [`https://crm.zoho.jp/crm/org90000001/tab/Accounts/${ID}`, { kind: 'account', recordId: ID }],
    [`https://crm.zoho.com.cn/crm/org41000001/tab/Accounts/${ID}`, { kind: 'account', recordId: ID }],
    [`https://crm.zoho.uk/crm/org20000001/tab/Accounts/${ID}`, { kind: 'account', recordId: ID }],
    [`https://crm.zohocloud.ca/crm/org110000001/tab/Accounts/${ID}`, { kind: 'account', recordId: ID }],
    [`https://one.zoho.com/zohoone/acme/home/cxapp-spaces/sales/crm/org123456/tab/Accounts/${ID}`, { kind: 'account', recordId: ID }],
    [`https://crmsandbox.zoho.com/crm/org123456/tab/Accounts/${ID}`, { kind: 'account', recordId: ID }],
    // list views
    [
      'https://crm.zoho.com/crm/org123456/tab/Accounts/custom-view/4876876000000087501/list',
      { kind: 'list', viewId: '4876876000000087501' },
    ],
    [
      'https://crm.zoho.com/crm/org123456/tab/Accounts/custom-view/4876876000000087501/list?page=2&per_page=100',
      { kind: 'list', viewId: '4876876000000087501' },
    ],
    ['https://crm.zoho.eu/crm/tab/Accounts/custom-view/111/list', { kind: 'list', viewId: '111' }],
    // deals ("Potentials" in UI URLs)
    ['https://crm.zoho.com/crm/org123456/tab/Potentials/4876876000001100001', { kind: 'deal', recordId: '4876876000001100001' }],
    [
      'https://one.zoho.eu/zohoone/acme/home/cxapp-spaces/sales/crm/zylker/tab/Potentials/4876876000001100001',
      { kind: 'deal', recordId: '4876876000001100001' },
    ],
  ])('%s', (url, expected) => {
    expect(parseZohoUrl(new URL(url))).toEqual({ site: 'zoho', crm: 'zoho', ...expected });
  });

  it.each([
    'https://crm.zoho.com/crm/org123456/tab/Home/begin',
    'https://crm.zoho.com/crm/org123456/tab/Accounts',
    'https://crm.zoho.com/crm/org123456/tab/Accounts/create?layoutId=123',
    `https://crm.zoho.com/crm/org123456/tab/Accounts/${ID}/edit`,
    'https://crm.zoho.com/crm/org123456/tab/Accounts/custom-view/111/kanban',
    'https://crm.zoho.com/crm/org123456/tab/Potentials/custom-view/111/list',
    `https://crm.zoho.com/crm/org123456/tab/Leads/${ID}`,
    `https://crm.zoho.com/crm/org123456/tab/CustomModule3/${ID}`,
    'https://crm.zoho.com/crm/org123456/settings/general',
    'https://crm.zoho.com/',
    `https://crm.zoho.com/crm/org123456/tab/Accounts/not-an-id`,
  ])('not a page with accounts: %s', (url) => {
    expect(parseZohoUrl(new URL(url))).toBeNull();
  });
});

describe('parseZohoRoute', () => {
  it.each([
    ['/crm/org123/tab/Accounts/1', { org: 'org123', module: 'Accounts', rest: ['1'] }],
    ['/crm/zylker/tab/Leads', { org: 'zylker', module: 'Leads', rest: [] }],
    ['/crm/tab/Accounts/custom-view/9/list', { org: null, module: 'Accounts', rest: ['custom-view', '9', 'list'] }],
    ['/zohoone/crm/home/cxapp-spaces/sales/crm/org1/tab/Accounts/5', { org: 'org1', module: 'Accounts', rest: ['5'] }],
  ])('%s', (path, expected) => {
    expect(parseZohoRoute(path)).toEqual(expected);
  });
});

describe('accountIdFromHref', () => {
  it.each([
    [`/crm/org123456/tab/Accounts/${ID}`, ID],
    [`https://crm.zoho.eu/crm/tab/Accounts/${ID}`, ID],
    [`/crm/org123456/tab/Accounts/${ID}?from=list`, ID],
    ['/crm/org123456/tab/Potentials/4876876000001100001', null],
    ['/crm/org123456/tab/Accounts/custom-view/1/list', null],
    ['javascript:void(0)', null],
    ['', null],
    [null, null],
  ])('%s', (href, id) => {
    expect(accountIdFromHref(href)).toBe(id);
  });
});

describe('hosts', () => {
  it('covers every data centre, Zoho One and the sandboxes, over https only', () => {
    for (const host of [
      'crm.zoho.com',
      'crm.zoho.eu',
      'crm.zoho.in',
      'crm.zoho.com.au',
      'crm.zoho.jp',
      'crm.zoho.com.cn',
      'crm.zoho.sa',
      'crm.zoho.uk',
      'crm.zohocloud.ca',
      'one.zoho.com',
      'one.zoho.eu',
      'crmsandbox.zoho.com',
    ]) {
      expect(ZOHO_HOSTS).toContain(host);
      expect(zoho.matches(new URL(`https://${host}/crm/org1/tab/Accounts/1`))).toBe(true);
    }
    expect(ZOHO_MATCHES.every((m) => m.startsWith('https://') && m.endsWith('/*'))).toBe(true);
    expect(zoho.matches(new URL('http://crm.zoho.com/crm/org1/tab/Accounts/1'))).toBe(false);
    expect(zoho.matches(new URL('https://mail.zoho.com/'))).toBe(false);
    expect(zoho.matches(new URL('https://crm.zoho.com.evil.example/'))).toBe(false);
  });

  it('picks the adapter: Zoho on its hosts, granted origins by their site, the demo page on /demo', () => {
    expect(pickAdapter(new URL(`https://crm.zoho.com/crm/org1/tab/Accounts/${ID}`))?.id).toBe('zoho');
    expect(
      pickAdapter(new URL('https://crm.acme.example/crm/tab/Accounts/1'), [{ origin: 'https://crm.acme.example', site: 'zoho' }])?.id,
    ).toBe('zoho');
    expect(pickAdapter(new URL('http://127.0.0.1:8787/demo/accounts'))?.id).toBe('demo');
    expect(pickAdapter(new URL('https://example.com/'))).toBeNull();
  });

  it('tells pages apart', () => {
    const a = parseZohoUrl(new URL(`https://crm.zoho.com/crm/org1/tab/Accounts/${ID}`));
    const b = parseZohoUrl(new URL(`https://crm.zoho.com/crm/org1/tab/Accounts/${ID}?tab=notes`));
    const c = parseZohoUrl(new URL('https://crm.zoho.com/crm/org1/tab/Accounts/4876876000000333002'));
    expect(samePage(a, b)).toBe(true);
    expect(samePage(a, c)).toBe(false);
    expect(samePage(null, null)).toBe(true);
    expect(samePage(a, null)).toBe(false);
  });
});
