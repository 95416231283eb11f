/** Rules: optimistic concurrency, history, rollback, and classifications that follow the version. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK, type RuleSet } from '../../shared/index.ts';
import { DEMO_FEATURED } from '../../worker/connectors/demo/index.ts';
import { ADMIN, call, json } from './helpers.ts';

/** The default playbook with every account's headline forced into its first tier, relabelled. */
function everyoneIs(label: string): RuleSet {
  const rules = structuredClone(DEFAULT_PLAYBOOK);
  const headline = rules.dimensions.find((d) => d.id === rules.headline)!;
  headline.tiers[0]!.when = true;
  headline.tiers[0]!.label = { en: label, zh: label };
  return rules;
}

const put = (rules: unknown, ifMatch?: string) =>
  call('/v1/rules', { method: 'PUT', key: ADMIN, body: { rules }, headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } });

const headlineOf = (c: { headline: string; dimensions: { id: string; tier: string; tierLabel: string }[] }) =>
  c.dimensions.find((d) => d.id === c.headline)!;

describe('rules', () => {
  it('starts on the default playbook at version 1 with ETag "1"', async () => {
    const res = await call('/v1/rules');
    expect(res.headers.get('etag')).toBe('"1"');
    const body = await json(res);
    expect(body).toMatchObject({ version: 1, updatedBy: expect.any(String) });
    expect(body.rules).toEqual(DEFAULT_PLAYBOOK);
  });

  it('a stale If-Match gets 409 with the current version and loses nothing', async () => {
    const winner = await put(everyoneIs('Winner'), '"1"');
    expect(winner.status).toBe(200);
    expect(winner.headers.get('etag')).toBe('"2"');
    const loser = await put(everyoneIs('Loser'), '"1"');
    expect(loser.status).toBe(409);
    const err = await json(loser);
    expect(err.error).toMatchObject({ code: 'conflict', details: { currentVersion: 2 } });
    const live = await json(await call('/v1/rules'));
    expect(live.version).toBe(2);
    expect(JSON.stringify(live.rules)).toContain('Winner');
    expect(JSON.stringify(live.rules)).not.toContain('Loser');
  });

  it('two concurrent saves from the same version: exactly one wins', async () => {
    const live = await json(await call('/v1/rules'));
    const tag = `"${live.version}"`;
    const [a, b] = await Promise.all([put(everyoneIs('A'), tag), put(everyoneIs('B'), tag)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const after = await json(await call('/v1/rules'));
    expect(after.version).toBe(live.version + 1);
  });

  it('keeps every version in the history and rolls back by creating a new version', async () => {
    const history = await json(await call('/v1/rules/history'));
    const current = history.current as number;
    expect(history.versions.map((v: { version: number }) => v.version)).toEqual(Array.from({ length: current }, (_, i) => current - i));
    const v1 = await json(await call('/v1/rules/history/1'));
    expect(v1.rules).toEqual(DEFAULT_PLAYBOOK);

    const rolled = await call('/v1/rules/rollback', { key: ADMIN, body: { version: 1 }, headers: { 'if-match': `"${current}"` } });
    expect(rolled.status).toBe(200);
    const body = await json(rolled);
    expect(body).toMatchObject({ version: current + 1, restoredFrom: 1 });
    expect(body.rules).toEqual(DEFAULT_PLAYBOOK);
    expect((await call('/v1/rules/history/999')).status).toBe(404);
  });

  it('a rules change gives new tiers at once (the version is in the cache key)', async () => {
    const id = DEMO_FEATURED.vip;
    const before = await json(await call(`/v1/accounts/demo/${id}`));
    expect(headlineOf(before).tier).toBe('vip');
    await call(`/v1/accounts/demo/${id}`); // cached now
    const live = await json(await call('/v1/rules'));
    expect((await put(everyoneIs('Everyone'), `"${live.version}"`)).status).toBe(200);
    const after = await json(await call(`/v1/accounts/demo/${id}`));
    expect(after.rulesVersion).toBe(live.version + 1);
    const top = DEFAULT_PLAYBOOK.dimensions.find((d) => d.id === DEFAULT_PLAYBOOK.headline)!.tiers[0]!.id;
    expect(headlineOf(after)).toMatchObject({ tier: top, tierLabel: 'Everyone' });
    const lookup = await json(await call('/v1/accounts/demo/lookup', { body: { ids: [id] } }));
    expect(headlineOf(lookup.results[id]).tier).toBe(top);
  });

  it('rejects an invalid rule set with path-precise issues and keeps the live one', async () => {
    const live = await json(await call('/v1/rules'));
    const rules = structuredClone(DEFAULT_PLAYBOOK) as unknown as { dimensions: { tiers: { when: unknown }[] }[] };
    rules.dimensions[0]!.tiers[1]!.when = { metric: 'no_such_metric', op: '>=', value: 1 };
    const res = await put(rules, `"${live.version}"`);
    expect(res.status).toBe(400);
    const err = await json(res);
    expect(err.error.code).toBe('bad_request');
    expect(err.error.details.issues[0].path).toMatch(/^rules\.dimensions\[0\]\.tiers\[1\]\.when/);
    expect((await json(await call('/v1/rules'))).version).toBe(live.version);
  });

  it('PUT without If-Match is 428', async () => {
    const res = await put(DEFAULT_PLAYBOOK);
    expect(res.status).toBe(428);
    expect((await json(res)).error.code).toBe('precondition_required');
  });
});
