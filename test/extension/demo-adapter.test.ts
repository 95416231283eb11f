/** The demo CRM adapter, against the page the worker really serves (worker/demo/page.ts). */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { demo, parseDemoUrl } from '../../extension/sites/demo.ts';
import { DEMO_FEATURED, generateDemoAccounts } from '../../worker/connectors/demo/data.ts';
import { renderDemoDetail, renderDemoList } from '../../worker/demo/page.ts';

describe('parseDemoUrl', () => {
  it.each([
    ['http://127.0.0.1:8787/demo', { kind: 'list', viewId: 'all' }],
    ['http://127.0.0.1:8787/demo/', { kind: 'list', viewId: 'all' }],
    ['http://127.0.0.1:8787/demo/accounts?lang=zh', { kind: 'list', viewId: 'all' }],
    [`http://127.0.0.1:8787/demo/accounts/${DEMO_FEATURED.vip}`, { kind: 'account', recordId: DEMO_FEATURED.vip }],
    ['https://tierlens.example.workers.dev/demo/accounts/a%20b', { kind: 'account', recordId: 'a b' }],
  ])('%s', (url, expected) => {
    expect(parseDemoUrl(new URL(url))).toEqual({ site: 'demo', crm: 'demo', ...expected });
  });

  it.each(['http://127.0.0.1:8787/', 'http://127.0.0.1:8787/demo/contacts', 'http://127.0.0.1:8787/demo/accounts/%E0%A4%A'])(
    'not an accounts page: %s',
    (url) => {
      expect(parseDemoUrl(new URL(url))).toBeNull();
    },
  );
});

describe('find on the worker demo pages', () => {
  const accounts = generateDemoAccounts(Date.UTC(2026, 10, 23));

  it('badges every row of the list, before the name link', () => {
    const { document } = parseHTML(renderDemoList(accounts, { lang: 'en' }));
    const points = demo.find(document, { site: 'demo', crm: 'demo', kind: 'list', viewId: 'all' });
    expect(points).toHaveLength(accounts.length);
    expect(points[0]?.anchor.tagName).toBe('A');
    expect(points.every((p) => p.placement === 'before' && p.size === 'compact')).toBe(true);
  });

  it('badges the record header of the account in the URL only', () => {
    const account = accounts.find((a) => a.id === DEMO_FEATURED.vip);
    if (!account) throw new Error('no VIP account');
    const { document } = parseHTML(renderDemoDetail(account, { lang: 'en' }));
    const points = demo.find(document, { site: 'demo', crm: 'demo', kind: 'account', recordId: DEMO_FEATURED.vip });
    expect(points).toHaveLength(1);
    expect(points[0]?.anchor.matches('h1.record-name')).toBe(true);
    expect(demo.find(document, { site: 'demo', crm: 'demo', kind: 'account', recordId: DEMO_FEATURED.key })).toEqual([]);
  });
});
