/**
 * Test helpers inside workerd. `call` goes through the deployed entry (`exports.default.fetch`);
 * `harness` builds an app with injected dependencies (a clock to move, connectors that fail or
 * count) and waits for its background work (`waitUntil`) after every request.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { createApp } from '../../worker/app.ts';
import { createApiKey } from '../../worker/auth.ts';
import type { Connector } from '../../worker/connectors/types.ts';
import type { Role } from '../../worker/context.ts';
import type { Env } from '../../worker/env.ts';

export const BASE = 'http://tierlens.test';
export const READER = 'demo-reader';
export const ADMIN = 'demo-admin';

export interface CallInit {
  method?: string;
  key?: string | null;
  body?: unknown;
  /** Sent as is (not JSON-encoded). */
  rawBody?: BodyInit;
  headers?: Record<string, string>;
}

export function request(path: string, init: CallInit = {}): Request {
  const headers = new Headers(init.headers);
  if (init.key !== null) headers.set('authorization', `Bearer ${init.key ?? READER}`);
  let body: BodyInit | undefined = init.rawBody;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  return new Request(BASE + path, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
}

/** Through the worker's default export, as production serves it. */
export function call(path: string, init: CallInit = {}): Promise<Response> {
  return exports.default.fetch(request(path, init));
}

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely; a wrong field fails the assertion
export async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export interface Harness {
  call(path: string, init?: CallInit): Promise<Response>;
  clock: { now: number };
  advance(ms: number): void;
}

export function harness(options: { connectors?: Record<string, Connector>; env?: Partial<Env>; startAt?: number } = {}): Harness {
  const clock = { now: options.startAt ?? Date.parse('2026-11-23T09:00:00Z') };
  const app = createApp({ now: () => clock.now, connectors: options.connectors, log: () => undefined });
  const testEnv = { ...env, ...options.env } as Env;
  return {
    clock,
    advance: (ms) => {
      clock.now += ms;
    },
    async call(path, init = {}) {
      const ctx = createExecutionContext();
      const res = await app.fetch(request(path, init), testEnv, ctx);
      await waitOnExecutionContext(ctx);
      return res;
    },
  };
}

export async function newKey(tenant: string, role: Role, name = `${role} key`): Promise<string> {
  const { key } = await createApiKey(env.TL_KV, tenant, role, name, Date.now());
  return key;
}

/** Wraps a connector, counting calls per method. */
export function counting(inner: Connector) {
  const calls = { getAccount: 0, getAccounts: 0, listAccounts: 0, idsRequested: [] as string[][] };
  const connector: Connector = {
    id: inner.id,
    getAccount: (id, ctx) => {
      calls.getAccount++;
      return inner.getAccount(id, ctx);
    },
    getAccounts: (ids, ctx) => {
      calls.getAccounts++;
      calls.idsRequested.push([...ids]);
      return inner.getAccounts(ids, ctx);
    },
    listAccounts: (ctx, cursor) => {
      calls.listAccounts++;
      return inner.listAccounts(ctx, cursor);
    },
  };
  return { connector, calls };
}
