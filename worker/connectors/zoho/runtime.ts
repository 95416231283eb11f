/**
 * What the Zoho connector takes from its surroundings, injectable for tests and the benchmark:
 * fetch, the clock, sleeping (backoff) and randomness (jitter), and the per-request timeout.
 */
import { ConnectorError } from '../types.ts';

export interface Runtime {
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  /** Epoch ms, for token expiry. */
  clock: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1). */
  random: () => number;
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
    requestTimeoutMs: options.requestTimeoutMs ?? 8_000,
  };
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError');
}

/** Sleeps; an abort of `signal` becomes a timeout ConnectorError. */
export async function sleepFor(rt: Runtime, ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await rt.sleep(ms, signal);
  } catch (e) {
    if (signal?.aborted || isAbort(e))
      throw new ConnectorError('zoho', 'timeout', 'The request was cancelled while waiting to retry Zoho', { cause: e });
    throw e;
  }
}

/**
 * fetch with the per-attempt timeout and the caller's signal. A timeout or abort becomes
 * ConnectorError 'timeout'; a network failure 'unavailable'. The response body is read by the
 * caller under the same signal.
 */
export async function timedFetch(
  rt: Runtime,
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
      throw new ConnectorError(
        'zoho',
        'timeout',
        `No answer from ${what} within ${timeout.aborted ? `${rt.requestTimeoutMs} ms` : 'the request’s time'}`,
        {
          cause: e,
        },
      );
    }
    throw new ConnectorError('zoho', 'unavailable', `Could not reach ${what}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** Reads a body; an abort while reading becomes a timeout. */
export async function readText(res: Response, what: string): Promise<string> {
  try {
    return await res.text();
  } catch (e) {
    if (isAbort(e)) throw new ConnectorError('zoho', 'timeout', `${what} stopped answering mid-response`, { cause: e });
    throw new ConnectorError('zoho', 'unavailable', `${what} broke off the response: ${e instanceof Error ? e.message : String(e)}`, {
      cause: e,
    });
  }
}
