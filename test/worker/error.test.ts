/** Bad input and limits: every failure is the error envelope with a deliberate status. */
import { describe, expect, it } from 'vitest';
import { DEMO_FEATURED } from '../../worker/connectors/demo/index.ts';
import { ADMIN, call, harness, json, newKey } from './helpers.ts';

const account = { crm: 'demo', id: 'e-1', name: 'Err Co' };

// biome-ignore lint/suspicious/noExplicitAny: any response body
function expectEnvelope(body: any, code: string) {
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'details', 'message', 'requestId']);
  expect(body.error).toMatchObject({ code, message: expect.any(String), requestId: expect.stringMatching(/^req_/) });
}

describe('bad input', () => {
  it('invalid JSON is a 400 that says so', async () => {
    const res = await call('/v1/classify', { rawBody: '{"account": ', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    const body = await json(res);
    expectEnvelope(body, 'bad_request');
    expect(body.error.message).toMatch(/not valid JSON/);
  });

  it('a bad batch names the account and the field', async () => {
    const accounts = Array.from({ length: 13 }, (_, i) => ({ ...account, id: `e-${i}` }));
    (accounts[12] as Record<string, unknown>).orders = [{ id: 'o', amount: 1, status: 'won', closedAt: 'yesterday' }];
    const res = await call('/v1/classify/batch', { body: { accounts } });
    expect(res.status).toBe(400);
    const body = await json(res);
    expectEnvelope(body, 'bad_request');
    expect(body.error.details.issues).toContainEqual({
      path: 'accounts[12].orders[0].closedAt',
      message: expect.stringContaining('ISO 8601'),
    });
  });

  it('a missing body on a route that needs one is a 400 with issues', async () => {
    const res = await call('/v1/classify', { method: 'POST' });
    expect(res.status).toBe(400);
    expect((await json(res)).error.details.issues[0].path).toBe('account');
  });

  it('?lang=fr is a 400', async () => {
    expect((await call('/v1/classify?lang=fr', { body: { account } })).status).toBe(400);
  });

  it('bad If-Match is 400; an unknown version to roll back to is 404', async () => {
    expect((await call('/v1/rules', { method: 'PUT', key: ADMIN, body: { rules: {} }, headers: { 'if-match': 'abc' } })).status).toBe(400);
    const res = await call('/v1/rules/rollback', { key: ADMIN, body: { version: 42 }, headers: { 'if-match': '"1"' } });
    expect(res.status).toBe(404);
  });
});

describe('limits', () => {
  it('413 past 1 MB by Content-Length and by actual size', async () => {
    const big = JSON.stringify({ account: { ...account, name: 'x'.repeat(1024 * 1024) } });
    const res = await call('/v1/classify', { rawBody: big, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expectEnvelope(await json(res), 'payload_too_large');
    // A streamed body has no Content-Length: the bytes read are counted.
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 20; i++) c.enqueue(new TextEncoder().encode('x'.repeat(64 * 1024)));
        c.close();
      },
    });
    const streamed = await call('/v1/classify', { rawBody: stream, headers: { 'content-type': 'application/json' } });
    expect(streamed.status).toBe(413);
  });

  it('413 past 1,000 accounts or ids', async () => {
    const accounts = Array.from({ length: 1001 }, (_, i) => ({ crm: 'd', id: String(i), name: '' }));
    const res = await call('/v1/classify/batch', { body: { accounts } });
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe('payload_too_large');
    const ids = Array.from({ length: 1001 }, (_, i) => String(i));
    expect((await call('/v1/accounts/demo/lookup', { body: { ids } })).status).toBe(413);
  });

  it('1,000 accounts in one batch are fine', async () => {
    const accounts = Array.from({ length: 1000 }, (_, i) => ({ crm: 'd', id: String(i), name: '' }));
    const res = await call('/v1/classify/batch', { body: { accounts } });
    expect(res.status).toBe(200);
    expect((await json(res)).results).toHaveLength(1000);
  });

  it('429 with Retry-After past the per-key rate', async () => {
    const h = harness({ env: { RATE_LIMIT_PER_MINUTE: '3' }, startAt: Date.parse('2026-11-23T09:00:10Z') });
    for (let i = 0; i < 3; i++) expect((await h.call('/v1/rules')).status).toBe(200);
    const limited = await h.call('/v1/rules');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('50');
    expect((await json(limited)).error.code).toBe('rate_limited');
    // another key has its own budget
    expect((await h.call('/v1/rules', { key: ADMIN })).status).toBe(200);
    // the next window admits again
    h.advance(50_000);
    expect((await h.call('/v1/rules')).status).toBe(200);
  });
});

describe('not found', () => {
  it('unknown routes, CRMs and accounts are 404 envelopes', async () => {
    for (const path of ['/v2/nothing', '/v1/accounts/salesforce/1', '/v1/accounts/demo/does-not-exist', '/v1/connectors/salesforce']) {
      const res = await call(path, { key: ADMIN });
      expect(res.status, path).toBe(404);
      expect((await json(res)).error.code).toBe('not_found');
    }
    expect((await call('/v1/accounts/salesforce/lookup', { body: { ids: ['1'] } })).status).toBe(404);
    expect((await call('/v1/webhooks/salesforce', { key: null, body: { tenant: 'demo', token: 'x', accountIds: ['1'] } })).status).toBe(
      404,
    );
  });

  it('a tenant without a connector gets 404 for its accounts', async () => {
    const key = await newKey('lonely', 'reader');
    const res = await call(`/v1/accounts/demo/${DEMO_FEATURED.vip}`, { key });
    expect(res.status).toBe(404);
  });
});

describe('unexpected failures', () => {
  it('an exception inside a handler is a 500 envelope, never a bare error', async () => {
    const h = harness();
    h.clock.now = Number.NaN; // new Date(NaN).toISOString() throws inside the health handler
    const res = await h.call('/health', { key: null });
    expect(res.status).toBe(500);
    const body = await json(res);
    expect(body.error.code).toBe('internal');
    expect(body.error.message).not.toMatch(/RangeError|Invalid time/);
  });
});

describe('missing configuration', () => {
  it('a CRM the tenant has not configured gets a 404 that says how to set it up', async () => {
    const res = await call('/v1/accounts/zoho/4876876000000335002');
    expect(res.status).toBe(404);
    const { error } = await json(res);
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('PUT /v1/connectors/zoho');
  });
});
