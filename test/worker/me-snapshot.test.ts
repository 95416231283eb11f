/** The two routes the extension's options page leans on: who am I, and an account's raw data for the preview. */
import { describe, expect, it } from 'vitest';
import { classify, compileRules, DEFAULT_PLAYBOOK } from '../../shared/index.ts';
import { DEMO_FEATURED } from '../../worker/connectors/demo/index.ts';
import { ADMIN, call, json, READER } from './helpers.ts';

describe('GET /v1/me', () => {
  it('tells the tenant and role of the presented key, never the key', async () => {
    const reader = await json(await call('/v1/me', { key: READER }));
    expect(reader).toMatchObject({ tenant: 'demo', role: 'reader' });
    const admin = await json(await call('/v1/me', { key: ADMIN }));
    expect(admin).toMatchObject({ tenant: 'demo', role: 'admin' });
    expect(JSON.stringify(admin)).not.toMatch(/[0-9a-f]{64}/);
  });

  it('answers 401 with the error envelope for a wrong key', async () => {
    const res = await call('/v1/me', { key: 'tl_not-a-real-key' });
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe('unauthorized');
  });
});

describe('GET /v1/accounts/:crm/:id/snapshot', () => {
  it('gives an admin the snapshot the worker classifies, so a local preview matches the badge', async () => {
    const id = DEMO_FEATURED.vip;
    const res = await call(`/v1/accounts/demo/${id}/snapshot`, { key: ADMIN });
    expect(res.status).toBe(200);
    const { account } = await json(res);
    expect(account.id).toBe(id);
    const served = await json(await call(`/v1/accounts/demo/${id}?lang=en`, { key: ADMIN }));
    const local = classify(compileRules(DEFAULT_PLAYBOOK), account, { asOf: served.asOf, lang: 'en' });
    expect(local.dimensions.find((d) => d.id === 'relationship')?.tier).toBe('vip');
    expect(served.dimensions.find((d: { id: string }) => d.id === 'relationship').tier).toBe('vip');
  });

  it('is for admins only: a reader key gets 403', async () => {
    const res = await call(`/v1/accounts/demo/${DEMO_FEATURED.vip}/snapshot`, { key: READER });
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe('forbidden');
  });

  it('answers 404 for an account the CRM does not know', async () => {
    const res = await call('/v1/accounts/demo/no-such-account/snapshot', { key: ADMIN });
    expect(res.status).toBe(404);
    expect((await json(res)).error.message).toContain('no-such-account');
  });
});
