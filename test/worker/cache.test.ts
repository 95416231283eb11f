/** The KV cache: soft TTL with stale-while-revalidate, stale on CRM failure, shared in-flight calls, batched lookups, webhooks. */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { DemoConnectorOptions } from '../../worker/connectors/demo/index.ts';
import { createDemoConnector, DEMO_FEATURED, DEMO_SPECIAL } from '../../worker/connectors/demo/index.ts';
import { counting, harness, json } from './helpers.ts';

const SOFT_MS = 600_000;

function setup() {
  const options: DemoConnectorOptions = {};
  const { connector, calls } = counting(createDemoConnector(options));
  const h = harness({ connectors: { demo: connector } });
  return { h, calls, options };
}

describe('cache', () => {
  it('miss, then hit, then stale-while-revalidate past the soft TTL, then fresh again', async () => {
    const { h, calls } = setup();
    const path = `/v1/accounts/demo/${DEMO_FEATURED.strategic}`;
    const first = await h.call(path);
    expect(first.headers.get('x-cache')).toBe('miss');
    expect((await json(first)).cache).toMatchObject({ hit: false, stale: false });
    expect(calls.getAccount).toBe(1);

    h.advance(60_000);
    const second = await h.call(path);
    expect((await json(second)).cache).toMatchObject({ hit: true, stale: false });
    expect(calls.getAccount).toBe(1);

    h.advance(SOFT_MS);
    const stale = await h.call(path);
    const staleBody = await json(stale);
    expect(stale.headers.get('x-cache')).toBe('stale');
    expect(staleBody.cache).toMatchObject({ hit: true, stale: true });
    expect(calls.getAccount).toBe(2); // the background refresh ran (waitUntil)

    const refreshed = await json(await h.call(path));
    expect(refreshed.cache).toMatchObject({ hit: true, stale: false, computedAt: new Date(h.clock.now).toISOString() });
    expect(calls.getAccount).toBe(2);
  });

  it('serves the last good classification, marked stale, when the CRM fails', async () => {
    const { h, options } = setup();
    const path = `/v1/accounts/demo/${DEMO_FEATURED.vip}`;
    const good = await json(await h.call(path));
    options.failWith = 'unavailable';
    h.advance(SOFT_MS * 3);
    const res = await h.call(path);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.cache).toMatchObject({ hit: true, stale: true, computedAt: good.cache.computedAt });
    expect(body.dimensions).toEqual(good.dimensions);
    // still stale (the failed refresh did not drop it)
    expect((await json(await h.call(path))).cache.stale).toBe(true);
  });

  it('after a webhook invalidation the account is refetched; if the CRM fails then, the old data is served stale', async () => {
    const { h, calls, options } = setup();
    const id = DEMO_FEATURED.key;
    await h.call(`/v1/accounts/demo/${id}`);
    expect(calls.getAccount).toBe(1);
    const hook = await h.call('/v1/webhooks/demo', { key: null, body: { tenant: 'demo', token: 'demo-webhook', accountIds: [id] } });
    expect(await json(hook)).toEqual({ invalidated: 1 });
    const again = await json(await h.call(`/v1/accounts/demo/${id}`));
    expect(again.cache).toMatchObject({ hit: false, stale: false });
    expect(calls.getAccount).toBe(2);
    await h.call('/v1/webhooks/demo', { key: null, body: { tenant: 'demo', token: 'demo-webhook', accountIds: [id] } });
    options.failWith = 'timeout';
    const res = await h.call(`/v1/accounts/demo/${id}`);
    expect(res.status).toBe(200);
    expect((await json(res)).cache.stale).toBe(true);
  });

  it('maps CRM failures to 502/504 when nothing is cached', async () => {
    const { h, options } = setup();
    for (const [kind, status, code] of [
      ['unavailable', 502, 'crm_unavailable'],
      ['timeout', 504, 'crm_timeout'],
      ['auth', 502, 'crm_auth'],
    ] as const) {
      options.failWith = kind;
      const res = await h.call(`/v1/accounts/demo/${DEMO_FEATURED.dormant}`);
      expect(res.status).toBe(status);
      expect((await json(res)).error.code).toBe(code);
      const lookup = await h.call('/v1/accounts/demo/lookup', { body: { ids: [DEMO_FEATURED.dormant] } });
      expect(lookup.status).toBe(status);
    }
  });

  it('concurrent requests for one account share one CRM call', async () => {
    const options: DemoConnectorOptions = { latencyMs: 30 };
    const { connector, calls } = counting(createDemoConnector(options));
    const h = harness({ connectors: { demo: connector } });
    const results = await Promise.all(Array.from({ length: 8 }, () => h.call(`/v1/accounts/demo/${DEMO_FEATURED.low_value}`)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(calls.getAccount).toBe(1);
  });

  it('lookup fetches only the misses, in one getAccounts call', async () => {
    const { h, calls } = setup();
    await h.call(`/v1/accounts/demo/${DEMO_FEATURED.new}`);
    const ids = [DEMO_FEATURED.new, DEMO_FEATURED.standard, DEMO_FEATURED.dormant, 'unknown-1'];
    const body = await json(await h.call('/v1/accounts/demo/lookup', { body: { ids } }));
    expect(calls.getAccounts).toBe(1);
    expect(calls.idsRequested[0]?.sort()).toEqual([DEMO_FEATURED.standard, DEMO_FEATURED.dormant, 'unknown-1'].sort());
    expect(body.results[DEMO_FEATURED.new].cache.hit).toBe(true);
    expect(body.results[DEMO_FEATURED.standard].cache.hit).toBe(false);
    expect(body.missing).toEqual(['unknown-1']);
    // all cached now: no CRM call at all
    await h.call('/v1/accounts/demo/lookup', { body: { ids: ids.slice(0, 3) } });
    expect(calls.getAccounts).toBe(1);
  });

  it('a second language is computed from the cached snapshot without a CRM call', async () => {
    const { h, calls } = setup();
    const id = DEMO_SPECIAL.longName;
    await h.call(`/v1/accounts/demo/${id}`);
    const zh = await json(await h.call(`/v1/accounts/demo/${id}?lang=zh`));
    expect(zh.lang).toBe('zh');
    expect(zh.cache.hit).toBe(true);
    expect(calls.getAccount).toBe(1);
  });

  it('stores classifications under tenant-, CRM-, version- and language-scoped keys', async () => {
    const { h } = setup();
    await h.call(`/v1/accounts/demo/${DEMO_FEATURED.vip}?lang=zh`);
    const keys = (await env.TL_KV.list({ prefix: 't:demo:cls:demo:' })).keys.map((k) => k.name);
    expect(keys).toContain(`t:demo:cls:demo:1:zh:${DEMO_FEATURED.vip}`);
  });

  it('404 for an unknown account', async () => {
    const { h } = setup();
    const res = await h.call('/v1/accounts/demo/no-such-account');
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('not_found');
  });
});
