// Change notifications on the connector side: the channel Zoho is asked for, the callbacks the
// simulator sends when records change, reading them (parseZohoWebhook), finding the account of
// a changed deal or activity, and renewing the channel before it expires. The worker side
// (token check, invalidation, a fresh fetch) is in e2e/zoho.test.ts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WebhookNotice } from '../../worker/connectors/registry.ts';
import { CHANNEL_DAYS, parseZohoWebhook } from '../../worker/connectors/zoho/index.ts';
import type { CallbackBody, ZohoSim } from '../zoho-sim/index.ts';
import { apiCalls, connectorFor, ctx, resetMemory, simSettings, startSim, total } from './helpers.ts';

const DAY = 86_400_000;
let sim: ZohoSim;
let receiver: Server;
let notifyUrl: string;
const received: { url: string; body: CallbackBody }[] = [];

beforeAll(async () => {
  sim = await startSim({ accounts: 200 });
  receiver = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', body: JSON.parse(text) as CallbackBody });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"invalidated":1}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  notifyUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/webhooks/zoho?tenant=acme`;
});
afterAll(async () => {
  await sim.close();
  await new Promise((r) => receiver.close(r));
});
beforeEach(() => {
  resetMemory();
  received.length = 0;
  sim.control.resetCounters();
});

/** What the worker's webhook route reads from a delivered callback. */
function parse(delivery: { url: string; body: CallbackBody }): WebhookNotice {
  const query = new URL(delivery.url, 'http://x').searchParams;
  const notice = parseZohoWebhook({ headers: new Headers(), query, body: delivery.body });
  if ('error' in notice) throw new Error(notice.error);
  return notice;
}

const dealOf = (accountId: string, open = true) =>
  sim.state.store
    .all('Deals')
    .find((d) => (d.Account_Name as { id?: string } | null)?.id === accountId && (!open || d.Stage !== 'Closed Won'));

/** Callbacks of the channel with this token (other tests subscribe channels of their own). */
const delivered = (token: string) => received.filter((r) => r.body.token === token);

describe('subscribing', () => {
  it('watches accounts, deals and every interaction module for six days, with the tenant’s token', async () => {
    const { connector } = connectorFor(sim);
    const channel = await connector.watch({ notifyUrl, token: 'tok-123' }, ctx());
    expect(channel.events).toEqual(['Accounts.all', 'Deals.all', 'Calls.all', 'Events.all', 'Tasks.all', 'Cases.all']);
    expect(channel.notifyUrl).toBe(notifyUrl);
    const left = Date.parse(channel.expiresAt) - sim.control.now();
    expect(left).toBeGreaterThan((CHANNEL_DAYS - 1) * DAY);
    expect(left).toBeLessThanOrEqual(7 * DAY);
    expect(apiCalls(sim.control.counters())).toEqual({ 'POST /crm/v8/actions/watch': 1 });
  });

  it('refuses a token longer than Zoho takes (50 characters) before calling', async () => {
    const { connector } = connectorFor(sim);
    const e = await connector.watch({ notifyUrl, token: 'x'.repeat(51) }, ctx()).catch((x: unknown) => x);
    expect(String(e)).toContain('at most 50 characters');
    expect(sim.control.counters().calls).toEqual({});
  });
});

describe('callbacks', () => {
  let watcher: ReturnType<typeof connectorFor>;
  beforeAll(async () => {
    watcher = connectorFor(sim);
    await watcher.connector.watch({ notifyUrl, token: 'tok-abc' }, ctx());
  });

  it('an account’s change names the account', async () => {
    sim.control.mutate({ op: 'update', module: 'Accounts', id: sim.featured.vip, values: { Employees: 3000 } });
    await sim.control.flushNotifications();
    expect(delivered('tok-abc').length).toBe(1);
    const notice = parse(delivered('tok-abc')[0] as (typeof received)[number]);
    expect(notice).toEqual({ tenant: 'acme', token: 'tok-abc', accountIds: [sim.featured.vip] });
  });

  it('a deal’s stage change: its account, found with one COQL call', async () => {
    const deal = dealOf(sim.featured.key);
    if (!deal) throw new Error('no open deal');
    sim.control.mutate({ op: 'update', module: 'Deals', id: deal.id, values: { Stage: 'Closed Won' } });
    await sim.control.flushNotifications();
    const notice = parse(delivered('tok-abc')[0] as (typeof received)[number]);
    expect(notice.accountIds).toEqual([]);
    expect(notice.related).toEqual([{ module: 'Deals', ids: [deal.id], operation: 'update' }]);
    sim.control.resetCounters();
    const { connector } = connectorFor(sim);
    expect(await connector.accountsOf(notice.related ?? [], ctx())).toEqual([sim.featured.key]);
    expect(apiCalls(sim.control.counters())).toEqual({ 'POST /crm/v8/coql': 1 });
  });

  it('a deal moved to another account names the new account in affected_values: no call', async () => {
    const deal = dealOf(sim.featured.loyal, false);
    if (!deal) throw new Error('no deal');
    sim.control.mutate({ op: 'update', module: 'Deals', id: deal.id, values: { Account_Name: { id: sim.featured.new, name: 'x' } } });
    await sim.control.flushNotifications();
    const notice = parse(delivered('tok-abc')[0] as (typeof received)[number]);
    expect(notice.accountIds).toEqual([sim.featured.new]);
    expect(notice.related).toBeUndefined();
  });

  it('an activity logged on an account: its What_Id names it', async () => {
    sim.control.mutate({
      op: 'insert',
      module: 'Calls',
      values: {
        Subject: 'Check-in',
        Call_Type: 'Outbound',
        Call_Start_Time: '2026-11-20T10:00:00+08:00',
        What_Id: { id: sim.featured.churned },
        $se_module: 'Accounts',
      },
    });
    await sim.control.flushNotifications();
    const notice = parse(delivered('tok-abc')[0] as (typeof received)[number]);
    expect(delivered('tok-abc')[0]?.body.operation).toBe('insert');
    const { connector } = connectorFor(sim);
    const accounts = [...notice.accountIds, ...(await connector.accountsOf(notice.related ?? [], ctx()))];
    expect(accounts).toEqual([sim.featured.churned]);
  });

  it('a deleted deal: known from an earlier fetch in this isolate, else left to the next refresh', async () => {
    const { connector } = connectorFor(sim);
    await connector.getAccount(sim.featured.standard, ctx());
    const deal = sim.state.store.all('Deals').find((d) => (d.Account_Name as { id?: string } | null)?.id === sim.featured.standard);
    if (!deal) throw new Error('no deal');
    sim.control.mutate({ op: 'delete', module: 'Deals', id: deal.id });
    await sim.control.flushNotifications();
    const notice = parse(delivered('tok-abc')[0] as (typeof received)[number]);
    sim.control.resetCounters();
    expect(await connector.accountsOf(notice.related ?? [], ctx())).toEqual([sim.featured.standard]);
    resetMemory();
    expect(await connector.accountsOf(notice.related ?? [], ctx())).toEqual([]);
    expect(total(apiCalls(sim.control.counters()))).toBe(0);
  });

  it('rejects what is not a Zoho notification', () => {
    const bad = (body: unknown, query = 'tenant=acme') =>
      parseZohoWebhook({ headers: new Headers(), query: new URLSearchParams(query), body });
    expect(bad({ module: 'Deals', ids: ['1'], token: 't' }, '')).toEqual({ error: expect.stringContaining('tenant') });
    expect(bad({ module: 'Deals', ids: ['1'] })).toEqual({ error: expect.stringContaining('token') });
    expect(bad({ module: 'Deals', ids: ["1' or 1=1"], token: 't' })).toEqual({ error: expect.stringContaining('ids') });
    expect(bad({ module: 'Leads', ids: ['1'], token: 't' })).toEqual({ error: expect.stringContaining('Leads') });
    expect(bad({ module: 'Accounts', ids: ['1'], token: 't', query_params: { tenant: 'from-body' } }, '')).toMatchObject({
      tenant: 'from-body',
    });
  });
});

describe('renewal', () => {
  it('renews with PATCH when less than three days are left, not before', async () => {
    let now = Date.now();
    const { connector } = connectorFor(sim, { settings: simSettings(sim), options: { clock: () => now } });
    const first = await connector.watch({ notifyUrl, token: 'tok-renew' }, ctx());
    sim.control.resetCounters();
    expect((await connector.maintain(ctx())).renewed).toBe(false);
    now += 2 * DAY;
    expect((await connector.maintain(ctx())).renewed).toBe(false);
    now += 2 * DAY;
    sim.control.advanceTime(4 * DAY);
    const renewed = await connector.maintain(ctx());
    expect(renewed.renewed).toBe(true);
    expect(Date.parse(renewed.channel?.expiresAt ?? '')).toBeGreaterThan(Date.parse(first.expiresAt));
    expect(apiCalls(sim.control.counters())).toEqual({ 'PATCH /crm/v8/actions/watch': 1 });
  });

  it('subscribes again when the channel is gone', async () => {
    let now = Date.now();
    const { connector } = connectorFor(sim, { options: { clock: () => now } });
    const first = await connector.watch({ notifyUrl, token: 'tok-gone' }, ctx());
    // Eight days later the channel has expired in Zoho.
    now += 8 * DAY;
    sim.control.advanceTime(8 * DAY);
    sim.control.resetCounters();
    const again = await connector.maintain(ctx());
    expect(again.renewed).toBe(true);
    expect(again.channel?.channelId).toBe(first.channelId);
    expect(apiCalls(sim.control.counters())).toEqual({ 'PATCH /crm/v8/actions/watch': 1, 'POST /crm/v8/actions/watch': 1 });
    sim.control.mutate({ op: 'update', module: 'Accounts', id: sim.featured.vip, values: { Employees: 3100 } });
    await sim.control.flushNotifications();
    expect(received.some((r) => r.body.token === 'zoho-test-webhook-token')).toBe(true);
  });

  it('without a channel there is nothing to renew', async () => {
    const { connector } = connectorFor(sim);
    expect(await connector.maintain(ctx())).toEqual({ renewed: false });
    expect(sim.control.counters().calls).toEqual({});
  });
});
