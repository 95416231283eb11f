/**
 * What every request carries: the bindings, the dependencies the app was built with, the request
 * id, and (on /v1 routes) the caller.
 */
import type { Context } from 'hono';
import type { Connector } from './connectors/types.ts';
import type { Env, Settings } from './env.ts';

export type Role = 'reader' | 'admin';

export interface Principal {
  tenant: string;
  role: Role;
  keyId: string;
  name: string;
  /** SHA-256 of the presented key: what rate limits count by (never the key itself). */
  keyHash: string;
}

export type LogLevel = 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

export interface Deps {
  /** The clock (epoch ms); tests move it to cross TTLs without sleeping. */
  now: () => number;
  /** The worker's version, reported by /health and the OpenAPI document. */
  version: string;
  /** Connectors that replace the registry for every tenant (tests: a CRM that fails or counts calls). */
  connectors?: Readonly<Record<string, Connector>>;
  log: Logger;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    deps: Deps;
    settings: Settings;
    requestId: string;
    principal: Principal;
  };
}

export type AppContext = Context<AppEnv>;

/** Background work that must outlive the response; runs inline where there is no execution context. */
export function waitUntil(c: AppContext, work: Promise<unknown>): void {
  const guarded = work.catch((e) =>
    c.var.deps.log('error', 'background work failed', { error: describeError(e), requestId: c.var.requestId }),
  );
  try {
    c.executionCtx.waitUntil(guarded);
  } catch {
    // app.request() without an execution context: the promise still runs, nobody waits for it.
  }
}

/** An error as a log field: name and message only, never request data or secrets. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`.slice(0, 500);
  return String(e).slice(0, 200);
}
