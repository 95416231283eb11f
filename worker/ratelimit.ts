/**
 * Requests per API key per minute: a fixed one-minute window per key hash, counted in this
 * isolate's memory. Cloudflare runs many isolates (one or more per location), so the limit holds
 * per isolate, not globally: it stops a runaway client hammering one location, which is its
 * purpose. A global limit would need the Workers Rate Limiting binding or a Durable Object.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';

const WINDOW_MS = 60_000;

export function rateLimiter(): MiddlewareHandler<AppEnv> {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const limit = c.var.settings.rateLimitPerMinute;
    const now = c.var.deps.now();
    const start = now - (now % WINDOW_MS);
    const key = c.var.principal.keyHash;
    let w = windows.get(key);
    if (!w || w.start !== start) {
      if (windows.size > 10_000) for (const [k, v] of windows) if (v.start !== start) windows.delete(k);
      w = { start, count: 0 };
      windows.set(key, w);
    }
    w.count++;
    const remaining = Math.max(0, limit - w.count);
    const reset = Math.max(1, Math.ceil((start + WINDOW_MS - now) / 1000));
    if (w.count > limit) {
      throw new ApiError('rate_limited', `Rate limit of ${limit} requests per minute exceeded; retry in ${reset} s`, {
        headers: {
          'Retry-After': String(reset),
          'RateLimit-Limit': String(limit),
          'RateLimit-Remaining': '0',
          'RateLimit-Reset': String(reset),
        },
      });
    }
    await next();
    c.header('RateLimit-Limit', String(limit));
    c.header('RateLimit-Remaining', String(remaining));
    c.header('RateLimit-Reset', String(reset));
  };
}
