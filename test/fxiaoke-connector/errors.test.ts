// Every class of gateway refusal and transport failure becomes the right ConnectorError
// (fxiaoke.md §4): retried with backoff where a retry can help, reported to the admin where not.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { secondsUntilChinaMidnight } from '../../worker/connectors/fxiaoke/index.ts';
import { ConnectorError } from '../../worker/connectors/types.ts';
import { type FxiaokeSim, simConnectorSettings } from '../fxiaoke-sim/index.ts';
import { businessCalls, connectorFor, ctx, freshSim, startSim } from './helpers.ts';

let sim: FxiaokeSim;
beforeAll(async () => {
  sim = await startSim({ accounts: 300, rateLimit: { limit: 100_000 } });
});
afterAll(() => sim.close());
beforeEach(() => freshSim(sim));

/** A connector with its token and option labels already fetched, counters reset. */
async function warm() {
  const setup = connectorFor(sim);
  await setup.connector.getAccount(sim.featured.vip, ctx(sim));
  sim.control.resetCounters();
  setup.delays.length = 0;
  return setup;
}

const account = (s: Awaited<ReturnType<typeof warm>>) => s.connector.getAccount(sim.featured.key, ctx(sim));
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as ConnectorError,
  );
const AccountQuery = /data\/query/;

describe('retried with backoff', () => {
  it.each([-1, -2, 50009])('retries %i and succeeds', async (code) => {
    const s = await warm();
    sim.control.failNext(2, code, { match: AccountQuery });
    expect(await account(s)).not.toBeNull();
    expect(s.delays.length).toBe(2);
    for (const d of s.delays) expect(d).toBeLessThanOrEqual(4_000);
  });

  it.each([-1, -2, 50009])('reports %i as unavailable after three tries', async (code) => {
    const s = await warm();
    sim.control.failNext(3, code, { match: 'POST /cgi/crm/v2/data/query' });
    const e = await failure(account(s));
    expect(e).toBeInstanceOf(ConnectorError);
    expect(e).toMatchObject({ crm: 'fxiaoke', kind: 'unavailable' });
    expect(e?.message).toContain(`errorCode ${code}`);
    expect(businessCalls(sim).filter((r) => r.errorCode === code)).toHaveLength(3);
  });

  it.each([14001, 30004])('retries the call limit %i, then reports rate_limited with retryAfter', async (code) => {
    const s = await warm();
    sim.control.failNext(1, code, { match: AccountQuery });
    expect(await account(s)).not.toBeNull();
    sim.control.failNext(3, code, { match: 'POST /cgi/crm/v2/data/query' });
    const e = await failure(account(s));
    expect(e).toMatchObject({ kind: 'rate_limited', retryAfter: 20 });
  });

  it('retries a proxy’s 502 page and a network failure as unavailable', async () => {
    const s = await warm();
    sim.control.gatewayErrorNext(1, { match: AccountQuery });
    expect(await account(s)).not.toBeNull();
    sim.control.gatewayErrorNext(3, { match: 'POST /cgi/crm/v2/data/query' });
    expect(await failure(account(s))).toMatchObject({ kind: 'unavailable', message: expect.stringContaining('HTTP 502') });
    const offline = connectorFor(sim, { settings: simConnectorSettings({ ...sim.credentials, baseUrl: 'http://127.0.0.1:9' }) }).connector;
    expect(await failure(offline.getAccount(sim.featured.vip, ctx(sim)))).toMatchObject({ kind: 'unavailable' });
  });
});

describe('not retried', () => {
  it('reports a truncated JSON body as bad_response', async () => {
    const s = await warm();
    sim.control.malformedNext(1, { match: 'POST /cgi/crm/v2/data/query' });
    expect(await failure(account(s))).toMatchObject({ kind: 'bad_response', message: expect.stringContaining('not JSON') });
  });

  it('reports a hang as timeout when the request’s time is up', async () => {
    const s = await warm();
    sim.control.hangNext(1, { match: 'POST /cgi/crm/v2/data/query' });
    const e = await failure(s.connector.getAccount(sim.featured.key, { now: sim.control.now(), signal: AbortSignal.timeout(300) }));
    expect(e).toMatchObject({ kind: 'timeout' });
  });

  it('stops at the daily quota (30002) until 00:00 China time, without further calls', async () => {
    const s = await warm();
    sim.control.failNext(1, 30002, { match: 'POST /cgi/crm/v2/data/query' });
    const e = await failure(account(s));
    expect(e).toMatchObject({ kind: 'rate_limited', retryAfter: secondsUntilChinaMidnight(sim.control.now()) });
    expect(e?.message).toContain('daily');
    sim.control.resetCounters();
    expect(await failure(account(s))).toMatchObject({ kind: 'rate_limited' });
    expect(sim.control.counters().apiCalls).toBe(0);
    // A new day: calls resume.
    sim.control.advanceTime(secondsUntilChinaMidnight(sim.control.now()) * 1000 + 61_000);
    sim.control.resetWindows();
    expect(await account(s)).not.toBeNull();
  });

  it.each([
    [30003, /OpenAPI quota/],
    [20020, /permission for this enterprise/],
    [20021, /disabled/],
    [20022, /not authorized/],
    [20023, /department/],
    [30027, /operatorUserId/],
    [20017, /authMode/],
  ])('reports %i as auth, with what the admin must do', async (code, message) => {
    const s = await warm();
    sim.control.failNext(1, code, { match: 'POST /cgi/crm/v2/data/query' });
    const e = await failure(account(s));
    expect(e).toMatchObject({ kind: 'auth' });
    expect(e?.message).toMatch(message);
  });

  it('reports an unknown operator from the real gateway check as auth (30027)', async () => {
    const s = connectorFor(sim, { settings: simConnectorSettings(sim.credentials, { operatorUserId: '4242' }) });
    expect(await failure(s.connector.getAccount(sim.featured.vip, ctx(sim)))).toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('errorCode 30027'),
    });
  });

  it('reports a refused request (32000: e.g. a filter on a field the tenant does not have) as bad_response', async () => {
    const s = connectorFor(sim, { settings: simConnectorSettings(sim.credentials, { interactionAccountField: 'field_nope__c' }) });
    const e = await failure(s.connector.getAccount(sim.featured.key, ctx(sim)));
    expect(e).toMatchObject({ kind: 'bad_response' });
    expect(e?.message).toContain('errorCode 32000');
  }, 20_000);
});
