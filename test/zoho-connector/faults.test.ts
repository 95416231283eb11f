// Every failure Zoho produces becomes a ConnectorError of the right kind, with a message an
// admin can act on; transient ones are retried a bounded number of times first.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../worker/connectors/types.ts';
import type { ZohoSim } from '../zoho-sim/index.ts';
import { apiCalls, connectorFor, ctx, instantSleep, resetMemory, simSecrets, simSettings, startSim, total } from './helpers.ts';

let sim: ZohoSim;
beforeAll(async () => {
  sim = await startSim({ accounts: 300 });
});
afterAll(() => sim.close());
beforeEach(() => {
  resetMemory();
  sim.control.resetFaults();
  sim.control.resetCounters();
});

async function failure(p: Promise<unknown>): Promise<ConnectorError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ConnectorError);
    return e as ConnectorError;
  }
  throw new Error('expected a ConnectorError');
}

const ONE = 'GET /crm/v8/Accounts/{id}';

describe('429 TOO_MANY_REQUESTS (no Retry-After)', () => {
  it('backs off exponentially with jitter and succeeds on the third try', async () => {
    const { delays, sleep } = instantSleep();
    const { connector } = connectorFor(sim, { options: { sleep, random: () => 0.5 } });
    sim.control.throttleNext(2, { match: ONE });
    const s = await connector.getAccount(sim.featured.vip, ctx());
    expect(s?.id).toBe(sim.featured.vip);
    expect(sim.control.counters().calls[ONE]).toBe(3);
    // base 400 ms: 400 × (0.5 + 0.5 × 0.5), then 800 × 0.75.
    expect(delays).toEqual([300, 600]);
  });

  it('gives up after three tries: rate_limited', async () => {
    const { delays, sleep } = instantSleep();
    const { connector } = connectorFor(sim, { options: { sleep, random: () => 0.99 } });
    sim.control.throttleNext(3, { match: ONE });
    const e = await failure(connector.getAccount(sim.featured.vip, ctx()));
    expect(e.kind).toBe('rate_limited');
    expect(e.message).toContain('429 TOO_MANY_REQUESTS');
    expect(sim.control.counters().calls[ONE]).toBe(3);
    expect(delays.length).toBe(2);
    expect(Math.max(...delays)).toBeLessThanOrEqual(3000);
  });

  it('spends its own concurrency below the org’s: 20 parallel accounts earn no 429', async () => {
    const { connector } = connectorFor(sim);
    sim.control.setEdition('standard');
    try {
      const ids = Object.values(sim.featured);
      await Promise.all([...ids, ...ids].map((id) => connector.getAccount(id, ctx())));
      const c = sim.control.counters();
      expect(c.rejected.concurrency).toBe(0);
      expect(c.peakConcurrency).toBeLessThanOrEqual(6);
    } finally {
      sim.control.setEdition('enterprise');
    }
  });
});

describe('5xx and transport failures', () => {
  it('retries one 500 and succeeds', async () => {
    const { connector } = connectorFor(sim);
    sim.control.failNext(1, 500, { match: ONE });
    expect((await connector.getAccount(sim.featured.key, ctx()))?.id).toBe(sim.featured.key);
    expect(sim.control.counters().calls[ONE]).toBe(2);
  });

  it('two 502 gateway pages in a row: unavailable', async () => {
    const { connector } = connectorFor(sim);
    sim.control.failNext(2, 502, { match: ONE });
    const e = await failure(connector.getAccount(sim.featured.key, ctx()));
    expect(e.kind).toBe('unavailable');
    expect(e.message).toContain('HTTP 502');
  });

  it('a COQL call that keeps failing fails the whole batch: unavailable', async () => {
    const { connector } = connectorFor(sim);
    // Five queries, each refused twice.
    sim.control.failNext(10, 503, { match: 'POST /crm/v8/coql' });
    const e = await failure(connector.getAccounts([sim.featured.key, sim.featured.vip], ctx()));
    expect(e.kind).toBe('unavailable');
  });

  it('no answer within the request timeout: timeout', async () => {
    const { connector } = connectorFor(sim, { options: { requestTimeoutMs: 300 } });
    sim.control.hangNext(1, { match: ONE });
    const started = Date.now();
    const e = await failure(connector.getAccount(sim.featured.key, ctx()));
    expect(e.kind).toBe('timeout');
    expect(e.message).toContain('300 ms');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('the caller’s signal ends the wait: timeout', async () => {
    const { connector } = connectorFor(sim);
    sim.control.hangNext(1, { match: ONE });
    const e = await failure(connector.getAccount(sim.featured.key, ctx({ signal: AbortSignal.timeout(200) })));
    expect(e.kind).toBe('timeout');
  });

  it('an unreachable host: unavailable', async () => {
    const { connector } = connectorFor(sim, { settings: simSettings(sim, { accountsUrl: 'http://127.0.0.1:9/accounts/com' }) });
    const e = await failure(connector.getAccount(sim.featured.key, ctx()));
    expect(e.kind).toBe('unavailable');
    expect(e.message).toContain('accounts server');
  });
});

describe('bodies Zoho should not send', () => {
  it('truncated JSON with 200: bad_response', async () => {
    const { connector } = connectorFor(sim);
    sim.control.malformedNext(1, { match: ONE });
    const e = await failure(connector.getAccount(sim.featured.key, ctx()));
    expect(e.kind).toBe('bad_response');
    expect(e.message).toContain('not a JSON object');
  });

  it('a 2xx whose per-record results hold errors: bad_response naming the error', async () => {
    const fetchWithRecordError = async (url: string, init: RequestInit) => {
      if (url.endsWith('/crm/v8/coql')) {
        return new Response(
          JSON.stringify({ data: [{ code: 'INVALID_DATA', details: { api_name: 'Amount' }, message: 'invalid data', status: 'error' }] }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        );
      }
      return fetch(url, init);
    };
    const { connector } = connectorFor(sim, { options: { fetch: fetchWithRecordError } });
    const e = await failure(connector.getAccounts([sim.featured.key, sim.featured.vip], ctx()));
    expect(e.kind).toBe('bad_response');
    expect(e.message).toMatch(/answered HTTP 200, but result 1 failed: INVALID_DATA/);
  });

  it('a misnamed custom field: bad_response that names the column', async () => {
    const { connector } = connectorFor(sim, { settings: simSettings(sim, { fields: { csat: 'No_Such_Field' } }) });
    const e = await failure(connector.getAccounts([sim.featured.key, sim.featured.vip], ctx()));
    expect(e.kind).toBe('bad_response');
    expect(e.message).toContain('No_Such_Field');
  });
});

describe('token and permission errors', () => {
  it('invalid_code with HTTP 200: auth, telling the admin to generate a new refresh token', async () => {
    const { connector } = connectorFor(sim);
    sim.control.tokenErrorNext(1, 'invalid_code');
    const e = await failure(connector.getAccount(sim.featured.key, ctx()));
    expect(e.kind).toBe('auth');
    expect(e.message).toContain('invalid_code');
    expect(e.message).toContain('secrets.refreshToken');
    expect(total(apiCalls(sim.control.counters()))).toBe(0);
  });

  it('invalid_client with HTTP 400: auth, naming the data centre', async () => {
    const { connector } = connectorFor(sim);
    sim.control.tokenErrorNext(1, 'invalid_client', 400);
    const e = await failure(connector.getAccount(sim.featured.key, ctx()));
    expect(e.kind).toBe('auth');
    expect(e.message).toContain('invalid_client');
    expect(e.message).toContain('data centre "com"');
  });

  it('a revoked refresh token: auth on the next refresh', async () => {
    const c = sim.control.credentials();
    const refreshToken = sim.control.issueRefreshToken();
    const { connector } = connectorFor(sim, { secrets: { clientId: c.clientId, clientSecret: c.clientSecret, refreshToken } });
    await connector.getAccount(sim.featured.key, ctx());
    sim.control.revokeRefreshToken(refreshToken);
    const e = await failure(connector.getAccount(sim.featured.vip, ctx()));
    expect(e.kind).toBe('auth');
    expect(e.message).toContain('invalid_code');
  });

  it('Access Denied (400): rate_limited, and no more token requests for ten minutes', async () => {
    const { connector, store, secrets } = connectorFor(sim);
    sim.control.tokenErrorNext(1, 'access_denied');
    const first = await failure(connector.getAccount(sim.featured.key, ctx()));
    expect(first.kind).toBe('rate_limited');
    expect(first.message).toContain('Access Denied');
    expect(first.retryAfter).toBe(600);
    const second = await failure(connector.getAccount(sim.featured.key, ctx()));
    expect(second.kind).toBe('rate_limited');
    expect(sim.control.counters().tokenRequests).toBe(1);
    // Another isolate (no memory, the same store) respects the pause too.
    resetMemory();
    const { connector: other } = connectorFor(sim, { store, secrets });
    expect((await failure(other.getAccount(sim.featured.key, ctx()))).kind).toBe('rate_limited');
    expect(sim.control.counters().tokenRequests).toBe(1);
  });

  it('a token Zoho no longer accepts (INVALID_TOKEN): one new token, one retry, success', async () => {
    const { connector } = connectorFor(sim);
    await connector.getAccount(sim.featured.key, ctx());
    sim.control.expireAccessTokens();
    sim.control.resetCounters();
    const s = await connector.getAccount(sim.featured.vip, ctx());
    expect(s?.id).toBe(sim.featured.vip);
    const c = sim.control.counters();
    expect(c.tokenMints).toBe(1);
    // Four calls refused with 401, four retried.
    expect(c.statuses['401']).toBe(4);
    expect(total(apiCalls(c))).toBe(8);
  });

  it('a refresh token without the COQL scope: auth, listing the scopes to grant', async () => {
    const c = sim.control.credentials();
    const refreshToken = sim.control.issueRefreshToken(['ZohoCRM.modules.READ']);
    const { connector } = connectorFor(sim, { secrets: { clientId: c.clientId, clientSecret: c.clientSecret, refreshToken } });
    expect((await connector.getAccount(sim.featured.key, ctx()))?.id).toBe(sim.featured.key);
    const e = await failure(connector.getAccounts([sim.featured.key, sim.featured.vip], ctx()));
    expect(e.kind).toBe('auth');
    expect(e.message).toContain('OAUTH_SCOPE_MISMATCH');
    expect(e.message).toContain('ZohoCRM.coql.READ');
  });

  it('missing secrets: auth before any call', async () => {
    const { connector } = connectorFor(sim, { secrets: { clientId: 'x' } });
    const e = await failure(connector.getAccount(sim.featured.key, ctx()));
    expect(e.kind).toBe('auth');
    expect(e.message).toContain('secrets.clientSecret, secrets.refreshToken');
    expect(sim.control.counters().calls).toEqual({});
  });

  it('a simulator URL where development hosts are not allowed: auth before any call', async () => {
    const { connector } = connectorFor(sim, { allowDevHosts: false, secrets: simSecrets(sim) });
    const e = await failure(connector.getAccount(sim.featured.key, ctx()));
    expect(e.kind).toBe('auth');
    expect(e.message).toContain('ALLOW_DEV_CRM_HOSTS');
    expect(sim.control.counters().calls).toEqual({});
  });
});
