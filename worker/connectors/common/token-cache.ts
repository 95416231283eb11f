/**
 * One access token per tenant, shared by every request, minted by one caller at a time.
 *
 * - Per isolate: the token is kept in memory, and concurrent callers that need a new one share
 *   one mint (a single promise per key): 20 requests arriving with an expired token cause one
 *   token call, not 20.
 * - Across isolates: the token is kept in the tenant's connector store (KV) until `refreshAt`,
 *   so other isolates pick it up instead of minting; a minting isolate takes a short lease in
 *   the store, and an isolate that sees someone else's live lease waits briefly for that token.
 *   KV is eventually consistent, so the lease narrows the race rather than closing it; a strict
 *   "never concurrently" needs a Durable Object.
 * - A mint budget (at most `budget.max` mints per `budget.windowMs`, recorded in the stored
 *   record) keeps a misconfiguration that makes every token look bad from hammering the
 *   token endpoint.
 * - A pause: after the endpoint refuses in a way that more calls cannot mend (by default bad
 *   credentials, 'auth'), the refusal is kept in the record and repeated without calling until
 *   the pause ends.
 *
 * CRM-independent: the Fxiaoke client uses the defaults; Zoho's TokenManager (zoho/oauth.ts) sets
 * its own budget, message and "Access Denied" pause through `budget` and `pause`.
 */
import { ConnectorError, type ConnectorErrorKind, type ConnectorStore } from '../types.ts';

/** A short fingerprint of credentials (a SHA-256 prefix, hex): a record of other credentials is ignored. */
export async function fingerprint(parts: readonly string[]): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(parts.join('\u0000')));
  return [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface Minted<T> {
  value: T;
  /** Epoch ms after which the token no longer works. */
  expiresAt: number;
  /** Epoch ms from which a new token should be fetched (before `expiresAt`). */
  refreshAt: number;
}

/** A refusal of the token endpoint that pauses token calls: no new call before `until`. */
export interface TokenFailure {
  kind: ConnectorErrorKind;
  message: string;
  /** Epoch ms. */
  until: number;
}

/** What the store keeps: the token, the recent mint attempts, and the last refusal. */
interface StoredState<T> {
  /** Identifies the credentials: a record of other credentials is ignored. */
  fp: string;
  token?: Minted<T>;
  /** Times of token calls within the budget window (failed ones too, unless `budget.countFailures` is false). */
  mints: number[];
  /** The token endpoint refused: no new call before `until` (the error is repeated). */
  failure?: TokenFailure;
}

interface Lease {
  holder: string;
  until: number;
}

export interface TokenCacheOptions<T> {
  crm: string;
  store: ConnectorStore;
  /** Store entry name, e.g. `token`. */
  name: string;
  /** Per-isolate key: tenant plus a fingerprint of the credentials. */
  memoKey: string;
  /** Fingerprint of the credentials (kept with the stored token). */
  fingerprint: string;
  /** The token's identity, to compare with a token the CRM refused. */
  identity: (value: T) => string;
  /** One call to the CRM's token endpoint. */
  mint: (signal: AbortSignal | undefined) => Promise<Minted<T>>;
  clock: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Seal the stored token (default true). */
  secret?: boolean;
  budget?: {
    max: number;
    windowMs: number;
    /** Failed token calls count too (default true). */
    countFailures?: boolean;
    /** The message when the budget is spent (default: a generic one). */
    message?: (count: number, waitSeconds: number) => string;
  };
  lease?: { ms: number; waitMs: number; pollMs: number };
  pause?: {
    /**
     * How long (ms) to make no token call after a call failed with `error`; undefined or 0: no
     * pause. Default: a minute after the endpoint refused the credentials ('auth').
     */
    after?: (error: ConnectorError) => number | undefined;
    /** The error thrown while paused; `now` is epoch ms (default: the refusal, repeated as it was). */
    error?: (failure: TokenFailure, now: number) => ConnectorError;
  };
  /** KV time to live of the stored record, seconds (default: the token's lifetime, at least an hour). */
  ttlSeconds?: number;
}

const memo = new Map<string, Minted<unknown>>();
const flights = new Map<string, Promise<Minted<unknown>>>();

/** Forget every in-memory token and flight (tests). */
export function resetTokenCaches(): void {
  memo.clear();
  flights.clear();
}

const DEFAULT_LEASE = { ms: 15_000, waitMs: 3_000, pollMs: 250 };
const DEFAULT_PAUSE_AFTER = (e: ConnectorError) => (e.kind === 'auth' ? 60_000 : undefined);

export class TokenCache<T> {
  private readonly o: TokenCacheOptions<T>;
  /** The memo and flight key: the CRM and the caller's key, so CRMs never share an entry. */
  private readonly key: string;
  private readonly holder = `h${Math.random().toString(36).slice(2, 12)}`;
  /** Token calls made by this cache (tests count them). */
  mints = 0;

  constructor(options: TokenCacheOptions<T>) {
    this.o = options;
    this.key = `${options.crm}\u0000${options.memoKey}`;
  }

  /**
   * A usable token. `reject` is the identity of a token the CRM just refused: it is not handed
   * out again from memory or the store; a fresh mint is returned even if the CRM hands the same
   * token back (the caller decides what a second refusal means).
   */
  async get(signal?: AbortSignal, reject?: string): Promise<T> {
    const now = this.o.clock();
    const m = memo.get(this.key) as Minted<T> | undefined;
    if (m && this.usable(m, now, reject)) return m.value;
    let flight = flights.get(this.key) as Promise<Minted<T>> | undefined;
    if (!flight) {
      flight = this.refresh(reject, signal).finally(() => flights.delete(this.key));
      flights.set(this.key, flight as Promise<Minted<unknown>>);
    }
    return (await flight).value;
  }

  /** Forget the token in memory (the stored one stays until it is replaced). */
  forget(): void {
    memo.delete(this.key);
  }

  private usable(t: Minted<T>, now: number, reject: string | undefined): boolean {
    return now < t.refreshAt && now < t.expiresAt && (reject === undefined || this.o.identity(t.value) !== reject);
  }

  private async refresh(reject: string | undefined, signal: AbortSignal | undefined): Promise<Minted<T>> {
    const { store, name, fingerprint, crm } = this.o;
    const secret = this.o.secret ?? true;
    const lease = this.o.lease ?? DEFAULT_LEASE;
    const read = async () => {
      const r = await store.get<StoredState<T>>(name, { secret });
      return r && r.fp === fingerprint ? r : null;
    };
    const ready = (s: StoredState<T> | null): Minted<T> | undefined =>
      s?.token && this.usable(s.token, this.o.clock(), reject) ? s.token : undefined;
    let state = await read();
    const cached = ready(state);
    if (cached) return this.remember(cached);
    // A refusal is repeated at once, without waiting on another isolate's lease.
    this.throwIfPaused(state);

    const held = await store.get<Lease>(`${name}-lease`);
    if (held && held.holder !== this.holder && held.until > this.o.clock()) {
      // Another isolate is minting: wait a little for its token rather than call the endpoint too.
      for (let waited = 0; waited < lease.waitMs; waited += lease.pollMs) {
        await this.o.sleep(lease.pollMs, signal);
        state = await read();
        const theirs = ready(state);
        if (theirs) return this.remember(theirs);
      }
    }
    this.throwIfPaused(state);
    const now = this.o.clock();
    const budget = this.o.budget;
    const recent = (state?.mints ?? []).filter((t) => budget === undefined || t > now - budget.windowMs);
    if (budget && recent.length >= budget.max) {
      const wait = Math.max(1, Math.ceil(((recent[0] as number) + budget.windowMs - now) / 1000));
      const message =
        budget.message?.(recent.length, wait) ??
        `TierLens asked for ${recent.length} access tokens for this tenant within ${Math.round(budget.windowMs / 1000)} s, the most it allows itself; the next one in ${wait} s`;
      throw new ConnectorError(crm, 'rate_limited', message, { retryAfter: wait });
    }
    const countFailures = budget?.countFailures ?? true;
    const mints = [...recent, now];
    await store.put(`${name}-lease`, { holder: this.holder, until: now + lease.ms } satisfies Lease, { ttlSeconds: 60 });
    try {
      this.mints++;
      let minted: Minted<T>;
      try {
        minted = await this.o.mint(signal);
      } catch (e) {
        const pauseMs = e instanceof ConnectorError ? (this.o.pause?.after ?? DEFAULT_PAUSE_AFTER)(e) : undefined;
        // Nothing new to record when failures neither count nor pause.
        if (countFailures || pauseMs) {
          const next: StoredState<T> = {
            fp: fingerprint,
            mints: countFailures ? mints : recent,
            ...(state?.token ? { token: state.token } : {}),
          };
          if (pauseMs && e instanceof ConnectorError) next.failure = { kind: e.kind, message: e.message, until: this.o.clock() + pauseMs };
          await store.put(name, next, { secret, ttlSeconds: this.o.ttlSeconds ?? 3_600 });
        }
        throw e;
      }
      const ttlSeconds = this.o.ttlSeconds ?? Math.max(3_600, Math.ceil((minted.expiresAt - this.o.clock()) / 1000));
      await store.put(name, { fp: fingerprint, mints, token: minted } satisfies StoredState<T>, { secret, ttlSeconds });
      return this.remember(minted);
    } finally {
      await store.delete(`${name}-lease`);
    }
  }

  /** Throws while a recorded refusal pauses token calls. */
  private throwIfPaused(state: StoredState<T> | null): void {
    const now = this.o.clock();
    const failure = state?.failure;
    if (!failure || failure.until <= now) return;
    throw this.o.pause?.error?.(failure, now) ?? new ConnectorError(this.o.crm, failure.kind, failure.message);
  }

  private remember(t: Minted<T>): Minted<T> {
    const copy: Minted<T> = { value: t.value, expiresAt: t.expiresAt, refreshAt: t.refreshAt };
    memo.set(this.key, copy as Minted<unknown>);
    return copy;
  }
}
