/**
 * Zoho access tokens from a refresh token (zoho.md §1): `POST {accounts}/oauth/v2/token` with
 * `grant_type=refresh_token`; the answer names the API host (`api_domain`) and lives an hour.
 *
 * Zoho blocks a refresh token that mints more than ten access tokens in ten minutes, so minting
 * is rationed three ways:
 * - per isolate, one refresh at a time per tenant (a shared promise) and the token kept in memory;
 * - across isolates, the token is kept in the tenant's connector store (KV, encrypted) until five
 *   minutes before it expires, and a refresher takes a short lease there; an isolate that finds
 *   someone else's live lease waits briefly for that token instead of minting its own (KV is
 *   eventually consistent, so the lease narrows the race rather than closing it);
 * - a mint ledger in the stored record: at most MINT_BUDGET mints per ten minutes, and after
 *   Zoho's "Access Denied" no token request at all for ten minutes (more requests prolong it).
 *
 * Token errors often come with HTTP 200 and only an `error` key; each becomes a ConnectorError
 * whose message tells an admin what to fix.
 */
import { ConnectorError, type ConnectorStore } from '../types.ts';
import { isRealApiDomain, normaliseBaseUrl, ZOHO_DCS, type ZohoDc } from './hosts.ts';
import { type Runtime, readText, sleepFor, timedFetch } from './runtime.ts';

export const CRM = 'zoho';
/** Renew this long before Zoho's expiry. */
export const EXPIRY_SKEW_MS = 5 * 60_000;
export const MINT_WINDOW_MS = 10 * 60_000;
/** Zoho allows ten; two are left for a person testing with the same refresh token. */
export const MINT_BUDGET = 8;
const LEASE_MS = 15_000;
const LEASE_WAIT_MS = 3_000;
const LEASE_POLL_MS = 250;
const ACCESS_DENIED_PAUSE_MS = 10 * 60_000;
/** The scopes TierLens needs, for messages. */
export const ZOHO_SCOPES = 'ZohoCRM.modules.READ,ZohoCRM.coql.READ,ZohoCRM.org.READ,ZohoCRM.notifications.ALL';

export interface AccessToken {
  token: string;
  apiDomain: string;
  expiresAt: number;
}

interface TokenRecord extends AccessToken {
  /** Which refresh token minted it (a hash prefix): a new refresh token starts afresh. */
  fp: string;
  /** When tokens were minted (epoch ms), within the last ten minutes. */
  mints: number[];
  /** No token requests before this time (after Zoho's Access Denied). */
  pausedUntil?: number;
}

interface Lease {
  holder: string;
  until: number;
}

export interface OAuthConfig {
  tenant: string;
  dc: ZohoDc;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Development override of the accounts server. */
  accountsUrl?: string;
  /** Development override of the API base (otherwise the token response's api_domain). */
  apiDomain?: string;
  allowDevHosts: boolean;
  store: ConnectorStore;
}

// Per isolate: the last token per tenant and refresh token, and the refresh in flight.
const memo = new Map<string, AccessToken>();
const flights = new Map<string, Promise<AccessToken>>();

/** Forget the in-memory tokens (tests). */
export function resetTokenMemo(): void {
  memo.clear();
  flights.clear();
}

const auth = (message: string) => new ConnectorError(CRM, 'auth', message);

export class TokenManager {
  private readonly holder = `h${Math.random().toString(36).slice(2, 12)}`;
  private fingerprint: Promise<string> | undefined;
  /** Token requests sent by this manager (tests and the benchmark count them). */
  mintRequests = 0;

  private readonly cfg: OAuthConfig;
  private readonly rt: Runtime;

  constructor(cfg: OAuthConfig, rt: Runtime) {
    this.cfg = cfg;
    this.rt = rt;
  }

  get accountsUrl(): string {
    return this.cfg.accountsUrl ?? ZOHO_DCS[this.cfg.dc].accounts;
  }

  private fp(): Promise<string> {
    this.fingerprint ??= (async () => {
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${this.cfg.clientId}\u0000${this.cfg.refreshToken}`));
      return [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
    })();
    return this.fingerprint;
  }

  private async memoKey(): Promise<string> {
    return `${this.cfg.tenant}\u0000${await this.fp()}`;
  }

  /**
   * A live access token. `reject` names a token the API just refused (INVALID_TOKEN): it is not
   * handed out again, even if it looks unexpired.
   */
  async get(signal?: AbortSignal, reject?: string): Promise<AccessToken> {
    const key = await this.memoKey();
    for (let round = 0; round < 2; round++) {
      const m = memo.get(key);
      if (m && m.token !== reject && m.expiresAt - EXPIRY_SKEW_MS > this.rt.clock()) return m;
      let flight = flights.get(key);
      if (!flight) {
        flight = this.refresh(key, reject, signal).finally(() => flights.delete(key));
        flights.set(key, flight);
      }
      const t = await flight;
      // A refresh that started before the token was refused may hand back that same token.
      if (t.token !== reject) return t;
    }
    throw new ConnectorError(CRM, 'auth', 'Zoho refused a freshly minted access token (INVALID_TOKEN)');
  }

  /** The stored token when it is usable: this refresh token's, not refused, not about to expire. */
  private usable(r: TokenRecord | null, fp: string, reject: string | undefined): TokenRecord | null {
    return r !== null && r.fp === fp && r.token !== reject && r.expiresAt - EXPIRY_SKEW_MS > this.rt.clock() ? r : null;
  }

  private async refresh(key: string, reject: string | undefined, signal: AbortSignal | undefined): Promise<AccessToken> {
    const fp = await this.fp();
    const { store } = this.cfg;
    let record = await store.get<TokenRecord>('oauth', { secret: true });
    if (record && record.fp !== fp) record = null;
    const stored = this.usable(record, fp, reject);
    if (stored) return this.remember(key, stored);
    const now = this.rt.clock();
    if (record?.pausedUntil && record.pausedUntil > now) throw this.accessDenied(record.pausedUntil - now);

    const lease = await store.get<Lease>('oauth-lease');
    if (lease && lease.holder !== this.holder && lease.until > now) {
      // Another isolate is minting: wait a little for its token rather than mint a second one.
      for (let waited = 0; waited < LEASE_WAIT_MS; waited += LEASE_POLL_MS) {
        await sleepFor(this.rt, LEASE_POLL_MS, signal);
        const theirs = this.usable(await store.get<TokenRecord>('oauth', { secret: true }), fp, reject);
        if (theirs) return this.remember(key, theirs);
      }
    }
    await store.put('oauth-lease', { holder: this.holder, until: now + LEASE_MS } satisfies Lease, { ttlSeconds: 60 });
    try {
      const recent = (record?.mints ?? []).filter((t) => t > now - MINT_WINDOW_MS);
      if (recent.length >= MINT_BUDGET) {
        const wait = Math.ceil(((recent[0] as number) + MINT_WINDOW_MS - now) / 1000);
        throw new ConnectorError(
          CRM,
          'rate_limited',
          `TierLens minted ${recent.length} Zoho access tokens for this tenant in the last ten minutes; Zoho blocks a refresh token at ten, so the next is minted in ${wait} s`,
          { retryAfter: wait },
        );
      }
      let minted: AccessToken;
      try {
        minted = await this.mint(signal);
      } catch (e) {
        if (e instanceof ConnectorError && e.kind === 'rate_limited') {
          const paused: TokenRecord = {
            ...(record ?? { token: '', apiDomain: '', expiresAt: 0, fp, mints: [] }),
            pausedUntil: now + ACCESS_DENIED_PAUSE_MS,
          };
          await store.put('oauth', paused, { secret: true, ttlSeconds: 86_400 });
        }
        throw e;
      }
      const next: TokenRecord = { ...minted, fp, mints: [...recent, now] };
      await store.put('oauth', next, { secret: true, ttlSeconds: 86_400 });
      return this.remember(key, minted);
    } finally {
      await store.delete('oauth-lease');
    }
  }

  private remember(key: string, t: AccessToken): AccessToken {
    const token: AccessToken = { token: t.token, apiDomain: t.apiDomain, expiresAt: t.expiresAt };
    memo.set(key, token);
    return token;
  }

  private accessDenied(waitMs: number): ConnectorError {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    return new ConnectorError(
      CRM,
      'rate_limited',
      `Zoho's accounts server refused new access tokens ("Access Denied": too many token requests). It clears after 10 to 30 minutes without token requests; TierLens pauses them for this tenant for another ${seconds} s`,
      { retryAfter: seconds },
    );
  }

  /** One token request. */
  private async mint(signal: AbortSignal | undefined): Promise<AccessToken> {
    const url = `${this.accountsUrl}/oauth/v2/token`;
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: this.cfg.clientId,
      client_secret: this.cfg.clientSecret,
      refresh_token: this.cfg.refreshToken,
    });
    this.mintRequests++;
    const res = await timedFetch(
      this.rt,
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
      },
      signal,
      'the Zoho accounts server',
    );
    const text = await readText(res, 'The Zoho accounts server');
    let body: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      body = null;
    }
    const error = typeof body?.error === 'string' ? body.error : undefined;
    if (error !== undefined) throw this.tokenError(error, res.status);
    if (res.status >= 500) throw new ConnectorError(CRM, 'unavailable', `The Zoho accounts server answered HTTP ${res.status}`);
    if (!body)
      throw new ConnectorError(CRM, 'bad_response', `The Zoho accounts server answered HTTP ${res.status} with a body that is not JSON`);
    if (res.status >= 400) throw auth(`The Zoho accounts server refused the token request (HTTP ${res.status})`);
    const token = body.access_token;
    if (typeof token !== 'string' || token.length === 0) {
      throw new ConnectorError(CRM, 'bad_response', 'The Zoho token response has no access_token');
    }
    return { token, apiDomain: this.apiDomainOf(body), expiresAt: this.rt.clock() + expiresInSeconds(body) * 1000 };
  }

  private apiDomainOf(body: Record<string, unknown>): string {
    if (this.cfg.apiDomain) {
      if (!this.cfg.allowDevHosts) throw devHostsRefused('apiDomain');
      return this.cfg.apiDomain;
    }
    const raw = typeof body.api_domain === 'string' ? body.api_domain : ZOHO_DCS[this.cfg.dc].api;
    const normal = normaliseBaseUrl(raw);
    if (normal && (isRealApiDomain(normal) || this.cfg.allowDevHosts)) return normal;
    throw new ConnectorError(CRM, 'bad_response', `The Zoho token response names an API host that is not Zoho's (${raw.slice(0, 100)})`);
  }

  private tokenError(error: string, status: number): ConnectorError {
    const dc = `"${this.cfg.dc}" (${ZOHO_DCS[this.cfg.dc].label})`;
    switch (error) {
      case 'invalid_code':
        return auth(
          `Zoho rejected the refresh token (invalid_code): it was revoked, or it belongs to another client or data centre. Generate a new one (self client, scopes ${ZOHO_SCOPES}) and save it with PUT /v1/connectors/zoho (secrets.refreshToken)`,
        );
      case 'invalid_client':
        return auth(
          `Zoho does not know this client (invalid_client): check secrets.clientId and secrets.clientSecret, and that the data centre ${dc} is the one the Zoho org and the client were created in`,
        );
      case 'invalid_client_secret':
        return auth('Zoho rejected the client secret (invalid_client_secret): check secrets.clientSecret');
      case 'Access Denied':
        return this.accessDenied(ACCESS_DENIED_PAUSE_MS);
      default:
        return auth(`Zoho refused the token request (HTTP ${status}, error "${error.slice(0, 100)}")`);
    }
  }
}

/** `expires_in` is seconds; older answers sent milliseconds there and seconds in `expires_in_sec` (zoho.md §1). */
export function expiresInSeconds(body: Record<string, unknown>): number {
  const sec = Number(body.expires_in_sec);
  if (Number.isFinite(sec) && sec > 0) return sec;
  const raw = Number(body.expires_in);
  if (!Number.isFinite(raw) || raw <= 0) return 3600;
  return raw > 86_400 ? Math.floor(raw / 1000) : raw;
}

export function devHostsRefused(setting: string): ConnectorError {
  return auth(
    `settings.${setting} points the Zoho connector at a non-production host, which this deployment does not allow (ALLOW_DEV_CRM_HOSTS is off); remove it and set settings.dc instead`,
  );
}
