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
 *
 * CRM-independent. `worker/connectors/zoho/oauth.ts` (TokenManager) implements the same
 * scheme for Zoho alone, with Zoho's "Access Denied" pause on top; it can move onto this module.
 */
import { ConnectorError, type ConnectorErrorKind, type ConnectorStore } from '../types.ts';

export interface Minted<T> {
  value: T;
  /** Epoch ms after which the token no longer works. */
  expiresAt: number;
  /** Epoch ms from which a new token should be fetched (before `expiresAt`). */
  refreshAt: number;
}

/** What the store keeps: the token, the recent mint attempts, and the last refusal. */
interface StoredState<T> {
  /** Identifies the credentials: a record of other credentials is ignored. */
  fp: string;
  token?: Minted<T>;
  /** Times of token calls within the budget window (failed ones too). */
  mints: number[];
  /** The token endpoint refused the credentials: no new call before `until` (the error is repeated). */
  failure?: { kind: ConnectorErrorKind; message: string; until: number };
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
  budget?: { max: number; windowMs: number };
  lease?: { ms: number; waitMs: number; pollMs: number };
  /** After the endpoint refuses the credentials ('auth'), repeat that error without calling for this long (default 60 s). */
  failurePauseMs?: number;
}

const memo = new Map<string, Minted<unknown>>();
const flights = new Map<string, Promise<Minted<unknown>>>();

/** Forget every in-memory token and flight (tests). */
export function resetTokenCaches(): void {
  memo.clear();
  flights.clear();
}

const DEFAULT_LEASE = { ms: 15_000, waitMs: 3_000, pollMs: 250 };

export class TokenCache<T> {
  private readonly o: TokenCacheOptions<T>;
  private readonly holder = `h${Math.random().toString(36).slice(2, 12)}`;
  /** Token calls made by this cache (tests count them). */
  mints = 0;

  constructor(options: TokenCacheOptions<T>) {
    this.o = options;
  }

  /**
   * A usable token. `reject` is the identity of a token the CRM just refused: it is not handed
   * out again from memory or the store; a fresh mint is returned even if the CRM hands the same
   * token back (the caller decides what a second refusal means).
   */
  async get(signal?: AbortSignal, reject?: string): Promise<T> {
    const now = this.o.clock();
    const m = memo.get(this.o.memoKey) as Minted<T> | undefined;
    if (m && this.usable(m, now, reject)) return m.value;
    let flight = flights.get(this.o.memoKey) as Promise<Minted<T>> | undefined;
    if (!flight) {
      flight = this.refresh(reject, signal).finally(() => flights.delete(this.o.memoKey));
      flights.set(this.o.memoKey, flight as Promise<Minted<unknown>>);
    }
    return (await flight).value;
  }

  /** Forget the token in memory (the stored one stays until it is replaced). */
  forget(): void {
    memo.delete(this.o.memoKey);
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
    const now = this.o.clock();
    if (state?.failure && state.failure.until > now) throw new ConnectorError(crm, state.failure.kind, state.failure.message);
    const budget = this.o.budget;
    const recent = (state?.mints ?? []).filter((t) => budget === undefined || t > now - budget.windowMs);
    if (budget && recent.length >= budget.max) {
      const wait = Math.max(1, Math.ceil(((recent[0] as number) + budget.windowMs - now) / 1000));
      throw new ConnectorError(
        crm,
        'rate_limited',
        `TierLens asked for ${recent.length} access tokens for this tenant within ${Math.round(budget.windowMs / 1000)} s, the most it allows itself; the next one in ${wait} s`,
        { retryAfter: wait },
      );
    }
    const mints = [...recent, now];
    await store.put(`${name}-lease`, { holder: this.holder, until: now + lease.ms } satisfies Lease, { ttlSeconds: 60 });
    try {
      this.mints++;
      let minted: Minted<T>;
      try {
        minted = await this.o.mint(signal);
      } catch (e) {
        const next: StoredState<T> = { fp: fingerprint, mints, ...(state?.token ? { token: state.token } : {}) };
        if (e instanceof ConnectorError && e.kind === 'auth') {
          next.failure = { kind: e.kind, message: e.message, until: this.o.clock() + (this.o.failurePauseMs ?? 60_000) };
        }
        await store.put(name, next, { secret, ttlSeconds: 3_600 });
        throw e;
      }
      const ttlSeconds = Math.max(3_600, Math.ceil((minted.expiresAt - this.o.clock()) / 1000));
      await store.put(name, { fp: fingerprint, mints, token: minted } satisfies StoredState<T>, { secret, ttlSeconds });
      return this.remember(minted);
    } finally {
      await store.delete(`${name}-lease`);
    }
  }

  private remember(t: Minted<T>): Minted<T> {
    const copy: Minted<T> = { value: t.value, expiresAt: t.expiresAt, refreshAt: t.refreshAt };
    memo.set(this.o.memoKey, copy as Minted<unknown>);
    return copy;
  }
}
