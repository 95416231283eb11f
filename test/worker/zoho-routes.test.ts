/**
 * The worker's side of the Zoho connector, inside workerd: settings checked per deployment,
 * Zoho's notification format on the webhook route (token first, then the deal -> account
 * lookup), the admin check and watch routes, the connector state in KV, and the cron upkeep.
 * The connector itself runs against the simulator in test/zoho-connector.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Connector, RelatedChange } from '../../worker/connectors/types.ts';
import { ConnectorError } from '../../worker/connectors/types.ts';
import { maintainConnectors } from '../../worker/index.ts';
import { connectorStore } from '../../worker/store/connector-state.ts';
import { ADMIN, harness, json, READER } from './helpers.ts';

const ACCOUNT = '4876876000000335002';
const DEAL = '4876876000001000023';
const TOKEN = 'zoho-webhook-token-0123456789';

/** A stand-in for the Zoho connector: counts fetches, maps one deal to ACCOUNT. */
function fakeZoho(options: { checkFails?: boolean } = {}) {
  const seen = { getAccount: 0, accountsOf: [] as RelatedChange[][], watch: [] as { notifyUrl: string; token: string }[] };
  const connector: Connector = {
    id: 'zoho',
    async getAccount(id) {
      seen.getAccount++;
      return { crm: 'zoho', id, name: `Account ${id}` };
    },
    async getAccounts(ids) {
      return new Map(ids.map((id) => [id, { crm: 'zoho', id, name: `Account ${id}` }]));
    },
    async listAccounts() {
      return { accounts: [] };
    },
    async accountsOf(changes) {
      seen.accountsOf.push([...changes]);
      return changes.flatMap((c) => c.ids).includes(DEAL) ? [ACCOUNT] : [];
    },
    async check() {
      if (options.checkFails) throw new ConnectorError('zoho', 'auth', 'Zoho rejected the refresh token (invalid_code)');
      return { details: { org: { name: 'Sim Org' } } };
    },
    async watch(o) {
      seen.watch.push(o);
      return { channelId: '1000000000001', expiresAt: '2026-11-29T00:00:00.000Z', events: ['Accounts.all'], notifyUrl: o.notifyUrl };
    },
  };
  return { connector, seen };
}

const zohoSettings = { dc: 'eu', accountsUrl: 'http://127.0.0.1:8788/accounts/eu' };

describe('PUT /v1/connectors/zoho', () => {
  it('takes a simulator URL only where development hosts are allowed', async () => {
    const prod = harness({ env: { ALLOW_DEV_CRM_HOSTS: 'off' } });
    const refused = await prod.call('/v1/connectors/zoho', { method: 'PUT', key: ADMIN, body: { settings: zohoSettings } });
    expect(refused.status).toBe(400);
    expect((await json(refused)).error.details.issues[0].path).toBe('settings.accountsUrl');
    const ok = await prod.call('/v1/connectors/zoho', { method: 'PUT', key: ADMIN, body: { settings: { dc: 'eu' } } });
    expect(ok.status).toBe(200);
    const dev = harness({ env: { ALLOW_DEV_CRM_HOSTS: 'on' } });
    expect((await dev.call('/v1/connectors/zoho', { method: 'PUT', key: ADMIN, body: { settings: zohoSettings } })).status).toBe(200);
  });

  it('checks the settings against the Zoho schema', async () => {
    const h = harness();
    for (const settings of [
      { dc: 'us' },
      { accountsUrl: 'ftp://x' },
      { fields: { csat: 'bad name' } },
      { interactionModules: ['Notes'] },
    ]) {
      const res = await h.call('/v1/connectors/zoho', { method: 'PUT', key: ADMIN, body: { settings } });
      expect([JSON.stringify(settings), res.status]).toEqual([JSON.stringify(settings), 400]);
    }
    const res = await h.call('/v1/connectors/zoho', {
      method: 'PUT',
      key: ADMIN,
      body: { settings: { dc: 'com' }, secrets: { clientId: 'a', clientSecret: 'b', refreshToken: 'c', webhookToken: TOKEN } },
    });
    const body = await json(res);
    expect(body.secrets).toEqual({
      clientId: { hasSecret: true },
      clientSecret: { hasSecret: true },
      refreshToken: { hasSecret: true },
      webhookToken: { hasSecret: true },
    });
    expect(body.settings).toMatchObject({ dc: 'com', interactionModules: ['Calls', 'Events', 'Tasks', 'Cases'] });
  });
});

describe('POST /v1/webhooks/zoho', () => {
  async function setUp() {
    const fake = fakeZoho();
    const h = harness({ connectors: { zoho: fake.connector } });
    await h.call('/v1/connectors/zoho', { method: 'PUT', key: ADMIN, body: { settings: { dc: 'com' }, secrets: { webhookToken: TOKEN } } });
    await h.call(`/v1/accounts/zoho/${ACCOUNT}`);
    expect((await json(await h.call(`/v1/accounts/zoho/${ACCOUNT}`))).cache.hit).toBe(true);
    return { h, fake };
  }
  const notice = (module: string, ids: string[], token = TOKEN) => ({
    server_time: 1,
    query_params: { tenant: 'demo' },
    module,
    resource_uri: `https://www.zohoapis.com/crm/v8/${module}`,
    ids,
    operation: 'update',
    channel_id: '1000000000001',
    token,
  });

  it('an account’s change invalidates it; the next request fetches it again', async () => {
    const { h, fake } = await setUp();
    const res = await h.call('/v1/webhooks/zoho?tenant=demo', { key: null, body: notice('Accounts', [ACCOUNT]) });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ invalidated: 1 });
    const before = fake.seen.getAccount;
    expect((await json(await h.call(`/v1/accounts/zoho/${ACCOUNT}`))).cache.hit).toBe(false);
    expect(fake.seen.getAccount).toBe(before + 1);
  });

  it('a deal’s change invalidates its account, looked up through the connector', async () => {
    const { h, fake } = await setUp();
    const res = await h.call('/v1/webhooks/zoho?tenant=demo', { key: null, body: notice('Deals', [DEAL]) });
    expect(await json(res)).toEqual({ invalidated: 1 });
    expect(fake.seen.accountsOf).toEqual([[{ module: 'Deals', ids: [DEAL], operation: 'update' }]]);
    expect((await json(await h.call(`/v1/accounts/zoho/${ACCOUNT}`))).cache.hit).toBe(false);
  });

  it('a wrong token: 401, and no CRM lookup', async () => {
    const { h, fake } = await setUp();
    const res = await h.call('/v1/webhooks/zoho?tenant=demo', { key: null, body: notice('Deals', [DEAL], 'guess') });
    expect(res.status).toBe(401);
    expect(fake.seen.accountsOf).toEqual([]);
    expect((await json(await h.call(`/v1/accounts/zoho/${ACCOUNT}`))).cache.hit).toBe(true);
  });

  it('the tenant may come from query_params; a notification without ids: 400 with the reason', async () => {
    const { h } = await setUp();
    const res = await h.call('/v1/webhooks/zoho', { key: null, body: notice('Accounts', [ACCOUNT]) });
    expect(res.status).toBe(200);
    const missingIds = await h.call('/v1/webhooks/zoho?tenant=demo', { key: null, body: { module: 'Accounts', token: TOKEN } });
    expect(missingIds.status).toBe(400);
    expect((await json(missingIds)).error.message).toContain('ids');
  });
});

describe('POST /v1/connectors/zoho/check and /watch', () => {
  it('check reports ok with what Zoho said, or the problem in words an admin can act on', async () => {
    const ok = harness({ connectors: { zoho: fakeZoho().connector } });
    expect(await json(await ok.call('/v1/connectors/zoho/check', { method: 'POST', key: ADMIN }))).toMatchObject({
      crm: 'zoho',
      ok: true,
      details: { org: { name: 'Sim Org' } },
    });
    const bad = harness({ connectors: { zoho: fakeZoho({ checkFails: true }).connector } });
    const res = await bad.call('/v1/connectors/zoho/check', { method: 'POST', key: ADMIN });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ ok: false, problem: { kind: 'auth', message: expect.stringContaining('invalid_code') } });
    expect((await bad.call('/v1/connectors/zoho/check', { method: 'POST', key: READER })).status).toBe(403);
    expect((await bad.call('/v1/connectors/demo/check', { method: 'POST', key: ADMIN })).status).toBe(404);
  });

  it('watch subscribes to this worker’s webhook with a generated token, stored as a secret', async () => {
    const fake = fakeZoho();
    const h = harness({ connectors: { zoho: fake.connector } });
    await h.call('/v1/connectors/zoho', { method: 'PUT', key: ADMIN, body: { settings: { dc: 'com' }, secrets: { webhookToken: null } } });
    const res = await h.call('/v1/connectors/zoho/watch', { method: 'POST', key: ADMIN });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ crm: 'zoho', channelId: '1000000000001' });
    const sent = fake.seen.watch[0];
    expect(sent?.notifyUrl).toBe('http://tierlens.test/v1/webhooks/zoho?tenant=demo');
    expect(sent?.token.length).toBe(40);
    const stored = await json(await h.call('/v1/connectors/zoho', { key: ADMIN }));
    expect(stored.secrets.webhookToken).toEqual({ hasSecret: true });
    // The stored token is the one Zoho was given: a notification carrying it is accepted.
    const hook = await h.call('/v1/webhooks/zoho?tenant=demo', {
      key: null,
      body: { module: 'Accounts', ids: [ACCOUNT], operation: 'update', token: sent?.token },
    });
    expect(hook.status).toBe(200);
  });
});

describe('connector state and upkeep', () => {
  it('keeps secret state sealed in KV', async () => {
    const store = connectorStore(env.TL_KV, env.SECRETS_KEY, 'state-test', 'zoho');
    await store.put('oauth', { token: '1000.very-secret-access-token' }, { secret: true, ttlSeconds: 30 });
    expect(await store.get('oauth', { secret: true })).toEqual({ token: '1000.very-secret-access-token' });
    const raw = await env.TL_KV.get('t:state-test:cstate:zoho:oauth');
    expect(raw).not.toBeNull();
    expect(raw).not.toContain('very-secret');
    await store.put('watch', { channelId: '1' });
    expect(await store.get('watch')).toEqual({ channelId: '1' });
  });

  it('the cron’s upkeep builds each tenant’s Zoho connector and renews nothing without a channel', async () => {
    const h = harness();
    await h.call('/v1/connectors/zoho', {
      method: 'PUT',
      key: ADMIN,
      body: { settings: { dc: 'eu' }, secrets: { clientId: 'a', clientSecret: 'b', refreshToken: 'c' } },
    });
    const logs: string[] = [];
    const out = await maintainConnectors(env, Date.now(), (_level, message) => logs.push(message));
    expect(out).toContainEqual({ tenant: 'demo', crm: 'zoho', ok: true, renewed: false });
    expect(logs).toEqual([]);
  });
});
