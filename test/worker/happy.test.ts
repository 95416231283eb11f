/** What users do on a good day: classify, look up, read docs, in both languages. */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK } from '../../shared/index.ts';
import { DEMO_FEATURED } from '../../worker/connectors/demo/index.ts';
import { recomputeAllStats } from '../../worker/index.ts';
import { ADMIN, call, json } from './helpers.ts';

const account = {
  crm: 'demo',
  id: 'x-1',
  name: 'Acme',
  createdAt: '2021-03-04T08:00:00Z',
  orders: [{ id: 'o1', amount: 9_000_000, status: 'won', closedAt: '2026-09-01T00:00:00Z' }],
  interactions: [{ kind: 'call', at: '2026-11-02T03:00:00Z' }],
};

describe('service', () => {
  it('GET /health answers without a key, with a version and a request id', async () => {
    const res = await call('/health', { key: null });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ ok: true, version: expect.any(String) });
    expect(res.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{16}$/);
  });

  it('GET /openapi.json describes every route; /docs renders it offline', async () => {
    const doc = await json(await call('/openapi.json', { key: null }));
    const paths = Object.keys(doc.paths);
    for (const p of [
      '/health',
      '/v1/classify',
      '/v1/classify/batch',
      '/v1/accounts/{crm}/{id}',
      '/v1/accounts/{crm}/lookup',
      '/v1/rules',
      '/v1/rules/history',
      '/v1/rules/history/{version}',
      '/v1/rules/rollback',
      '/v1/rules/preview',
      '/v1/stats',
      '/v1/stats/recompute',
      '/v1/webhooks/{crm}',
      '/v1/connectors/{crm}',
    ]) {
      expect(paths).toContain(p);
    }
    const html = await (await call('/docs', { key: null })).text();
    expect(html).toContain('/v1/accounts/{crm}/lookup');
    expect(html).toContain('Bearer API key, admin role');
    expect(html).not.toMatch(/<script|https?:\/\/cdn/i);
  });
});

describe('classify', () => {
  it('classifies a snapshot from the body with the default playbook at version 1', async () => {
    const res = await call('/v1/classify', { body: { account, asOf: '2026-11-23T00:00:00Z' } });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({
      accountId: 'x-1',
      rulesVersion: 1,
      lang: 'en',
      asOf: '2026-11-23T00:00:00.000Z',
      headline: DEFAULT_PLAYBOOK.headline,
    });
    expect(body.dimensions.length).toBe(DEFAULT_PLAYBOOK.dimensions.length);
  });

  it('answers in Chinese for ?lang=zh, Accept-Language: zh-CN, or lang in the body', async () => {
    const a = await json(await call('/v1/classify?lang=zh', { body: { account } }));
    const b = await json(await call('/v1/classify', { body: { account }, headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' } }));
    const c = await json(await call('/v1/classify', { body: { account, lang: 'zh' } }));
    for (const x of [a, b, c]) expect(x.lang).toBe('zh');
    expect(a.dimensions[0].label).toMatch(/[\u4e00-\u9fff]/);
  });

  it('classifies a batch in order', async () => {
    const accounts = Array.from({ length: 50 }, (_, i) => ({ ...account, id: `b-${i}` }));
    const body = await json(await call('/v1/classify/batch', { body: { accounts } }));
    expect(body.results.map((r: { accountId: string }) => r.accountId)).toEqual(accounts.map((a) => a.id));
  });

  it('accepts a JSON body sent without a JSON content type (curl -d)', async () => {
    const res = await call('/v1/classify', {
      rawBody: JSON.stringify({ account }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
  });
});

describe('accounts through the demo connector', () => {
  it('GET /v1/accounts/demo/:id gives each featured account its headline tier', async () => {
    for (const [tier, id] of Object.entries(DEMO_FEATURED)) {
      const body = await json(await call(`/v1/accounts/demo/${id}`));
      expect(body.dimensions.find((d: { id: string }) => d.id === 'relationship').tier).toBe(tier);
      expect(body.cache).toMatchObject({ stale: false });
    }
  });

  it('lookup returns results by id and lists unknown ids as missing', async () => {
    const res = await call('/v1/accounts/demo/lookup?lang=zh', { body: { ids: [DEMO_FEATURED.vip, DEMO_FEATURED.new, 'nope'] } });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(Object.keys(body.results).sort()).toEqual([DEMO_FEATURED.new, DEMO_FEATURED.vip].sort());
    expect(body.missing).toEqual(['nope']);
    expect(body.results[DEMO_FEATURED.vip].lang).toBe('zh');
  });

  it('stats are computed on first need for the demo and served by GET /v1/stats', async () => {
    await call(`/v1/accounts/demo/${DEMO_FEATURED.key}`);
    const body = await json(await call('/v1/stats'));
    expect(body.rulesVersion).toBe(1);
    expect(body.stats.count).toBe(300);
    const again = await json(await call('/v1/stats/recompute', { method: 'POST', key: ADMIN }));
    expect(again.stats.count).toBe(300);
  });

  it('the cron job recomputes statistics for the demo tenant', async () => {
    const out = await recomputeAllStats(env, Date.now(), () => undefined);
    expect(out).toContainEqual({ tenant: 'demo', ok: true });
  });

  it('preview classifies with unsaved rules, by account or by id', async () => {
    const rules = structuredClone(DEFAULT_PLAYBOOK);
    rules.dimensions[0]!.tiers[0]!.label.en = 'Previewed';
    const byId = await json(
      await call('/v1/rules/preview', { key: ADMIN, body: { rules, crm: 'demo', accountId: DEMO_FEATURED.strategic } }),
    );
    expect(byId.rulesVersion).toBe(0);
    const byBody = await json(await call('/v1/rules/preview', { key: ADMIN, body: { rules, account } }));
    expect(byBody.accountId).toBe('x-1');
    const live = await json(await call('/v1/rules'));
    expect(live.version).toBe(1); // nothing saved
  });
});

describe('demo CRM pages', () => {
  it('serves the list and a record page, in Chinese with ?lang=zh', async () => {
    const list = await call('/demo', { key: null });
    expect(list.status).toBe(200);
    expect(await list.text()).toContain(`data-account-id="${DEMO_FEATURED.vip}"`);
    const zh = await call(`/demo/accounts/${DEMO_FEATURED.vip}?lang=zh`, { key: null });
    expect(zh.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await zh.text()).toContain(`data-record-id="${DEMO_FEATURED.vip}"`);
    expect((await call('/demo/accounts/nope', { key: null })).status).toBe(404);
  });
});
