/** The options page's "CRM sites": which addresses may be added, and how they are normalised. */
import { describe, expect, it } from 'vitest';
import { checkSiteOrigin, matchesPattern, type SiteOriginContext, sortSites } from '../../extension/entrypoints/options/logic.ts';
import { ZOHO_MATCHES } from '../../extension/sites/zoho.hosts.ts';

/** The content-script matches of a build for the local worker (wxt.config.ts). */
const BUILT_IN = [...ZOHO_MATCHES, 'https://www.fxiaoke.com/*', 'http://127.0.0.1/demo', 'http://127.0.0.1/demo/*'];
const ctx: SiteOriginContext = { existing: [], builtInMatches: BUILT_IN };

describe('checkSiteOrigin: accepted and normalised to an origin', () => {
  it.each([
    ['crm.example.com', 'https://crm.example.com'],
    ['  https://crm.example.com  ', 'https://crm.example.com'],
    ['https://crm.example.com/', 'https://crm.example.com'],
    ['https://CRM.Example.COM', 'https://crm.example.com'],
    ['https://crm.example.com/crm/org123/tab/Accounts/4876876000000333001?x=1#top', 'https://crm.example.com'],
    ['https://crm.example.com:443', 'https://crm.example.com'],
    ['https://crm.example.com:8443/crm', 'https://crm.example.com:8443'],
    ['http://127.0.0.1:8789', 'http://127.0.0.1:8789'],
    ['http://localhost:8789/crm/org123456/tab/Accounts/custom-view/1/list', 'http://localhost:8789'],
    ['localhost:8789', 'https://localhost:8789'],
    ['http://[::1]:8789', 'http://[::1]:8789'],
    ['https://销售.example.cn', 'https://xn--nyr189l.example.cn'],
  ])('%s -> %s', (input, origin) => {
    expect(checkSiteOrigin(input, 'zoho', ctx)).toEqual({ ok: true, origin });
  });

  it('a self-hosted worker on another host takes the demo site', () => {
    expect(checkSiteOrigin('https://tierlens.example.com/demo', 'demo', ctx)).toEqual({ ok: true, origin: 'https://tierlens.example.com' });
  });
});

describe('checkSiteOrigin: refused, with the reason the field shows', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['http://', 'notUrl'],
    ['https://exa mple.com', 'notUrl'],
    ['not a url', 'notUrl'],
    ['https://crm.example.com:99999', 'notUrl'],
    ['ftp://files.example.com', 'notHttp'],
    ['file:///etc/passwd', 'notHttp'],
    ['chrome://extensions', 'notHttp'],
    ['javascript:alert(1)', 'notHttp'],
    ['mailto:sales@example.com', 'notHttp'],
    ['https://user:secret@crm.example.com', 'credentials'],
    ['https://admin@crm.example.com', 'credentials'],
    ['https://*.example.com', 'wildcard'],
    ['*.example.com', 'wildcard'],
  ])('%j: %s', (input, problem) => {
    expect(checkSiteOrigin(input, 'zoho', ctx)).toMatchObject({ ok: false, problem });
  });

  it.each(['crm.zoho.com', 'https://crm.zoho.eu/crm/org20000001/tab/Home/begin', 'https://one.zoho.com.cn', 'http://crm.zoho.com'])(
    "Zoho's own hosts are built in: %s",
    (input) => {
      expect(checkSiteOrigin(input, 'zoho', ctx)).toMatchObject({ ok: false, problem: 'zohoHost' });
      expect(checkSiteOrigin(input, 'demo', ctx)).toMatchObject({ ok: false, problem: 'zohoHost' });
    },
  );

  it('where the manifest already runs the content script: the built-in worker demo page, Fxiaoke', () => {
    expect(checkSiteOrigin('http://127.0.0.1:8787', 'demo', ctx)).toEqual({
      ok: false,
      problem: 'builtIn',
      origin: 'http://127.0.0.1:8787',
    });
    expect(checkSiteOrigin('https://www.fxiaoke.com/XV/UI/Home', 'fxiaoke', ctx)).toMatchObject({ ok: false, problem: 'builtIn' });
    // The same loopback host as a Zoho site: the manifest only covers /demo there.
    expect(checkSiteOrigin('http://127.0.0.1:8789', 'zoho', ctx)).toEqual({ ok: true, origin: 'http://127.0.0.1:8789' });
    // Another scheme is another origin.
    expect(checkSiteOrigin('https://127.0.0.1:8787', 'demo', ctx)).toEqual({ ok: true, origin: 'https://127.0.0.1:8787' });
  });

  it('an origin already in the list, whatever the path typed, says which site it runs', () => {
    const existing: SiteOriginContext = { ...ctx, existing: [{ origin: 'https://crm.example.com', site: 'zoho' }] };
    expect(checkSiteOrigin('https://crm.example.com/crm/tab/Home', 'demo', existing)).toEqual({
      ok: false,
      problem: 'duplicate',
      origin: 'https://crm.example.com',
      site: 'zoho',
    });
    expect(checkSiteOrigin('http://crm.example.com', 'zoho', existing)).toEqual({ ok: true, origin: 'http://crm.example.com' });
  });
});

describe('matchesPattern', () => {
  it.each([
    ['http://127.0.0.1/demo', 'http://127.0.0.1:8787/demo', true],
    ['http://127.0.0.1/demo', 'http://127.0.0.1/demo', true],
    ['http://127.0.0.1/demo', 'http://127.0.0.1:8787/demo/accounts', false],
    ['http://127.0.0.1/demo/*', 'http://127.0.0.1:8787/demo/accounts/1', true],
    ['http://127.0.0.1/demo/*', 'http://127.0.0.1:8787/', false],
    ['http://127.0.0.1/demo/*', 'https://127.0.0.1/demo/x', false],
    ['https://tierlens.example.com:8443/*', 'https://tierlens.example.com:8443/demo', true],
    ['https://tierlens.example.com:8443/*', 'https://tierlens.example.com/demo', false],
    ['https://crm.zoho.com/*', 'https://crm.zoho.com/crm/org1/tab/Accounts/1', true],
    ['https://*.example.com/*', 'https://a.b.example.com/x', true],
    ['https://*.example.com/*', 'https://example.com/', true],
    ['https://*.example.com/*', 'https://badexample.com/', false],
    ['*://*/*', 'http://anything.test/', true],
    ['<all_urls>', 'https://x.test/', true],
    ['not a pattern', 'https://x.test/', false],
  ])('%s ~ %s: %s', (pattern, url, expected) => {
    expect(matchesPattern(pattern, new URL(url))).toBe(expected);
  });
});

it('sortSites orders the list by origin without touching the input', () => {
  const input = [
    { origin: 'https://b.example.com', site: 'zoho' as const },
    { origin: 'http://127.0.0.1:8789', site: 'zoho' as const },
    { origin: 'https://a.example.com', site: 'demo' as const },
  ];
  expect(sortSites(input).map((h) => h.origin)).toEqual(['http://127.0.0.1:8789', 'https://a.example.com', 'https://b.example.com']);
  expect(input[0]?.origin).toBe('https://b.example.com');
});
