// The accounts server and API authentication (zoho.md §1, checklist items 1 and 2).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACCESS_DENIED_BODY, DATA_CENTRES, DC_IDS, MINT_WINDOW_MS, type ZohoSim } from '../zoho-sim/index.ts';
import { accessToken, call, client, refresh, start } from './helpers.ts';
import { AUTHENTICATION_FAILURE, INVALID_TOKEN, SCOPE_MISMATCH } from './oas-examples.ts';

let sim: ZohoSim;
beforeAll(async () => {
  sim = await start({ dc: 'eu' });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.control.resetFaults();
  // Each test starts a fresh 10-minute token window.
  sim.control.advanceTime(MINT_WINDOW_MS + 1);
});

describe('token endpoint', () => {
  it('mints an access token with the documented shape and the DC api_domain', async () => {
    const r = await refresh(sim);
    expect(r.status).toBe(200);
    // zoho.md §1 success body: {"access_token":"1000.xxx.yyy","api_domain":"https://www.zohoapis.com","token_type":"Bearer","expires_in":3600}
    expect(Object.keys(r.json).sort()).toEqual(['access_token', 'api_domain', 'expires_in', 'token_type']);
    expect(r.json.access_token).toMatch(/^1000\.[0-9a-f]{32}\.[0-9a-f]{32}$/);
    expect(r.json).toMatchObject({ api_domain: sim.url, token_type: 'Bearer', expires_in: 3600 });
    expect(sim.url).toBe(`${sim.baseUrl}/api/eu`);
  });

  it('accepts the parameters in the query string too', async () => {
    const c = sim.credentials;
    const q = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: c.clientId,
      client_secret: c.clientSecret,
      refresh_token: c.refreshToken,
    });
    const r = await call(`${c.tokenUrl}?${q}`, { method: 'POST' });
    expect(r.status).toBe(200);
    expect(r.json.access_token).toBeTypeOf('string');
  });

  it('serves every data centre under its own prefix, and the org only in its own', async () => {
    expect(DC_IDS).toEqual(['com', 'eu', 'in', 'com.au', 'com.cn', 'jp', 'sa', 'ca']);
    expect(DATA_CENTRES.ca.accounts).toBe('https://accounts.zohocloud.ca');
    for (const dc of DC_IDS) {
      const r = await refresh(sim, {}, `${sim.dcUrls(dc).accountsUrl}/oauth/v2/token`);
      // The wrong DC does not know the client (zoho.md §1: invalid_client ... or the wrong DC), with HTTP 200.
      if (dc === 'eu') expect(r.json.api_domain).toBe(sim.dcUrls('eu').apiDomain);
      else expect([r.status, r.json]).toEqual([200, { error: 'invalid_client' }]);
    }
  });

  it('answers a bad refresh token with {"error":"invalid_code"} and HTTP 200', async () => {
    const r = await refresh(sim, { refresh_token: '1000.deadbeef.deadbeef' });
    expect([r.status, r.json]).toEqual([200, { error: 'invalid_code' }]);
  });

  it('answers a wrong client secret with {"error":"invalid_client"} and HTTP 200', async () => {
    const r = await refresh(sim, { client_secret: 'nope' });
    expect([r.status, r.json]).toEqual([200, { error: 'invalid_client' }]);
  });

  it('can send the token errors with HTTP 400 instead', async () => {
    sim.control.setTokenErrorStatus({ invalid: 400 });
    const r = await refresh(sim, { refresh_token: 'x' });
    expect([r.status, r.json]).toEqual([400, { error: 'invalid_code' }]);
  });

  it('injects token errors on demand, including Access Denied', async () => {
    sim.control.tokenErrorNext(1, 'invalid_client');
    sim.control.tokenErrorNext(1, 'access_denied');
    sim.control.tokenErrorNext(1, 'access_denied', 200);
    expect((await refresh(sim)).json).toEqual({ error: 'invalid_client' });
    const denied = await refresh(sim);
    expect([denied.status, denied.json]).toEqual([400, ACCESS_DENIED_BODY]);
    expect((await refresh(sim)).status).toBe(200);
    expect((await refresh(sim)).json.access_token).toBeTypeOf('string');
  });

  it('blocks a refresh token after 10 access tokens in 10 minutes, until the window passes', async () => {
    sim.control.resetCounters();
    for (let i = 0; i < 10; i++) expect((await refresh(sim)).status).toBe(200);
    const eleventh = await refresh(sim);
    // zoho.md §1: "Access Denied" with HTTP 400, body {"error_description":"You have made too many requests continuously...","error":"Access Denied","status":"failure"}
    expect(eleventh.status).toBe(400);
    expect(eleventh.json).toEqual({
      error_description: 'You have made too many requests continuously. Please try again after some time.',
      error: 'Access Denied',
      status: 'failure',
    });
    sim.control.advanceTime(5 * 60_000);
    expect((await refresh(sim)).status).toBe(400);
    sim.control.advanceTime(5 * 60_000 + 1);
    expect((await refresh(sim)).status).toBe(200);
    const c = sim.control.counters();
    expect(c.tokenMints).toBe(11);
    expect(c.calls['POST /oauth/v2/token']).toBe(13);
  });

  it('exchanges a grant code once (authorization_code adds refresh_token)', async () => {
    const code = sim.control.issueGrantCode();
    const c = sim.credentials;
    const form = {
      grant_type: 'authorization_code',
      code,
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uri: 'https://example.com/cb',
    };
    const first = await call(c.tokenUrl, { method: 'POST', body: new URLSearchParams(form) });
    expect(first.json.refresh_token).toMatch(/^1000\./);
    const again = await call(c.tokenUrl, { method: 'POST', body: new URLSearchParams(form) });
    expect(again.json).toEqual({ error: 'invalid_code' });
  });
});

describe('API authentication', () => {
  it('accepts only `Authorization: Zoho-oauthtoken <token>`', async () => {
    const token = await accessToken(sim);
    const ok = await client(sim, token).get('/Accounts?fields=Account_Name&per_page=1');
    expect(ok.status).toBe(200);
    const bearer = await call(`${sim.url}/crm/v8/Accounts?fields=Account_Name`, { headers: { authorization: `Bearer ${token}` } });
    expect([bearer.status, bearer.json]).toEqual([401, AUTHENTICATION_FAILURE]);
    const none = await call(`${sim.url}/crm/v8/Accounts?fields=Account_Name`);
    expect([none.status, none.json]).toEqual([401, AUTHENTICATION_FAILURE]);
  });

  it('rejects an unknown token with INVALID_TOKEN', async () => {
    const r = await client(sim, '1000.abc.def').get('/Accounts?fields=Account_Name');
    expect([r.status, r.json]).toEqual([401, INVALID_TOKEN]);
  });

  it('expires access tokens after 3600 s on the simulator clock', async () => {
    const api = client(sim, await accessToken(sim));
    sim.control.advanceTime(3599_000);
    expect((await api.get('/Accounts?fields=Account_Name&per_page=1')).status).toBe(200);
    sim.control.advanceTime(1_000);
    const r = await api.get('/Accounts?fields=Account_Name&per_page=1');
    expect([r.status, r.json]).toEqual([401, INVALID_TOKEN]);
  });

  it('can force every access token to expire now', async () => {
    const api = client(sim, await accessToken(sim));
    sim.control.expireAccessTokens();
    expect((await api.get('/Accounts?fields=Account_Name')).json).toEqual(INVALID_TOKEN);
  });

  it('does not accept a token at another DC api_domain', async () => {
    const token = await accessToken(sim);
    const r = await call(`${sim.dcUrls('com').apiDomain}/crm/v8/Accounts?fields=Account_Name`, {
      headers: { authorization: `Zoho-oauthtoken ${token}` },
    });
    expect([r.status, r.json]).toEqual([401, INVALID_TOKEN]);
  });

  it('kills access tokens when their refresh token is revoked', async () => {
    const scoped = sim.control.issueRefreshToken(['ZohoCRM.modules.ALL']);
    const t = await refresh(sim, { refresh_token: scoped });
    const api = client(sim, t.json.access_token);
    expect((await api.get('/Accounts?fields=Account_Name&per_page=1')).status).toBe(200);
    const revoked = await call(`${sim.accountsUrl}/oauth/v2/token/revoke?token=${scoped}`, { method: 'POST' });
    expect(revoked.status).toBe(200);
    expect((await api.get('/Accounts?fields=Account_Name')).json).toEqual(INVALID_TOKEN);
    expect((await refresh(sim, { refresh_token: scoped })).json).toEqual({ error: 'invalid_code' });
  });

  it('answers OAUTH_SCOPE_MISMATCH when the token lacks the scope', async () => {
    const readOnlyAccounts = sim.control.issueRefreshToken(['ZohoCRM.modules.accounts.READ']);
    const t = await refresh(sim, { refresh_token: readOnlyAccounts });
    const api = client(sim, t.json.access_token);
    expect((await api.get('/Accounts?fields=Account_Name&per_page=1')).status).toBe(200);
    expect((await api.coql('select id from Accounts where id is not null')).json).toEqual(SCOPE_MISMATCH);
    expect((await api.get('/Deals?fields=Deal_Name')).json).toEqual(SCOPE_MISMATCH);
  });
});
