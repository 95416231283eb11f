/** The Fxiaoke adapter's URL parsing and host matching, over the URL shapes Fxiaoke's web app uses (crm/fxiaoke.md section 5). */
import { describe, expect, it } from 'vitest';
import { CONTENT_SCRIPTS } from '../../extension/lib/origins.ts';
import { demo } from '../../extension/sites/demo.ts';
import { FXIAOKE_MATCHES, isFxiaokeHost } from '../../extension/sites/fxiaoke.hosts.ts';
import { fxiaoke, parseFxiaokeUrl } from '../../extension/sites/fxiaoke.ts';
import { pickAdapter, pickFrom } from '../../extension/sites/index.ts';
import { samePage } from '../../extension/sites/types.ts';
import { zoho } from '../../extension/sites/zoho.ts';

const HOME = 'https://www.fxiaoke.com/XV/UI/Home';

describe('parseFxiaokeUrl', () => {
  it.each([
    // the old UI's list route, as the app and public userscripts write it
    [`${HOME}#crm/list/=/AccountObj`, 'crm'],
    [`${HOME}#crm/list/=/AccountObj?scene=all`, 'crm'],
    [`${HOME}#crm/list/=/AccountObj/`, 'crm'],
    [`${HOME}/#crm/list/=/AccountObj`, 'crm'],
    [`${HOME}?lang=zh-CN#crm/list/=/AccountObj`, 'crm'],
    // the new UI: an app id, then the object
    [`${HOME}#paasapp/list/=/appId_CRM/AccountObj`, 'appId_CRM'],
    [`${HOME}#paasapp/list/=/appId_CRM/AccountObj?filter=1`, 'appId_CRM'],
    [`${HOME}#paasapp/list/=/appId_FSAID_11490c84/AccountObj`, 'appId_FSAID_11490c84'],
    // another cloud's login host (granted at run time)
    ['https://hws.fxiaoke.com/XV/UI/Home#crm/list/=/AccountObj', 'crm'],
  ])('%s', (url, viewId) => {
    expect(parseFxiaokeUrl(new URL(url))).toEqual({ site: 'fxiaoke', crm: 'fxiaoke', kind: 'list', viewId });
  });

  it.each([
    `${HOME}`,
    `${HOME}#crm/index`,
    `${HOME}#crm/list/=/SalesOrderObj`,
    `${HOME}#crm/list/=/ContactObj`,
    `${HOME}#crm/list/=/object_mZeYu__c`,
    `${HOME}#crm/list/=/AccountObjAddrObj`,
    `${HOME}#crm/custompage/=/page_account_360__c`,
    `${HOME}#paasapp/list/=/appId_CRM/ContactObj`,
    `${HOME}#paasapp/list/=/AccountObj`,
    // no source shows a detail route: none is guessed (the panel over the list is found in the DOM)
    `${HOME}#crm/detail/=/AccountObj/64f0000000000000000a0002`,
    'https://www.fxiaoke.com/XV/UI/manage#crmmanage/=/module-sysobject',
    'https://www.fxiaoke.com/#crm/list/=/AccountObj',
    'https://www.fxiaoke.com/',
  ])('not a customer list: %s', (url) => {
    expect(parseFxiaokeUrl(new URL(url))).toBeNull();
  });

  it('tells the two list routes apart, and ignores the query of one route', () => {
    const old = parseFxiaokeUrl(new URL(`${HOME}#crm/list/=/AccountObj`));
    expect(samePage(old, parseFxiaokeUrl(new URL(`${HOME}#crm/list/=/AccountObj?scene=mine`)))).toBe(true);
    expect(samePage(old, parseFxiaokeUrl(new URL(`${HOME}#paasapp/list/=/appId_CRM/AccountObj`)))).toBe(false);
  });
});

describe('hosts', () => {
  it.each([
    ['https://www.fxiaoke.com/XV/UI/Home', true],
    ['https://hws.fxiaoke.com/XV/UI/Home', true],
    ['https://ale.fxiaoke.com/XV/UI/Home', true],
    ['https://ksc.sharecrm.com/XV/UI/Home', true],
    ['https://WWW.FXIAOKE.COM/XV/UI/Home', true],
    ['http://www.fxiaoke.com/XV/UI/Home', false],
    ['https://www.fxiaoke.com.evil.example/XV/UI/Home', false],
    ['https://notfxiaoke.com/XV/UI/Home', false],
    ['https://crm.zoho.com/crm/org1/tab/Accounts/1', false],
  ])('%s: %s', (url, served) => {
    expect(fxiaoke.matches(new URL(url))).toBe(served);
  });

  it('runs statically on the public cloud only; other clouds are granted at run time', () => {
    expect(FXIAOKE_MATCHES).toEqual(['https://www.fxiaoke.com/*']);
    expect(isFxiaokeHost('hws.fxiaoke.com')).toBe(true);
    expect(CONTENT_SCRIPTS.fxiaoke).toBe('content-scripts/fxiaoke.js');
  });

  it('picks the adapter: Fxiaoke on its hosts and on origins granted as Fxiaoke sites; not in the Zoho content script', () => {
    const page = new URL(`${HOME}#crm/list/=/AccountObj`);
    expect(pickAdapter(page)?.id).toBe('fxiaoke');
    const privateDeployment = new URL('https://crm.acme.cn/XV/UI/Home#crm/list/=/AccountObj');
    expect(pickAdapter(privateDeployment)).toBeNull();
    expect(pickAdapter(privateDeployment, [{ origin: 'https://crm.acme.cn', site: 'fxiaoke' }])?.id).toBe('fxiaoke');
    // Each CRM's content script carries its own adapters only.
    expect(pickFrom([fxiaoke], page)?.id).toBe('fxiaoke');
    expect(pickFrom([zoho, demo], page)).toBeNull();
    expect(pickFrom([fxiaoke], new URL('https://crm.zoho.com/crm/org1/tab/Accounts/4876876000000333001'))).toBeNull();
  });
});
