/** Small pure pieces: settings helpers, error kinds, cadence, origins. */
import { describe, expect, it } from 'vitest';
import { kindOf } from '../../extension/lib/api.ts';
import { parseCadence } from '../../extension/lib/i18n.ts';
import { normaliseOrigin, scriptMatches } from '../../extension/lib/origins.ts';
import { normaliseWorkerUrl, resolveLang } from '../../extension/lib/prefs.ts';

describe('resolveLang', () => {
  it.each([
    ['auto', 'zh-CN', 'zh'],
    ['auto', 'zh-TW', 'zh'],
    ['auto', 'zh', 'zh'],
    ['auto', 'en-GB', 'en'],
    ['auto', 'de-DE', 'en'],
    ['auto', undefined, 'en'],
    ['en', 'zh-CN', 'en'],
    ['zh', 'en-US', 'zh'],
  ] as const)('%s with the browser in %s -> %s', (setting, browser, lang) => {
    expect(resolveLang(setting, browser)).toBe(lang);
  });
});

describe('normaliseWorkerUrl', () => {
  it.each([
    ['http://127.0.0.1:8787/', 'http://127.0.0.1:8787'],
    [' https://tierlens.example.workers.dev ', 'https://tierlens.example.workers.dev'],
    ['https://api.example.com/tierlens//', 'https://api.example.com/tierlens'],
    ['ftp://example.com', ''],
    ['javascript:alert(1)', ''],
    ['not a url', ''],
  ])('%s -> %s', (raw, url) => {
    expect(normaliseWorkerUrl(raw)).toBe(url);
  });
});

describe('kindOf', () => {
  it.each([
    [400, 'bad_request', 'invalid'],
    [401, 'unauthorized', 'unauthorized'],
    [403, 'forbidden', 'forbidden'],
    [404, 'not_found', 'not_found'],
    [409, 'conflict', 'conflict'],
    [413, 'payload_too_large', 'invalid'],
    [428, 'precondition_required', 'invalid'],
    [429, 'rate_limited', 'rate_limited'],
    [502, 'crm_unavailable', 'crm'],
    [504, 'crm_timeout', 'crm'],
    [502, 'crm_auth', 'crm'],
    [500, 'internal', 'internal'],
    [503, undefined, 'internal'],
  ])('%i %s -> %s', (status, code, kind) => {
    expect(kindOf(status, code)).toBe(kind);
  });
});

describe('hosts', () => {
  it.each([
    ['https://crm.acme.example/crm/tab/Accounts/1', 'https://crm.acme.example'],
    ['crm.acme.example', 'https://crm.acme.example'],
    ['http://10.0.0.5:8787/demo', 'http://10.0.0.5:8787'],
  ])('%s -> %s', (input, origin) => {
    expect(normaliseOrigin(input)).toBe(origin);
  });
  it('refuses what is not http(s)', () => {
    expect(() => normaliseOrigin('file:///etc/passwd')).toThrow();
    expect(() => normaliseOrigin('chrome://settings')).toThrow();
  });
  it('runs everywhere on a CRM, only under /demo on a worker', () => {
    expect(scriptMatches({ origin: 'https://crm.acme.example', site: 'zoho' })).toEqual(['https://crm.acme.example/*']);
    expect(scriptMatches({ origin: 'https://w.example', site: 'demo' })).toEqual(['https://w.example/demo', 'https://w.example/demo/*']);
  });
});

describe('parseCadence', () => {
  it.each([
    ['P7D', [7, 'D']],
    ['P2W', [2, 'W']],
    ['P1M', null],
    [null, null],
  ] as const)('%s', (cadence, parsed) => {
    expect(parseCadence(cadence)).toEqual(parsed);
  });
});
