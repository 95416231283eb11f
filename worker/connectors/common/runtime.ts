/**
 * What a CRM client takes from its surroundings, injectable for tests: fetch, the clock,
 * sleeping (backoff, rate limiting), randomness (jitter, trace ids) and the per-attempt timeout,
 * plus the fetch / read / sleep wrappers that turn aborts and network failures into
 * ConnectorErrors of the right kind (of the CRM passed in). CRM-independent.
 */
import { ConnectorError } from '../types.ts';

export interface Runtime {
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  /** Epoch ms (token expiry, rate windows). */
  clock: () => number;
  /** Resolves after `ms`; rejects with the signal's reason when it aborts first. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1). */
  random: () => number;
  /** A fresh RFC 4122 v4 UUID. */
  uuid: () => string;
  /** Each HTTP attempt gives up after this long. */
  requestTimeoutMs: number;
}

export type RuntimeOptions = Partial<Runtime>;

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function runtime(options: RuntimeOptions = {}): Runtime {
  return {
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    clock: options.clock ?? (() => Date.now()),
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    uuid: options.uuid ?? (() => crypto.randomUUID()),
    requestTimeoutMs: options.requestTimeoutMs ?? 8_000,
  };
}

export function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError');
}

/** Sleeps; an abort of `signal` becomes a timeout ConnectorError. */
export async function sleepFor(rt: Runtime, crm: string, ms: number, signal: AbortSignal | undefined, what: string): Promise<void> {
  try {
    await rt.sleep(ms, signal);
  } catch (e) {
    if (signal?.aborted || isAbort(e)) throw new ConnectorError(crm, 'timeout', `The request was cancelled while ${what}`, { cause: e });
    throw e;
  }
}

/**
 * fetch with the per-attempt timeout and the caller's signal. A timeout or abort becomes
 * ConnectorError 'timeout'; a network failure 'unavailable'.
 */
export async function timedFetch(
  rt: Runtime,
  crm: string,
  url: string,
  init: RequestInit,
  signal: AbortSignal | undefined,
  what: string,
): Promise<Response> {
  const timeout = AbortSignal.timeout(rt.requestTimeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    return await rt.fetch(url, { ...init, signal: combined });
  } catch (e) {
    if (combined.aborted || isAbort(e)) {
      const limit = timeout.aborted ? `${rt.requestTimeoutMs} ms` : 'the request’s time';
      throw new ConnectorError(crm, 'timeout', `No answer from ${what} within ${limit}`, { cause: e });
    }
    throw new ConnectorError(crm, 'unavailable', `Could not reach ${what}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** Reads a body; an abort while reading becomes a timeout. */
export async function readText(res: Response, crm: string, what: string): Promise<string> {
  try {
    return await res.text();
  } catch (e) {
    if (isAbort(e)) throw new ConnectorError(crm, 'timeout', `${what} stopped answering mid-response`, { cause: e });
    throw new ConnectorError(crm, 'unavailable', `${what} broke off the response: ${e instanceof Error ? e.message : String(e)}`, {
      cause: e,
    });
  }
}
