/**
 * Zoho access tokens from a refresh token (zoho.md §1): `POST {accounts}/oauth/v2/token` with
 * `grant_type=refresh_token`; the answer names the API host (`api_domain`) and lives an hour.
 *
 * Zoho blocks a refresh token that mints more than ten access tokens in ten minutes, so minting
 * is rationed by the CRM-independent TokenCache (common/token-cache.ts):
 * - per isolate, one refresh at a time per tenant (a shared promise) and the token kept in memory;
 * - across isolates, the token is kept in the tenant's connector store (KV, encrypted) until five
 *   minutes before it expires, and a refresher takes a short lease there; an isolate that finds
 *   someone else's live lease waits briefly for that token instead of minting its own (KV is
 *   eventually consistent, so the lease narrows the race rather than closing it);
 * - a mint ledger in the stored record: at most MINT_BUDGET mints per ten minutes (failed token
 *   requests do not count), and after Zoho's "Access Denied" no token request at all for ten
 *   minutes (more requests prolong it). These two are the Zoho policy passed to the cache.
 *
 * Token errors often come with HTTP 200 and only an `error` key; each becomes a ConnectorError
 * whose message tells an admin what to fix.
 */
import { type Runtime, readText, sleepFor, timedFetch } from '../common/runtime.ts';
import { fingerprint, resetTokenCaches, TokenCache } from '../common/token-cache.ts';
import { normaliseBaseUrl } from '../common/url.ts';
import { ConnectorError, type ConnectorStore } from '../types.ts';
import { isRealApiDomain, ZOHO_DCS, type ZohoDc } from './hosts.ts';

export const CRM = 'zoho';
/** What a cancelled wait (a retry's backoff, another isolate's token) says it was doing. */
export const RETRY_WAIT = 'waiting to retry Zoho';
/** Renew this long before Zoho's expiry. */
export const EXPIRY_SKEW_MS = 5 * 60_000;
export const MINT_WINDOW_MS = 10 * 60_000;
/** Zoho allows ten; two are left for a person testing with the same refresh token. */
export const MINT_BUDGET = 8;
const ACCESS_DENIED_PAUSE_MS = 10 * 60_000;
/** The scopes TierLens needs, for messages. */
export const ZOHO_SCOPES = 'ZohoCRM.modules.READ,ZohoCRM.coql.READ,ZohoCRM.org.READ,ZohoCRM.notifications.ALL';

export interface AccessToken {
  token: string;
  apiDomain: string;
  expiresAt: number;
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

/** Forget the in-memory tokens (tests). */
export function resetTokenMemo(): void {
  resetTokenCaches();
}

const auth = (message: string) => new ConnectorError(CRM, 'auth', message);

export class TokenManager {
  private cache: Promise<TokenCache<AccessToken>> | undefined;
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

  /** The tenant's token cache (built once: the fingerprint of the refresh token needs a digest). */
  private tokens(): Promise<TokenCache<AccessToken>> {
    this.cache ??= (async () => {
      const fp = await fingerprint([this.cfg.clientId, this.cfg.refreshToken]);
      return new TokenCache<AccessToken>({
        crm: CRM,
        store: this.cfg.store,
        name: 'oauth',
        memoKey: `${this.cfg.tenant}\u0000${fp}`,
        fingerprint: fp,
        identity: (t) => t.token,
        mint: async (signal) => {
          const t = await this.mint(signal);
          return { value: t, expiresAt: t.expiresAt, refreshAt: t.expiresAt - EXPIRY_SKEW_MS };
        },
        clock: this.rt.clock,
        sleep: (ms, signal) => sleepFor(this.rt, CRM, ms, signal, RETRY_WAIT),
        budget: {
          max: MINT_BUDGET,
          windowMs: MINT_WINDOW_MS,
          countFailures: false,
          message: (count, wait) =>
            `TierLens minted ${count} Zoho access tokens for this tenant in the last ten minutes; Zoho blocks a refresh token at ten, so the next is minted in ${wait} s`,
        },
        pause: {
          // "Access Denied" is the only rate_limited answer of the token endpoint.
          after: (e) => (e.kind === 'rate_limited' ? ACCESS_DENIED_PAUSE_MS : undefined),
          error: (failure, now) => this.accessDenied(failure.until - now),
        },
        ttlSeconds: 86_400,
      });
    })();
    return this.cache;
  }

  /**
   * A live access token. `reject` names a token the API just refused (INVALID_TOKEN): it is not
   * handed out again, even if it looks unexpired.
   */
  async get(signal?: AbortSignal, reject?: string): Promise<AccessToken> {
    const cache = await this.tokens();
    for (let round = 0; round < 2; round++) {
      const t = await cache.get(signal, reject);
      // A refresh that started before the token was refused may hand back that same token.
      if (t.token !== reject) return t;
    }
    throw new ConnectorError(CRM, 'auth', 'Zoho refused a freshly minted access token (INVALID_TOKEN)');
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
      CRM,
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
      },
      signal,
      'the Zoho accounts server',
    );
    const text = await readText(res, CRM, 'The Zoho accounts server');
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
