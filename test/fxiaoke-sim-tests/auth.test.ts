// Token endpoints and per-call authentication (fxiaoke.md §1; S1 auth §3-5, errors-and-limits §2).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FxiaokeSim, TOKEN_LIFETIME_MS, TOKEN_REUSE_MS } from '../fxiaoke-sim/index.ts';
import { accessToken, call, client, oldClient, oldTokenRequest, post, start, tokenRequest } from './helpers.ts';

let sim: FxiaokeSim;
beforeAll(async () => {
  sim = await start({ accounts: 300 });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.control.resetFaults();
  sim.control.resetWindows();
  sim.control.expireTokens();
  sim.control.resetCounters();
});

const query = { data: { dataObjectApiName: 'AccountObj', search_query_info: { limit: 1, offset: 0 } } };

describe('new token endpoint: POST /oauth2.0/token?thirdTraceId=', () => {
  it('answers the documented shape with HTTP 200 (S1 auth §4)', async () => {
    const r = await tokenRequest(sim);
    expect(r.status).toBe(200);
    expect(Object.keys(r.json).sort()).toEqual([
      'accessToken',
      'appId',
      'ea',
      'errorCode',
      'errorMessage',
      'expiresIn',
      'openUserId',
      'traceId',
    ]);
    expect(r.json).toMatchObject({ errorCode: 0, expiresIn: 7200, appId: sim.credentials.appId, ea: sim.credentials.ea });
    // "openUserId" is the corp's FSCID_ (fxiaoke.md §1: misnamed).
    expect(r.json.openUserId).toBe(sim.credentials.corpId);
    expect(r.json.openUserId).toMatch(/^FSCID_/);
  });

  it('returns the same token within 6,600 s and a new one after, the old one valid until 7,200 s (S1 auth §4)', async () => {
    const first = await tokenRequest(sim);
    sim.control.advanceTime(TOKEN_REUSE_MS - 1_000);
    sim.control.resetWindows();
    const again = await tokenRequest(sim);
    expect(again.json.accessToken).toBe(first.json.accessToken);
    expect(again.json.expiresIn).toBe(601);
    sim.control.advanceTime(2_000);
    const fresh = await tokenRequest(sim);
    expect(fresh.json.accessToken).not.toBe(first.json.accessToken);
    expect(fresh.json.expiresIn).toBe(7200);
    // Both work between 6,600 and 7,200 s.
    for (const t of [first.json.accessToken, fresh.json.accessToken])
      expect((await client(sim, t).post('/cgi/crm/v2/data/query', query)).json.errorCode).toBe(0);
    sim.control.advanceTime(TOKEN_LIFETIME_MS - TOKEN_REUSE_MS);
    expect((await client(sim, first.json.accessToken).post('/cgi/crm/v2/data/query', query)).json.errorCode).toBe(20016);
    expect((await client(sim, fresh.json.accessToken).post('/cgi/crm/v2/data/query', query)).json.errorCode).toBe(0);
    expect(sim.control.counters().tokenMints).toBe(2);
  });

  it('answers a forged or missing appSecret with the probed 10006 body (S1 errors §2)', async () => {
    const probed = {
      errorCode: 10006,
      errorMessage: 'the parameter appSecret is missing or illegal',
      errorDescription: '缺少参数或参数不合法',
      error: '非法请求',
      error_description: '缺少参数或参数不合法',
    };
    expect((await tokenRequest(sim, { appSecret: 'forged' })).json).toEqual(probed);
    expect((await tokenRequest(sim, { appSecret: undefined })).json).toEqual(probed);
    expect((await tokenRequest(sim, { appId: 'FSAID_nope' })).json.errorCode).toBe(10006);
  });

  it('answers a wrong permanentCode with 20015 and a wrong grantType with 15002 (doc table)', async () => {
    expect((await tokenRequest(sim, { permanentCode: 'nope' })).json.errorCode).toBe(20015);
    expect((await tokenRequest(sim, { grantType: 'authorization_code' })).json.errorCode).toBe(15002);
  });

  it('allows 10 token calls a minute (S1 auth §4; refusal code 14001 is a guess)', async () => {
    for (let i = 0; i < 10; i++) expect((await tokenRequest(sim)).json.errorCode).toBe(0);
    const refused = await tokenRequest(sim);
    expect([refused.status, refused.json.errorCode]).toEqual([200, 14001]);
    expect(sim.control.counters().tokenRefusals.rate).toBe(1);
    sim.control.advanceTime(60_001);
    expect((await tokenRequest(sim)).json.errorCode).toBe(0);
  });

  it('refuses a token call while another is being answered (S1 auth §4: "不能并发")', async () => {
    sim.control.setTokenLatency(150);
    const [a, b] = await Promise.all([tokenRequest(sim), tokenRequest(sim)]);
    expect([a.json.errorCode, b.json.errorCode].sort()).toEqual([0, 14001]);
    const c = sim.control.counters();
    expect(c.tokenRefusals.concurrent).toBe(1);
    expect(c.peakTokenConcurrency).toBe(2);
    // One at a time is fine.
    expect((await tokenRequest(sim)).json.errorCode).toBe(0);
  });
});

describe('old token endpoint: POST /cgi/corpAccessToken/get/V2', () => {
  it('answers {corpAccessToken, corpId, expiresIn, errorCode, errorMessage} (S3/S5 code)', async () => {
    const r = await oldTokenRequest(sim);
    expect(r.json).toMatchObject({ errorCode: 0, corpId: sim.credentials.corpId, expiresIn: 7200 });
    expect(r.json.corpAccessToken).toMatch(/^[0-9A-F]{32}$/);
    const bad = await oldTokenRequest(sim, { appSecret: 'forged' });
    expect(bad.json).toMatchObject({
      errorCode: 10006,
      errorMessage: 'the parameter appSecret is missing or illegal',
      errorDescription: '缺少参数或参数不合法',
    });
    expect(bad.json.traceId).toBeTypeOf('string');
  });

  it('authenticates business calls with corpAccessToken, corpId and currentOpenUserId in the body (S1 auth §5)', async () => {
    const token = (await oldTokenRequest(sim)).json.corpAccessToken as string;
    const r = await oldClient(sim, token).query('AccountObj', { limit: 1 });
    expect(r.json.errorCode).toBe(0);
    // Old-style calls return employee ids as FSUID_ (convertUserId defaults to true there, S1 auth §3).
    expect(r.json.data.dataList[0].owner[0]).toMatch(/^FSUID_/);
    expect((await oldClient(sim, token, 'FSUID_UNKNOWN').query('AccountObj', {})).json.errorCode).toBe(20012);
    const noCorp = await post(sim, '/cgi/crm/v2/data/query', {
      corpAccessToken: token,
      currentOpenUserId: sim.credentials.adminOpenUserId,
      ...query,
    });
    expect(noCorp.json.errorCode).toBe(10014);
    const wrongCorp = await post(sim, '/cgi/crm/v2/data/query', {
      corpAccessToken: token,
      corpId: 'FSCID_X',
      currentOpenUserId: sim.credentials.adminOpenUserId,
      ...query,
    });
    expect(wrongCorp.json.errorCode).toBe(20016);
  });

  it('does not accept a token in the other generation’s style (guess)', async () => {
    const newToken = await accessToken(sim);
    const oldToken = (await oldTokenRequest(sim)).json.corpAccessToken as string;
    expect((await oldClient(sim, newToken).query('AccountObj', {})).json.errorCode).toBe(20016);
    expect((await client(sim, oldToken).query('AccountObj', {})).json.errorCode).toBe(20016);
  });
});

describe('business call authentication', () => {
  it('answers no authentication with the probed 20017 body, HTTP 200 (S1 errors §2)', async () => {
    const r = await post(sim, '/cgi/crm/v2/data/query', query);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ errorCode: 20017, errorMessage: 'corpAccessToken为必填项，不能为空' });
    expect(r.json.traceId).toMatch(/^E-O\./);
  });

  it('answers a forged Bearer token with the probed 20016 body (S1 errors §2)', async () => {
    const r = await client(sim, 'BCFORGED').post('/cgi/crm/v2/data/query', query);
    expect(r.json).toMatchObject({ errorCode: 20016, errorMessage: 'the cropId,cropAccessToken or authorization is error' });
    expect((await client(sim, 'BCFORGED').post('/cgi/crm/custom/v2/data/query', query)).json.errorCode).toBe(20016);
  });

  it('checks x-fs-ea and x-fs-userid (S1 auth §3, §9; codes for userid: guesses)', async () => {
    const token = await accessToken(sim);
    expect((await client(sim, token).post('/cgi/crm/v2/data/query', query, { 'x-fs-ea': 'other' })).json.errorCode).toBe(20016);
    expect((await client(sim, token).post('/cgi/crm/v2/data/query', query, { 'x-fs-userid': '' })).json.errorCode).toBe(10010);
    expect((await client(sim, token, '9999').post('/cgi/crm/v2/data/query', query)).json.errorCode).toBe(30027);
  });

  it('reports expired tokens with 20016, or 20005 when set', async () => {
    const token = await accessToken(sim);
    sim.control.expireTokens();
    expect((await client(sim, token).post('/cgi/crm/v2/data/query', query)).json.errorCode).toBe(20016);
    sim.control.setExpiredTokenCode(20005);
    expect((await client(sim, token).post('/cgi/crm/v2/data/query', query)).json).toMatchObject({
      errorCode: 20005,
      errorMessage: 'accessToken 不存在或者已经过期',
    });
  });

  it('counts calls without a thirdTraceId and reused ones, and echoes a traceId (S1 auth §8)', async () => {
    const token = await accessToken(sim);
    const c = client(sim, token);
    await post(
      sim,
      '/cgi/crm/v2/data/query',
      query,
      { authorization: `Bearer ${token}`, 'x-fs-ea': sim.credentials.ea, 'x-fs-userid': '1000' },
      '',
    );
    await post(
      sim,
      '/cgi/crm/v2/data/query',
      query,
      { authorization: `Bearer ${token}`, 'x-fs-ea': sim.credentials.ea, 'x-fs-userid': '1000' },
      'thirdTraceId=same',
    );
    const again = await post(
      sim,
      '/cgi/crm/v2/data/query',
      query,
      { authorization: `Bearer ${token}`, 'x-fs-ea': sim.credentials.ea, 'x-fs-userid': '1000' },
      'thirdTraceId=same',
    );
    expect(again.json.errorCode).toBe(0);
    expect((await c.post('/cgi/crm/v2/data/query', query)).json.traceId).toMatch(new RegExp(`^E-O\\.${sim.credentials.ea}\\.1000-`));
    expect(sim.control.counters().traceIds).toEqual({ missing: 1, reused: 1 });
  });

  it('is not the web host: paths outside the gateway answer 302 to an HTML page (probed for www.fxiaoke.com, S1 auth §2)', async () => {
    const r = await call(`${sim.url}/XV/UI/Home`, { redirect: 'manual' });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toContain('www.fxiaoke.com');
  });

  it('answers unknown API paths and wrong methods with HTTP 200 and an errorCode (guess)', async () => {
    const token = await accessToken(sim);
    const unknown = await client(sim, token).post('/cgi/crm/v2/data/nothing', query);
    expect([unknown.status, unknown.json.errorCode]).toEqual([200, 32000]);
    const get = await call(`${sim.url}/cgi/crm/v2/data/query`, {
      headers: { authorization: `Bearer ${token}`, 'x-fs-ea': sim.credentials.ea, 'x-fs-userid': '1000' },
    });
    expect([get.status, get.json.errorCode]).toEqual([200, 32000]);
  });
});
