/**
 * Every selector of extension/sites/zoho.selectors.ts against the saved Zoho pages, with the
 * number of matches it must find; then the adapter's `find` on each page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { PageInfo } from '../../extension/sites/types.ts';
import { ZOHO_SELECTORS, type ZohoSelector } from '../../extension/sites/zoho.selectors.ts';
import { zoho } from '../../extension/sites/zoho.ts';
import { DEMO_FEATURED, DEMO_SPECIAL } from '../../worker/connectors/demo/data.ts';
import { SAVED_PAGES } from './zoho-pages.ts';

const DIR = join(import.meta.dirname, '../fixtures/zoho-pages');
const load = (name: string) => parseHTML(readFileSync(join(DIR, name), 'utf8')).document;

/** Rows in the saved list pages that have a parent account (a second account link). */
const parents = (rows: number) => Array.from({ length: rows }, (_, i) => i).filter((i) => i % 7 === 3).length;

const EXPECTED: Record<string, Record<ZohoSelector, number>> = {
  'classic-account-detail.html': {
    recordName: 1,
    accountsListTable: 0,
    listRow: 0,
    listRecordLink: 0,
    listAccountLink: 0,
    dealAccountLink: 0,
  },
  'everyone-account-detail.html': {
    recordName: 1,
    accountsListTable: 0,
    listRow: 0,
    listRecordLink: 0,
    listAccountLink: 0,
    dealAccountLink: 0,
  },
  'classic-deal-detail.html': {
    recordName: 1,
    accountsListTable: 0,
    listRow: 0,
    listRecordLink: 0,
    listAccountLink: 1,
    dealAccountLink: 1,
  },
  'everyone-deal-detail.html': {
    recordName: 1,
    accountsListTable: 0,
    listRow: 0,
    listRecordLink: 0,
    listAccountLink: 1,
    dealAccountLink: 1,
  },
  'classic-account-list.html': {
    recordName: 0,
    accountsListTable: 1,
    listRow: 50,
    listRecordLink: 50,
    listAccountLink: 50 + parents(50),
    dealAccountLink: 0,
  },
  'everyone-account-list.html': {
    recordName: 0,
    accountsListTable: 1,
    listRow: 50,
    listRecordLink: 50,
    listAccountLink: 50 + parents(50),
    dealAccountLink: 0,
  },
  'classic-account-list-100.html': {
    recordName: 0,
    accountsListTable: 1,
    listRow: 100,
    listRecordLink: 100,
    listAccountLink: 100 + parents(100),
    dealAccountLink: 0,
  },
};

describe.each(Object.entries(EXPECTED))('%s', (file, counts) => {
  const document = load(file);
  it.each(Object.entries(counts))('%s matches %i', (name, count) => {
    expect(document.querySelectorAll(ZOHO_SELECTORS[name as ZohoSelector]).length).toBe(count);
  });
});

describe('find', () => {
  const page = (kind: PageInfo['kind'], recordId?: string): PageInfo => ({
    site: 'zoho',
    crm: 'zoho',
    kind,
    ...(recordId ? { recordId } : {}),
  });

  it.each([
    ['classic-account-detail.html', DEMO_FEATURED.key],
    ['everyone-account-detail.html', DEMO_FEATURED.strategic],
  ])('%s: one large badge after the record name', (file, id) => {
    const points = zoho.find(load(file), page('account', id));
    expect(points).toHaveLength(1);
    expect(points[0]).toMatchObject({ accountId: id, size: 'large' });
    expect(points[0]?.anchor.id).toBe('recHeader1');
  });

  it.each([
    ['classic-deal-detail.html', DEMO_FEATURED.vip],
    ['everyone-deal-detail.html', DEMO_FEATURED.new],
  ])("%s: the deal's account, next to the Account Name lookup", (file, accountId) => {
    const points = zoho.find(load(file), page('deal', '4876876000001100001'));
    expect(points.map((p) => p.accountId)).toEqual([accountId]);
    expect(points[0]?.anchor.parentElement?.getAttribute('data-zcqa')).toBe('value_Account_Name');
  });

  it.each(['classic-account-list.html', 'everyone-account-list.html'])('%s: one badge per row, on the row own record link', (file) => {
    const points = zoho.find(load(file), page('list'));
    expect(points).toHaveLength(50);
    expect(new Set(points.map((p) => p.accountId)).size).toBe(50);
    expect(points.every((p) => p.anchor.id === `listView_${p.accountId}` && p.placement === 'before')).toBe(true);
    expect(points.map((p) => p.accountId)).toContain(DEMO_SPECIAL.hostile);
  });

  it('falls back to the first account link of a row without a listView_ id', () => {
    const { document } = parseHTML(
      `<crux-table-component data-zcqa="cxListViewTable" cx-prop-module="Accounts"><lyte-exptable-tr data-zcqa="detailView"><lyte-exptable-td><a href="/crm/org1/tab/Accounts/111111">A</a></lyte-exptable-td><lyte-exptable-td><a href="/crm/org1/tab/Accounts/222222">Parent</a></lyte-exptable-td></lyte-exptable-tr></crux-table-component>`,
    );
    expect(zoho.find(document, page('list')).map((p) => p.accountId)).toEqual(['111111']);
  });

  it('ignores the lists of other modules', () => {
    const { document } = parseHTML(
      `<crux-table-component data-zcqa="cxListViewTable" cx-prop-module="Deals"><lyte-exptable-tr data-zcqa="detailView"><a id="listView_111111" href="/crm/org1/tab/Potentials/111111">D</a><a href="/crm/org1/tab/Accounts/222222">Acc</a></lyte-exptable-tr></crux-table-component>`,
    );
    expect(zoho.find(document, page('list'))).toEqual([]);
  });

  it('finds nothing while the record is still rendering', () => {
    const { document } = parseHTML('<div id="crm-page"></div>');
    expect(zoho.find(document, page('account', DEMO_FEATURED.key))).toEqual([]);
    expect(zoho.find(document, page('deal', '1'))).toEqual([]);
  });
});

describe('saved pages', () => {
  it.each(Object.entries(SAVED_PAGES()))('%s is what zoho-pages.ts renders (regenerate with generate-zoho-fixtures.ts)', (file, html) => {
    expect(readFileSync(join(DIR, file), 'utf8')).toBe(html);
  });

  it('escape CRM data: the hostile account is text in the saved list', () => {
    const document = load('classic-account-list.html');
    const link = document.querySelector(`#listView_${DEMO_SPECIAL.hostile}`);
    expect(link?.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(link?.querySelector('img')).toBeNull();
  });
});
