/** Who may do what: keys, roles, tenants, CORS, secrets. */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK } from '../../shared/index.ts';
import { createApiKey } from '../../worker/auth.ts';
import { DEMO_FEATURED } from '../../worker/connectors/demo/index.ts';
import { call, harness, json, newKey, READER } from './helpers.ts';

async function allKv(): Promise<{ name: string; value: string; metadata: unknown }[]> {
  const out = [];
  let cursor: string | undefined;
  do {
    const page = await env.TL_KV.list({ cursor });
    for (const k of page.keys) out.push({ name: k.name, value: (await env.TL_KV.get(k.name)) ?? '', metadata: k.metadata });
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return out;
}

describe('authentication', () => {
  it('401 without a key or with an unknown one', async () => {
    for (const key of [null, 'tl_nope', 'demo-nope']) {
      const res = await call('/v1/rules', { key });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect((await json(res)).error.code).toBe('unauthorized');
    }
  });

  it('the demo keys only work while DEMO_MODE is on', async () => {
    const off = harness({ env: { DEMO_MODE: 'off' } });
    expect((await off.call('/v1/rules', { key: READER })).status).toBe(401);
    expect((await off.call('/demo', { key: null })).status).toBe(404);
    expect((await call('/v1/rules', { key: READER })).status).toBe(200);
  });

  it('keys are stored only as SHA-256 hashes; the raw key appears nowhere in KV', async () => {
    const { key, record } = await createApiKey(env.TL_KV, 'acme', 'admin', 'ci', Date.now());
    expect(key).toMatch(/^tl_[A-Za-z0-9_-]{43}$/);
    expect((await call('/v1/rules', { key })).status).toBe(200);
    const everything = JSON.stringify(await allKv());
    expect(everything).not.toContain(key);
    expect(everything).toContain(record.id);
  });
});

describe('roles', () => {
  it('a reader cannot change rules, roll back, preview, recompute or configure connectors (403)', async () => {
    const attempts: [string, Parameters<typeof call>[1]][] = [
      ['/v1/rules', { method: 'PUT', body: { rules: DEFAULT_PLAYBOOK }, headers: { 'if-match': '"1"' } }],
      ['/v1/rules/rollback', { body: { version: 1 }, headers: { 'if-match': '"1"' } }],
      ['/v1/rules/preview', { body: { rules: DEFAULT_PLAYBOOK, account: { crm: 'd', id: '1', name: '' } } }],
      ['/v1/stats/recompute', { method: 'POST' }],
      ['/v1/connectors/demo', { method: 'PUT', body: { settings: {} } }],
      ['/v1/connectors/demo', {}],
    ];
    for (const [path, init] of attempts) {
      const res = await call(path, { ...init, key: READER });
      expect(res.status, path).toBe(403);
      expect((await json(res)).error.code).toBe('forbidden');
    }
    expect((await json(await call('/v1/rules'))).version).toBe(1);
  });
});

describe('tenant isolation', () => {
  it("tenant A's key cannot read or change tenant B's rules or classifications", async () => {
    const aAdmin = await newKey('tenant-a', 'admin');
    const bAdmin = await newKey('tenant-b', 'admin');
    const bReader = await newKey('tenant-b', 'reader');
    // Both switch on the demo CRM; B changes its rules.
    for (const key of [aAdmin, bAdmin])
      expect((await call('/v1/connectors/demo', { method: 'PUT', key, body: { settings: {} } })).status).toBe(200);
    const rules = structuredClone(DEFAULT_PLAYBOOK);
    rules.dimensions[0]!.tiers[0]!.label.en = 'B-only label';
    rules.dimensions[0]!.tiers[0]!.when = true;
    expect((await call('/v1/rules', { method: 'PUT', key: bAdmin, body: { rules }, headers: { 'if-match': '"1"' } })).status).toBe(200);

    // A sees its own version 1 and its own tiers; B sees version 2.
    const aRules = await json(await call('/v1/rules', { key: aAdmin }));
    expect(aRules.version).toBe(1);
    expect(JSON.stringify(aRules)).not.toContain('B-only label');
    const aCls = await json(await call(`/v1/accounts/demo/${DEMO_FEATURED.vip}`, { key: aAdmin }));
    const bCls = await json(await call(`/v1/accounts/demo/${DEMO_FEATURED.vip}`, { key: bReader }));
    expect(aCls.rulesVersion).toBe(1);
    expect(bCls.rulesVersion).toBe(2);
    expect(JSON.stringify(aCls)).not.toContain('B-only label');

    // A's write with B's version number lands in A's own history, never B's.
    const aPut = await call('/v1/rules', { method: 'PUT', key: aAdmin, body: { rules: DEFAULT_PLAYBOOK }, headers: { 'if-match': '"2"' } });
    expect(aPut.status).toBe(409);
    expect((await json(await call('/v1/rules', { key: bReader }))).rules.dimensions[0].tiers[0].label.en).toBe('B-only label');

    // Every key either tenant's requests wrote is under its own prefix.
    const names = (await allKv()).map((k) => k.name);
    expect(
      names.filter((n) => n.includes('tenant-a')).every((n) => n.startsWith('t:tenant-a:') || n.startsWith('idx:connector:tenant-a:')),
    ).toBe(true);
  });

  it('a tenant name in the URL or body cannot select another tenant', async () => {
    const aReader = await newKey('tenant-c', 'reader');
    const res = await call('/v1/rules?tenant=demo', { key: aReader, headers: { 'x-tierlens-tenant': 'demo' } });
    expect((await json(res)).version).toBe(1);
  });

  it('webhooks need the tenant’s token', async () => {
    const wrong = await call('/v1/webhooks/demo', { key: null, body: { tenant: 'demo', token: 'guess', accountIds: ['1'] } });
    expect(wrong.status).toBe(401);
    const otherTenant = await call('/v1/webhooks/demo', {
      key: null,
      body: { tenant: 'tenant-a', token: 'demo-webhook', accountIds: ['1'] },
    });
    expect(otherTenant.status).toBe(401);
    const headerForm = await call('/v1/webhooks/demo', {
      key: null,
      headers: { 'x-tierlens-tenant': 'demo', 'x-tierlens-webhook-token': 'demo-webhook' },
      body: { accountIds: ['1'] },
    });
    expect(headerForm.status).toBe(200);
  });
});

describe('connector secrets', () => {
  it('are encrypted in KV and never returned', async () => {
    const admin = await newKey('tenant-s', 'admin');
    const secret = 'super-secret-webhook-token-123';
    const put = await call('/v1/connectors/demo', { method: 'PUT', key: admin, body: { settings: {}, secrets: { webhookToken: secret } } });
    expect(put.status).toBe(200);
    const putText = await put.text();
    expect(putText).not.toContain(secret);
    const get = await call('/v1/connectors/demo', { key: admin });
    const body = await json(get);
    expect(body.secrets).toEqual({ webhookToken: { hasSecret: true } });
    expect(JSON.stringify(body)).not.toContain(secret);
    expect(JSON.stringify(await allKv())).not.toContain(secret);
    // the token works for this tenant's webhooks
    const hook = await call('/v1/webhooks/demo', {
      key: null,
      body: { tenant: 'tenant-s', token: secret, accountIds: [DEMO_FEATURED.vip] },
    });
    expect(hook.status).toBe(200);
  });

  it('unknown secret fields and invalid settings are 400', async () => {
    const admin = await newKey('tenant-s2', 'admin');
    expect((await call('/v1/connectors/demo', { method: 'PUT', key: admin, body: { secrets: { password: 'x' } } })).status).toBe(400);
    const res = await call('/v1/connectors/demo', { method: 'PUT', key: admin, body: { settings: { latencyMs: -1 } } });
    expect(res.status).toBe(400);
    expect((await json(res)).error.details.issues[0].path).toBe('settings.latencyMs');
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    call('/v1/accounts/demo/lookup', {
      method: 'OPTIONS',
      key: null,
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });

  it('admits extension origins and configured origins, with Authorization', async () => {
    for (const origin of [
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
      'moz-extension://1b2c3d4e-0000-4000-8000-123456789abc',
      'safari-web-extension://ABC-123',
      'http://127.0.0.1:8787',
    ]) {
      const res = await preflight(origin);
      expect(res.status, origin).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    }
    const actual = await call('/v1/rules', { headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' } });
    expect(actual.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
  });

  it('does not admit a random origin', async () => {
    for (const origin of ['https://evil.example', 'chrome-extension://x.evil.example/../', 'null']) {
      const res = await preflight(origin);
      expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });
});
