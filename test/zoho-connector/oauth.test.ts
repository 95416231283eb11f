// Access tokens: the right accounts server per data centre, api_domain from the answer, one
// refresh at a time, kept across isolates in the connector store, and rationed below Zoho's
// ten-per-ten-minutes block.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../worker/connectors/types.ts';
import { createZohoConnector, MINT_BUDGET, ZOHO_DC_IDS, ZOHO_DCS, type ZohoDc } from '../../worker/connectors/zoho/index.ts';
import { expiresInSeconds } from '../../worker/connectors/zoho/oauth.ts';
import type { ZohoSim } from '../zoho-sim/index.ts';
import {
  apiCalls,
  connectorFor,
  ctx,
  instantSleep,
  memoryStore,
  resetMemory,
  SIM_FIELDS,
  simSettings,
  startSim,
  total,
} from './helpers.ts';

let sim: ZohoSim;
beforeAll(async () => {
  sim = await startSim({ accounts: 200 });
});
afterAll(() => sim.close());
beforeEach(() => {
  resetMemory();
  sim.control.resetFaults();
  sim.control.resetCounters();
});

describe('one refresh at a time', () => {
  it('20 concurrent requests mint one access token', async () => {
    const { connector } = connectorFor(sim);
    const ids = [...Object.values(sim.featured), ...Object.values(sim.featured)];
    const results = await Promise.all(ids.map((id) => connector.getAccount(id, ctx())));
    expect(results.every((r) => r !== null)).toBe(true);
    const c = sim.control.counters();
    expect(c.tokenRequests).toBe(1);
    expect(c.tokenMints).toBe(1);
    expect(total(apiCalls(c))).toBe(80);
  });

  it('another isolate (no memory, the same store) reuses the stored token', async () => {
    const { connector, store, secrets } = connectorFor(sim);
    await connector.getAccount(sim.featured.vip, ctx());
    resetMemory();
    const { connector: other } = connectorFor(sim, { store, secrets });
    await other.getAccount(sim.featured.key, ctx());
    expect(sim.control.counters().tokenMints).toBe(1);
  });

  it('a new refresh token (settings changed) mints afresh', async () => {
    const { connector, store } = connectorFor(sim);
    await connector.getAccount(sim.featured.vip, ctx());
    const { connector: other } = connectorFor(sim, { store });
    await other.getAccount(sim.featured.vip, ctx());
    expect(sim.control.counters().tokenMints).toBe(2);
  });

  it('waits for another isolate’s refresh (its lease) rather than minting a second token', async () => {
    const { connector, store, secrets } = connectorFor(sim);
    await connector.getAccount(sim.featured.vip, ctx());
    const minted = await store.get('oauth', { secret: true });
    resetMemory();
    // A second isolate finds a live lease and no token yet; the token lands while it waits.
    const shared = memoryStore();
    await shared.put('oauth-lease', { holder: 'someone-else', until: Date.now() + 15_000 }, { ttlSeconds: 60 });
    let polls = 0;
    const sleep = async () => {
      if (++polls === 3) await shared.put('oauth', minted, { secret: true, ttlSeconds: 3600 });
    };
    const { connector: waiting } = connectorFor(sim, { store: shared, secrets, options: { sleep } });
    await waiting.getAccount(sim.featured.key, ctx());
    expect(polls).toBe(3);
    expect(sim.control.counters().tokenMints).toBe(1);
  });

  it('mints itself when the other isolate’s lease produces nothing in time', async () => {
    const shared = memoryStore();
    await shared.put('oauth-lease', { holder: 'someone-else', until: Date.now() + 15_000 }, { ttlSeconds: 60 });
    const { delays, sleep } = instantSleep();
    const { connector } = connectorFor(sim, { store: shared, options: { sleep } });
    await connector.getAccount(sim.featured.key, ctx());
    expect(delays.length).toBe(12);
    expect(sim.control.counters().tokenMints).toBe(1);
  });
});

describe('expiry and the mint budget', () => {
  it('refreshes five minutes before the hour is up, not earlier', async () => {
    let now = Date.now();
    const { connector } = connectorFor(sim, { options: { clock: () => now } });
    await connector.getAccount(sim.featured.vip, ctx());
    now += 54 * 60_000;
    await connector.getAccount(sim.featured.vip, ctx());
    expect(sim.control.counters().tokenMints).toBe(1);
    now += 2 * 60_000;
    await connector.getAccount(sim.featured.vip, ctx());
    expect(sim.control.counters().tokenMints).toBe(2);
  });

  it(`mints at most ${MINT_BUDGET} tokens in ten minutes, then refuses without asking Zoho`, async () => {
    const { connector } = connectorFor(sim);
    let token = await connector.tokens.get();
    for (let i = 1; i < MINT_BUDGET; i++) token = await connector.tokens.get(undefined, token.token);
    expect(sim.control.counters().tokenMints).toBe(MINT_BUDGET);
    const e = await connector.tokens.get(undefined, token.token).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConnectorError);
    expect((e as ConnectorError).kind).toBe('rate_limited');
    expect((e as ConnectorError).message).toContain('blocks a refresh token at ten');
    expect(sim.control.counters().tokenRequests).toBe(MINT_BUDGET);
  });

  it('reads expires_in in seconds, and the old milliseconds form with expires_in_sec', () => {
    expect(expiresInSeconds({ expires_in: 3600 })).toBe(3600);
    expect(expiresInSeconds({ expires_in: 3_600_000, expires_in_sec: 3600 })).toBe(3600);
    expect(expiresInSeconds({ expires_in: 3_600_000 })).toBe(3600);
    expect(expiresInSeconds({})).toBe(3600);
  });
});

describe('data centres', () => {
  /** A fake Zoho: answers the token endpoint of `dc` and any API call with 204. */
  function fakeZoho(apiDomain: (dc: ZohoDc) => string) {
    const seen: { url: string; auth: string | null; body: string }[] = [];
    const fetch = async (url: string, init: RequestInit) => {
      seen.push({ url, auth: new Headers(init.headers).get('authorization'), body: String(init.body ?? '') });
      const dc = ZOHO_DC_IDS.find((d) => url === `${ZOHO_DCS[d].accounts}/oauth/v2/token`);
      if (dc) return Response.json({ access_token: `1000.token.${dc}`, api_domain: apiDomain(dc), token_type: 'Bearer', expires_in: 3600 });
      return new Response(null, { status: 204 });
    };
    return { seen, fetch };
  }

  it.each(ZOHO_DC_IDS)('%s: the DC’s accounts server, then the api_domain it names, with Zoho-oauthtoken', async (dc) => {
    const fake = fakeZoho((d) => ZOHO_DCS[d].api);
    const connector = createZohoConnector(
      {
        tenant: `dc-${dc}`,
        settings: { dc },
        secrets: { clientId: '1000.ABC', clientSecret: 'secret', refreshToken: '1000.r.t' },
        store: memoryStore(),
        allowDevHosts: false,
      },
      { fetch: fake.fetch },
    );
    expect(await connector.getAccount('4876876000000335002', ctx())).toBeNull();
    expect(fake.seen[0]?.url).toBe(`${ZOHO_DCS[dc].accounts}/oauth/v2/token`);
    expect(new URLSearchParams(fake.seen[0]?.body)).toEqual(
      new URLSearchParams({ grant_type: 'refresh_token', client_id: '1000.ABC', client_secret: 'secret', refresh_token: '1000.r.t' }),
    );
    const api = fake.seen.slice(1);
    expect(api.length).toBe(4);
    for (const call of api) {
      expect(call.url.startsWith(`${ZOHO_DCS[dc].api}/crm/v8/Accounts/4876876000000335002`)).toBe(true);
      expect(call.auth).toBe(`Zoho-oauthtoken 1000.token.${dc}`);
    }
  });

  it('Canada is zohocloud.ca for accounts and zohoapis.ca for the API', () => {
    expect(ZOHO_DCS.ca).toMatchObject({ accounts: 'https://accounts.zohocloud.ca', api: 'https://www.zohoapis.ca' });
  });

  it('refuses an api_domain that is not Zoho’s (a token endpoint cannot steer the token elsewhere)', async () => {
    const fake = fakeZoho(() => 'https://evil.example.com');
    const connector = createZohoConnector(
      {
        tenant: 'steer',
        settings: { dc: 'eu' },
        secrets: { clientId: 'a', clientSecret: 'b', refreshToken: 'c' },
        store: memoryStore(),
        allowDevHosts: false,
      },
      { fetch: fake.fetch },
    );
    const e = await connector.getAccount('4876876000000335002', ctx()).catch((x: unknown) => x);
    expect((e as ConnectorError).kind).toBe('bad_response');
    expect((e as ConnectorError).message).toContain('not Zoho');
    expect(fake.seen.length).toBe(1);
  });

  it('against the simulator in the EU: its accounts server and api_domain; the US server does not know the client', async () => {
    const eu = await startZohoSimIn('eu');
    try {
      const { connector } = connectorFor(eu, { settings: { ...simSettings(eu), fields: SIM_FIELDS } });
      expect((await connector.getAccount(eu.featured.vip, ctx()))?.name).toBe('Zylker Corp');
      expect(connector.tokens.accountsUrl).toBe(eu.dcUrls('eu').accountsUrl);
      resetMemory();
      const { connector: wrong } = connectorFor(eu, {
        settings: simSettings(eu, { dc: 'com', accountsUrl: eu.dcUrls('com').accountsUrl }),
      });
      const e = (await wrong.getAccount(eu.featured.vip, ctx()).catch((x: unknown) => x)) as ConnectorError;
      expect(e.kind).toBe('auth');
      expect(e.message).toContain('invalid_client');
    } finally {
      await eu.close();
    }
  });
});

async function startZohoSimIn(dc: ZohoDc): Promise<ZohoSim> {
  return startSim({ accounts: 50, dc });
}
