// The CRM-independent pieces in worker/connectors/common: the sliding-window rate limiter,
// backoff with jitter, and the single-flight token cache over the connector store.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay } from '../../worker/connectors/common/backoff.ts';
import { RateLimitWaitTooLong, SlidingWindowLimiter } from '../../worker/connectors/common/rate-limiter.ts';
import { defaultSleep } from '../../worker/connectors/common/runtime.ts';
import {
  fingerprint,
  type Minted,
  resetTokenCaches,
  TokenCache,
  type TokenCacheOptions,
} from '../../worker/connectors/common/token-cache.ts';
import { ConnectorError } from '../../worker/connectors/types.ts';
import { connectorStore } from '../../worker/store/connector-state.ts';
import { SECRETS_KEY } from './helpers.ts';
import { memoryKv } from './memory-kv.ts';

/** A manual clock; sleeping moves it (sleepers share one timeline). */
function fakeTime(start = 1_000_000) {
  let now = start;
  return {
    clock: () => now,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      const wake = now + ms;
      await Promise.resolve();
      if (signal?.aborted) throw signal.reason;
      now = Math.max(now, wake);
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('SlidingWindowLimiter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets 60 calls through per 20 s and queues the rest first come, first served', async () => {
    // Real timers, faked: sleeps end in order of their wake time, each at its own moment.
    vi.useFakeTimers({ now: 1_000_000 });
    const limiter = new SlidingWindowLimiter({ limit: 60, windowMs: 20_000, clock: () => Date.now(), sleep: defaultSleep });
    const start = Date.now();
    const went: number[] = [];
    const all = Promise.all(
      Array.from({ length: 150 }, async (_, i) => {
        await limiter.acquire('k');
        went[i] = Date.now() - start;
      }),
    );
    await vi.advanceTimersByTimeAsync(50_000);
    await all;
    expect(went.slice(0, 60).every((x) => x === 0)).toBe(true);
    expect(went.slice(60, 120).every((x) => x === 20_000)).toBe(true);
    expect(went.slice(120).every((x) => x === 40_000)).toBe(true);
    // In any 20 s, at most 60.
    const sorted = [...went].sort((a, b) => a - b);
    for (let i = 60; i < sorted.length; i++) expect((sorted[i] as number) - (sorted[i - 60] as number)).toBeGreaterThanOrEqual(20_000);
  });

  it('keeps keys apart and forgets calls older than the window', async () => {
    const t = fakeTime();
    const limiter = new SlidingWindowLimiter({ limit: 2, windowMs: 1_000, clock: t.clock, sleep: t.sleep });
    await limiter.acquire('a');
    await limiter.acquire('a');
    expect(limiter.delayFor('a')).toBe(1_000);
    expect(limiter.delayFor('b')).toBe(0);
    t.advance(1_000);
    expect(limiter.delayFor('a')).toBe(0);
  });

  it('refuses a wait longer than maxWaitMs without taking a slot, and gives back the slot of an aborted waiter', async () => {
    const t = fakeTime();
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 1_000, clock: t.clock, sleep: t.sleep });
    await limiter.acquire('k');
    await expect(limiter.acquire('k', { maxWaitMs: 500 })).rejects.toBeInstanceOf(RateLimitWaitTooLong);
    expect(limiter.delayFor('k')).toBe(1_000);
    const abort = new AbortController();
    const waiting = limiter.acquire('k', { signal: abort.signal });
    abort.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(limiter.delayFor('k')).toBe(1_000);
  });
});

describe('backoffDelay', () => {
  it('is uniform below min(cap, base * 2^attempt)', () => {
    const policy = { baseMs: 300, maxMs: 4_000 };
    expect(backoffDelay(0, policy, () => 0.999)).toBe(299);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(600);
    expect(backoffDelay(10, policy, () => 0.999)).toBe(3_996);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
  });

  it('with equal jitter, lies in the upper half of the same ceiling', () => {
    const policy = { baseMs: 400, maxMs: 3_000, jitter: 'equal' as const };
    expect(backoffDelay(0, policy, () => 0)).toBe(200);
    expect(backoffDelay(0, policy, () => 0.999)).toBe(400);
    expect(backoffDelay(1, policy, () => 0.5)).toBe(600);
    expect(backoffDelay(5, policy, () => 0)).toBe(1_500);
    expect(backoffDelay(5, policy, () => 1)).toBe(3_000);
  });
});

describe('TokenCache', () => {
  beforeEach(() => resetTokenCaches());

  function setup(
    opts: {
      mint?: (n: number) => Promise<Minted<string>>;
      memoKey?: string;
      kv?: ReturnType<typeof memoryKv>;
      t?: ReturnType<typeof fakeTime>;
      policy?: Pick<TokenCacheOptions<string>, 'budget' | 'pause' | 'ttlSeconds'>;
    } = {},
  ) {
    const t = opts.t ?? fakeTime();
    const kv = opts.kv ?? memoryKv(t.clock);
    let calls = 0;
    const cache = new TokenCache<string>({
      crm: 'test',
      store: connectorStore(kv.kv, SECRETS_KEY, 'acme', 'test'),
      name: 'token',
      memoKey: opts.memoKey ?? 'acme',
      fingerprint: 'fp',
      identity: (v) => v,
      mint: async () => {
        calls++;
        if (opts.mint) return opts.mint(calls);
        await t.sleep(10);
        return { value: `tok${calls}`, expiresAt: t.clock() + 7_200_000, refreshAt: t.clock() + 6_600_000 };
      },
      clock: t.clock,
      sleep: t.sleep,
      budget: { max: 3, windowMs: 60_000 },
      lease: { ms: 15_000, waitMs: 3_000, pollMs: 250 },
      ...opts.policy,
    });
    return { cache, t, kv, calls: () => calls };
  }

  it('mints once for concurrent callers and serves the token until refreshAt', async () => {
    const s = setup();
    expect(await Promise.all(Array.from({ length: 20 }, () => s.cache.get()))).toEqual(Array(20).fill('tok1'));
    expect(s.calls()).toBe(1);
    s.t.advance(6_600_000 - 1);
    expect(await s.cache.get()).toBe('tok1');
    s.t.advance(1);
    expect(await s.cache.get()).toBe('tok2');
  });

  it('replaces a refused token once, however many callers report it', async () => {
    const s = setup();
    await s.cache.get();
    expect(await Promise.all(Array.from({ length: 10 }, () => s.cache.get(undefined, 'tok1')))).toEqual(Array(10).fill('tok2'));
    expect(s.calls()).toBe(2);
  });

  it('shares the token through the store: another isolate reads it instead of minting', async () => {
    const a = setup({ memoKey: 'isolate-a' });
    await a.cache.get();
    const b = setup({ memoKey: 'isolate-b', kv: a.kv, t: a.t });
    expect(await b.cache.get()).toBe('tok1');
    expect(b.calls()).toBe(0);
  });

  it('waits for the token of an isolate holding the lease instead of minting a second one', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    try {
      const t = { clock: () => Date.now(), sleep: defaultSleep, advance: () => undefined };
      const kv = memoryKv(t.clock);
      const a = setup({
        memoKey: 'isolate-a',
        kv,
        t,
        mint: () =>
          new Promise((resolve) => {
            setTimeout(() => resolve({ value: 'fromA', expiresAt: Date.now() + 7_200_000, refreshAt: Date.now() + 6_600_000 }), 1_000);
          }),
      });
      const b = setup({ memoKey: 'isolate-b', kv, t });
      const first = a.cache.get();
      await vi.advanceTimersByTimeAsync(10);
      const second = b.cache.get();
      await vi.advanceTimersByTimeAsync(2_000);
      expect(await first).toBe('fromA');
      expect(await second).toBe('fromA');
      expect(b.calls()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('repeats a credentials refusal for a minute without calling, and stops at its mint budget', async () => {
    const refused = setup({
      mint: async () => {
        throw new ConnectorError('test', 'auth', 'bad secret');
      },
    });
    await expect(refused.cache.get()).rejects.toThrow('bad secret');
    await expect(refused.cache.get()).rejects.toThrow('bad secret');
    expect(refused.calls()).toBe(1);
    resetTokenCaches();
    const busy = setup();
    for (let i = 1; i <= 3; i++) expect(await busy.cache.get(undefined, `tok${i - 1}`)).toBe(`tok${i}`);
    await expect(busy.cache.get(undefined, 'tok3')).rejects.toMatchObject({ kind: 'rate_limited' });
    expect(busy.calls()).toBe(3);
  });

  it('takes a CRM’s own policy: failures that do not count, its budget message, its pause and the error repeated in it', async () => {
    let outcome: 'ok' | 'auth' | 'denied' = 'auth';
    const s = setup({
      mint: async (n) => {
        if (outcome === 'auth') throw new ConnectorError('test', 'auth', 'bad secret');
        if (outcome === 'denied') throw new ConnectorError('test', 'rate_limited', 'Access Denied');
        return { value: `tok${n}`, expiresAt: s.t.clock() + 7_200_000, refreshAt: s.t.clock() + 6_600_000 };
      },
      policy: {
        budget: { max: 2, windowMs: 60_000, countFailures: false, message: (n, wait) => `${n} tokens; next in ${wait} s` },
        pause: {
          after: (e) => (e.kind === 'rate_limited' ? 600_000 : undefined),
          error: (f, now) => new ConnectorError('test', 'rate_limited', `paused ${(f.until - now) / 1000} s`),
        },
      },
    });
    // Refused credentials neither pause nor count: each call asks again.
    for (let i = 0; i < 3; i++) await expect(s.cache.get()).rejects.toThrow('bad secret');
    expect(s.calls()).toBe(3);
    outcome = 'ok';
    expect(await s.cache.get()).toBe('tok4');
    expect(await s.cache.get(undefined, 'tok4')).toBe('tok5');
    await expect(s.cache.get(undefined, 'tok5')).rejects.toThrow('2 tokens; next in 60 s');
    expect(s.calls()).toBe(5);
    // "Access Denied" pauses token calls; the pause's own error is repeated without calling.
    s.t.advance(60_000);
    outcome = 'denied';
    await expect(s.cache.get(undefined, 'tok5')).rejects.toThrow('Access Denied');
    s.t.advance(100_000);
    await expect(s.cache.get(undefined, 'tok5')).rejects.toThrow('paused 500 s');
    expect(s.calls()).toBe(6);
    // The token minted before the pause is still served while it lasts.
    expect(await s.cache.get()).toBe('tok5');
  });

  it('fingerprints credentials with a short digest', async () => {
    expect(await fingerprint(['a', 'b'])).toMatch(/^[0-9a-f]{16}$/);
    expect(await fingerprint(['a', 'b'])).toBe(await fingerprint(['a', 'b']));
    expect(await fingerprint(['a', 'b'])).not.toBe(await fingerprint(['b', 'a']));
  });
});
