// The tenant's access token: one per tenant in KV, one refresh at a time (the token endpoint
// refuses concurrent calls and allows 10 a minute: fxiaoke.md §1, S1 auth §4), refreshed once
// on 20016 / 20005, renewed from 6,600 s, and bad credentials reported to the admin.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FxiaokeSim, simConnectorSecrets, simConnectorSettings, TOKEN_REUSE_MS } from '../fxiaoke-sim/index.ts';
import { connectorFor, ctx, freshSim, resetIsolate, startSim } from './helpers.ts';
import { memoryKv } from './memory-kv.ts';

let sim: FxiaokeSim;
beforeAll(async () => {
  sim = await startSim({ accounts: 300, rateLimit: { limit: 100_000 } });
});
afterAll(() => sim.close());
beforeEach(() => freshSim(sim));

const ids = () =>
  sim.state.store
    .all('AccountObj')
    .slice(0, 20)
    .map((a) => a._id);

describe('single flight', () => {
  it('makes one token call for 20 concurrent requests of a cold tenant (the endpoint refuses concurrent calls)', async () => {
    sim.control.setTokenLatency(100);
    const { connector } = connectorFor(sim);
    const results = await Promise.all(ids().map((id) => connector.getAccount(id, ctx(sim))));
    expect(results.every((r) => r !== null)).toBe(true);
    const c = sim.control.counters();
    expect(c.tokenRequests).toBe(1);
    expect(c.tokenRefusals).toEqual({ rate: 0, concurrent: 0 });
  });

  it.each([20016, 20005] as const)('refreshes once when 20 concurrent requests meet an expired token (%i)', async (code) => {
    const { connector } = connectorFor(sim);
    await connector.getAccount(sim.featured.vip, ctx(sim));
    sim.control.setExpiredTokenCode(code);
    sim.control.expireTokens();
    sim.control.setTokenLatency(100);
    sim.control.resetCounters();
    const results = await Promise.all(ids().map((id) => connector.getAccount(id, ctx(sim))));
    expect(results.every((r) => r !== null)).toBe(true);
    const c = sim.control.counters();
    expect(c.tokenRequests).toBe(1);
    expect(c.tokenMints).toBe(1);
    expect(c.tokenRefusals.concurrent).toBe(0);
    expect(c.errorCodes[String(code)]).toBeGreaterThan(0);
  });

  it('shares the token through KV: another isolate (or connector) of the tenant makes no token call', async () => {
    const kv = memoryKv(() => sim.control.now());
    await connectorFor(sim, { kv }).connector.getAccount(sim.featured.vip, ctx(sim));
    expect(sim.control.counters().tokenRequests).toBe(1);
    resetIsolate();
    await connectorFor(sim, { kv }).connector.getAccount(sim.featured.key, ctx(sim));
    expect(sim.control.counters().tokenRequests).toBe(1);
    // The stored token is sealed: neither the token nor the ea appear in KV.
    const stored = [...kv.entries.entries()].filter(([k]) => k.includes(':cstate:fxiaoke:token'));
    expect(stored.length).toBe(1);
    const sealed = JSON.parse(stored[0]?.[1].value ?? '{}');
    expect(Object.keys(sealed).sort()).toEqual(['ct', 'iv']);
    expect(stored[0]?.[1].value).not.toContain(sim.credentials.ea);
    // Another tenant has its own token.
    await connectorFor(sim, { kv, tenant: 'other' }).connector.getAccount(sim.featured.key, ctx(sim));
    expect(sim.control.counters().tokenRequests).toBe(2);
  });
});

describe('renewal', () => {
  it('keeps the token until 6,600 s, then fetches the new one the gateway issues', async () => {
    const { connector } = connectorFor(sim);
    await connector.getAccount(sim.featured.vip, ctx(sim));
    sim.control.advanceTime(TOKEN_REUSE_MS - 60_000);
    await connector.getAccount(sim.featured.vip, ctx(sim));
    expect(sim.control.counters().tokenRequests).toBe(1);
    sim.control.advanceTime(60_000);
    await connector.getAccount(sim.featured.vip, ctx(sim));
    const c = sim.control.counters();
    expect([c.tokenRequests, c.tokenMints]).toEqual([2, 2]);
    expect(c.errorCodes).toEqual({});
  });

  it('retries a token call the gateway refused as busy or concurrent (14001), once', async () => {
    sim.control.failNext(1, 14001, { match: 'POST /oauth2.0/token' });
    const { connector } = connectorFor(sim);
    expect(await connector.getAccount(sim.featured.vip, ctx(sim))).not.toBeNull();
    expect(sim.control.counters().tokenRequests).toBe(2);
  });
});

describe('refusals', () => {
  it('reports a wrong appSecret to the admin and does not ask again for a minute', async () => {
    const { connector } = connectorFor(sim, { secrets: { ...simConnectorSecrets(sim.credentials), appSecret: 'wrong' } });
    const e = await connector.getAccount(sim.featured.vip, ctx(sim)).catch((x: unknown) => x);
    expect(e).toMatchObject({ name: 'ConnectorError', kind: 'auth' });
    expect((e as Error).message).toContain('appSecret');
    expect((e as Error).message).toContain('errorCode 10006');
    await expect(connector.getAccount(sim.featured.vip, ctx(sim))).rejects.toMatchObject({ kind: 'auth' });
    expect(sim.control.counters().tokenRequests).toBe(1);
    sim.control.advanceTime(61_000);
    await expect(connector.getAccount(sim.featured.vip, ctx(sim))).rejects.toMatchObject({ kind: 'auth' });
    expect(sim.control.counters().tokenRequests).toBe(2);
  });

  it('names the permanent code when it is wrong (20015)', async () => {
    const { connector } = connectorFor(sim, { secrets: { ...simConnectorSecrets(sim.credentials), permanentCode: 'wrong' } });
    await expect(connector.getAccount(sim.featured.vip, ctx(sim))).rejects.toThrow(/permanentCode/);
  });

  it('gives up when even a fresh token is refused, and stops asking for tokens past its own budget', async () => {
    const { connector } = connectorFor(sim);
    await connector.getAccount(sim.featured.vip, ctx(sim));
    sim.control.resetCounters();
    sim.control.failNext(100, 20016, { match: /\/cgi\/crm\// });
    const e = await connector.getAccount(sim.featured.vip, ctx(sim)).catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: 'auth' });
    expect((e as Error).message).toContain('freshly issued token');
    for (let i = 0; i < 8; i++) await connector.getAccount(sim.featured.vip, ctx(sim)).catch(() => undefined);
    const last = await connector.getAccount(sim.featured.vip, ctx(sim)).catch((x: unknown) => x);
    expect(last).toMatchObject({ kind: 'rate_limited' });
    // At most 6 token calls a minute (the endpoint allows 10).
    expect(sim.control.counters().tokenRequests).toBeLessThanOrEqual(6);
    expect(sim.control.counters().tokenRefusals.rate).toBe(0);
  });

  it('needs both secrets, and refuses a development baseUrl where the deployment does not allow it', async () => {
    const noSecret = connectorFor(sim, { secrets: { appSecret: sim.credentials.appSecret } }).connector;
    await expect(noSecret.getAccount(sim.featured.vip, ctx(sim))).rejects.toThrow(/permanentCode/);
    const prod = connectorFor(sim, { allowDevHosts: false, settings: simConnectorSettings(sim.credentials) }).connector;
    await expect(prod.getAccount(sim.featured.vip, ctx(sim))).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('ALLOW_DEV_CRM_HOSTS'),
    });
    expect(sim.control.counters().tokenRequests).toBe(0);
  });

  it('reports stored settings that no longer parse on every call, without calling Fxiaoke', async () => {
    const { connector } = connectorFor(sim, { settings: { appId: 'not-an-app-id', operatorUserId: '1000' } });
    await expect(connector.getAccount(sim.featured.vip, ctx(sim))).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('appId'),
    });
    await expect(connector.pollChanges(ctx(sim))).rejects.toMatchObject({ kind: 'auth' });
    expect(sim.control.counters().apiCalls + sim.control.counters().tokenRequests).toBe(0);
  });
});
