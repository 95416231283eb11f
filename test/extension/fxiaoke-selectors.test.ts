/**
 * Every selector of extension/sites/fxiaoke.selectors.ts against the saved Fxiaoke pages, with
 * the number of matches it must find; then the adapter's `find` on each page. The pages imitate
 * a plausible Fxiaoke DOM, unverified against a live tenant (test/extension/fxiaoke-pages.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { FXIAOKE_SELECTORS, type FxiaokeSelector } from '../../extension/sites/fxiaoke.selectors.ts';
import { fxiaoke } from '../../extension/sites/fxiaoke.ts';
import type { PageInfo } from '../../extension/sites/types.ts';
import { FXIAOKE_SIM_FEATURED, FXIAOKE_SIM_SPECIAL } from '../fxiaoke-sim/seed.ts';
import { detailPanel, FIXED_IDS, newRows, PANEL_CUSTOMER, SAVED_PAGES } from './fxiaoke-pages.ts';

const DIR = join(import.meta.dirname, '../fixtures/fxiaoke-pages');
const load = (name: string) => parseHTML(readFileSync(join(DIR, name), 'utf8')).document;
const LIST: PageInfo = { site: 'fxiaoke', crm: 'fxiaoke', kind: 'list', viewId: 'crm' };

const EXPECTED: Record<string, Record<FxiaokeSelector, number>> = {
  'app-shell.html': { listRow: 0, listName: 0, detailPanel: 0, detailTitle: 0 },
  'crm-home.html': { listRow: 0, listName: 0, detailPanel: 0, detailTitle: 0 },
  'account-list.html': { listRow: 15, listName: 15, detailPanel: 0, detailTitle: 0 },
  'account-list-paasapp.html': { listRow: 10, listName: 10, detailPanel: 0, detailTitle: 0 },
  'account-list-detail.html': { listRow: 15, listName: 15, detailPanel: 1, detailTitle: 1 },
};

describe.each(Object.entries(EXPECTED))('%s', (file, counts) => {
  const document = load(file);
  it.each(Object.entries(counts))('%s matches %i', (name, count) => {
    expect(document.querySelectorAll(FXIAOKE_SELECTORS[name as FxiaokeSelector]).length).toBe(count);
  });
});

describe('find', () => {
  it('the old list: one compact badge per row, before the name link, for every customer', () => {
    const points = fxiaoke.find(load('account-list.html'), LIST);
    expect(points).toHaveLength(15);
    expect(new Set(points.map((p) => p.accountId))).toEqual(new Set(FIXED_IDS));
    expect(points.every((p) => p.size === 'compact' && p.placement === 'before' && p.anchor.matches('td.td-name > a.j-detail'))).toBe(true);
    expect(points.map((p) => p.accountId)).toContain(FXIAOKE_SIM_SPECIAL.hostile);
  });

  it('the new list: the same component in the new UI, its own rows', () => {
    const points = fxiaoke.find(load('account-list-paasapp.html'), { ...LIST, viewId: 'appId_CRM' });
    expect(points.map((p) => p.accountId)).toEqual(newRows().map((c) => c._id));
  });

  it('the detail panel over the list: a large badge after its title, with the id the panel carries', () => {
    const points = fxiaoke.find(load('account-list-detail.html'), LIST);
    expect(points).toHaveLength(16);
    const panel = points.filter((p) => p.size === 'large');
    expect(panel).toHaveLength(1);
    expect(panel[0]).toMatchObject({ accountId: PANEL_CUSTOMER });
    expect(panel[0]?.placement).not.toBe('before');
    expect(panel[0]?.anchor.matches('h3.crm-detail-title')).toBe(true);
  });

  it('a panel reused for the next customer (patched in place) moves its badge to that customer', () => {
    const document = load('account-list-detail.html');
    const before = fxiaoke.find(document, LIST).find((p) => p.size === 'large');
    document.querySelector('.crm-detail')?.setAttribute('data-id', FXIAOKE_SIM_FEATURED.dormant);
    const after = fxiaoke.find(document, LIST).find((p) => p.size === 'large');
    expect(after?.accountId).toBe(FXIAOKE_SIM_FEATURED.dormant);
    expect(after?.anchor).toBe(before?.anchor);
  });

  it('nothing on the CRM home or the empty shell', () => {
    expect(fxiaoke.find(load('crm-home.html'), LIST)).toEqual([]);
    expect(fxiaoke.find(load('app-shell.html'), LIST)).toEqual([]);
  });

  it("ignores other objects' lists and panels, rows without a usable id, and a panel without a title", () => {
    const { document } = parseHTML(
      `<div class="crm-list" data-apiname="ContactObj"><table><tr data-id="c1"><td><a class="j-detail">Contact</a></td></tr></table></div>
       <div class="crm-list" data-apiname="AccountObj"><table><tr data-id=""><td><a class="j-detail">No id</a></td></tr><tr><td><a class="j-detail">No id</a></td></tr><tr data-id="{{row._id}}"><td><a class="j-detail">Template</a></td></tr></table></div>
       <div class="crm-detail" data-apiname="ContactObj" data-id="c1"><h3 class="crm-detail-title">Contact</h3></div>
       <div class="crm-detail" data-apiname="AccountObj" data-id="a1"><div class="loading"></div></div>`,
    );
    expect(fxiaoke.find(document, LIST)).toEqual([]);
  });
});

describe('saved pages', () => {
  it.each(Object.entries(SAVED_PAGES()))(
    '%s is what fxiaoke-pages.ts renders (regenerate with generate-fxiaoke-fixtures.ts)',
    (file, html) => {
      expect(readFileSync(join(DIR, file), 'utf8')).toBe(html);
    },
  );

  it('escape CRM data: the hostile customer is text in the list and in its panel', () => {
    const document = load('account-list.html');
    const link = document.querySelector(`tr[data-id="${FXIAOKE_SIM_SPECIAL.hostile}"] a.j-detail`);
    expect(link?.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(link?.querySelector('img')).toBeNull();
    const panel = parseHTML(detailPanel(FXIAOKE_SIM_SPECIAL.hostile)).document;
    expect(panel.querySelector('.crm-detail-title')?.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(panel.querySelector('img')).toBeNull();
  });
});
