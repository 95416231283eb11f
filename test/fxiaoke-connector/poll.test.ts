// No change webhook exists (fxiaoke.md §2), so the cron polls: records modified after the
// tenant's watermark (last_modified_time GT, paged by _id) -> their accounts -> the worker's
// invalidation (classifier.ts invalidateAccounts) -> the next request refetches.
// First: zod-openapi extends zod before shared/ builds its schemas (the worker's routes need it).
import '@hono/zod-openapi';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compileRules, DEFAULT_PLAYBOOK } from '../../shared/index.ts';
import { classifyAccount, type Scope } from '../../worker/classifier.ts';
import { fxiaokeDefinition, POLL_LAG_MS } from '../../worker/connectors/fxiaoke/index.ts';
import { writeConnectorDoc } from '../../worker/connectors/index.ts';
import type { Env } from '../../worker/env.ts';
import worker from '../../worker/index.ts';
import { POLL_CRON, pollAndInvalidate, pollConnectors } from '../../worker/poll.ts';
import { kvKeys } from '../../worker/store/kv-keys.ts';
import { RulesStore } from '../../worker/store/rules.ts';
import { type FxiaokeSim, simConnectorSecrets, simConnectorSettings } from '../fxiaoke-sim/index.ts';
import { connectorFor, ctx, freshSim, queriesPerObject, SECRETS_KEY, sqiOf, startSim } from './helpers.ts';
import { memoryKv } from './memory-kv.ts';

let sim: FxiaokeSim;
beforeAll(async () => {
  sim = await startSim({ rateLimit: { limit: 100_000 } });
});
afterAll(() => sim.close());
beforeEach(() => freshSim(sim));

const MINUTE = 60_000;
const first = (object: string, pred: (r: Record<string, unknown>) => boolean) =>
  sim.state.store.all(object).find(pred) as Record<string, unknown> & { _id: string };

describe('pollChanges', () => {
  it('starts watching on its first run, then reports the accounts of every changed record once', async () => {
    const { connector, store } = connectorFor(sim);
    expect(await connector.pollChanges(ctx(sim))).toEqual({ accountIds: [], more: false });
    expect(sim.control.counters().apiCalls).toBe(0);
    expect(await store.get('poll')).toEqual({ since: sim.control.now() - POLL_LAG_MS });

    sim.control.advanceTime(10 * MINUTE);
    const f = sim.featured;
    sim.control.mutate({ op: 'update', object: 'AccountObj', id: f.standard, values: { account_level: '1' } });
    const order = first('SalesOrderObj', (o) => o.account_id === f.vip);
    sim.control.mutate({ op: 'update', object: 'SalesOrderObj', id: order._id, values: { order_amount: 1_234_567 } });
    sim.control.mutate({
      op: 'insert',
      object: 'NewOpportunityObj',
      values: { name: '新商机', account_id: f.key, amount: 90_000, sales_status: '1' },
    });
    sim.control.mutate({ op: 'insert', object: 'ActiveRecordObj', values: { account_id: f.loyal, interactive_types: '1' } });
    const survey = first('object_survey__c', (s) => s.field_account__c === f.new);
    if (survey) sim.control.mutate({ op: 'update', object: 'object_survey__c', id: survey._id, values: { field_score__c: 5 } });
    sim.control.mutate({
      op: 'insert',
      object: 'object_referral__c',
      values: { field_referrer__c: f.dormant, field_referral_date__c: sim.control.now() },
    });
    // Changes younger than the lag wait for the next run.
    sim.control.advanceTime(MINUTE);
    expect((await connector.pollChanges(ctx(sim))).accountIds).toEqual([]);
    sim.control.advanceTime(2 * MINUTE);
    sim.control.resetCounters();
    const found = await connector.pollChanges(ctx(sim));
    const expected = [f.standard, f.vip, f.key, f.loyal, f.dormant, ...(survey ? [f.new] : [])];
    expect(found.more).toBe(false);
    expect(found.accountIds.sort()).toEqual(expected.sort());
    // One query per watched object, each with last_modified_time GT <watermark> AND LTE <now - lag>.
    expect(queriesPerObject(sim)).toEqual({
      AccountObj: 1,
      SalesOrderObj: 1,
      NewOpportunityObj: 1,
      ActiveRecordObj: 1,
      object_survey__c: 1,
      object_referral__c: 1,
    });
    const filters = sqiOf(sim.control.requests()[0]).filters;
    expect(filters.map((x) => `${x.field_name} ${x.operator}`)).toEqual(['last_modified_time GT', 'last_modified_time LTE']);
    expect(await connector.pollChanges(ctx(sim))).toEqual({ accountIds: [], more: false });
  });

  it('pages past 10,000 changed records by _id, and resumes a poll cut short by its page budget', async () => {
    const { connector } = connectorFor(sim, { options: { pollMaxPages: 40 } });
    await connector.pollChanges(ctx(sim));
    sim.control.advanceTime(MINUTE);
    const records = sim.state.store.all('ActiveRecordObj').slice(0, 10_250);
    for (const r of records)
      sim.control.mutate({ op: 'update', object: 'ActiveRecordObj', id: r._id, values: { interactive_scenario: '售后' } });
    const accounts = new Set(records.map((r) => r.account_id as string));
    sim.control.advanceTime(5 * MINUTE);
    sim.control.resetCounters();
    const seen = new Set<string>();
    let runs = 0;
    for (;;) {
      const r = await connector.pollChanges(ctx(sim));
      runs++;
      for (const id of r.accountIds) seen.add(id);
      if (!r.more) break;
    }
    expect(seen).toEqual(accounts);
    expect(runs).toBe(3);
    const c = sim.control.counters();
    expect(c.paging.maxOffset).toBe(0);
    expect(c.paging.rowsReturned).toBeGreaterThanOrEqual(10_250);
    expect(c.paging.idCursorQueries).toBeGreaterThanOrEqual(102);
  });
});

describe('cron poll -> invalidation', () => {
  it('invalidates the changed account, and the next request refetches it from the CRM', async () => {
    const kv = memoryKv(() => sim.control.now());
    const { connector } = connectorFor(sim, { kv });
    const rules = await new RulesStore(kv.kv, 'acme', () => sim.control.now()).current();
    const background: Promise<unknown>[] = [];
    const scope = (): Scope => ({
      kv: kv.kv,
      tenant: 'acme',
      crm: 'fxiaoke',
      lang: 'en',
      now: sim.control.now(),
      softTtlMs: 3_600_000,
      hardTtlSeconds: 604_800,
      rulesVersion: rules.record.version,
      compiled: compileRules(DEFAULT_PLAYBOOK),
      stats: null,
      connector,
      background: (p) => background.push(p),
      log: () => undefined,
    });
    const id = sim.featured.dormant;
    const before = await classifyAccount(scope(), id);
    await Promise.all(background);
    expect(before.cache.hit).toBe(false);
    expect(JSON.parse(before.json).dimensions.find((d: { id: string }) => d.id === 'relationship').tier).toBe('dormant');
    expect((await classifyAccount(scope(), id)).cache.hit).toBe(true);
    await pollAndInvalidate({ kv: kv.kv, tenant: 'acme', crm: 'fxiaoke', connector, now: sim.control.now(), hardTtlSeconds: 604_800 });

    // A new won order in the CRM: the dormant customer becomes a new one again.
    sim.control.advanceTime(MINUTE);
    sim.control.mutate({
      op: 'insert',
      object: 'SalesOrderObj',
      values: { name: 'SO-NEW', account_id: id, order_amount: 80_000, order_time: sim.control.now() - 86_400_000 },
    });
    sim.control.advanceTime(5 * MINUTE);
    const polled = await pollAndInvalidate({
      kv: kv.kv,
      tenant: 'acme',
      crm: 'fxiaoke',
      connector,
      now: sim.control.now(),
      hardTtlSeconds: 604_800,
    });
    expect(polled).toMatchObject({ invalidated: 1, accountIds: [id], more: false });
    const snap = await kv.kv.getWithMetadata<{ inv?: number }>(kvKeys.snapshot('acme', 'fxiaoke', id), 'text');
    expect(snap.metadata?.inv).toBe(1);
    const after = await classifyAccount(scope(), id);
    expect(after.cache.hit).toBe(false);
    const won = JSON.parse(after.json).metrics.won_count_total;
    expect(won).toBe(JSON.parse(before.json).metrics.won_count_total + 1);
  });

  it('runs from the cron trigger for every tenant with a Fxiaoke connector (pollConnectors, POLL_CRON)', async () => {
    const kv = memoryKv(() => sim.control.now());
    const env: Env = { TL_KV: kv.kv, SECRETS_KEY, ALLOW_DEV_CRM_HOSTS: 'on', DEMO_MODE: 'off' };
    await writeConnectorDoc(
      kv.kv,
      SECRETS_KEY,
      'acme',
      fxiaokeDefinition,
      { settings: simConnectorSettings(sim.credentials), secrets: simConnectorSecrets(sim.credentials) },
      'test',
      sim.control.now(),
    );
    const logs: string[] = [];
    const log = (_level: string, message: string) => void logs.push(message);
    expect(await pollConnectors(env, sim.control.now(), log)).toEqual([
      { tenant: 'acme', crm: 'fxiaoke', ok: true, invalidated: 0, more: false },
    ]);
    sim.control.advanceTime(MINUTE);
    sim.control.mutate({ op: 'update', object: 'AccountObj', id: sim.featured.vip, values: { field_nps__c: 3 } });
    sim.control.advanceTime(5 * MINUTE);
    // The scheduled handler: the 10-minute trigger only polls.
    const waits: Promise<unknown>[] = [];
    await worker.scheduled({ cron: POLL_CRON, scheduledTime: sim.control.now(), noRetry: () => undefined } as ScheduledController, env, {
      waitUntil: (p: Promise<unknown>) => void waits.push(p),
      passThroughOnException: () => undefined,
      props: {},
    } as unknown as ExecutionContext);
    expect(waits).toHaveLength(1);
    const [outcome] = (await waits[0]) as { invalidated: number }[];
    expect(outcome).toMatchObject({ tenant: 'acme', crm: 'fxiaoke', ok: true, invalidated: 1 });
    expect(logs).toEqual([]);
  });
});
