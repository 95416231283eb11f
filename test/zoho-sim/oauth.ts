/**
 * The accounts server: `POST {accounts}/oauth/v2/token` (zoho.md §1).
 *
 * - refresh_token grant -> `{access_token, api_domain, token_type:"Bearer", expires_in:3600}`; the
 *   authorization_code grant adds `refresh_token`. Parameters come from the query string or an
 *   x-www-form-urlencoded body (multipart form-data is not parsed here).
 * - Errors arrive with HTTP 200 and only an `error` key: `invalid_code` (bad or revoked refresh
 *   token or grant code), `invalid_client` (wrong client id or secret, or the wrong DC); the
 *   token-endpoint rate limit is `{"error_description":...,"error":"Access Denied","status":"failure"}`
 *   with HTTP 400. Both statuses are switchable, as zoho.md asks.
 * - "Up to ten access tokens in a span of ten minutes" per refresh token; past that, creation is
 *   blocked for the rest of the window (a sliding 10-minute window here).
 * - At most 30 live access tokens per refresh token (zoho.md §1, from the PDF-editor/Recruit docs);
 *   what happens to the 31st is undocumented: here the oldest live token is revoked (a guess).
 * - Access tokens live 1 hour on the simulator clock.
 */

import type { Rng } from '../sim-kit/rng.ts';
import { HOUR_MS, MINUTE_MS, type SimClock } from '../sim-kit/time.ts';
import type { DataCentre } from './dc.ts';
import type { UserRef } from './store.ts';

export const TOKEN_LIFETIME_MS = HOUR_MS;
export const MINT_WINDOW_MS = 10 * MINUTE_MS;
export const MINTS_PER_WINDOW = 10;
export const LIVE_TOKENS_PER_REFRESH_TOKEN = 30;

/** Full access to what the simulator serves. */
export const ALL_SCOPES = [
  'ZohoCRM.modules.ALL',
  'ZohoCRM.coql.READ',
  'ZohoCRM.notifications.ALL',
  'ZohoCRM.org.READ',
  'ZohoCRM.settings.fields.READ',
];

export type TokenErrorKind = 'invalid_code' | 'invalid_client' | 'invalid_client_secret' | 'access_denied';

export const ACCESS_DENIED_BODY = {
  error_description: 'You have made too many requests continuously. Please try again after some time.',
  error: 'Access Denied',
  status: 'failure',
} as const;

interface RefreshToken {
  token: string;
  clientId: string;
  scopes: string[];
  user: UserRef;
  mints: number[];
  revoked: boolean;
}

export interface AccessToken {
  token: string;
  refreshToken: string;
  dc: DataCentre;
  scopes: string[];
  user: UserRef;
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
}

interface GrantCode {
  code: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

export interface TokenResponse {
  status: number;
  body: Record<string, unknown>;
}

export interface TokenFault {
  kind: TokenErrorKind;
  status?: 200 | 400;
}

export class OAuthServer {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
  /** HTTP status for invalid_code / invalid_client (zoho.md: usually 200). */
  invalidStatus: 200 | 400 = 200;
  /** HTTP status for "Access Denied" (zoho.md: 400). */
  accessDeniedStatus: 200 | 400 = 400;
  mints = 0;
  readonly faults: TokenFault[] = [];

  private readonly refreshTokens = new Map<string, RefreshToken>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly grantCodes = new Map<string, GrantCode>();
  private readonly rng: Rng;
  private readonly clock: SimClock;
  private readonly orgDc: DataCentre;
  private readonly apiDomain: (dc: DataCentre) => string;
  private readonly user: UserRef;

  constructor(opts: { rng: Rng; clock: SimClock; dc: DataCentre; apiDomain: (dc: DataCentre) => string; user: UserRef }) {
    this.rng = opts.rng;
    this.clock = opts.clock;
    this.orgDc = opts.dc;
    this.apiDomain = opts.apiDomain;
    this.user = opts.user;
    // Zoho client ids are "1000." + 30 upper-case alphanumerics; secrets are 42 hex-ish characters.
    this.clientId = `1000.${this.rng.hex(30).toUpperCase()}`;
    this.clientSecret = this.rng.hex(42);
    this.refreshToken = this.issueRefreshToken(ALL_SCOPES);
  }

  /** A new refresh token for the seeded client (e.g. with fewer scopes, to provoke OAUTH_SCOPE_MISMATCH). */
  issueRefreshToken(scopes: readonly string[]): string {
    const token = `1000.${this.rng.hex(32)}.${this.rng.hex(32)}`;
    this.refreshTokens.set(token, { token, clientId: this.clientId, scopes: [...scopes], user: this.user, mints: [], revoked: false });
    return token;
  }

  /** A one-time grant code for the authorization_code grant (lives 10 minutes). */
  issueGrantCode(scopes: readonly string[] = ALL_SCOPES): string {
    const code = `1000.${this.rng.hex(32)}.${this.rng.hex(32)}`;
    this.grantCodes.set(code, {
      code,
      clientId: this.clientId,
      scopes: [...scopes],
      expiresAt: this.clock.now() + 10 * MINUTE_MS,
      used: false,
    });
    return code;
  }

  /** `POST {accounts}/oauth/v2/token/revoke?token=<refresh_token>`: the refresh token and its access tokens die. */
  revoke(token: string): boolean {
    const rt = this.refreshTokens.get(token);
    if (rt) {
      rt.revoked = true;
      for (const at of this.accessTokens.values()) if (at.refreshToken === token) at.revoked = true;
      return true;
    }
    const at = this.accessTokens.get(token);
    if (at) at.revoked = true;
    return at !== undefined;
  }

  /** Force every access token issued so far to be expired (the fault "force access-token expiry"). */
  expireAll(): void {
    const now = this.clock.now();
    for (const at of this.accessTokens.values()) at.expiresAt = Math.min(at.expiresAt, now);
  }

  liveAccessTokens(refreshToken = this.refreshToken): number {
    const now = this.clock.now();
    return [...this.accessTokens.values()].filter((t) => t.refreshToken === refreshToken && !t.revoked && t.expiresAt > now).length;
  }

  /** Look up the token of an API call; `undefined` when unknown, expired, revoked or minted for another DC. */
  validate(token: string, dc: DataCentre): AccessToken | undefined {
    const at = this.accessTokens.get(token);
    if (!at || at.revoked || at.dc !== dc || at.expiresAt <= this.clock.now()) return undefined;
    return at;
  }

  handleToken(dc: DataCentre, params: URLSearchParams): TokenResponse {
    const injected = this.faults.shift();
    if (injected) return this.error(injected.kind, injected.status);
    const grantType = params.get('grant_type');
    const clientId = params.get('client_id');
    const clientSecret = params.get('client_secret');
    // The client is registered in the org's DC only: another DC's accounts server does not know it.
    if (!clientId || clientId !== this.clientId || dc !== this.orgDc) return this.error('invalid_client');
    if (clientSecret !== this.clientSecret) return this.error('invalid_client');
    if (grantType === 'refresh_token') {
      const rt = this.refreshTokens.get(params.get('refresh_token') ?? '');
      if (!rt || rt.revoked || rt.clientId !== clientId) return this.error('invalid_code');
      return this.mint(rt, dc, false);
    }
    if (grantType === 'authorization_code') {
      const grant = this.grantCodes.get(params.get('code') ?? '');
      if (!grant || grant.used || grant.expiresAt <= this.clock.now()) return this.error('invalid_code');
      grant.used = true;
      const rt = this.refreshTokens.get(this.issueRefreshToken(grant.scopes));
      if (!rt) return this.error('invalid_code');
      return this.mint(rt, dc, true);
    }
    // Not documented for Zoho; the OAuth 2.0 standard error, with Zoho's HTTP-200 habit.
    return { status: this.invalidStatus, body: { error: 'unsupported_grant_type' } };
  }

  private mint(rt: RefreshToken, dc: DataCentre, withRefresh: boolean): TokenResponse {
    const now = this.clock.now();
    rt.mints = rt.mints.filter((t) => t > now - MINT_WINDOW_MS);
    if (rt.mints.length >= MINTS_PER_WINDOW) return this.error('access_denied');
    rt.mints.push(now);
    const live = [...this.accessTokens.values()]
      .filter((t) => t.refreshToken === rt.token && !t.revoked && t.expiresAt > now)
      .sort((a, b) => a.issuedAt - b.issuedAt);
    for (const old of live.slice(0, Math.max(0, live.length - LIVE_TOKENS_PER_REFRESH_TOKEN + 1))) old.revoked = true;
    const token = `1000.${this.rng.hex(32)}.${this.rng.hex(32)}`;
    this.accessTokens.set(token, {
      token,
      refreshToken: rt.token,
      dc,
      scopes: rt.scopes,
      user: rt.user,
      issuedAt: now,
      expiresAt: now + TOKEN_LIFETIME_MS,
      revoked: false,
    });
    this.mints += 1;
    const body: Record<string, unknown> = {
      access_token: token,
      ...(withRefresh ? { refresh_token: rt.token } : {}),
      api_domain: this.apiDomain(dc),
      token_type: 'Bearer',
      expires_in: TOKEN_LIFETIME_MS / 1000,
    };
    return { status: 200, body };
  }

  private error(kind: TokenErrorKind, status?: 200 | 400): TokenResponse {
    if (kind === 'access_denied') return { status: status ?? this.accessDeniedStatus, body: { ...ACCESS_DENIED_BODY } };
    return { status: status ?? this.invalidStatus, body: { error: kind } };
  }
}
