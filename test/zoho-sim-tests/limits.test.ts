// API limits: concurrency and sub-concurrency, the rolling 24-hour credit ledger and its header
// (zoho.md §4; checklist item 5).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { creditBudget, EDITIONS, type ZohoSim } from '../zoho-sim/index.ts';
import { accessToken, client, start } from './helpers.ts';

let sim: ZohoSim;
let api: ReturnType<typeof client>;
const TOO_MANY = {
  code: 'TOO_MANY_REQUESTS',
  details: {},
  message: 'Number of API requests for the 24 hour period is exceeded or the concurrency limit of the user for the app is exceeded.',
  status: 'error',
};

beforeAll(async () => {
  sim = await start();
  api = client(sim, await accessToken(sim));
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.control.resetFaults();
  sim.control.resetCounters();
  sim.control.setEdition('enterprise', 10);
  sim.control.setCredits({ used: 0 });
});

describe('credit budgets per edition', () => {
  it('follows the documented table', () => {
    expect(creditBudget('free', 3)).toBe(5_000);
    expect(creditBudget('standard', 10)).toBe(52_500);
    expect(creditBudget('standard', 1000)).toBe(100_000);
    expect(creditBudget('professional', 10)).toBe(55_000);
    expect(creditBudget('enterprise', 10)).toBe(60_000);
    expect(creditBudget('ultimate', 10_000)).toBe(20_050_000);
    expect(Object.values(EDITIONS).map((e) => e.concurrency)).toEqual([5, 10, 15, 20, 25]);
  });
});

describe('concurrency', () => {
  it('refuses calls over the edition limit with 429 and no Retry-After', async () => {
    sim.control.setEdition('free');
    sim.control.setLatency(300);
    const replies = await Promise.all(Array.from({ length: 7 }, () => api.get('/Accounts?fields=Account_Name&per_page=1')));
    const refused = replies.filter((r) => r.status === 429);
    expect(refused).toHaveLength(2);
    for (const r of refused) {
      expect(r.json).toEqual(TOO_MANY);
      expect(r.headers.get('retry-after')).toBeNull();
      const names: string[] = [];
      r.headers.forEach((_value, name) => {
        names.push(name);
      });
      expect(names.filter((k) => k.startsWith('x-ratelimit'))).toEqual([]);
    }
    const c = sim.control.counters();
    expect(c.rejected.concurrency).toBe(2);
    expect(c.peakConcurrency).toBe(5);
  });

  it('applies a sub-concurrency of 10 to COQL while simple calls still pass', async () => {
    sim.control.setLatency(300);
    const coql = Array.from({ length: 12 }, () => api.coql('select id from Accounts where id is not null limit 1'));
    const simple = Array.from({ length: 3 }, () => api.get('/Accounts?fields=Account_Name&per_page=1'));
    const [coqlReplies, simpleReplies] = await Promise.all([Promise.all(coql), Promise.all(simple)]);
    expect(coqlReplies.filter((r) => r.status === 429)).toHaveLength(2);
    expect(simpleReplies.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('frees a slot when the call finishes', async () => {
    sim.control.setEdition('free');
    for (let i = 0; i < 8; i++) expect((await api.get('/Accounts?fields=Account_Name&per_page=1')).status).toBe(200);
  });
});

describe('credits', () => {
  it('sends X-API-CREDITS-REMAINING once half the budget is used', async () => {
    sim.control.setCredits({ budget: 100, used: 48 });
    const below = await api.get('/Accounts?fields=Account_Name&per_page=1');
    expect(below.headers.get('x-api-credits-remaining')).toBeNull();
    const half = await api.get('/Accounts?fields=Account_Name&per_page=1');
    expect(half.headers.get('x-api-credits-remaining')).toBe('50');
    const next = await api.get('/Accounts?fields=Account_Name&per_page=1');
    expect(next.headers.get('x-api-credits-remaining')).toBe('49');
  });

  it('answers 429 when the 24-hour budget is spent, and frees credits 24 hours later', async () => {
    sim.control.setCredits({ budget: 100, used: 98 });
    expect((await api.get('/Accounts?fields=Account_Name&per_page=1')).status).toBe(200);
    // COQL with LIMIT 2000 costs 3 credits: more than the 1 left.
    const coql = await api.coql('select id from Accounts where id is not null limit 2000');
    expect([coql.status, coql.json]).toEqual([429, TOO_MANY]);
    const last = await api.get('/Accounts?fields=Account_Name&per_page=1');
    expect(last.headers.get('x-api-credits-remaining')).toBe('0');
    const spent = await api.get('/Accounts?fields=Account_Name&per_page=1');
    expect([spent.status, spent.json]).toEqual([429, TOO_MANY]);
    expect(spent.headers.get('retry-after')).toBeNull();
    expect(sim.control.counters().rejected.credits).toBe(2);
    sim.control.advanceTime(24 * 3600_000 + 1);
    api = client(sim, await accessToken(sim));
    expect((await api.get('/Accounts?fields=Account_Name&per_page=1')).status).toBe(200);
  });

  it('charges writes 1 credit per 10 records', async () => {
    const data = Array.from({ length: 25 }, (_, i) => ({ id: String(4876876000000400001n + BigInt(i)), Customer_Tier: 'standard' }));
    const r = await api.send('PUT', '/Accounts', { data });
    expect(r.status).toBe(200);
    expect(sim.control.counters().creditsUsed).toBe(3);
  });
});
