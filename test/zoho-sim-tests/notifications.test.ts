// Watch channels and their callbacks (zoho.md §5; checklist item 6).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallbackBody, ZohoSim } from '../zoho-sim/index.ts';
import { accessToken, client, type Json, start } from './helpers.ts';
import {
  CALLBACK_KEYS,
  UNWATCH_MESSAGE,
  WATCH_EVENT_KEYS,
  WATCH_LIST_KEYS,
  WATCH_MISSING_CHANNEL_ID,
  WATCH_PATCH_MESSAGE,
  WATCH_REQUEST_ENTRY,
  WATCH_SUCCESS_MESSAGE,
} from './oas-examples.ts';

let sim: ZohoSim;
let api: ReturnType<typeof client>;
let receiver: Server;
let hook = '';
const received: CallbackBody[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      received.push(JSON.parse(text) as CallbackBody);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/zoho/hook?tenant=t1`;
  sim = await start();
  api = client(sim, await accessToken(sim));
});
afterAll(async () => {
  await sim.close();
  await new Promise((r) => receiver.close(r));
});
beforeEach(async () => {
  // Drop every channel from earlier tests.
  const list = await api.get('/actions/watch');
  const ids = [...new Set((list.json?.watch ?? []).map((w: Json) => w.channel_id))];
  if (ids.length) await api.send('DELETE', `/actions/watch?channel_ids=${ids.join(',')}`, undefined);
  received.length = 0;
});

const subscribe = (entries: unknown[]) => api.send('POST', '/actions/watch', { watch: entries });
const channel = (over: Record<string, unknown> = {}) => ({
  channel_id: '1000000068001',
  events: ['Accounts.all', 'Deals.all'],
  notify_url: hook,
  token: 'tl-secret-1',
  return_affected_field_values: true,
  ...over,
});

describe('POST /actions/watch', () => {
  it('subscribes with the OAS response shape, one event entry per module', async () => {
    const r = await subscribe([channel()]);
    expect(r.status).toBe(201);
    const item = r.json.watch[0];
    expect(item).toMatchObject({ code: 'SUCCESS', message: WATCH_SUCCESS_MESSAGE, status: 'success' });
    expect(item.details.events.map((e: Json) => e.resource_name).sort()).toEqual(['Accounts', 'Deals']);
    for (const e of item.details.events) expect(Object.keys(e).sort()).toEqual([...WATCH_EVENT_KEYS].sort());
    expect(item.details.events[0].resource_uri).toBe(`${sim.url}/crm/v8/${item.details.events[0].resource_name}`);
  });

  it('accepts the OAS request example and reports a missing channel_id per entry (207)', async () => {
    const r = await subscribe([
      { ...WATCH_REQUEST_ENTRY, notify_url: hook },
      { notify_url: hook, events: ['Deals.delete'] },
    ]);
    expect(r.status).toBe(207);
    expect(r.json.watch[1]).toEqual(WATCH_MISSING_CHANNEL_ID);
  });

  it('limits channel_expiry to a week: longer or missing means one hour', async () => {
    const now = sim.control.now();
    const inDays = (d: number) => new Date(now + d * 86_400_000).toISOString();
    const r = await subscribe([
      channel({ channel_id: 'a', channel_expiry: inDays(8) }),
      channel({ channel_id: 'b', channel_expiry: inDays(6) }),
      channel({ channel_id: 'c' }),
    ]);
    const expiry = (i: number) => Date.parse(r.json.watch[i].details.events[0].channel_expiry);
    expect(expiry(0)).toBe(Math.floor(now / 1000) * 1000 + 3600_000);
    expect(expiry(1)).toBe(Date.parse(inDays(6)));
    expect(expiry(2)).toBe(Math.floor(now / 1000) * 1000 + 3600_000);
  });

  it('rejects unknown events and over-long tokens', async () => {
    const r = await subscribe([channel({ events: ['Widgets.all'] }), channel({ channel_id: 'x', token: 'y'.repeat(51) })]);
    expect(r.status).toBe(400);
    expect(r.json.watch[0]).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'events' } });
    expect(r.json.watch[1]).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'token' } });
  });
});

describe('callbacks', () => {
  it('posts an update callback when the API writes a record', async () => {
    await subscribe([channel()]);
    const put = await api.send('PUT', '/Accounts', {
      data: [
        { id: sim.featured.vip, Customer_Tier: 'vip' },
        { id: sim.featured.key, Customer_Tier: 'key' },
      ],
    });
    expect(put.status).toBe(200);
    await sim.control.flushNotifications();
    expect(received).toHaveLength(1);
    const cb = received[0] as CallbackBody;
    expect(Object.keys(cb)).toEqual(expect.arrayContaining(CALLBACK_KEYS));
    expect(cb).toMatchObject({
      module: 'Accounts',
      operation: 'update',
      ids: [sim.featured.vip, sim.featured.key],
      channel_id: '1000000068001',
      token: 'tl-secret-1',
      query_params: { tenant: 't1' },
      resource_uri: `${sim.url}/crm/v8/Accounts`,
      affected_fields: [{ [sim.featured.vip]: ['Customer_Tier'] }, { [sim.featured.key]: ['Customer_Tier'] }],
      affected_values: [
        { record_id: sim.featured.vip, values: { Customer_Tier: 'vip' } },
        { record_id: sim.featured.key, values: { Customer_Tier: 'key' } },
      ],
    });
    expect(cb.server_time).toBe(sim.control.now());
    expect(sim.control.counters().callbacks).toMatchObject({ ok: 1, failed: 0 });
  });

  it('posts insert and delete callbacks for control.mutate, per watched event', async () => {
    await subscribe([channel({ events: ['Deals.create', 'Deals.delete', 'Calls.all'], return_affected_field_values: false })]);
    const deal = sim.control.mutate({
      op: 'insert',
      module: 'Deals',
      values: { Deal_Name: 'New deal', Stage: 'Closed Won', Amount: 1000 },
    });
    sim.control.mutate({ op: 'update', module: 'Deals', id: deal?.id ?? '', values: { Amount: 2000 } }); // Deals.edit is not watched
    sim.control.mutate({ op: 'delete', module: 'Deals', id: deal?.id ?? '' });
    sim.control.mutate({ op: 'update', module: 'Accounts', id: sim.featured.new, values: { Customer_Tier: 'new' } }); // Accounts not watched
    await sim.control.flushNotifications();
    expect(received.map((c) => [c.module, c.operation, c.ids])).toEqual([
      ['Deals', 'insert', [deal?.id]],
      ['Deals', 'delete', [deal?.id]],
    ]);
    expect(received[0]).not.toHaveProperty('affected_values');
  });

  it('skips updates outside the field_selection condition', async () => {
    await subscribe([
      channel({
        events: ['Accounts.edit'],
        notification_condition: [
          {
            type: 'field_selection',
            module: { api_name: 'Accounts' },
            field_selection: { group_operator: 'or', group: [{ field: { api_name: 'Industry' } }] },
          },
        ],
      }),
    ]);
    await api.send('PUT', '/Accounts', { data: [{ id: sim.featured.loyal, Customer_Tier: 'standard' }] });
    await api.send('PUT', '/Accounts', { data: [{ id: sim.featured.loyal, Industry: 'Retail' }] });
    await sim.control.flushNotifications();
    expect(received.map((c) => c.affected_fields)).toEqual([[{ [sim.featured.loyal]: ['Industry'] }]]);
  });

  it('stops when the channel expires', async () => {
    await subscribe([channel()]);
    sim.control.advanceTime(3600_000);
    api = client(sim, await accessToken(sim));
    sim.control.mutate({ op: 'update', module: 'Accounts', id: sim.featured.vip, values: { Customer_Tier: 'vip' } });
    await sim.control.flushNotifications();
    expect(received).toHaveLength(0);
    expect((await api.get('/actions/watch')).status).toBe(204);
  });
});

describe('GET, PATCH, DELETE /actions/watch', () => {
  it('lists, patches and deletes channels', async () => {
    await subscribe([channel()]);
    const list = await api.get('/actions/watch?module=Deals');
    expect(list.json.watch).toHaveLength(1);
    expect(Object.keys(list.json.watch[0]).sort()).toEqual([...WATCH_LIST_KEYS].sort());
    expect(list.json.info).toEqual({ per_page: 200, count: 1, page: 1, more_records: false });

    const patched = await api.send('PATCH', '/actions/watch', {
      watch: [{ channel_id: '1000000068001', events: ['Deals.all'], _delete: true, token: 'tl-secret-2' }],
    });
    expect(patched.json.watch[0]).toMatchObject({ code: 'SUCCESS', message: WATCH_PATCH_MESSAGE });
    const after = await api.get('/actions/watch');
    expect(after.json.watch.map((w: Json) => [w.resource_name, w.token])).toEqual([['Accounts', 'tl-secret-2']]);

    const del = await api.send('DELETE', '/actions/watch?channel_ids=1000000068001', undefined);
    expect(del.status).toBe(200);
    expect(del.json.watch[0]).toMatchObject({ code: 'SUCCESS', message: UNWATCH_MESSAGE, details: { channel_id: '1000000068001' } });
    expect((await api.get('/actions/watch')).status).toBe(204);
  });
});
